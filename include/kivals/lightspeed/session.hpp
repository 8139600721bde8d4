#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/core/progress.hpp>
#include <kivals/lightspeed/errors.hpp>
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

// Say what a wait is for and how long it is (pure, for the progress line). A retry after
// attempt `attempt` of `attempts` failed: "store unreachable, attempt 3 of 7, next in 4 s",
// or for a 429 "waiting 38 s: Lightspeed's rate limit". With `attempt` 0, the wait before a
// first try that an earlier answer's Retry-After asked for. `status` is the HTTP status of
// that answer, 0 when none came (`kind` says why).
std::string retry_wait_message(ApiErrorKind kind, int status, int attempt, int attempts,
                               std::chrono::milliseconds wait);

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
    // Say every wait (rate limits, retries) to `progress` from now on; it must outlive the
    // session. Until then waits are silent.
    void report_to(Progress& progress) { m_progress = &progress; }

private:
    HttpResponse send_once(const HttpRequest& request);
    // The failure a wait is for: the kind, its HTTP status (0: none) and its attempt.
    struct WaitCause {
        ApiErrorKind kind = ApiErrorKind::rate_limited;
        int status = 429;
        int attempt = 0;
    };
    void wait_until_allowed(const WaitCause& cause);
    void note_rate_limit(const HttpResponse& response);

    HttpTransport& m_transport;
    Sleeper& m_sleeper;
    const Clock& m_clock;
    Logger& m_log;
    SessionOptions m_options;
    JitterSource m_jitter;
    SilentProgress m_silent;
    Progress* m_progress = &m_silent;
    SysTime m_deadline;
    SysTime m_not_before; // no request before this (the last Retry-After)
    WaitCause m_told_by;  // the answer whose Retry-After set m_not_before
    std::int64_t m_requests = 0;
    RateLimit m_rate;
};

} // namespace kivals::lightspeed
