// Inventory reads and writes: the full walk, one product's records, absolute and relative writes.
#include <kivals/core/text.hpp>
#include <kivals/lightspeed/client.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/lightspeed/parse.hpp>

namespace kivals::lightspeed {

namespace {

// Per-product reads ask for this many rows: one row per outlet, so a short page is the
// last one and the extra empty-page request (which costs rate quota) is skipped.
constexpr int k_product_page = 200;

} // namespace

int Client::inventory_page_max() const {
    return m_family == ApiFamily::v2026_07 ? 5000 : 1000;
}

WalkResult Client::walk_inventory(std::int64_t after, const PageSink<InventoryRecord>& sink,
                                  const WalkOptions& options) {
    if (m_family == ApiFamily::v2026_07) {
        // A read with a JSON body; sort_direction defaults to desc, so ask for asc.
        auto fetch = [&](std::int64_t cursor) {
            nlohmann::json body = {
                {"after", cursor}, {"size", options.page_size}, {"sort_direction", "asc"}};
            return m_session.call(Method::post, path("/inventory"), &body);
        };
        return walk_typed<InventoryRecord>(fetch, Envelope::bare_array, after, parse_inventory,
                                           sink, options);
    }
    auto fetch = [&](std::int64_t cursor) {
        return m_session.call(Method::get, path(fmt::format("/inventory?after={}&page_size={}",
                                                            cursor, options.page_size)));
    };
    return walk_typed<InventoryRecord>(fetch, Envelope::data_version, after, parse_inventory, sink,
                                       options);
}

std::vector<InventoryRecord> Client::product_inventory(const std::string& product_id) {
    std::vector<InventoryRecord> records;
    std::string id = percent_encode(product_id);
    bool bare = m_family == ApiFamily::v2026_07;
    auto fetch = [&](std::int64_t cursor) {
        std::string rest =
            bare ? fmt::format("/inventory/{}?after={}&page_size={}&order_direction=asc", id,
                               cursor, k_product_page)
                 : fmt::format("/products/{}/inventory?after={}&page_size={}", id, cursor,
                               k_product_page);
        return m_session.call(Method::get, path(rest));
    };
    walk_typed<InventoryRecord>(
        fetch, bare ? Envelope::bare_array : Envelope::data_version, 0, parse_inventory,
        [&](std::span<const InventoryRecord> page, const PageInfo&) {
            records.insert(records.end(), page.begin(), page.end());
            return page.size() < k_product_page ? WalkControl::stop : WalkControl::more;
        },
        {});
    return records;
}

void Client::set_inventory(const std::string& product_id, const std::string& outlet_id, Qty level) {
    nlohmann::json body = {
        {"details",
         {{"inventory", nlohmann::json::array(
                            {{{"outlet_id", outlet_id}, {"current_amount", qty_json(level)}}})}}}};
    // The 2.0 family writes through 2.1; 2026-07 has the same body on its own path.
    std::string target = m_family == ApiFamily::v2026_07
                             ? path("/products/" + percent_encode(product_id))
                             : "/api/2.1/products/" + percent_encode(product_id);
    m_session.call(Method::put, target, &body, Replay::only_if_refused);
}

std::vector<StockAdjustment> Client::adjust_stock(std::span<const StockAdjustmentItem> items) {
    require_2026_07("a relative stock adjustment");
    if (items.empty() || items.size() > k_max_adjustments_per_request)
        fail(Exit::failure, "a stock adjustment batch holds 1 to {} items, not {}",
             k_max_adjustments_per_request, items.size());
    nlohmann::json list = nlohmann::json::array();
    for (const auto& item : items) {
        if (item.quantity == Qty())
            fail(Exit::failure, "a stock adjustment of product {} has quantity 0", item.product_id);
        list.push_back({{"product_id", item.product_id},
                        {"outlet_id", item.outlet_id},
                        {"quantity", item.quantity.str()},
                        {"reason", "CUSTOM"},
                        {"custom_inventory_adjustment_reason_id", item.custom_reason_id}});
    }
    nlohmann::json body = {{"stock_adjustments", std::move(list)}};
    nlohmann::json answer =
        m_session.call(Method::post, path("/stock_adjustments"), &body, Replay::only_if_refused);
    const nlohmann::json& data = data_of(answer, "stock adjustments");
    std::vector<StockAdjustment> created;
    if (data.is_array())
        for (const auto& row : data)
            created.push_back(parse_stock_adjustment(row));
    return created;
}

WalkResult Client::walk_stock_adjustments(std::int64_t after, const PageSink<StockAdjustment>& sink,
                                          const WalkOptions& options) {
    require_2026_07("the stock adjustment log");
    // No order is documented for the log: walk it in windows, whatever order it comes in.
    auto fetch = [&](const VersionWindow& window) {
        std::string before = window.before != 0 ? fmt::format("&before={}", window.before) : "";
        return m_session.call(Method::get,
                              path(fmt::format("/stock_adjustments?after={}{}&page_size={}",
                                               window.after, before, options.page_size)));
    };
    std::int64_t requests_before = m_session.requests();
    std::vector<StockAdjustment> records;
    WalkResult result = walk_windows(
        fetch, after,
        [&](nlohmann::json& rows, const PageInfo& info) {
            records.clear();
            for (const auto& row : rows)
                records.push_back(parse_stock_adjustment(row));
            rows = nlohmann::json();
            return sink(std::span<const StockAdjustment>(records), info);
        },
        m_log_order);
    result.requests = m_session.requests() - requests_before;
    return result;
}

std::vector<CustomReason> Client::list_custom_reasons() {
    require_2026_07("custom adjustment reasons");
    std::vector<CustomReason> reasons;
    auto fetch = [&](std::int64_t after) {
        return m_session.call(
            Method::get,
            path(
                fmt::format("/custom_inventory_adjustment_reasons?after={}&page_size=100", after)));
    };
    walk_typed<CustomReason>(fetch, Envelope::data_version, 0, parse_custom_reason,
                             [&](std::span<const CustomReason> page, const PageInfo&) {
                                 reasons.insert(reasons.end(), page.begin(), page.end());
                                 return WalkControl::more;
                             },
                             {});
    return reasons;
}

CustomReason Client::create_custom_reason(const std::string& name, ReasonType type, bool enabled) {
    require_2026_07("custom adjustment reasons");
    nlohmann::json body = {{"name", name},
                           {"enabled", enabled},
                           {"type", type == ReasonType::positive ? "POSITIVE" : "NEGATIVE"}};
    nlohmann::json answer =
        m_session.call(Method::post, path("/custom_inventory_adjustment_reasons"), &body);
    return parse_custom_reason(data_of(answer, "a custom reason"));
}

} // namespace kivals::lightspeed
