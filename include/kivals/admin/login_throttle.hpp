#pragma once

#include <kivals/core/clock.hpp>

#include <chrono>

// How often the admin page lets anyone try a password. One throttle for the whole server, not
// one per client: behind the merchant's web server every client has the proxy's address, and
// an attacker can change addresses at will. The cap bounds how long an attacker's guesses can
// keep the merchant out. Pure: the caller gives the time and holds the lock.
namespace kivals::admin {

struct ThrottleOptions {
    std::chrono::seconds first_wait{1};    // after one wrong password
    std::chrono::seconds max_wait{30};     // the wait doubles per failure up to this
    std::chrono::minutes forget_after{15}; // failures older than this are forgotten
};

class LoginThrottle {
public:
    explicit LoginThrottle(ThrottleOptions options = {}) : m_options(options) {}

    // Return how long until a password may be tried; zero when it may be now.
    std::chrono::milliseconds wait(SysTime now) const;
    // Count a wrong password tried at `now`.
    void failed(SysTime now);
    // Forget the failures (the right password was given).
    void succeeded();
    // Return the wrong passwords in a row.
    int failures() const { return m_failures; }

private:
    ThrottleOptions m_options;
    int m_failures = 0;
    SysTime m_last_failure{};
    SysTime m_next_attempt{};
};

} // namespace kivals::admin
