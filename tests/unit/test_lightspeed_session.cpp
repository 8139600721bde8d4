#include <kivals/lightspeed/errors.hpp>
#include <kivals/lightspeed/session.hpp>

#include "support/fakes.hpp"

#include <doctest/doctest.h>

using namespace kivals;
using namespace kivals::lightspeed;
using namespace kivals::testing;
using std::chrono::milliseconds;

namespace {

struct Rig {
    ManualClock clock{*parse_http_date("Wed, 15 Jul 2020 15:00:00 GMT")};
    Logger log{stderr};
    ScriptedTransport transport{&clock};
    FakeSleeper sleeper{clock};
    SessionOptions options;
    std::optional<Session> session;

    explicit Rig(int max_retries = 3, int budget_s = 600) {
        options.store_url = "https://shop.example";
        options.token = "lsxs_pt_SECRETSECRET";
        options.user_agent = "kivals/test";
        options.max_retries = max_retries;
        options.run_budget = std::chrono::seconds(budget_s);
        session.emplace(transport, sleeper, clock, log, options, [] { return 0.0; });
    }
    nlohmann::json get() { return session->call(Method::get, "/api/2026-07/outlets"); }
};

ApiError call_error(Rig& rig) {
    try {
        rig.get();
    } catch (const ApiError& e) {
        return e;
    }
    FAIL("expected an ApiError");
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("session: bearer token, JSON and User-Agent on every request") {
    Rig rig;
    rig.transport.push_json(200, R"({"data":[]})",
                            {{"X-RateLimit-Limit", "350"}, {"X-RateLimit-Remaining", "349"}});
    auto body = rig.get();
    CHECK(body["data"].is_array());
    const auto& h = rig.transport.requests()[0].headers;
    auto has = [&](const char* name, const char* value) {
        return std::find(h.begin(), h.end(), std::pair<std::string, std::string>(name, value)) !=
               h.end();
    };
    CHECK(has("Authorization", "Bearer lsxs_pt_SECRETSECRET"));
    CHECK(has("Accept", "application/json"));
    CHECK(has("User-Agent", "kivals/test"));
    CHECK(rig.session->rate_limit().limit == 350);
    CHECK(rig.session->rate_limit().remaining == 349);
}

TEST_CASE("session: 429 with an HTTP-date Retry-After; no request before that time") {
    Rig rig;
    rig.transport.push_json(429,
                            R"({"error":"Too Many Requests","message":"Rate limiting enforced"})",
                            {{"Retry-After", "Wed, 15 Jul 2020 15:00:07 GMT"}});
    rig.transport.push_json(200, R"({"data":[]})");
    rig.get();
    REQUIRE(rig.transport.sent_at().size() == 2);
    CHECK(rig.transport.sent_at()[1] >= *parse_http_date("Wed, 15 Jul 2020 15:00:07 GMT"));
    CHECK(rig.sleeper.waits() == std::vector<milliseconds>{milliseconds(7000)});
    CHECK(rig.session->requests() == 2);
}

TEST_CASE("session: the Retry-After also holds back the next call") {
    Rig rig;
    rig.transport.push_json(429, "{}", {{"Retry-After", "5"}});
    rig.transport.push_json(200, "{}");
    rig.transport.push_json(200, "{}");
    rig.get();
    rig.get();
    CHECK(rig.transport.sent_at()[2] >= rig.transport.sent_at()[0] + milliseconds(5000));
}

TEST_CASE("session: a Retry-After is honoured by the next request on every path") {
    // However the call ends (given up after the last retry, or a write that is not retried),
    // the next request of the session waits for the time the server named.
    struct Case {
        const char* name;
        int max_retries;
        Replay replay;
        std::vector<int> statuses; // each answered with Retry-After: 5
    };
    const Case cases[] = {
        {"429 on the last allowed retry", 1, Replay::safe, {429, 429}},
        {"429 with no retries allowed", 0, Replay::safe, {429}},
        {"503 on the last allowed retry", 1, Replay::safe, {503, 503}},
        {"503 to a stock write (never retried)", 3, Replay::only_if_refused, {503}},
        {"429 to a stock write on its last retry", 1, Replay::only_if_refused, {429, 429}},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        Rig rig(c.max_retries);
        for (int status : c.statuses)
            rig.transport.push_json(status, "{}", {{"Retry-After", "5"}});
        rig.transport.push_json(200, "{}");
        CHECK_THROWS_AS(
            rig.session->call(Method::post, "/api/2026-07/stock_adjustments", nullptr, c.replay),
            ApiError);
        SysTime refused_at = rig.transport.sent_at().back();
        rig.get();
        REQUIRE(rig.transport.sent_at().size() == c.statuses.size() + 1);
        CHECK(rig.transport.sent_at().back() >= refused_at + milliseconds(5000));
    }
}

TEST_CASE("session: a Retry-After beyond the run budget ends the next call without waiting") {
    Rig rig(0, 60);
    rig.transport.push_json(429, "{}", {{"Retry-After", "120"}});
    CHECK_THROWS_AS(rig.get(), ApiError);
    ApiError e = call_error(rig);
    CHECK(e.kind() == ApiErrorKind::budget);
    CHECK(rig.transport.requests().size() == 1);
    CHECK(rig.sleeper.waits().empty());
}

TEST_CASE("session: 5xx and timeouts are retried with growing back-off, then succeed") {
    Rig rig;
    rig.transport.push_json(500, "{}");
    rig.transport.push_error(TransportErrorKind::timeout);
    rig.transport.push_json(503, "{}");
    rig.transport.push_json(200, R"({"ok":true})");
    CHECK(rig.get()["ok"] == true);
    // jitter 0: waits of e/2 for e = 500, 1000, 2000 ms
    CHECK(rig.sleeper.waits() ==
          std::vector<milliseconds>{milliseconds(250), milliseconds(500), milliseconds(1000)});
}

TEST_CASE("session: 4xx are not retried and keep their status") {
    struct Case {
        int status;
        ApiErrorKind kind;
        Exit exit;
    };
    const Case cases[] = {{401, ApiErrorKind::unauthorized, Exit::config},
                          {403, ApiErrorKind::forbidden, Exit::config},
                          {404, ApiErrorKind::not_found, Exit::failure},
                          {409, ApiErrorKind::conflict, Exit::failure},
                          {422, ApiErrorKind::unprocessable, Exit::failure}};
    for (const auto& c : cases) {
        CAPTURE(c.status);
        Rig rig;
        rig.transport.push_json(c.status, R"({"error":"nope"})");
        ApiError e = call_error(rig);
        CHECK(e.kind() == c.kind);
        CHECK(e.status() == c.status);
        CHECK(e.code() == c.exit);
        CHECK(rig.transport.requests().size() == 1);
        std::string message = e.what();
        CHECK(message.find("GET https://shop.example/api/2026-07/outlets") != std::string::npos);
        CHECK(message.find(std::to_string(c.status)) != std::string::npos);
        CHECK(message.find("SECRET") == std::string::npos);
    }
    Rig rig;
    rig.transport.push_json(401, R"({"error":"Access token is not valid"})");
    CHECK(std::string(call_error(rig).what()).find("check the token") != std::string::npos);
}

TEST_CASE("session: retries are bounded by max_retries, then exit 75") {
    Rig rig(2);
    for (int i = 0; i < 5; ++i)
        rig.transport.push_error(TransportErrorKind::connect, "Couldn't connect to server");
    ApiError e = call_error(rig);
    CHECK(e.kind() == ApiErrorKind::connect);
    CHECK(e.code() == Exit::temporary);
    CHECK(rig.transport.requests().size() == 3);
    CHECK(std::string(e.what()).find("gave up after 3 attempts") != std::string::npos);
}

TEST_CASE("session: TLS and DNS failures are not retried and are configuration errors") {
    Rig tls;
    tls.transport.push_error(TransportErrorKind::tls,
                             "SSL certificate problem: self-signed certificate");
    ApiError e = call_error(tls);
    CHECK(e.kind() == ApiErrorKind::tls);
    CHECK(e.code() == Exit::config);
    CHECK(tls.transport.requests().size() == 1);
    Rig dns;
    dns.transport.push_error(TransportErrorKind::dns, "Could not resolve host: nowhere.invalid");
    CHECK(call_error(dns).code() == Exit::config);
}

TEST_CASE("session: a Retry-After past the run budget stops cleanly with exit 75") {
    Rig rig(6, 60);
    rig.transport.push_json(429, "{}", {{"Retry-After", "Wed, 15 Jul 2020 15:05:00 GMT"}});
    ApiError e = call_error(rig);
    CHECK(e.kind() == ApiErrorKind::budget);
    CHECK(e.code() == Exit::temporary);
    CHECK(rig.transport.requests().size() == 1);
    CHECK(rig.sleeper.waits().empty());
}

TEST_CASE("session: a 2xx body that is not JSON is a bad_response") {
    Rig rig;
    rig.transport.push_json(200, "<html>");
    CHECK(call_error(rig).kind() == ApiErrorKind::bad_response);
}

namespace {

// Records what a session says about its waits.
struct RecordingProgress final : Progress {
    std::vector<std::pair<milliseconds, std::string>> waits;
    void step(std::string_view, std::int64_t, std::int64_t, std::string_view) override {}
    void wait(milliseconds duration, std::string_view message) override {
        waits.emplace_back(duration, std::string(message));
    }
    void finish() override {}
};

} // namespace

TEST_CASE("retry_wait_message: what each wait is for, and how long") {
    struct Case {
        ApiErrorKind kind;
        int status, attempt;
        milliseconds wait;
        const char* want;
    };
    for (const Case& c : {
             Case{ApiErrorKind::rate_limited, 429, 1, milliseconds(38000),
                  "waiting 38 s: Lightspeed's rate limit"},
             Case{ApiErrorKind::rate_limited, 429, 0, milliseconds(1200),
                  "waiting 2 s: Lightspeed's rate limit"},
             Case{ApiErrorKind::connect, 0, 3, milliseconds(4000),
                  "store unreachable, attempt 3 of 7, next in 4 s"},
             Case{ApiErrorKind::timeout, 0, 1, milliseconds(500),
                  "no answer from the store in time, attempt 1 of 7, next in 0.5 s"},
             Case{ApiErrorKind::server, 503, 2, milliseconds(2000),
                  "Lightspeed answered HTTP 503, attempt 2 of 7, next in 2 s"},
             Case{ApiErrorKind::server, 503, 0, milliseconds(9000),
                  "waiting 9 s: Lightspeed asked kivals to wait (HTTP 503)"},
         }) {
        CAPTURE(c.want);
        CHECK(retry_wait_message(c.kind, c.status, c.attempt, 7, c.wait) == c.want);
    }
}

TEST_CASE("session: every wait is said, with its reason and length") {
    Rig rig(3);
    RecordingProgress progress;
    rig.session->report_to(progress);
    rig.transport.push_error(TransportErrorKind::connect);
    rig.transport.push_json(429, "{}", {{"Retry-After", "7"}});
    rig.transport.push_json(200, "{}");
    rig.get();
    REQUIRE(progress.waits.size() == 2);
    CHECK(progress.waits[0].second == "store unreachable, attempt 1 of 4, next in 0.3 s");
    CHECK(progress.waits[1].first == milliseconds(7000));
    CHECK(progress.waits[1].second == "waiting 7 s: Lightspeed's rate limit");
    // The sleeper slept exactly what was said.
    CHECK(rig.sleeper.waits() == std::vector<milliseconds>{milliseconds(250), milliseconds(7000)});
}
