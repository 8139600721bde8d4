#include <kivals/core/clock.hpp>
#include <kivals/core/error.hpp>
#include <kivals/core/redact.hpp>

#include <doctest/doctest.h>

using namespace kivals;

TEST_CASE("redact_url hides secret-bearing query values") {
    struct Case {
        const char* in;
        const char* out;
    };
    const Case cases[] = {
        {"https://h/p", "https://h/p"},
        {"https://h/p?type=inventory.update&secret=abc",
         "https://h/p?type=inventory.update&secret=REDACTED"},
        {"https://h/p?secret=abc&type=x", "https://h/p?secret=REDACTED&type=x"},
        {"https://h/p?token=t&key=k&access_token=a",
         "https://h/p?token=REDACTED&key=REDACTED&access_token=REDACTED"},
        {"https://h/p?secretive=1", "https://h/p?secretive=1"},
        {"https://h/p?", "https://h/p?"},
    };
    for (const auto& c : cases)
        CHECK(redact_url(c.in) == c.out);
}

TEST_CASE("constant_time_equal compares whole strings") {
    CHECK(constant_time_equal("abc", "abc"));
    CHECK_FALSE(constant_time_equal("abc", "abd"));
    CHECK_FALSE(constant_time_equal("abc", "ab"));
    CHECK_FALSE(constant_time_equal("", "a"));
    CHECK(constant_time_equal("", ""));
}

TEST_CASE("exit codes are the documented numbers") {
    CHECK(to_int(Exit::ok) == 0);
    CHECK(to_int(Exit::failure) == 1);
    CHECK(to_int(Exit::usage) == 2);
    CHECK(to_int(Exit::partial) == 3);
    CHECK(to_int(Exit::temporary) == 75);
    CHECK(to_int(Exit::config) == 78);
    try {
        fail(Exit::temporary, "lock {} held", "queue");
    } catch (const Error& e) {
        CHECK(e.code() == Exit::temporary);
        CHECK(std::string(e.what()) == "lock queue held");
    }
}

TEST_CASE("times format and parse both ways") {
    auto t = parse_iso8601("2026-11-27T20:48:05Z");
    REQUIRE(t);
    CHECK(iso8601(*t) == "2026-11-27T20:48:05Z");
    CHECK(http_date(*t) == "Fri, 27 Nov 2026 20:48:05 GMT");
    CHECK(parse_http_date("Fri, 27 Nov 2026 20:48:05 GMT") == t);
    CHECK(parse_http_date("Wed, 15 Jul 2020 15:04:05 GMT").has_value());
    CHECK_FALSE(parse_http_date("120").has_value());
    CHECK_FALSE(parse_http_date("Wed, 15 Foo 2020 15:04:05 GMT").has_value());
    CHECK_FALSE(parse_iso8601("2026-13-01T00:00:00Z").has_value());
    CHECK(parse_iso8601("2015-01-08 20:41:50").has_value());
}
