#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/lightspeed/paginate.hpp>
#include <kivals/lightspeed/session.hpp>
#include <kivals/lightspeed/types.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kivals::lightspeed {

// Receives one page of typed records during a walk.
template <typename T>
using PageSink = std::function<WalkControl(std::span<const T> records, const PageInfo& info)>;

// Options of a walk.
struct WalkOptions {
    int page_size = 1000;            // the server may clamp it
    VersionDedupe* dedupe = nullptr; // drop records already seen at a newer version
    Prefetch prefetch = Prefetch::off;
};

// The most items one stock adjustment request may carry.
inline constexpr std::size_t k_max_adjustments_per_request = 1000;

// The Lightspeed X-Series API as kivals uses it, in either path family. Every call may
// throw ApiError (see errors.hpp); walks add where they stopped to the message.
class Client {
public:
    // Own the transport and the sleeper; `clock` and `log` must outlive the client.
    Client(std::unique_ptr<HttpTransport> transport, std::unique_ptr<Sleeper> sleeper,
           const Clock& clock, Logger& log, SessionOptions options, ApiFamily family,
           JitterSource jitter = random_jitter());

    ApiFamily family() const { return m_family; }
    Session& session() { return m_session; }
    // Return how many HTTP requests were sent so far.
    std::int64_t requests() const { return m_session.requests(); }

    // Read the store account (a cheap check of the URL and token).
    Retailer get_retailer();
    // List every outlet (with deleted ones when asked), walking all pages.
    std::vector<Outlet> list_outlets(bool include_deleted = false);

    // Walk products after `after` (deleted ones included, so tombstones are seen).
    WalkResult walk_products(std::int64_t after, const PageSink<Product>& sink,
                             const WalkOptions& options = {});
    // Read one product; nullopt when the store has no such product (404).
    std::optional<Product> get_product(const std::string& id);

    // Return the largest inventory page the API documents: 5000 records in 2026-07 (`size` of
    // POST /inventory); 2.0 documents none, so 1000, as API-NOTES.md recommends.
    int inventory_page_max() const;
    // Walk every inventory record after `after` (all outlets).
    WalkResult walk_inventory(std::int64_t after, const PageSink<InventoryRecord>& sink,
                              const WalkOptions& options = {});
    // Read one product's inventory records at every outlet.
    std::vector<InventoryRecord> product_inventory(const std::string& product_id);

    // Set the absolute level of a product at one outlet (other outlets are not sent). Sent
    // once unless refused with a 429: an ApiError may mean the write landed (see Replay).
    void set_inventory(const std::string& product_id, const std::string& outlet_id, Qty level);
    // Create relative stock adjustments (2026-07 only; 1..1000 items, reason CUSTOM). Sent
    // once unless refused with a 429: an ApiError may mean the batch landed (see Replay).
    std::vector<StockAdjustment> adjust_stock(std::span<const StockAdjustmentItem> items);
    // Walk the stock adjustment log after version `after` (2026-07 only), in whatever order
    // Lightspeed lists it: pages reach `sink` in the order read, not by version.
    WalkResult walk_stock_adjustments(std::int64_t after, const PageSink<StockAdjustment>& sink,
                                      const WalkOptions& options = {});

    // Return the order the adjustment log was seen in (unknown until a walk saw two entries).
    ListOrder adjustment_log_order() const { return m_log_order; }

    // List the custom inventory adjustment reasons (2026-07 only).
    std::vector<CustomReason> list_custom_reasons();
    // Create a custom inventory adjustment reason (2026-07 only; 409 when the name exists).
    CustomReason create_custom_reason(const std::string& name, ReasonType type,
                                      bool enabled = true);

    // List the webhooks registered for this token.
    std::vector<Webhook> list_webhooks();
    // Register a webhook (409 ApiError when the same type and URL exist).
    Webhook create_webhook(const WebhookRequest& request);
    // Read one webhook (ApiError not_found when missing).
    Webhook get_webhook(const std::string& id);
    // Replace a webhook's type, URL and active flag (used to toggle it).
    Webhook update_webhook(const std::string& id, const WebhookRequest& request);
    // Delete a webhook.
    void delete_webhook(const std::string& id);

private:
    std::string path(std::string_view rest) const;
    void require_2026_07(std::string_view what) const;
    template <typename T>
    WalkResult walk_typed(const PageFetch& fetch, Envelope envelope, std::int64_t after,
                          T (*parse)(const nlohmann::json&), const PageSink<T>& sink,
                          const WalkOptions& options);

    std::unique_ptr<HttpTransport> m_transport;
    std::unique_ptr<Sleeper> m_sleeper;
    Session m_session;
    ApiFamily m_family;
    ListOrder m_log_order = ListOrder::unknown;
};

} // namespace kivals::lightspeed
