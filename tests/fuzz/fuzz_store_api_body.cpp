// libFuzzer target: what the store sends to `kivals serve`, untrusted: a request body through
// the reservation and the cancel/fulfil readers (depth guard, JSON, fields, whole quantities,
// ids), and the same bytes as a path through the router and as a line number and an id.
// Never a crash, leak or hang, and never an accepted reservation that breaks its rules.
#include <kivals/http/router.hpp>
#include <kivals/store_api/request.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

const kivals::http::Router& router() {
    static const kivals::http::Router r = [] {
        kivals::http::Router out;
        auto answer = [](const kivals::http::Request&, const kivals::http::PathParams& params) {
            kivals::http::Response response;
            for (const auto& [name, value] : params)
                response.body += name + "=" + value;
            return response;
        };
        out.add("POST", "/v1/orders/{order_id}/lines/{line}", answer);
        out.add("POST", "/v1/orders/{order_id}/cancel", answer);
        out.add("GET", "/v1/stock/{kiva_id}", answer);
        out.add("GET", "/v1/stock", answer);
        return out;
    }();
    return r;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kivals::store_api;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto reserve = parse_reserve_body(bytes);
    if (reserve) {
        if (reserve->qty < 1 || reserve->qty > k_max_qty || check_id("kiva_id", reserve->kiva_id))
            std::abort(); // accepted what the rules refuse
    }
    auto close = parse_close_body(bytes);
    if (close)
        if (close->line && *close->line < 1)
            std::abort();
    (void)parse_line_number(bytes);
    (void)check_id("order id", bytes);
    kivals::http::Request request;
    request.method = size % 2 == 0 ? "GET" : "POST";
    request.path = std::string(bytes);
    (void)router().dispatch(request);
    return 0;
}
