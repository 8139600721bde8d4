#include <kivals/store_api/request.hpp>

#include <doctest/doctest.h>

using namespace kivals;
using namespace kivals::store_api;

namespace {

// "ok K1 2", or the error code's name.
std::string reserve(std::string_view body) {
    auto parsed = parse_reserve_body(body);
    if (!parsed)
        return std::string(code_name(parsed.error().code));
    const ReserveBody& r = *parsed;
    return fmt::format("ok {} {}", r.kiva_id, r.qty);
}

std::string close(std::string_view body) {
    auto parsed = parse_close_body(body);
    if (!parsed)
        return std::string(code_name(parsed.error().code));
    auto line = parsed->line;
    return line ? fmt::format("line {}", *line) : "all";
}

} // namespace

TEST_CASE("store API: reservation bodies, a table") {
    struct Case {
        const char* body;
        const char* want;
    };
    const Case cases[] = {
        {R"({"kiva_id":"K1","qty":2})", "ok K1 2"},
        {R"({"qty":2,"kiva_id":"K1"})", "ok K1 2"},
        {R"({"kiva_id":"K1","qty":2.0})", "ok K1 2"}, // whole, written as a float
        {R"({"kiva_id":"K1","qty":1000000})", "ok K1 1000000"},
        {R"({"kiva_id":"K1","qty":1000001})", "invalid_quantity"},
        {R"({"kiva_id":"K1","qty":0})", "invalid_quantity"},
        {R"({"kiva_id":"K1","qty":-3})", "invalid_quantity"},
        {R"({"kiva_id":"K1","qty":1.5})", "invalid_quantity"},
        {R"({"kiva_id":"K1","qty":"2"})", "invalid_quantity"},
        {R"({"kiva_id":"K1","qty":null})", "invalid_quantity"},
        {R"({"kiva_id":"K1","qty":1e300})", "invalid_quantity"},
        {R"({"kiva_id":"K1","qty":18446744073709551615})", "invalid_quantity"},
        {R"({"kiva_id":"K1"})", "invalid_quantity"},
        {R"({"qty":1})", "invalid_request"},
        {R"({"kiva_id":1,"qty":1})", "invalid_request"},
        {R"({"kiva_id":"","qty":1})", "invalid_request"},
        {"{\"kiva_id\":\"K\\u0001\",\"qty\":1}", "invalid_request"}, // a control character
        {R"({"kiva_id":"K1","qty":1,"note":"x"})", "unknown_field"},
        {R"({"kiva_id":"K1","qty":1,"kiva_id":"K2"})", "ok K2 1"}, // the last one counts
        {R"([{"kiva_id":"K1","qty":1}])", "invalid_json"},
        {R"("K1")", "invalid_json"},
        {R"({"kiva_id":"K1","qty":1)", "invalid_json"},
        {"", "invalid_json"},
        {"{\"kiva_id\":\"K\xff\",\"qty\":1}", "invalid_json"},                     // not UTF-8
        {R"({"kiva_id":"K1","qty":1,"x":[[[[[[[[[[1]]]]]]]]]]})", "invalid_json"}, // too deep
    };
    for (const Case& c : cases) {
        CAPTURE(c.body);
        CHECK(reserve(c.body) == c.want);
    }
}

TEST_CASE("store API: cancel and fulfil bodies, ids, line numbers and counts") {
    CHECK(close("") == "all");
    CHECK(close(" \r\n") == "all");
    CHECK(close("{}") == "all");
    CHECK(close(R"({"line":3})") == "line 3");
    CHECK(close(R"({"line":0})") == "invalid_request");
    CHECK(close(R"({"line":2147483648})") == "invalid_request");
    CHECK(close(R"({"line":"3"})") == "invalid_request");
    CHECK(close(R"({"lines":[3]})") == "unknown_field");
    CHECK(close("null") == "invalid_json");

    CHECK_FALSE(check_id("order id", "A-1001"));
    CHECK_FALSE(check_id("order id", "Bestellung-Übergröße"));
    CHECK(check_id("order id", ""));
    CHECK(check_id("order id", std::string(129, 'a')));
    CHECK_FALSE(check_id("order id", std::string(128, 'a')));
    CHECK(check_id("order id", "A\x7f"));
    CHECK(check_id("order id", "\xc0\xaf"));         // overlong '/'
    CHECK(check_id("order id", "\xed\xa0\x80"));     // a surrogate
    CHECK(check_id("order id", "\xf4\x90\x80\x80")); // above U+10FFFF
    CHECK_FALSE(check_id("order id", "\xf0\x9f\x9b\x92"));

    auto line = [](std::string_view text) {
        auto parsed = parse_line_number(text);
        return parsed.value_or(-1);
    };
    CHECK(line("1") == 1);
    CHECK(line("2147483647") == 2147483647);
    CHECK(line("2147483648") == -1);
    CHECK(line("0") == -1);
    CHECK(line("-1") == -1);
    CHECK(line("+1") == -1);
    CHECK(line("1x") == -1);
    CHECK(line("") == -1);
    CHECK(line("99999999999999999999999") == -1);
}
