#pragma once

#include <kivals/core/clock.hpp>

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

// The admin page's logged-in sessions, in the memory of `kivals serve` (a restart logs
// everyone out, which is the safe side). The cookie holds a random id; the store keeps only
// its digest, with the session's CSRF token and its times. Thread-safe.
namespace kivals::admin {

struct SessionOptions {
    std::chrono::minutes idle{30};   // a session unused this long ends
    std::chrono::hours lifetime{12}; // and any session ends this long after its login
    std::size_t max_sessions = 32;   // one more login ends the least recently used
};

// A session as the handlers see it.
struct Session {
    std::string csrf; // the token every state-changing form of this session carries
    // digest_hex of the password hash it logged in with: a new password ends the session
    std::string credential;
    SysTime created;
    SysTime last_seen;
};

// A new session: the id goes into the cookie, once; the store cannot give it back.
struct NewSession {
    std::string id;
    Session session;
};

class SessionStore {
public:
    explicit SessionStore(SessionOptions options = {}) : m_options(options) {}

    // Start a session at `now` for the password whose hash has digest `credential`.
    NewSession create(SysTime now, std::string credential);
    // Return the session of cookie value `id` and mark it used at `now`; nullopt when there is
    // none or it has ended (then it is removed).
    std::optional<Session> find(std::string_view id, SysTime now);
    // End the session of `id` (logout).
    void remove(std::string_view id);
    // Return the number of sessions kept.
    std::size_t size() const;

private:
    bool ended(const Session& session, SysTime now) const;

    SessionOptions m_options;
    mutable std::mutex m_mutex;
    std::map<std::string, Session, std::less<>> m_sessions; // by digest_hex(id)
};

} // namespace kivals::admin
