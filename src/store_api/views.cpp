#include <kivals/lightspeed/parse.hpp>
#include <kivals/store_api/views.hpp>

namespace kivals::store_api {
namespace {

using lightspeed::qty_json;

void put_numbers(nlohmann::json& out, const sync::StockNumbers& n) {
    out["lightspeed_count"] = qty_json(n.ls_count);
    out["in_stock"] = qty_json(n.in_stock());
    out["reserved"] = qty_json(n.reserved);
    out["available"] = qty_json(n.available());
    out["pending_push"] = qty_json(n.pending_push());
}

nlohmann::json product_json(const std::string& kiva_id, const std::string& lightspeed_id,
                            const sync::StockNumbers& numbers) {
    nlohmann::json out = {{"kiva_id", kiva_id}, {"lightspeed_id", lightspeed_id}};
    put_numbers(out, numbers);
    out["version"] = numbers.version;
    return out;
}

} // namespace

nlohmann::json stock_json(const sync::StockRow& row) {
    return product_json(row.kiva_id, row.lightspeed_id, row.numbers);
}

nlohmann::json change_json(const sync::FeedEntry& change) {
    nlohmann::json out = {{"cursor", change.cursor},
                          {"kiva_id", change.kiva_id},
                          {"lightspeed_id", change.lightspeed_id},
                          {"linked", change.linked}};
    put_numbers(out, change.numbers);
    out["source"] = change.source;
    out["at"] = change.at;
    return out;
}

std::optional<nlohmann::json> changes_page(db::Db& db, std::int64_t after, std::size_t limit) {
    db::Txn txn(db, db::Txn::Kind::deferred);
    std::int64_t head = sync::feed_head(db);
    if (after > head)
        fail(Exit::failure, ErrorCode::cursor_ahead,
             "cursor {} is beyond the newest change ({}): read the stock again (GET /v1/stock) "
             "and follow the feed from its cursor",
             after, head);
    if (after == head)
        return std::nullopt;
    auto changes = sync::changes_after(db, after, limit);
    nlohmann::json out = {{"changes", nlohmann::json::array()}};
    for (const auto& change : changes)
        out["changes"].push_back(change_json(change));
    std::int64_t last = changes.empty() ? after : changes.back().cursor;
    out["cursor"] = last;
    out["more"] = last < head;
    return out;
}

nlohmann::json order_json(const sync::OrderRequest& request, const sync::OrderResult& result) {
    nlohmann::json lines = nlohmann::json::array();
    for (const sync::LineResult& line : result.lines)
        lines.push_back({{"line", line.line},
                         {"kiva_id", line.kiva_id},
                         {"qty", qty_json(line.qty)},
                         {"state", line.state},
                         {"changed", line.changed},
                         {"stock", product_json(line.kiva_id, line.lightspeed_id, line.after)}});
    return {{"order_id", request.order_id},
            {"action", sync::action_name(request.action)},
            {"lines", std::move(lines)}};
}

nlohmann::json error_json(ErrorCode code, std::string_view message) {
    return {{"error", {{"code", code_name(code)}, {"message", message}}}};
}

nlohmann::json refusal_json(const sync::OrderRefusal& refusal) {
    nlohmann::json out = error_json(refusal.code, refusal.message);
    if (refusal.available)
        out["error"]["available"] = qty_json(*refusal.available);
    if (refusal.requested)
        out["error"]["requested"] = qty_json(*refusal.requested);
    return out;
}

} // namespace kivals::store_api
