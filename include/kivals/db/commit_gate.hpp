#pragma once

#include <condition_variable>
#include <mutex>

namespace kivals::db {

// Keeps one process's readers and its writer's COMMIT apart, so that neither meets the other
// in SQLite's lock. In a rollback journal a commit needs every reader's SHARED lock gone, and
// a reader arriving during a commit finds it PENDING: both then wait in SQLite's busy handler,
// in sleeps, for work that takes microseconds. Readers hold the gate shared for the life of
// their connection's lease; a GroupWriter holds it alone only around COMMIT (its transaction's
// work runs beside the readers, as SQLite allows). A waiting commit goes before new readers.
class CommitGate {
public:
    // Enter as a reader (waits while a commit runs or waits).
    void lock_shared();
    void unlock_shared();
    // Enter to commit (waits for the readers inside to leave).
    void lock();
    void unlock();

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    int m_readers = 0;
    int m_committers_waiting = 0;
    bool m_committing = false;
};

} // namespace kivals::db
