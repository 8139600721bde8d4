#pragma once

#include <kivals/util/files.hpp>

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kivals::webhook {

// Removes spool files that are safely in the database, on threads of its own, while the queue
// goes on taking in and applying (SpoolReader::remove). On a disk mounted with `discard` (the
// build VM), each unlink of a file that held data waits for its blocks to be discarded, 0.1 to
// 3 ms, and that wait is latency, not work: 16 unlinks in flight take little longer than one.
// Files are removed by name in one directory descriptor (unlinkat, never a path), so nothing
// is followed. A file whose removal is lost (a crash) is still recognised by its name on the
// next run and only removed then.
class SpoolRemover {
public:
    // Threads removing at once.
    static constexpr int k_threads = 16;

    // Remove from the directory `dir` (a descriptor opened without following links; duplicated),
    // named `shown` in errors. Nothing starts until the first remove().
    SpoolRemover(int dir, std::filesystem::path shown);
    SpoolRemover(const SpoolRemover&) = delete;
    SpoolRemover& operator=(const SpoolRemover&) = delete;
    // Wait for the removals queued so far (failures are dropped: see finish()).
    ~SpoolRemover();

    // Queue files for removal. Call only once their rows are committed.
    void remove(std::vector<std::string> names);

    // Wait until every queued file is gone, then fsync the directory once so that the
    // removals are durable. Throws Error naming the first file that could not be removed.
    // The remover can be used again afterwards.
    void finish();

private:
    void work();

    Fd m_dir;
    std::filesystem::path m_shown;
    std::mutex m_mutex;
    std::condition_variable m_work;
    std::condition_variable m_idle;
    std::deque<std::string> m_queue;
    std::size_t m_busy = 0;
    std::size_t m_removed = 0; // since the last finish()
    std::string m_error;       // the first failure since the last finish()
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace kivals::webhook
