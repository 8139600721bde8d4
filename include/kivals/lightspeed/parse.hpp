#pragma once

#include <kivals/core/qty.hpp>
#include <kivals/lightspeed/types.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kivals::lightspeed {

// Pure readers of Lightspeed JSON. Numbers may arrive as JSON numbers or as strings
// ("200.00000"); both are accepted. Records without the fields kivals relies on raise
// ApiError(bad_response).

// Read an integer given as a number or a numeric string; nullopt for null/absent/other.
std::optional<std::int64_t> read_int64(const nlohmann::json& value);

// Read a quantity given as a number or a numeric string; nullopt for null/absent/other.
std::optional<Qty> read_qty(const nlohmann::json& value);

// Write a quantity as Lightspeed does: an integer when whole, else a double.
nlohmann::json qty_json(Qty q);

// Read a boolean given as true/false, 0/1 or "true"/"false"/"1"/"0".
std::optional<bool> read_bool(const nlohmann::json& value);

// Return `object[key]` as a string, or nullopt when absent, null or empty.
std::optional<std::string> read_text(const nlohmann::json& object, std::string_view key);

// Read one record of each kind.
Product parse_product(const nlohmann::json& row);
Outlet parse_outlet(const nlohmann::json& row);
Retailer parse_retailer(const nlohmann::json& row);
InventoryRecord parse_inventory(const nlohmann::json& row);
Webhook parse_webhook(const nlohmann::json& row);
CustomReason parse_custom_reason(const nlohmann::json& row);
StockAdjustment parse_stock_adjustment(const nlohmann::json& row);

// Return the first barcode-like product code (EAN, UPC, ISBN, ITF, JAN) of a product row.
std::optional<std::string> first_barcode(const nlohmann::json& product_codes);

// Return `body["data"]`, failing with bad_response when the envelope is missing.
const nlohmann::json& data_of(const nlohmann::json& body, std::string_view what);

} // namespace kivals::lightspeed
