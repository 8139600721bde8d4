#pragma once

#include <kivals/core/expected.hpp>
#include <kivals/core/qty.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The webhook delivery format as pure functions: form decoding, the JSON depth guard and the
// fields kivals reads from Lightspeed's 1.0-shaped payloads. No I/O, clock or environment, so
// it is tested as tables and fuzzed.
namespace kivals::webhook {

// The webhook types kivals registers; the type comes from the URL, never from the delivery.
enum class EventType { product_update, inventory_update };

// Return the type named "product.update" or "inventory.update", else nullopt.
std::optional<EventType> parse_event_type(std::string_view name);

// Return the wire name of a type ("inventory.update").
std::string_view event_type_name(EventType type);

// Why a form field could not be read.
enum class FieldError { missing, bad_encoding };

// Return the decoded value of the first field `name` in an application/x-www-form-urlencoded
// body or a query string, or why it could not be read.
Expected<std::string, FieldError> form_field(std::string_view form, std::string_view name);

// Return true when `json` nests arrays and objects no deeper than `max_depth`. Scans the text
// without recursion (strings and escapes are skipped), so it is safe on hostile input and must
// run before a recursive parser sees the text.
bool json_depth_within(std::string_view json, int max_depth);

// Return true when `content_type` is application/x-www-form-urlencoded (parameters such as
// "; charset=UTF-8" allowed, case-insensitive).
bool is_form_content_type(std::string_view content_type);

// Why a delivery body was refused (each maps to 400 Bad Request in the intake).
enum class BodyError { no_payload, bad_encoding, too_deep, bad_json, not_object };

// Return a short English reason for a body error ("no payload field").
std::string_view body_error_text(BodyError error);

// Decode a delivery body: find the `payload` field, check its depth, parse it as a JSON
// object. Return the payload or why it was refused.
Expected<nlohmann::json, BodyError> decode_delivery(std::string_view form, int max_depth);

// A probe delivery (`kivals webhooks test`, doctor): an inventory.update whose payload is
// {"kivals_probe": NONCE}. It travels the real path (web server, intake, spool) and the queue
// recognises and ignores it.
// Return the form body of a probe delivery carrying `nonce`.
std::string probe_body(std::string_view nonce);
// Return the nonce when `payload` is a probe's, else nullopt.
std::optional<std::string> probe_nonce(const nlohmann::json& payload);

// The part of an `inventory.update` payload kivals acts on.
struct InventoryUpdate {
    std::string product_id;
    std::string outlet_id;
    Qty count;
    std::int64_t version = 0;
};

// The part of a `product.update` payload kivals keeps for linking.
struct ProductUpdate {
    std::string id;
    std::string name;
    std::optional<std::string> variant_name;
    std::optional<std::string> sku;
    std::optional<std::string> handle;
    std::optional<std::string> variant_parent_id;
    bool active = true;
    std::optional<std::string> deleted_at; // set when the product was soft-deleted
    std::optional<bool> has_inventory;
    std::optional<bool> is_composite;
    std::int64_t version = 0;
};

// Read an id, which Lightspeed may send as a string or a number; nullopt when absent or empty.
std::optional<std::string> json_id(const nlohmann::json& object, const char* key);

// Read a quantity sent as a number or a numeric string ("200.00000").
std::optional<Qty> json_qty(const nlohmann::json& object, const char* key);

// Read a version sent as an integer or an integer string; nullopt unless it is > 0.
std::optional<std::int64_t> json_version(const nlohmann::json& object, const char* key);

// Extract an inventory.update; the error says which field is missing or wrong.
Expected<InventoryUpdate, std::string> parse_inventory_update(const nlohmann::json& payload);

// Extract a product.update; the error says which field is missing or wrong.
Expected<ProductUpdate, std::string> parse_product_update(const nlohmann::json& payload);

} // namespace kivals::webhook
