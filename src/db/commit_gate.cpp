#include <kivals/db/commit_gate.hpp>

namespace kivals::db {

void CommitGate::lock_shared() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return !m_committing && m_committers_waiting == 0; });
    ++m_readers;
}

void CommitGate::unlock_shared() {
    {
        std::lock_guard lock(m_mutex);
        --m_readers;
    }
    m_changed.notify_all();
}

void CommitGate::lock() {
    std::unique_lock lock(m_mutex);
    ++m_committers_waiting;
    m_changed.wait(lock, [&] { return !m_committing && m_readers == 0; });
    --m_committers_waiting;
    m_committing = true;
}

void CommitGate::unlock() {
    {
        std::lock_guard lock(m_mutex);
        m_committing = false;
    }
    m_changed.notify_all();
}

} // namespace kivals::db
