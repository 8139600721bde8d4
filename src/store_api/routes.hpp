#pragma once
// Shared by the store API's route files (not a public interface).

#include <kivals/http/router.hpp>
#include <kivals/store_api/api.hpp>
#include <kivals/store_api/request.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <memory>
#include <string_view>

namespace kivals::store_api {

// The API's context with its limits and the count of waiting long-polls.
struct Api {
    Api(const ApiContext& c, ApiOptions o) : context(c), options(o) {}
    ApiContext context;
    ApiOptions options;
    std::atomic<std::size_t> waiting{0};
};

// Return the HTTP status of an error code.
int http_status(ErrorCode code);

// Return a JSON answer (strings that are not UTF-8 are replaced, never thrown on).
http::Response json_response(int status, const nlohmann::json& body);

// Return the error answer for a request that could not be taken.
http::Response problem_response(const Problem& problem);

// The routes of each file; the handlers share `api`.
void add_order_routes(http::Router& router, const std::shared_ptr<Api>& api);
void add_stock_routes(http::Router& router, const std::shared_ptr<Api>& api);
void add_health_route(http::Router& router, const std::shared_ptr<Api>& api);

// Wrap a handler of the store API: the store key first, then the handler; errors thrown
// become their JSON answers (503 temporary with Retry-After, 500 internal).
http::Handler guarded(const std::shared_ptr<Api>& api, http::Handler handler);

} // namespace kivals::store_api
