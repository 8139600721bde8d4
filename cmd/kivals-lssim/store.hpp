#pragma once

#include "store_rows.hpp"
#include "version_index.hpp"
#include "views.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace kivals::lssim {

// Where a webhook delivery goes.
struct Target {
    std::string webhook_id;
    std::string url;
};

// A change to announce to webhooks: its type, the active targets and the 1.0 payload.
struct Event {
    std::string type;
    std::vector<Target> targets;
    std::string payload;
    std::string product_id;
    std::string outlet_id;
    std::int64_t version = 0;
};

// Receives events as the store makes changes (the delivery queue).
class EventSink {
public:
    virtual ~EventSink() = default;
    // Queue an event; must not call back into the store.
    virtual void publish(Event event) = 0;
};

// How a store operation ended; the routes map it to an HTTP status.
enum class Outcome { ok, created, not_found, conflict, invalid, bad_request };

// The outcome of an operation with its data or an error message.
struct Result {
    Outcome outcome = Outcome::ok;
    nlohmann::json data;
    std::string message;
};

// A page of inventory rows, with the records returned (for the race fault).
struct InventoryPage {
    nlohmann::json rows = nlohmann::json::array();
    std::int64_t min = 0;
    std::int64_t max = 0;
    std::vector<std::uint32_t> records;
};

// One details.inventory[] item of a product PUT.
struct InventorySet {
    std::string outlet_id;
    std::optional<Qty> current_amount;
    std::optional<Qty> reorder_point;
    std::optional<Qty> reorder_amount;
};

// One stock adjustment, already checked for shape (not for the rules).
struct AdjustmentItem {
    std::string product_id;
    std::string outlet_id;
    std::string quantity_text;
    Qty quantity;
    std::string reason;
    std::optional<std::string> custom_reason_id;
};

// Product fields set by the control endpoints (create, update, bulk load).
struct ProductFields {
    std::optional<std::string> id;
    std::optional<std::string> name;
    std::optional<std::string> sku;
    std::optional<bool> active;
    std::optional<bool> has_inventory;
    std::optional<Qty> level; // initial level at every outlet
};

// Which counter the `version` of an inventory.update payload comes from (API-NOTES.md §9.3:
// only inferred to be the record's). Each is monotonic per record:
//   same      the record's API version (the reading kivals was first written for);
//   larger    the API version plus 10^9: ahead of every read, yet within issue #10's bound;
//   smaller   a store-wide count of inventory events, from 1: behind every read;
//   unrelated a count per record from a fixed offset of its own in [0, 4*10^6): ahead of
//             the reads for some records, behind for others.
enum class WebhookVersions { same, larger, smaller, unrelated };

// The realities the documents leave open (API-NOTES.md §8.2, §9.3, §11), one switch each.
struct Realities {
    WebhookVersions hook_versions = WebhookVersions::same;
    // A stock adjustment batch with an invalid item: refused whole (atomic), or its valid
    // items applied and logged while the answer is still the 422 naming the invalid one.
    bool partial_batches = false;
    // GET /stock_adjustments lists the newest entries first (the sibling POST /inventory's
    // default) instead of the oldest.
    bool log_descending = false;
    // GET /webhooks (and get, update, delete) see only the webhooks made with the token, as
    // old Vend documents say; otherwise every webhook of the retailer.
    bool webhooks_scoped = false;
};

// The simulated retailer: outlets, products, inventory, webhooks and reasons behind one mutex,
// with one global version counter bumped on every mutation.
class Store {
public:
    // Make an empty store that announces changes to `sink`.
    Store(EventSink& sink, std::string domain_prefix, std::uint64_t seed, Realities realities = {});

    // Create `outlets` outlets and a realistic catalogue of `products` rows.
    void seed_catalogue(std::size_t products, std::size_t outlets);

    // Return the current global version.
    std::int64_t version() const;

    // List outlets as {data, version}.
    nlohmann::json outlets_page(const PageQuery& q) const;
    // Return one outlet row.
    std::optional<nlohmann::json> outlet(std::string_view id) const;
    // Return the retailer object.
    nlohmann::json retailer() const;
    // List products as {data, version} (JSON text).
    std::string products_page(const PageQuery& q) const;
    // List the non-deleted products with this SKU as {data, version} (JSON text).
    std::string products_by_sku(std::string_view sku) const;
    // Return one product row.
    std::optional<nlohmann::json> product(std::string_view id) const;
    // List inventory records in 2.0 or 2026-07 shape.
    InventoryPage inventory_page(const PageQuery& q, bool v26) const;
    // List one product's records (and its variants' when asked); nullopt when unknown.
    std::optional<InventoryPage> product_inventory(std::string_view product_id, const PageQuery& q,
                                                   bool variants, bool v26) const;

    // Apply a product PUT: absolute levels per outlet and an optional new name.
    Result put_product(std::string_view id, const std::vector<InventorySet>& sets,
                       const std::optional<std::string>& name);
    // Apply a batch of stock adjustments: all or nothing, or (partial_batches) the valid items
    // of a batch refused for an invalid one.
    Result adjust_stock(const std::vector<AdjustmentItem>& items);
    // List the stock adjustment log (the created adjustments, by version: ascending, or
    // descending with log_descending).
    nlohmann::json adjustments(const PageQuery& q) const;
    // List custom adjustment reasons as {data, version}, by version like every list.
    nlohmann::json reasons(const PageQuery& q) const;
    // Create a custom adjustment reason (conflict on a duplicate name).
    Result create_reason(const std::string& name, bool enabled, const std::string& type);
    // Update a custom adjustment reason's name or enabled flag.
    Result update_reason(std::string_view id, const std::optional<std::string>& name,
                         std::optional<bool> enabled);

    // List webhooks as {data}.
    nlohmann::json webhooks() const;
    // Create a webhook (conflict on a duplicate type and url, whoever made it); `by_token`
    // false: made by hand at the store's setup page or by another application.
    Result create_webhook(const std::string& type, const std::string& url, bool active,
                          bool by_token = true);
    // Return one webhook.
    Result get_webhook(std::string_view id) const;
    // Replace a webhook's type, url and active flag.
    Result update_webhook(std::string_view id, const std::string& type, const std::string& url,
                          bool active);
    // Delete a webhook.
    Result delete_webhook(std::string_view id);

    // Record a POS sale of `qty` (negative for a return) at an outlet ("" = the first).
    Result sale(std::string_view product_id, std::string_view outlet_id, Qty qty);
    // Record a POS sale of `qty` on one inventory record (the race fault).
    void sale_on_record(std::uint32_t record, Qty qty);
    // Return the true level of a product at an outlet.
    Result level(std::string_view product_id, std::string_view outlet_id) const;
    // Create a product from control fields.
    Result create_product(const ProductFields& fields);
    // Change a product's name, sku, active or tracking flag.
    Result update_product(std::string_view id, const ProductFields& fields);
    // Soft-delete a product.
    Result delete_product(std::string_view id);
    // Add many products (after dropping every product when `replace`).
    Result load_products(const std::vector<ProductFields>& rows, bool replace);
    // Summarise the state for the control API.
    nlohmann::json summary() const;

private:
    std::int64_t bump();
    std::string new_id();
    static std::int64_t now();
    ViewContext ctx() const;
    std::optional<std::uint32_t> find_product(std::string_view id) const;
    std::optional<std::uint32_t> find_outlet(std::string_view id) const;
    std::optional<std::uint32_t> record_of(std::uint32_t product, std::uint32_t outlet) const;
    // A new product from control-API fields (a fresh id when none is given), not yet added.
    Product product_from(const ProductFields& fields, std::string_view default_name);
    std::uint32_t add_product(Product p, std::optional<Qty> level);
    void add_records(std::uint32_t product, std::optional<Qty> level);
    void touch_product(std::uint32_t product);
    void touch_record(std::uint32_t record);
    void set_tracking(std::uint32_t product, bool tracked);
    void apply_sale(std::uint32_t product, std::uint32_t outlet, Qty qty,
                    std::vector<std::uint32_t>& changed);
    std::int64_t next_hook_version(std::uint32_t record);
    void emit_inventory(std::uint32_t record);
    void emit_product(std::uint32_t product);
    std::vector<Target> targets(std::string_view type) const;
    bool visible(const Webhook& h) const;
    Result check_adjustment(const AdjustmentItem& item, std::size_t index,
                            std::vector<std::uint32_t>& records) const;
    void clear_products();
    nlohmann::json apply_adjustment(const AdjustmentItem& item, std::uint32_t record,
                                    const std::string& stamp, std::vector<std::uint32_t>& changed);

    mutable std::mutex m_mutex;
    EventSink& m_sink;
    std::string m_domain_prefix;
    std::string m_retailer_id;
    std::mt19937_64 m_rng;
    std::int64_t m_version = 0;
    Realities m_realities;
    std::int64_t m_hook_events = 0; // inventory.update payloads made (WebhookVersions::smaller)
    std::vector<Outlet> m_outlets;
    std::vector<Product> m_products;
    std::vector<InvRecord> m_inventory;
    VersionIndex m_product_index;
    VersionIndex m_inventory_index;
    std::unordered_map<std::string, std::uint32_t> m_by_id;
    std::unordered_multimap<std::string, std::uint32_t> m_by_sku;
    std::vector<Webhook> m_webhooks;
    std::vector<CustomReason> m_reasons;
    std::int64_t m_sales = 0;
    std::int64_t m_adjustments = 0;
    std::vector<nlohmann::json> m_adjustment_log; // each row as created, in version order
};

} // namespace kivals::lssim
