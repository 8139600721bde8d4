#include <kivals/admin/password.hpp>
#include <kivals/admin/sessions.hpp>

#include <algorithm>

namespace kivals::admin {
namespace {

constexpr std::size_t k_random_bytes = 32;

} // namespace

NewSession SessionStore::create(SysTime now, std::string credential) {
    NewSession out{random_hex(k_random_bytes),
                   {random_hex(k_random_bytes), std::move(credential), now, now}};
    std::lock_guard lock(m_mutex);
    for (auto it = m_sessions.begin(); it != m_sessions.end();)
        it = ended(it->second, now) ? m_sessions.erase(it) : std::next(it);
    if (m_sessions.size() >= m_options.max_sessions) {
        auto oldest = std::min_element(m_sessions.begin(), m_sessions.end(), [](auto& a, auto& b) {
            return a.second.last_seen < b.second.last_seen;
        });
        m_sessions.erase(oldest);
    }
    m_sessions.emplace(digest_hex(out.id), out.session);
    return out;
}

std::optional<Session> SessionStore::find(std::string_view id, SysTime now) {
    if (id.size() != 2 * k_random_bytes)
        return std::nullopt;
    std::string key = digest_hex(id);
    std::lock_guard lock(m_mutex);
    auto it = m_sessions.find(key);
    if (it == m_sessions.end())
        return std::nullopt;
    if (ended(it->second, now)) {
        m_sessions.erase(it);
        return std::nullopt;
    }
    it->second.last_seen = now;
    return it->second;
}

void SessionStore::remove(std::string_view id) {
    std::string key = digest_hex(id);
    std::lock_guard lock(m_mutex);
    m_sessions.erase(key);
}

std::size_t SessionStore::size() const {
    std::lock_guard lock(m_mutex);
    return m_sessions.size();
}

bool SessionStore::ended(const Session& session, SysTime now) const {
    return now - session.last_seen > m_options.idle || now - session.created > m_options.lifetime;
}

} // namespace kivals::admin
