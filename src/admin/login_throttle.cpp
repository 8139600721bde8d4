#include <kivals/admin/login_throttle.hpp>

#include <algorithm>

namespace kivals::admin {

std::chrono::milliseconds LoginThrottle::wait(SysTime now) const {
    if (now >= m_next_attempt)
        return std::chrono::milliseconds(0);
    return std::chrono::ceil<std::chrono::milliseconds>(m_next_attempt - now);
}

void LoginThrottle::failed(SysTime now) {
    if (m_failures > 0 && now - m_last_failure > m_options.forget_after)
        m_failures = 0;
    m_failures = std::min(m_failures + 1, 30); // 2^30 s is past any cap
    m_last_failure = now;
    auto wait = m_options.first_wait * (std::int64_t{1} << (m_failures - 1));
    m_next_attempt = now + std::min<std::chrono::seconds>(wait, m_options.max_wait);
}

void LoginThrottle::succeeded() {
    m_failures = 0;
    m_next_attempt = SysTime{};
}

} // namespace kivals::admin
