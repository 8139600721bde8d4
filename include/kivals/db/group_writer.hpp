#pragma once

#include <kivals/db/commit_gate.hpp>
#include <kivals/db/db.hpp>

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

namespace kivals::db {

// Runs the write requests of a threaded server on one connection, many per transaction: the
// requests that arrive while a transaction commits go together into the next one, each in a
// savepoint of its own (a group commit). With synchronous=FULL a commit costs a few fsyncs,
// so fifty stores reserving at once wait for two commits, not fifty; each request still
// returns only once its changes are durable, and one request's refusal or failure undoes
// only its own changes. Other processes are kept apart by SQLite's lock and the busy timeout.
class GroupWriter {
public:
    // A write request: run inside the shared transaction; return true to keep its changes,
    // false to undo them (a refusal). An exception undoes them and reaches run()'s caller.
    using Job = std::function<bool(Db&)>;

    // With a gate, each COMMIT waits for the readers of the same gate and keeps new ones out.
    GroupWriter(const std::filesystem::path& path, std::chrono::milliseconds busy_timeout,
                CommitGate* gate = nullptr, std::size_t max_batch = 64);
    GroupWriter(const GroupWriter&) = delete;
    GroupWriter& operator=(const GroupWriter&) = delete;
    // Finish the requests already given, then stop.
    ~GroupWriter();

    // Run `job` and return once the transaction that holds it has committed. Throws the job's
    // exception, or DbError when the transaction could not begin or commit (then no request
    // of it changed anything; a busy database is Exit::temporary).
    void run(Job job);

private:
    struct Request {
        Job job;
        bool done = false;
        std::exception_ptr error;
    };
    void loop();
    void write_batch(std::deque<Request*>& batch);

    Db m_db;
    CommitGate* m_gate;
    std::size_t m_max_batch;
    std::mutex m_mutex;
    std::condition_variable m_work;
    std::condition_variable m_done;
    std::deque<Request*> m_queue;
    bool m_stopping = false;
    std::thread m_thread; // last: started when everything above is ready
};

} // namespace kivals::db
