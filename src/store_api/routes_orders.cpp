// POST /v1/orders/{order_id}/lines/{line}, /cancel and /fulfill: the store's order lines, through
// the same Orders as `kivals order` (one order line, whoever reserved it).
#include "routes.hpp"

#include <kivals/store_api/views.hpp>
#include <kivals/sync/orders.hpp>

namespace kivals::store_api {
namespace {

// A body, when there is one, must say it is JSON.
std::optional<Problem> check_content_type(const http::Request& request) {
    if (request.body.empty())
        return std::nullopt;
    std::string type = request.header("Content-Type").value_or("");
    std::string_view media = std::string_view(type).substr(0, type.find(';'));
    while (!media.empty() && media.back() == ' ')
        media.remove_suffix(1);
    if (media == "application/json")
        return std::nullopt;
    return Problem{ErrorCode::unsupported_media_type, "send the body as application/json"};
}

// Apply one request (in a savepoint of a group commit: answered once it is durable), then let
// the feed's waiters and the pusher know.
http::Response apply(Api& api, const sync::OrderRequest& request) {
    sync::OrderResult result;
    api.context.writer.run([&](db::Db& db) {
        result = sync::Orders(db, api.context.clock).apply_in(request);
        return result.ok;
    });
    if (!result.ok)
        return json_response(http_status(result.refusal.code), refusal_json(result.refusal));
    bool changed = false;
    for (const auto& line : result.lines)
        changed = changed || line.changed;
    if (changed) {
        api.context.feed.notify();
        if (api.context.pusher && request.action != sync::OrderAction::fulfill)
            api.context.pusher->trigger();
    }
    return json_response(200, order_json(request, result));
}

std::optional<Problem> check_order_id(const http::PathParams& params) {
    return check_id("order id", params.at("order_id"));
}

http::Response reserve(Api& api, const http::Request& http_request,
                       const http::PathParams& params) {
    if (auto bad = check_order_id(params))
        return problem_response(*bad);
    auto line = parse_line_number(params.at("line"));
    if (!line)
        return problem_response(line.error());
    if (auto bad = check_content_type(http_request))
        return problem_response(*bad);
    auto body = parse_reserve_body(http_request.body);
    if (!body)
        return problem_response(body.error());
    const ReserveBody& fields = *body;
    sync::OrderRequest request;
    request.action = sync::OrderAction::reserve;
    request.order_id = params.at("order_id");
    request.line = *line;
    request.kiva_id = fields.kiva_id;
    request.qty = Qty::units(fields.qty);
    return apply(api, request);
}

http::Response close(Api& api, sync::OrderAction action, const http::Request& http_request,
                     const http::PathParams& params) {
    if (auto bad = check_order_id(params))
        return problem_response(*bad);
    if (auto bad = check_content_type(http_request))
        return problem_response(*bad);
    auto body = parse_close_body(http_request.body);
    if (!body)
        return problem_response(body.error());
    sync::OrderRequest request;
    request.action = action;
    request.order_id = params.at("order_id");
    request.line = body->line;
    return apply(api, request);
}

} // namespace

void add_order_routes(http::Router& router, const std::shared_ptr<Api>& api) {
    router.add("POST", "/v1/orders/{order_id}/lines/{line}",
               guarded(api, [api](const http::Request& r, const http::PathParams& p) {
                   return reserve(*api, r, p);
               }));
    for (auto action : {sync::OrderAction::cancel, sync::OrderAction::fulfill})
        router.add("POST", fmt::format("/v1/orders/{{order_id}}/{}", sync::action_name(action)),
                   guarded(api, [api, action](const http::Request& r, const http::PathParams& p) {
                       return close(*api, action, r, p);
                   }));
}

} // namespace kivals::store_api
