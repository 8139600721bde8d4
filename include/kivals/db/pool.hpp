#pragma once

#include <kivals/db/db.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

namespace kivals::db {

// Connections to one database for a threaded server. A SQLite connection is used by one thread
// at a time, so each request borrows one. Readers go straight to SQLite (it lets them read
// while another process writes); writers of this process take turns, first come first served,
// so that they queue here instead of meeting in SQLite's lock. Other processes (cron jobs, the
// CLI) are kept apart by SQLite's lock and the busy timeout as always.
class Pool {
public:
    Pool(std::filesystem::path path, std::chrono::milliseconds busy_timeout);
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    // A borrowed connection, returned (and the writer's turn passed on) on destruction.
    class Lease {
    public:
        Lease(Lease&& other) noexcept;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        // Return the borrowed connection.
        Db& db() { return *m_db; }

    private:
        friend class Pool;
        Lease(Pool& pool, std::unique_ptr<Db> db, bool writer)
            : m_pool(&pool), m_db(std::move(db)), m_writer(writer) {}
        Pool* m_pool;
        std::unique_ptr<Db> m_db;
        bool m_writer;
    };

    // Borrow a connection for reading.
    Lease read();
    // Borrow a connection for writing, after the writers of this process that asked first
    // (start it with a Txn). Throws DbError (Exit::temporary) when the turn does not come
    // within the busy timeout.
    Lease write();

private:
    std::unique_ptr<Db> take();
    void give_back(std::unique_ptr<Db> db, bool writer);

    std::filesystem::path m_path;
    std::chrono::milliseconds m_busy_timeout;
    std::mutex m_mutex;
    std::condition_variable m_turn;
    std::vector<std::unique_ptr<Db>> m_idle;
    bool m_writing = false;
    std::deque<std::uint64_t> m_waiting; // writers' tickets, in the order they asked
    std::uint64_t m_next_ticket = 0;
};

} // namespace kivals::db
