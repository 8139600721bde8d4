#pragma once

#include <kivals/core/clock.hpp>

#include <chrono>
#include <optional>
#include <string_view>

namespace kivals::lightspeed {

// Pure retry policy: no clock, no sleeping, no randomness of its own.

// The back-off settings of a run.
struct BackoffParams {
    std::chrono::milliseconds base{500};  // the first wait
    std::chrono::milliseconds cap{30000}; // no back-off wait grows past this
    std::chrono::milliseconds slack{250}; // jitter added on top of a Retry-After wait
};

// Return how long to wait before retry number `attempt` (1 for the first retry).
// Without `retry_after`: capped exponential back-off with "equal jitter", i.e. a wait in
// [e/2, e) where e = min(cap, base * 2^(attempt-1)) and `jitter` in [0, 1) picks the point.
// With `retry_after` (the server said when): never less than it, plus up to `slack` of
// jitter so that clients told the same second do not all come back at once; the cap does
// not shorten a server's Retry-After.
std::chrono::milliseconds retry_delay(int attempt,
                                      std::optional<std::chrono::milliseconds> retry_after,
                                      double jitter, const BackoffParams& params = {});

// Read a Retry-After header: an HTTP date (what Lightspeed sends) or delta seconds.
// Return how long from `now` to wait (zero for a date in the past); nullopt when unreadable.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, SysTime now);

} // namespace kivals::lightspeed
