#pragma once

#include "store_rows.hpp"

#include <kivals/lightspeed/parse.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// JSON shapes shared by both API families (2.0 and 2026-07) and the 1.0 webhook payloads.
namespace kivals::lssim {

// Read-only context a view needs beyond the row itself.
struct ViewContext {
    const std::vector<Outlet>& outlets;
    const std::vector<Product>& products;
    const std::vector<InvRecord>& inventory;
    const std::string& retailer_id;
};

// Format unix seconds as 2.0 time: "2026-11-27T20:48:05+00:00".
std::string time_20(std::int64_t secs);
// Format unix seconds as 1.0 time: "2026-11-27 20:48:05".
std::string time_10(std::int64_t secs);
// Quantities are written as Lightspeed writes them, by the client's own writer.
using lightspeed::qty_json;
// Derive the stable id of the inventory record of a product at an outlet.
std::string inventory_id(const Product& product, const Outlet& outlet);
// Derive a stable uuid-shaped id from two strings.
std::string derived_id(std::string_view a, std::string_view b);
// Return {"min":..,"max":..}, or nulls for an empty page.
nlohmann::json version_json(std::int64_t min, std::int64_t max);

// Build an outlet row.
nlohmann::json outlet_json(const Outlet& outlet);
// Build the retailer object.
nlohmann::json retailer_json(const std::string& retailer_id, const std::string& domain_prefix);
// Append a product row as JSON text, valid for both the 2.0 and 2026-07 Product schemas.
void append_product(std::string& out, const Product& product, const ViewContext& ctx);
// Build a product row (append_product, parsed).
nlohmann::json product_json(const Product& product, const ViewContext& ctx);
// Build a 2.0 inventory row (inventory_level, current_amount).
nlohmann::json inventory20_json(const InvRecord& rec, const ViewContext& ctx);
// Build a 2026-07 inventory row (current_inventory_level, deleted_at).
nlohmann::json inventory26_json(const InvRecord& rec, const ViewContext& ctx);
// Build a webhook object.
nlohmann::json webhook_json(const Webhook& hook, const ViewContext& ctx);
// Build a custom inventory adjustment reason object.
nlohmann::json reason_json(const CustomReason& reason);

// Build the 1.0 inventory.update payload for one record, carrying `version` (the store's
// WebhookVersions decides which counter it comes from).
nlohmann::json inventory_payload10(const InvRecord& rec, const ViewContext& ctx,
                                   std::int64_t version);
// Build the 1.0 product.update payload for one product.
nlohmann::json product_payload10(std::uint32_t product, const ViewContext& ctx);

} // namespace kivals::lssim
