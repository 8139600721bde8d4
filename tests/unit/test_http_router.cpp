#include <kivals/http/router.hpp>

#include <doctest/doctest.h>

using namespace kivals;

namespace {

http::Handler answer(std::string name) {
    return [name](const http::Request&, const http::PathParams& params) {
        http::Response out;
        out.body = name;
        for (const auto& [key, value] : params)
            out.body += " " + key + "=" + value;
        return out;
    };
}

http::Request request(std::string method, std::string path) {
    http::Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    return r;
}

} // namespace

TEST_CASE("router: literal and {name} segments, literals first, misses by family") {
    http::Router router;
    router.add("POST", "/v1/orders/{order_id}/lines/{line}", answer("reserve"));
    router.add("POST", "/v1/orders/{order_id}/cancel", answer("cancel"));
    router.add("GET", "/v1/stock/{kiva_id}", answer("one"));
    router.add("GET", "/v1/stock", answer("page"));
    router.add("GET", "/v1/{anything}/x", answer("placeholder"));
    router.add("GET", "/v1/stock/x", answer("literal"));
    router.on_miss(
        "/v1/", [](const http::Request&, http::Miss miss, const std::vector<std::string>& allowed) {
            http::Response out;
            out.status = miss == http::Miss::no_route ? 404 : 405;
            for (const auto& m : allowed)
                out.body += m;
            return out;
        });
    struct Case {
        const char* method;
        const char* path;
        int status;
        const char* body;
    };
    const Case cases[] = {
        {"POST", "/v1/orders/A1/lines/2", 200, "reserve line=2 order_id=A1"},
        {"POST", "/v1/orders/A1/cancel", 200, "cancel order_id=A1"},
        {"GET", "/v1/stock/K1", 200, "one kiva_id=K1"},
        {"HEAD", "/v1/stock/K1", 200, "one kiva_id=K1"},
        {"GET", "/v1/stock", 200, "page"},
        {"GET", "/v1/stock/x", 200, "literal"}, // the literal route wins
        {"GET", "/v1/other/x", 200, "placeholder anything=other"},
        {"GET", "/v1/stock/", 404, ""},    // an empty segment matches no placeholder
        {"GET", "/v1/stock/K1/", 404, ""}, // nor does a trailing slash
        {"GET", "/v1//x", 404, ""},
        {"GET", "/v1/orders/A1/cancel", 405, "POST"},
        {"DELETE", "/v1/stock/K1", 405, "GET"},
        {"GET", "/v1/nothing", 404, ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.method);
        CAPTURE(c.path);
        http::Response out = router.dispatch(request(c.method, c.path));
        CHECK(out.status == c.status);
        CHECK(out.body == c.body);
    }
    // Outside every family: the router's plain 404.
    http::Response outside = router.dispatch(request("GET", "/admin/"));
    CHECK(outside.status == 404);
    CHECK(outside.content_type == "text/plain");
    CHECK_THROWS(router.add("GET", "/v1/stock", answer("again")));
}

TEST_CASE("router: the longest prefix answers a miss") {
    http::Router router;
    auto family = [](std::string name) {
        return [name](const http::Request&, http::Miss, const std::vector<std::string>&) {
            http::Response out;
            out.status = 404;
            out.body = name;
            return out;
        };
    };
    router.on_miss("/", family("root"));
    router.on_miss("/admin/", family("admin"));
    CHECK(router.dispatch(request("GET", "/admin/x")).body == "admin");
    CHECK(router.dispatch(request("GET", "/v1/x")).body == "root");
}

TEST_CASE("http: header names compare case-insensitively") {
    http::Request r;
    r.headers.emplace("Content-Type", "application/json");
    CHECK(r.header("content-type") == "application/json");
    CHECK(r.header("CONTENT-TYPE") == "application/json");
    CHECK_FALSE(r.header("Content-Length"));
    CHECK(http::split_path("/a/b") == std::vector<std::string>{"a", "b"});
    CHECK(http::split_path("/") == std::vector<std::string>{""});
}
