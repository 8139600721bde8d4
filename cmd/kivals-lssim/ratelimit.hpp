#pragma once

#include <kivals/core/clock.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace kivals::lssim {

// Lightspeed's quota: a fixed window per token (300 x registers + 50 per 300 s by default).
class RateLimiter {
public:
    // The answer for one request.
    struct Decision {
        bool allowed = true;
        long limit = 0;
        long remaining = 0;
        SysTime reset; // when the current window ends
    };

    // Make a limiter allowing `limit` requests per `window`.
    RateLimiter(long limit, std::chrono::milliseconds window);

    // Count one request for `token` at `now` and decide whether it may proceed.
    Decision take(const std::string& token, SysTime now);
    // Forget every window (control endpoint), optionally with a new limit (0 = keep).
    void reset(long limit = 0);
    // Return the limit per window.
    long limit() const;

private:
    struct Window {
        SysTime start;
        long used = 0;
    };
    mutable std::mutex m_mutex;
    long m_limit;
    std::chrono::milliseconds m_window;
    std::map<std::string, Window> m_windows;
};

} // namespace kivals::lssim
