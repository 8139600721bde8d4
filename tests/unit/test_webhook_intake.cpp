#include <kivals/core/error.hpp>
#include <kivals/webhook/intake.hpp>
#include <kivals/webhook/spool.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

using namespace kivals;
using namespace kivals::webhook;

namespace {

const std::string k_secret = "s3cret-s3cret-s3cret-xx";
const std::string k_good_body = "payload=%7B%22product_id%22%3A%22p%22%7D";

// A request whose body is `body`; `served` counts how many bytes were handed out.
struct FakeRequest {
    std::string body;
    std::size_t served = 0;

    IntakeRequest make(std::string method, std::string query, std::optional<std::string> ctype,
                       std::optional<std::string> length) {
        IntakeRequest r{
            std::move(method), std::move(query), std::move(ctype), std::move(length), {}};
        r.read = [this](char* buffer, std::size_t size) -> long {
            std::size_t n = std::min(size, body.size() - served);
            std::memcpy(buffer, body.data() + served, n);
            served += n;
            return static_cast<long>(n);
        };
        return r;
    }
};

} // namespace

TEST_CASE("handle_delivery: every answer code") {
    const std::string good_query = "type=inventory.update&secret=" + k_secret;
    const std::string form = "application/x-www-form-urlencoded";
    struct Case {
        const char* what;
        std::string method, query;
        std::optional<std::string> ctype, length;
        std::string body;
        int status;
        bool stored;
    };
    const std::vector<Case> cases = {
        {"stored", "POST", good_query, form, std::to_string(k_good_body.size()), k_good_body, 200,
         true},
        {"product type", "POST", "secret=" + k_secret + "&type=product.update", form,
         std::to_string(k_good_body.size()), k_good_body, 200, true},
        {"GET", "GET", good_query, form, "0", "", 405, false},
        {"PUT", "PUT", good_query, form, std::to_string(k_good_body.size()), k_good_body, 405,
         false},
        {"no secret", "POST", "type=inventory.update", form, "10", k_good_body, 403, false},
        {"wrong secret", "POST", "type=inventory.update&secret=nope", form, "10", k_good_body, 403,
         false},
        {"truncated secret", "POST", "type=inventory.update&secret=" + k_secret.substr(0, 10), form,
         "10", k_good_body, 403, false},
        {"longer secret", "POST", "type=inventory.update&secret=" + k_secret + "x", form, "10",
         k_good_body, 403, false},
        {"no type", "POST", "secret=" + k_secret, form, "10", k_good_body, 400, false},
        {"bad type", "POST", "type=sale.update&secret=" + k_secret, form, "10", k_good_body, 400,
         false},
        {"json type", "POST", good_query, std::string("application/json"), "2", "{}", 415, false},
        {"no type header", "POST", good_query, std::nullopt, "2", "{}", 415, false},
        {"no length", "POST", good_query, form, std::nullopt, k_good_body, 400, false},
        {"bad length", "POST", good_query, form, std::string("12x"), k_good_body, 400, false},
        {"negative length", "POST", good_query, form, std::string("-1"), k_good_body, 400, false},
        {"empty body", "POST", good_query, form, "0", "", 400, false},
        {"short body", "POST", good_query, form, "1000", k_good_body, 400, false},
        {"too large", "POST", good_query, form, "1025", std::string(1025, 'a'), 413, false},
        {"huge", "POST", good_query, form, "104857600", "", 413, false},
        {"huge body, drained to twice the limit", "POST", good_query, form, "5000",
         std::string(5000, 'a'), 413, false},
        {"wrong secret, big body", "POST", "type=inventory.update&secret=nope", form, "1500",
         std::string(1500, 'a'), 403, false},
        {"absurd", "POST", good_query, form, "99999999999999999999999", "", 413, false},
        {"20 digits", "POST", good_query, form, "18446744073709551616", "", 413, false},
        {"19 digits", "POST", good_query, form, "9223372036854775807", "", 413, false},
        {"leading zeros", "POST", good_query, form,
         std::string(30, '0') + std::to_string(k_good_body.size()), k_good_body, 200, true},
        {"plus sign", "POST", good_query, form, "+12", k_good_body, 400, false},
        {"not UTF-8", "POST", good_query, form, "15", "payload=%7B%7D\xFF", 400, false},
        {"bad json", "POST", good_query, form, "12", "payload=%7B%", 400, false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        FakeRequest fake{c.body};
        int stores = 0;
        IntakeLimits limits{1024, 64, k_secret};
        auto response = handle_delivery(fake.make(c.method, c.query, c.ctype, c.length), limits,
                                        [&](std::string_view, std::string_view) { ++stores; });
        CHECK(response.status == c.status);
        CHECK(stores == (c.stored ? 1 : 0));
        CHECK(response.diagnostic.find(k_secret) == std::string::npos);
        // Every answer takes the body in, refusals too (Apache drops the answer of a CGI that
        // leaves its input unread), but never more than announced, nor twice the limit.
        std::size_t announced = SIZE_MAX;
        if (c.length && !c.length->empty() && c.length->size() < 19 &&
            c.length->find_first_not_of("0123456789") == std::string::npos)
            announced = std::stoull(*c.length);
        CHECK(fake.served == std::min({c.body.size(), announced, std::size_t{2 * 1024}}));
    }
}

TEST_CASE("handle_delivery: reads exactly CONTENT_LENGTH and checks depth before parsing") {
    const std::string query = "type=inventory.update&secret=" + k_secret;
    FakeRequest fake{k_good_body + "&trailing=garbage-never-read"};
    std::string stored;
    IntakeLimits limits{1024 * 1024, 64, k_secret};
    auto response =
        handle_delivery(fake.make("POST", query, "application/x-www-form-urlencoded",
                                  std::to_string(k_good_body.size())),
                        limits, [&](std::string_view, std::string_view body) { stored = body; });
    CHECK(response.status == 200);
    CHECK(stored == k_good_body);
    CHECK(fake.served == k_good_body.size());

    std::string deep = "payload=" + std::string(100000, '[');
    FakeRequest deep_fake{deep};
    auto deep_response = handle_delivery(
        deep_fake.make("POST", query, "application/x-www-form-urlencoded",
                       std::to_string(deep.size())),
        limits, [&](std::string_view, std::string_view) { FAIL("must not store"); });
    CHECK(deep_response.status == 400);
}

TEST_CASE("handle_delivery: 503 when the store fails or the secret is unreadable") {
    const std::string query = "type=inventory.update&secret=" + k_secret;
    FakeRequest fake{k_good_body};
    IntakeLimits limits{1024, 64, k_secret};
    auto response = handle_delivery(
        fake.make("POST", query, "application/x-www-form-urlencoded",
                  std::to_string(k_good_body.size())),
        limits, [](std::string_view, std::string_view) { fail(Exit::temporary, "disk full"); });
    CHECK(response.status == 503);
    CHECK(response.diagnostic.find("disk full") != std::string::npos);

    FakeRequest fake2{k_good_body};
    IntakeLimits no_secret{1024, 64, std::nullopt};
    auto r2 = handle_delivery(fake2.make("POST", query, "application/x-www-form-urlencoded",
                                         std::to_string(k_good_body.size())),
                              no_secret,
                              [](std::string_view, std::string_view) { FAIL("must not store"); });
    CHECK(r2.status == 503);
}

TEST_CASE("spool file: format and parse round-trip, damaged files refused") {
    SpoolEntry entry{"inventory.update", "2026-11-27T20:48:05Z", std::string("payload=a\0b\n", 12)};
    auto text = format_spool_file(entry);
    auto parsed = parse_spool_file(text);
    REQUIRE(parsed);
    CHECK(parsed->type == entry.type);
    CHECK(parsed->received_at == entry.received_at);
    CHECK(parsed->body == entry.body);
    CHECK_FALSE(parse_spool_file(text.substr(0, text.size() - 1)));
    CHECK_FALSE(parse_spool_file(text + "x"));
    CHECK_FALSE(parse_spool_file(""));
    CHECK_FALSE(parse_spool_file("kivals-spool 1\ntype: x\n"));
}
