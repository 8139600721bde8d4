#pragma once

#include <kivals/core/qty.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kivals::lightspeed {

// Which Lightspeed path family the client speaks (the `api.version` setting).
enum class ApiFamily {
    v2026_07, // /api/2026-07/...: POST /inventory reads, relative stock adjustments
    v2_0,     // /api/2.0/... reads, absolute writes through PUT /api/2.1/products/{id}
};

// Parse "2026-07" or "2.0"; nullopt otherwise.
std::optional<ApiFamily> parse_api_family(std::string_view text);

// Return the family's setting value ("2026-07").
std::string_view api_family_name(ApiFamily family);

// The store account (GET /retailer): a cheap check of URL and token.
struct Retailer {
    std::string id;
    std::string name;
    std::string domain_prefix;
    std::string currency;
    std::string time_zone;
};

// One outlet (shop) of the store.
struct Outlet {
    std::string id;
    std::string name;
    std::string time_zone;
    std::optional<std::string> deleted_at;
    std::int64_t version = 0;
};

// One Lightspeed product row; every variant is its own product.
struct Product {
    std::string id;
    std::string name;
    std::optional<std::string> variant_name;
    std::optional<std::string> sku;
    std::optional<std::string> barcode; // the first EAN/UPC/ISBN/ITF/JAN product code
    std::optional<std::string> handle;
    std::optional<std::string> variant_parent_id;
    bool has_inventory = true;
    bool is_composite = false;
    bool active = true;
    std::optional<std::string> deleted_at;
    std::int64_t version = 0;

    // Return true when kivals may link and sync it: tracked, not composite, not deleted.
    bool linkable() const { return has_inventory && !is_composite && !deleted_at; }
};

// One inventory record: the level of one product at one outlet.
struct InventoryRecord {
    std::string id;
    std::string product_id;
    std::string outlet_id;
    Qty level;
    std::optional<std::string> deleted_at;
    std::int64_t version = 0;
};

// The sign a custom adjustment reason allows.
enum class ReasonType { positive, negative };

// A custom inventory adjustment reason (2026-07).
struct CustomReason {
    std::string id;
    std::string name;
    ReasonType type = ReasonType::negative;
    bool enabled = true;
    std::int64_t version = 0;
};

// One item of a relative stock adjustment batch (2026-07, reason CUSTOM).
struct StockAdjustmentItem {
    std::string product_id;
    std::string outlet_id;
    Qty quantity; // signed delta; its sign must match the reason's type
    std::string custom_reason_id;
};

// One created stock adjustment, as the server answered it.
struct StockAdjustment {
    std::string id;
    std::string product_id;
    std::string outlet_id;
    Qty quantity;
    std::string reason;
    std::optional<std::string> custom_reason_id;
    std::string created_at;
    std::int64_t version = 0; // the adjustment's version, not the inventory record's
};

// A webhook registration.
struct Webhook {
    std::string id;
    std::string type; // "inventory.update", "product.update", ...
    std::string url;
    bool active = true;
};

// What to register (or change a registration to): all three fields are required.
struct WebhookRequest {
    std::string type;
    std::string url;
    bool active = true;
};

} // namespace kivals::lightspeed
