#pragma once

#include <kivals/core/qty.hpp>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

// The rows of the simulated store (what Store keeps in memory), named apart from the
// program's own model (include/kivals/sync/model.hpp) and Lightspeed's JSON (views.hpp).
namespace kivals::lssim {

// An outlet (a shop); outlets are fixed at start.
struct Outlet {
    std::string id;
    std::string name;
    std::string tax_id;
    std::string time_zone;
    std::string city;
    std::int64_t version = 0;
};

// One product row: a standalone product, a family parent or one variant.
struct Product {
    std::string id;
    std::string name;         // family name, shared by the variants
    std::string variant_name; // "Name / Red" for variants, the name otherwise
    std::string option_value; // the variant option value ("Red"), empty when none
    std::string handle;
    std::string sku;
    std::string barcode;
    std::string variant_parent_id;
    std::int64_t created_at = 0; // unix seconds
    std::int64_t updated_at = 0;
    std::int64_t deleted_at = 0; // 0 = not deleted
    std::int64_t version = 0;
    std::int64_t inv_base = -1;     // index of the first of its inventory records, one per outlet
    std::int32_t variant_count = 0; // on a family parent: the number of variant rows
    double price = 0;
    double supply_price = 0;
    bool active = true;
    bool has_inventory = true;
    bool is_composite = false;
    bool has_variants = false;
    std::vector<std::pair<std::uint32_t, double>> bom; // composite components: (product, qty)
};

// One inventory record: the level of a product at an outlet.
struct InvRecord {
    std::uint32_t product = 0;
    std::uint32_t outlet = 0;
    Qty level;
    Qty reorder_point;
    Qty reorder_amount;
    double average_cost = 0;
    std::int64_t version = 0;
    std::int64_t hook_version = 0; // the version its last inventory.update carried
    bool deleted = false;
};

// A registered webhook.
struct Webhook {
    std::string id;
    std::string type;
    std::string url;
    bool active = true;
    bool by_token = true; // made through the API with the token, not by hand or another app
};

// A custom stock adjustment reason (2026-07).
struct CustomReason {
    std::string id;
    std::string name;
    std::string type; // POSITIVE or NEGATIVE
    bool enabled = true;
    std::int64_t created_at = 0;
    std::int64_t updated_at = 0;
    std::int64_t version = 0;
};

// A page of versioned rows: ascending or descending, bounded by after (exclusive) and
// before (inclusive; 0 = none).
struct PageQuery {
    std::int64_t after = 0;
    std::int64_t before = 0;
    std::size_t size = 1000;
    bool descending = false;
    bool include_deleted = false;
};

} // namespace kivals::lssim
