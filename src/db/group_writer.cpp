#include <kivals/db/group_writer.hpp>

namespace kivals::db {

GroupWriter::GroupWriter(const std::filesystem::path& path, std::chrono::milliseconds busy_timeout,
                         CommitGate* gate, std::size_t max_batch)
    : m_db(Db::open(path, OpenMode::read_write, busy_timeout)), m_gate(gate),
      m_max_batch(std::max<std::size_t>(max_batch, 1)), m_thread([this] { loop(); }) {}

GroupWriter::~GroupWriter() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_work.notify_one();
    m_thread.join();
}

void GroupWriter::run(Job job) {
    Request request{std::move(job), false, nullptr};
    {
        std::unique_lock lock(m_mutex);
        m_queue.push_back(&request);
        m_work.notify_one();
        m_done.wait(lock, [&] { return request.done; });
    }
    if (request.error)
        std::rethrow_exception(request.error);
}

void GroupWriter::loop() {
    std::unique_lock lock(m_mutex);
    while (true) {
        m_work.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and every request given has been written
        std::deque<Request*> batch;
        while (!m_queue.empty() && batch.size() < m_max_batch) {
            batch.push_back(m_queue.front());
            m_queue.pop_front();
        }
        lock.unlock();
        write_batch(batch);
        lock.lock();
        for (Request* request : batch)
            request->done = true;
        m_done.notify_all();
    }
}

void GroupWriter::write_batch(std::deque<Request*>& batch) {
    try {
        Txn txn(m_db);
        for (Request* request : batch) {
            m_db.exec("SAVEPOINT request");
            bool keep = false;
            try {
                keep = request->job(m_db);
            } catch (...) {
                request->error = std::current_exception();
            }
            m_db.exec(keep && !request->error ? "RELEASE request"
                                              : "ROLLBACK TO request; RELEASE request");
        }
        if (m_gate) {
            std::lock_guard gate(*m_gate);
            txn.commit();
        } else {
            txn.commit();
        }
    } catch (...) {
        // BEGIN, a savepoint or COMMIT failed: the transaction is rolled back, so every
        // request of it failed, whatever its job said.
        for (Request* request : batch)
            request->error = std::current_exception();
    }
}

} // namespace kivals::db
