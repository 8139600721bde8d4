#include "ratelimit.hpp"

namespace kivals::lssim {

RateLimiter::RateLimiter(long limit, std::chrono::milliseconds window)
    : m_limit(limit), m_window(window) {}

RateLimiter::Decision RateLimiter::take(const std::string& token, SysTime now) {
    std::lock_guard lock(m_mutex);
    Window& w = m_windows[token];
    if (w.used == 0 || now >= w.start + m_window) {
        w.start = now;
        w.used = 0;
    }
    Decision d;
    d.limit = m_limit;
    d.reset = w.start + m_window;
    if (w.used >= m_limit) {
        d.allowed = false;
        d.remaining = 0;
        return d;
    }
    ++w.used;
    d.remaining = m_limit - w.used;
    return d;
}

void RateLimiter::reset(long limit) {
    std::lock_guard lock(m_mutex);
    m_windows.clear();
    if (limit > 0)
        m_limit = limit;
}

long RateLimiter::limit() const {
    std::lock_guard lock(m_mutex);
    return m_limit;
}

} // namespace kivals::lssim
