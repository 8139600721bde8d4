// GET /v1/stock/{kiva_id}, GET /v1/stock (paged) and GET /v1/changes (the feed, long-polled).
#include "routes.hpp"

#include <kivals/store_api/views.hpp>
#include <kivals/sync/stock_feed.hpp>
#include <kivals/sync/stock_view.hpp>

namespace kivals::store_api {
namespace {

// Read an optional whole-number query parameter.
Parsed<std::int64_t> count_param(const http::Request& request, std::string_view name,
                                 std::int64_t fallback, std::int64_t min, std::int64_t max,
                                 ErrorCode code = ErrorCode::invalid_request) {
    auto text = request.param(name);
    if (!text)
        return fallback;
    return parse_count(fmt::format("parameter \"{}\"", name), *text, min, max, code);
}

// Refuse a Kiva id that names no linked product: unknown, or not linked.
http::Response unlinked_response(db::Db& db, const std::string& kiva_id) {
    if (!sync::kiva_product_known(db, kiva_id))
        return error_response(ErrorCode::unknown_product,
                              fmt::format("there is no Kiva product '{}'", kiva_id));
    return error_response(
        ErrorCode::not_linked,
        fmt::format("Kiva product '{}' is not linked to a Lightspeed product", kiva_id));
}

http::Response one_product(Api& api, const http::PathParams& params) {
    const std::string& kiva_id = params.at("kiva_id");
    if (auto bad = check_id("kiva_id", kiva_id))
        return problem_response(*bad);
    auto lease = api.context.pool.read();
    auto rows = sync::list_stock(lease.db(), kiva_id, false);
    if (rows.empty())
        return unlinked_response(lease.db(), kiva_id);
    return json_response(200, stock_json(rows.front()));
}

http::Response stock_page(Api& api, const http::Request& request) {
    auto max = static_cast<std::int64_t>(api.options.max_page);
    auto limit = count_param(request, "limit", max, 1, max);
    if (!limit)
        return problem_response(limit.error());
    std::string after = request.param("after").value_or("");
    if (!after.empty())
        if (auto bad = check_id("parameter \"after\"", after))
            return problem_response(*bad);
    auto lease = api.context.pool.read();
    // One read transaction: the cursor is the feed's head when this page was read, so that a
    // store that follows the feed from the first page's cursor misses nothing.
    db::Txn txn(lease.db(), db::Txn::Kind::deferred);
    std::int64_t cursor = sync::feed_head(lease.db());
    auto size = static_cast<std::size_t>(*limit);
    auto rows = sync::list_stock_page(lease.db(), after, size + 1);
    bool more = rows.size() > size;
    rows.resize(std::min(rows.size(), size));
    nlohmann::json out = {{"stock", nlohmann::json::array()}, {"cursor", cursor}};
    for (const auto& row : rows)
        out["stock"].push_back(stock_json(row));
    out["next_after"] = more ? nlohmann::json(rows.back().kiva_id) : nlohmann::json(nullptr);
    return json_response(200, out);
}

// Counts a long-poll among the waiting ones for as long as it lives.
struct WaitTurn {
    explicit WaitTurn(std::atomic<std::size_t>& waiting) : m_waiting(waiting) {
        count = m_waiting.fetch_add(1) + 1;
    }
    WaitTurn(const WaitTurn&) = delete;
    WaitTurn& operator=(const WaitTurn&) = delete;
    ~WaitTurn() { m_waiting.fetch_sub(1); }
    std::size_t count; // waiting long-polls, this one included

private:
    std::atomic<std::size_t>& m_waiting;
};

// Read the changes after `after`; nullopt when there are none yet.
std::optional<http::Response> read_changes(Api& api, std::int64_t after, std::size_t limit) {
    auto lease = api.context.pool.read();
    try {
        if (auto page = changes_page(lease.db(), after, limit))
            return json_response(200, *page);
    } catch (const Error& e) {
        if (e.error_code() != ErrorCode::cursor_ahead)
            throw;
        return error_response(e.error_code(), e.what());
    }
    return std::nullopt;
}

http::Response changes(Api& api, const http::Request& request) {
    auto after = count_param(request, "after", 0, 0, INT64_MAX, ErrorCode::invalid_cursor);
    auto wait = count_param(request, "wait", 0, 0, api.options.max_wait.count());
    auto max = static_cast<std::int64_t>(api.options.max_page);
    auto limit = count_param(request, "limit", max, 1, max);
    for (auto* parsed : {&after, &wait, &limit})
        if (!*parsed)
            return problem_response(parsed->error());
    std::int64_t cursor = *after;
    auto size = static_cast<std::size_t>(*limit);
    if (auto answer = read_changes(api, cursor, size))
        return *answer;
    std::int64_t seconds = *wait;
    if (seconds > 0) {
        WaitTurn turn(api.waiting);
        if (turn.count > api.options.max_waiting)
            return error_response(ErrorCode::temporary,
                                  fmt::format("{} long-polls are waiting already; poll again",
                                              api.options.max_waiting));
        api.context.feed.wait_beyond(cursor,
                                     FeedWatcher::Steady::now() + std::chrono::seconds(seconds));
        if (auto answer = read_changes(api, cursor, size))
            return *answer;
    }
    return json_response(
        200, {{"changes", nlohmann::json::array()}, {"cursor", cursor}, {"more", false}});
}

} // namespace

void add_stock_routes(http::Router& router, const std::shared_ptr<Api>& api) {
    router.add("GET", "/v1/stock/{kiva_id}",
               guarded(api, [api](const http::Request&, const http::PathParams& p) {
                   return one_product(*api, p);
               }));
    router.add("GET", "/v1/stock", guarded(api, [api](const http::Request& r, const auto&) {
                   return stock_page(*api, r);
               }));
    router.add("GET", "/v1/changes", guarded(api, [api](const http::Request& r, const auto&) {
                   return changes(*api, r);
               }));
}

} // namespace kivals::store_api
