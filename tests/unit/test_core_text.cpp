#include <kivals/core/expected.hpp>
#include <kivals/core/text.hpp>

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

using namespace kivals;

TEST_CASE("trim removes spaces, tabs, CR and LF at both ends only") {
    struct Case {
        const char* in;
        const char* out;
    };
    const Case cases[] = {
        {"", ""},       {"   ", ""},      {"a", "a"}, {" a b ", "a b"}, {"\ttok\r\n", "tok"},
        {"x\n\n", "x"}, {"\v x", "\v x"}, // only the four are spaces
    };
    for (const auto& c : cases)
        CHECK(trim(c.in) == c.out);
}

TEST_CASE("parse_int reads a whole decimal integer or says why not") {
    struct Case {
        const char* in;
        std::optional<std::int64_t> value;
        NumberError error = NumberError::not_a_number;
    };
    const Case cases[] = {
        {"0", 0},
        {"42", 42},
        {"-7", -7},
        {"9223372036854775807", std::numeric_limits<std::int64_t>::max()},
        {"-9223372036854775808", std::numeric_limits<std::int64_t>::min()},
        {"9223372036854775808", std::nullopt, NumberError::out_of_range},
        {"", std::nullopt, NumberError::empty},
        {"+1", std::nullopt},
        {" 1", std::nullopt},
        {"1 ", std::nullopt},
        {"12abc", std::nullopt}, // std::stoll would say 12
        {"1.5", std::nullopt},
        {"0x10", std::nullopt},
        {"-", std::nullopt},
        {"abc", std::nullopt},
    };
    for (const auto& c : cases) {
        CAPTURE(c.in);
        auto got = parse_int<std::int64_t>(c.in);
        REQUIRE(got.has_value() == c.value.has_value());
        if (c.value)
            CHECK(*got == *c.value);
        else
            CHECK(got.error() == c.error);
    }
}

TEST_CASE("parse_int of an unsigned or narrow type refuses signs and overflow") {
    CHECK(parse_int<unsigned>("-1").error() == NumberError::not_a_number);
    CHECK(*parse_int<unsigned>("4294967295") == 4294967295u);
    CHECK(parse_int<unsigned>("4294967296").error() == NumberError::out_of_range);
    CHECK(*parse_int<int>("-2147483648") == std::numeric_limits<int>::min());
    CHECK(parse_int<int>("2147483648").error() == NumberError::out_of_range);
    CHECK(number_error_text(NumberError::out_of_range) == "out of range");
}

TEST_CASE("parse_double reads a whole finite number") {
    struct Case {
        const char* in;
        std::optional<double> value;
    };
    const Case cases[] = {
        {"1.5", 1.5},  {"-2", -2.0}, {"3e2", 300.0}, {"0.001", 0.001}, {"", {}},      {"+1", {}},
        {"1.5kg", {}}, {" 1", {}},   {"inf", {}},    {"nan", {}},      {"1e999", {}}, {".", {}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.in);
        auto got = parse_double(c.in);
        REQUIRE(got.has_value() == c.value.has_value());
        if (c.value)
            CHECK(*got == doctest::Approx(*c.value));
    }
}

TEST_CASE("percent_encode keeps the unreserved bytes and encodes every other") {
    struct Case {
        std::string in;
        const char* out;
    };
    const Case cases[] = {
        {"", ""},
        {"AZaz09-._~", "AZaz09-._~"},
        {"a b", "a%20b"},
        {"a+b&c=d", "a%2Bb%26c%3Dd"},
        {"x/y?z#", "x%2Fy%3Fz%23"},
        {"caf\xc3\xa9", "caf%C3%A9"},
        {std::string("nul\0", 4), "nul%00"},
        {"\xff", "%FF"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.in);
        CHECK(percent_encode(c.in) == c.out);
        CHECK(percent_decode(percent_encode(c.in)) == c.in);
    }
}

TEST_CASE("percent_decode reads %XX and '+', and refuses a broken escape") {
    struct Case {
        const char* in;
        std::optional<std::string> out;
    };
    const Case cases[] = {
        {"", std::string()},
        {"abc", std::string("abc")},
        {"a+b", std::string("a b")},
        {"%7B%22x%22%7D", std::string("{\"x\"}")},
        {"%2b", std::string("+")},
        {"%00", std::string(1, '\0')},
        {"%C3%A9", std::string("\xC3\xA9")},
        {"100%25", std::string("100%")},
        {"%", std::nullopt},
        {"%4", std::nullopt},
        {"%zz", std::nullopt},
        {"ok%", std::nullopt},
        {"ok%4", std::nullopt},
    };
    for (const auto& c : cases) {
        CAPTURE(c.in);
        CHECK(percent_decode(c.in) == c.out);
    }
}

TEST_CASE("parse_url splits scheme, host, port and target, and refuses what is not a URL") {
    struct Case {
        const char* in;
        const char* scheme = "";
        const char* host = "";
        std::optional<std::uint16_t> port;
        const char* target = "";
        bool ok = true;
    };
    const Case cases[] = {
        {"https://shop.retail.lightspeed.app", "https", "shop.retail.lightspeed.app", {}, "", true},
        {"http://127.0.0.1:8080/cgi-bin/x?a=1", "http", "127.0.0.1", 8080, "/cgi-bin/x?a=1", true},
        {"http://[::1]:99/", "http", "::1", 99, "/", true},
        {"http://[::1]", "http", "::1", {}, "", true},
        {"https://h?q", "https", "h", {}, "?q", true},
        {"https://h#f", "https", "h", {}, "#f", true},
        {"ftp://h/x", "ftp", "h", {}, "/x", true},
        {"h/x", "", "", {}, "", false},
        {"://h", "", "", {}, "", false},
        {"https://", "", "", {}, "", false},
        {"https:///x", "", "", {}, "", false},
        {"https://user:pw@h/", "", "", {}, "", false},
        {"https://h:/", "", "", {}, "", false},
        {"https://h:0/", "", "", {}, "", false},
        {"https://h:65536/", "", "", {}, "", false},
        {"https://h:80x/", "", "", {}, "", false},
        {"http://[::1].evil.example/", "", "", {}, "", false},
        {"http://[::1/", "", "", {}, "", false},
        {"https://h h/", "", "", {}, "", false},
        {"https://h\t/", "", "", {}, "", false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.in);
        auto url = parse_url(c.in);
        REQUIRE(url.has_value() == c.ok);
        if (!c.ok) {
            CHECK_FALSE(url.error().empty());
            continue;
        }
        CHECK(url->scheme == c.scheme);
        CHECK(url->host == c.host);
        CHECK(url->port == c.port);
        CHECK(url->target == c.target);
    }
}

TEST_CASE("is_loopback_host: only literal loopback names and addresses") {
    struct Case {
        const char* host;
        bool loopback;
    };
    const Case cases[] = {
        {"localhost", true},
        {"::1", true},
        {"127.0.0.1", true},
        {"127.1.2.3", true},
        {"127.255.255.255", true},
        {"127.0.0.1.evil.example", false},
        {"127.evil.example", false},
        {"127.0.0", false},
        {"127.0.0.1.", false},
        {"127.0.0.256", false},
        {"127.0.0.01", false}, // octal to some resolvers
        {"0127.0.0.1", false},
        {"0177.0.0.1", false},
        {"128.0.0.1", false},
        {"127.0.0.+1", false},
        {"localhost.evil.example", false},
        {"evil-localhost", false},
        {"::1.evil", false},
        {"LOCALHOST", false},
        {"::2", false},
        {"", false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.host);
        CHECK(is_loopback_host(c.host) == c.loopback);
    }
}

TEST_CASE("Expected holds a value or an error, never both") {
    Expected<std::string, std::string> good(std::string("v"));
    Expected<std::string, std::string> bad = Unexpected(std::string("why"));
    CHECK(good.has_value());
    CHECK(*good == "v");
    CHECK(good->size() == 1);
    CHECK_FALSE(bad);
    CHECK(bad.error() == "why");
    CHECK(bad.value_or("fallback") == "fallback");
    Expected<void, int> passed;
    Expected<void, int> refused = Unexpected(3);
    CHECK(passed);
    CHECK_FALSE(refused);
    CHECK(refused.error() == 3);
}

TEST_CASE("Expected compares equal only to the same side with an equal content") {
    using Result = Expected<std::string, std::string>;
    CHECK(Result(std::string("a")) == Result(std::string("a")));
    CHECK_FALSE(Result(std::string("a")) == Result(std::string("b")));
    CHECK_FALSE(Result(std::string("a")) == Result(Unexpected(std::string("a"))));
    CHECK(Result(Unexpected(std::string("e"))) == Result(Unexpected(std::string("e"))));
    CHECK_FALSE(Result(Unexpected(std::string("e"))) == Result(Unexpected(std::string("f"))));
}

TEST_CASE("edit_distance and nearest_word: the command a typo meant") {
    struct Case {
        const char* a;
        const char* b;
        std::size_t distance;
    };
    const Case cases[] = {
        {"", "", 0},
        {"status", "status", 0},
        {"stauts", "status", 1},
        {"stats", "status", 1},
        {"pul-sync", "pull-sync", 1},
        {"", "push", 4},
        {"doctr", "doctor", 1},
        {"webhook", "webhooks", 1},
        {"abc", "xyz", 3},
    };
    for (const auto& c : cases) {
        CAPTURE(c.a);
        CAPTURE(c.b);
        CHECK(edit_distance(c.a, c.b) == c.distance);
        CHECK(edit_distance(c.b, c.a) == c.distance);
    }
    const std::vector<std::string> commands{"status", "stock", "push", "pull-sync", "doctor"};
    CHECK(nearest_word("stauts", commands) == std::optional<std::string>("status"));
    CHECK(nearest_word("pus", commands) == std::optional<std::string>("push"));
    CHECK(nearest_word("frobnicate", commands) == std::nullopt);
}
