#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/lightspeed/retry.hpp>
#include <kivals/lightspeed/sleeper.hpp>
#include <kivals/lightspeed/transport.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace kivals::lightspeed {

// What a Session needs besides its collaborators.
struct SessionOptions {
    std::string store_url;  // "https://shop.retail.lightspeed.app" (no trailing slash)
    std::string token;      // sent as "Authorization: Bearer ..."; never logged
    std::string user_agent; // "kivals/0.1.0"
    int max_retries = 6;    // retries per request (429, 5xx, timeouts, refused connections)
    std::chrono::seconds run_budget{600}; // no wait or request past start + budget
    BackoffParams backoff;
};

// The last rate-limit headers seen (X-RateLimit-Limit / X-RateLimit-Remaining).
struct RateLimit {
    std::optional<std::int64_t> limit;
    std::optional<std::int64_t> remaining;
};

// Whether a request may be sent again after a failure.
enum class Replay {
    safe,            // reads and idempotent writes: retry timeouts, broken connections, 429, 5xx
    only_if_refused, // stock writes: retry only a 429, which Lightspeed answers before doing
                     // anything. A timeout, a broken connection or a 5xx may come after the
                     // write landed, so the caller is told and checks (a retry could count twice).
};

// Returns a number in [0, 1) for back-off jitter.
using JitterSource = std::function<double()>;

// Return a jitter source backed by a randomly seeded generator.
JitterSource random_jitter();

// Sends API requests with the token, JSON, retries, Retry-After, the run budget and logs.
// 2xx answers are returned; everything else ends as an ApiError.
class Session {
public:
    Session(HttpTransport& transport, Sleeper& sleeper, const Clock& clock, Logger& log,
            SessionOptions options, JitterSource jitter = random_jitter());

    // Send `method` to the store path `path_and_query` ("/api/2026-07/outlets?deleted=true")
    // with an optional JSON body; return the parsed JSON answer (null for an empty body).
    // A write that must not land twice passes Replay::only_if_refused.
    nlohmann::json call(Method method, const std::string& path_and_query,
                        const nlohmann::json* body = nullptr, Replay replay = Replay::safe);

    // Return how many HTTP requests were sent (retries included).
    std::int64_t requests() const { return m_requests; }
    // Return the rate-limit headers of the last answer.
    const RateLimit& rate_limit() const { return m_rate; }
    // Return the time after which the session starts no new request or wait.
    SysTime deadline() const { return m_deadline; }
    const std::string& store_url() const { return m_options.store_url; }

private:
    HttpResponse send_once(const HttpRequest& request);
    void wait_until_allowed();
    void note_rate_limit(const HttpResponse& response);

    HttpTransport& m_transport;
    Sleeper& m_sleeper;
    const Clock& m_clock;
    Logger& m_log;
    SessionOptions m_options;
    JitterSource m_jitter;
    SysTime m_deadline;
    SysTime m_not_before; // no request before this (the last Retry-After)
    std::int64_t m_requests = 0;
    RateLimit m_rate;
};

} // namespace kivals::lightspeed
