// The store API's shared parts: the store key, errors as JSON, and the answer to unknown paths.
#include "routes.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/core/redact.hpp>
#include <kivals/store_api/views.hpp>

namespace kivals::store_api {
namespace {

constexpr std::string_view k_bearer = "Bearer ";

// True when the request carries the store key kept in the database (compared in constant
// time; read for each request, so a rotated key takes effect at once).
bool authorized(Api& api, const http::Request& request) {
    auto header = request.header("Authorization");
    if (!header || !header->starts_with(k_bearer))
        return false;
    auto lease = api.context.pool.read();
    auto key = Settings(lease.db(), api.context.clock).stored("store.key");
    return key && !key->empty() &&
           constant_time_equal(std::string_view(*header).substr(k_bearer.size()), *key);
}

http::Response miss_response(const http::Request&, http::Miss miss,
                             const std::vector<std::string>& allowed) {
    if (miss == http::Miss::no_route)
        return error_response(ErrorCode::not_found, "no such path in the store API");
    std::string methods;
    for (const auto& m : allowed)
        methods += (methods.empty() ? "" : ", ") + m;
    return error_response(ErrorCode::method_not_allowed, fmt::format("this path takes {}", methods))
        .with_header("Allow", methods);
}

} // namespace

int http_status(ErrorCode code) {
    switch (code) {
    case ErrorCode::unauthorized:
        return 401;
    case ErrorCode::not_found:
    case ErrorCode::unknown_product:
    case ErrorCode::unknown_order:
    case ErrorCode::unknown_line:
        return 404;
    case ErrorCode::method_not_allowed:
        return 405;
    case ErrorCode::not_linked:
    case ErrorCode::oversell:
    case ErrorCode::line_conflict:
    case ErrorCode::line_closed:
    case ErrorCode::cursor_ahead:
        return 409;
    case ErrorCode::body_too_large:
        return 413;
    case ErrorCode::unsupported_media_type:
        return 415;
    case ErrorCode::usage:
    case ErrorCode::invalid_json:
    case ErrorCode::invalid_request:
    case ErrorCode::unknown_field:
    case ErrorCode::invalid_quantity:
    case ErrorCode::invalid_cursor:
        return 400;
    case ErrorCode::temporary:
        return 503;
    case ErrorCode::config:
    case ErrorCode::failed:
    case ErrorCode::internal:
        break;
    }
    return 500;
}

http::Response json_response(int status, const nlohmann::json& body) {
    http::Response out;
    out.status = status;
    out.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out.body += '\n';
    return out;
}

http::Response error_response(ErrorCode code, std::string_view message) {
    http::Response out = json_response(http_status(code), error_json(code, message));
    if (code == ErrorCode::unauthorized)
        out.with_header("WWW-Authenticate", "Bearer realm=\"kivals\"");
    if (code == ErrorCode::temporary)
        out.with_header("Retry-After", "1");
    return out;
}

http::Response problem_response(const Problem& problem) {
    return error_response(problem.code, problem.message);
}

http::Handler guarded(const std::shared_ptr<Api>& api, http::Handler handler) {
    return [api, handler = std::move(handler)](const http::Request& request,
                                               const http::PathParams& params) {
        try {
            if (!authorized(*api, request))
                return error_response(ErrorCode::unauthorized,
                                      "send the store key: Authorization: Bearer <key> "
                                      "(`kivals config get store.key`)");
            return handler(request, params);
        } catch (const Error& e) {
            if (e.code() == Exit::temporary)
                return error_response(ErrorCode::temporary, e.what());
            fmt::print(stderr, "kivals serve: {} {}: {}\n", request.method, request.path, e.what());
            return error_response(ErrorCode::internal, "internal error (see the service's log)");
        } catch (const std::exception& e) {
            fmt::print(stderr, "kivals serve: {} {}: internal error: {}\n", request.method,
                       request.path, e.what());
            return error_response(ErrorCode::internal, "internal error (see the service's log)");
        }
    };
}

void add_store_api(http::Router& router, const ApiContext& context, ApiOptions options) {
    auto api = std::make_shared<Api>(context, options);
    add_order_routes(router, api);
    add_stock_routes(router, api);
    add_health_route(router, api);
    router.on_miss("/v1/", miss_response);
}

} // namespace kivals::store_api
