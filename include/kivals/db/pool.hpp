#pragma once

#include <kivals/db/commit_gate.hpp>
#include <kivals/db/db.hpp>

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace kivals::db {

// Connections for the readers of a threaded server: a SQLite connection is used by one thread
// at a time, so each request borrows one and gives it back. Reads go straight to SQLite, which
// lets them read while another process writes; writes go through a GroupWriter. With a
// CommitGate shared with that writer, a lease holds the gate shared for its life.
class Pool {
public:
    Pool(std::filesystem::path path, std::chrono::milliseconds busy_timeout,
         CommitGate* gate = nullptr);
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    // A borrowed connection, given back on destruction.
    class Lease {
    public:
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        // Return the borrowed connection.
        Db& db() { return *m_db; }

    private:
        friend class Pool;
        Lease(Pool& pool, std::unique_ptr<Db> db) : m_pool(&pool), m_db(std::move(db)) {}
        Pool* m_pool;
        std::unique_ptr<Db> m_db;
    };

    // Borrow a connection (opened on first need).
    Lease read();

private:
    void give_back(std::unique_ptr<Db> db);

    std::filesystem::path m_path;
    std::chrono::milliseconds m_busy_timeout;
    CommitGate* m_gate;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<Db>> m_idle;
};

} // namespace kivals::db
