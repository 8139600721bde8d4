#include <kivals/db/pool.hpp>

#include <utility>

namespace kivals::db {

Pool::Pool(std::filesystem::path path, std::chrono::milliseconds busy_timeout, CommitGate* gate)
    : m_path(std::move(path)), m_busy_timeout(busy_timeout), m_gate(gate) {}

Pool::Lease::Lease(Lease&& other) noexcept
    : m_pool(std::exchange(other.m_pool, nullptr)), m_db(std::move(other.m_db)) {}

Pool::Lease::~Lease() {
    if (m_pool)
        m_pool->give_back(std::move(m_db));
}

Pool::Lease Pool::read() {
    std::unique_ptr<Db> db;
    {
        std::lock_guard lock(m_mutex);
        if (!m_idle.empty()) {
            db = std::move(m_idle.back());
            m_idle.pop_back();
        }
    }
    if (!db)
        db = std::make_unique<Db>(Db::open(m_path, OpenMode::read_write, m_busy_timeout));
    if (m_gate)
        m_gate->lock_shared();
    return Lease(*this, std::move(db));
}

void Pool::give_back(std::unique_ptr<Db> db) {
    if (m_gate)
        m_gate->unlock_shared();
    std::lock_guard lock(m_mutex);
    m_idle.push_back(std::move(db));
}

} // namespace kivals::db
