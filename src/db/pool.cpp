#include <kivals/db/pool.hpp>

#include <algorithm>
#include <utility>

namespace kivals::db {

Pool::Pool(std::filesystem::path path, std::chrono::milliseconds busy_timeout)
    : m_path(std::move(path)), m_busy_timeout(busy_timeout) {}

Pool::Lease::Lease(Lease&& other) noexcept
    : m_pool(std::exchange(other.m_pool, nullptr)), m_db(std::move(other.m_db)),
      m_writer(other.m_writer) {}

Pool::Lease::~Lease() {
    if (m_pool)
        m_pool->give_back(std::move(m_db), m_writer);
}

Pool::Lease Pool::read() {
    return Lease(*this, take(), false);
}

Pool::Lease Pool::write() {
    {
        std::unique_lock lock(m_mutex);
        std::uint64_t ticket = m_next_ticket++;
        m_waiting.push_back(ticket);
        bool turn = m_turn.wait_for(lock, m_busy_timeout,
                                    [&] { return !m_writing && m_waiting.front() == ticket; });
        if (!turn) {
            m_waiting.erase(std::find(m_waiting.begin(), m_waiting.end(), ticket));
            lock.unlock();
            m_turn.notify_all(); // the next in line may be first now
            throw DbError(Exit::temporary,
                          "database: every connection of this process is busy writing "
                          "(waited for the busy timeout)",
                          5 /* SQLITE_BUSY */);
        }
        m_waiting.pop_front();
        m_writing = true;
    }
    try {
        return Lease(*this, take(), true);
    } catch (...) {
        give_back(nullptr, true);
        throw;
    }
}

std::unique_ptr<Db> Pool::take() {
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            auto db = std::move(m_idle.back());
            m_idle.pop_back();
            return db;
        }
    }
    return std::make_unique<Db>(Db::open(m_path, OpenMode::read_write, m_busy_timeout));
}

void Pool::give_back(std::unique_ptr<Db> db, bool writer) {
    {
        std::lock_guard lock(m_mutex);
        if (db)
            m_idle.push_back(std::move(db));
        if (writer)
            m_writing = false;
    }
    if (writer)
        m_turn.notify_all();
}

} // namespace kivals::db
