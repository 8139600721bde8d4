#include <kivals/lightspeed/errors.hpp>
#include <kivals/lightspeed/retry.hpp>

#include <doctest/doctest.h>

using namespace kivals;
using namespace kivals::lightspeed;
using std::chrono::milliseconds;

TEST_CASE("retry_delay: capped exponential back-off with equal jitter") {
    BackoffParams p; // base 500 ms, cap 30 s, slack 250 ms
    struct Case {
        int attempt;
        double jitter;
        long long want_ms;
    };
    const Case cases[] = {
        {1, 0.0, 250},    {1, 0.5, 375},      {1, 0.999999, 499},   {2, 0.0, 500},
        {2, 0.5, 750},    {3, 0.0, 1000},     {4, 0.0, 2000},       {5, 0.5, 6000},
        {6, 0.0, 8000},   {7, 0.0, 15000},    {7, 0.999999, 29999}, {8, 0.0, 15000},
        {20, 0.0, 15000}, {1000, 0.5, 22500}, {3, -1.0, 1000},      {3, 7.0, 1999},
    };
    for (const auto& c : cases) {
        CAPTURE(c.attempt);
        CAPTURE(c.jitter);
        CHECK(retry_delay(c.attempt, std::nullopt, c.jitter, p).count() == c.want_ms);
    }
}

TEST_CASE("retry_delay: a server's Retry-After is a floor, never shortened by the cap") {
    BackoffParams p;
    struct Case {
        long long retry_after_ms;
        double jitter;
        long long want_ms;
    };
    const Case cases[] = {
        {0, 0.0, 0},           {0, 0.5, 125},   {3000, 0.0, 3000}, {3000, 0.999999, 3249},
        {120000, 0.0, 120000}, {-5000, 0.0, 0},
    };
    for (const auto& c : cases) {
        CAPTURE(c.retry_after_ms);
        CHECK(retry_delay(1, milliseconds(c.retry_after_ms), c.jitter, p).count() == c.want_ms);
        CHECK(retry_delay(9, milliseconds(c.retry_after_ms), c.jitter, p).count() == c.want_ms);
    }
}

TEST_CASE("retry_delay: small caps and bases") {
    BackoffParams p{milliseconds(100), milliseconds(1000), milliseconds(0)};
    CHECK(retry_delay(1, std::nullopt, 0.0, p).count() == 50);
    CHECK(retry_delay(4, std::nullopt, 0.0, p).count() == 400);
    CHECK(retry_delay(5, std::nullopt, 0.0, p).count() == 500); // 1600 capped to 1000
    CHECK(retry_delay(2, milliseconds(700), 0.9, p).count() == 700);
}

TEST_CASE("parse_retry_after: HTTP dates and delta seconds") {
    SysTime now = *parse_http_date("Wed, 15 Jul 2020 15:04:00 GMT");
    struct Case {
        const char* header;
        std::optional<long long> want_ms;
    };
    const Case cases[] = {
        {"Wed, 15 Jul 2020 15:04:05 GMT", 5000},
        {"  Wed, 15 Jul 2020 15:05:00 GMT\r", 60000},
        {"Wed, 15 Jul 2020 15:03:00 GMT", 0}, // in the past: go now
        {"Wed, 15 Jul 2020 15:04:00 GMT", 0},
        {"7", 7000},
        {"0", 0},
        {"120", 120000},
        {"", std::nullopt},
        {"soon", std::nullopt},
        {"-3", std::nullopt},
        {"1.5", std::nullopt},
        {"99999999999999999999", std::nullopt},
    };
    for (const auto& c : cases) {
        CAPTURE(c.header);
        auto got = parse_retry_after(c.header, now);
        REQUIRE(got.has_value() == c.want_ms.has_value());
        if (got)
            CHECK(got->count() == *c.want_ms);
    }
}

TEST_CASE("error classification: statuses and transport errors, told apart") {
    struct Case {
        int status;
        ApiErrorKind kind;
        Exit exit;
        bool retryable;
    };
    const Case cases[] = {
        {400, ApiErrorKind::bad_request, Exit::failure, false},
        {401, ApiErrorKind::unauthorized, Exit::config, false},
        {403, ApiErrorKind::forbidden, Exit::config, false},
        {404, ApiErrorKind::not_found, Exit::failure, false},
        {409, ApiErrorKind::conflict, Exit::failure, false},
        {410, ApiErrorKind::bad_request, Exit::failure, false},
        {422, ApiErrorKind::unprocessable, Exit::failure, false},
        {429, ApiErrorKind::rate_limited, Exit::temporary, true},
        {500, ApiErrorKind::server, Exit::temporary, true},
        {502, ApiErrorKind::server, Exit::temporary, true},
        {503, ApiErrorKind::server, Exit::temporary, true},
        {599, ApiErrorKind::server, Exit::temporary, true},
        {302, ApiErrorKind::bad_response, Exit::failure, false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.status);
        CHECK(classify_status(c.status) == c.kind);
        CHECK(traits(c.kind).exit == c.exit);
        CHECK(traits(c.kind).retryable == c.retryable);
    }
    CHECK(classify_transport(TransportErrorKind::timeout) == ApiErrorKind::timeout);
    CHECK(classify_transport(TransportErrorKind::connect) == ApiErrorKind::connect);
    CHECK(classify_transport(TransportErrorKind::tls) == ApiErrorKind::tls);
    CHECK(classify_transport(TransportErrorKind::dns) == ApiErrorKind::dns);
}

TEST_CASE("error kinds: every property of every kind, as one table") {
    struct Row {
        ApiErrorKind kind;
        const char* name;
        Exit exit;
        bool retryable, refused, unknown, item, ends, advice;
    };
    using K = ApiErrorKind;
    const Exit cfg = Exit::config, tmp = Exit::temporary, bad = Exit::failure;
    // clang-format off
    const Row rows[] = {
        // kind            name             exit retry  refused unknown item   ends   advice
        {K::unauthorized,  "unauthorized",  cfg, false, false,  false,  false, true,  true},
        {K::forbidden,     "forbidden",     cfg, false, false,  false,  false, true,  true},
        {K::not_found,     "not_found",     bad, false, false,  false,  true,  false, false},
        {K::conflict,      "conflict",      bad, false, false,  false,  true,  false, false},
        {K::unprocessable, "unprocessable", bad, false, false,  false,  true,  false, false},
        {K::bad_request,   "bad_request",   bad, false, false,  false,  true,  false, false},
        {K::rate_limited,  "rate_limited",  tmp, true,  true,   false,  false, true,  true},
        {K::server,        "server",        tmp, true,  false,  true,   false, false, true},
        {K::timeout,       "timeout",       tmp, true,  false,  true,   false, true,  true},
        {K::connect,       "connect",       tmp, true,  false,  true,   false, true,  true},
        {K::tls,           "tls",           cfg, false, false,  false,  false, true,  true},
        {K::dns,           "dns",           cfg, false, false,  false,  false, true,  true},
        {K::bad_response,  "bad_response",  bad, false, false,  true,   false, false, false},
        {K::budget,        "budget",        tmp, false, false,  false,  false, true,  false},
    };
    // clang-format on
    for (const Row& r : rows) {
        const ApiErrorTraits& t = traits(r.kind);
        CAPTURE(r.name);
        CHECK(t.kind == r.kind);
        CHECK(t.name == r.name);
        CHECK(t.exit == r.exit);
        CHECK(t.retryable == r.retryable);
        CHECK(t.refused_before_acting == r.refused);
        CHECK(t.outcome_unknown == r.unknown);
        CHECK(t.item_specific == r.item);
        CHECK(t.run_ending == r.ends);
        CHECK(t.advice.empty() == !r.advice);
        CHECK(ApiError(r.kind, 0, "GET /x", "d").code() == r.exit);
    }
    // A write refused before Lightspeed acted is the only failure a stock write may resend,
    // and a failure after which it may have landed is never one to resend.
    for (const Row& r : rows)
        CHECK_FALSE((traits(r.kind).refused_before_acting && traits(r.kind).outcome_unknown));
}

TEST_CASE("error_body_excerpt: the server's words, short and printable") {
    CHECK(
        error_body_excerpt(R"({"error":"Too Many Requests","message":"Rate limiting enforced"})") ==
        "Too Many Requests: Rate limiting enforced");
    CHECK(error_body_excerpt(R"({"error":"user not found"})") == "user not found");
    CHECK(error_body_excerpt("<html>oops</html>").empty());
    CHECK(error_body_excerpt("").empty());
    CHECK(error_body_excerpt(R"({"error":"a\nb"})") == "a b");
}
