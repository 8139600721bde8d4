#pragma once

#include <kivals/http/message.hpp>

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kivals::http {

// The `{name}` segments of a route's pattern, as they matched the request's path.
using PathParams = std::map<std::string, std::string, std::less<>>;

// Answers one request that matched a route.
using Handler = std::function<Response(const Request&, const PathParams&)>;

// How a route family answers a request under its prefix that matches no route.
enum class Miss {
    no_route,  // no pattern matches the path: 404
    no_method, // a pattern matches, but not for this method: 405 (allowed methods given)
};
using MissHandler =
    std::function<Response(const Request&, Miss, const std::vector<std::string>& allowed)>;

// A small router: a route is a method and a path pattern of literal and `{name}` segments
// ("/v1/orders/{order_id}/cancel"); literal segments win over placeholders. Route families
// (the store API under /v1/, an admin page under /admin/) each add their routes, wrap their
// handlers in their own authentication, and say how they answer a miss under their prefix.
class Router {
public:
    // Add a route. Adding the same method and pattern twice is a programming error (throws).
    void add(std::string_view method, std::string_view pattern, Handler handler);

    // Answer misses under `prefix` (e.g. "/v1/") with `miss`; the longest prefix wins.
    void on_miss(std::string_view prefix, MissHandler miss);

    // Route one request: the matching handler's response, else the miss handler of the
    // longest matching prefix, else a plain 404.
    Response dispatch(const Request& request) const;

private:
    struct Route {
        std::string method;
        std::vector<std::string> segments;
        Handler handler;
    };
    struct MissRoute {
        std::string prefix;
        MissHandler miss;
    };

    std::vector<Route> m_routes;
    std::vector<MissRoute> m_misses;
};

// Split a path into its segments ("/v1/stock/K1" -> {"v1", "stock", "K1"}); an empty segment
// ("//", a trailing "/") is kept, so such paths match no route.
std::vector<std::string> split_path(std::string_view path);

} // namespace kivals::http
