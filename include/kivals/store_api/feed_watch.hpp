#pragma once

#include <kivals/db/pool.hpp>
#include <kivals/util/dir_watch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <thread>

namespace kivals::store_api {

// Knows the newest cursor of the change feed and lets long-polls wait for it to move. Every
// process's commits reach the database's directory, which a DirWatch follows, so a change made
// by `queue process`, pull-sync or the CLI wakes waiters within milliseconds; this process's
// own writes call notify(); and the head is read once a second anyway, as the safety net.
class FeedWatcher {
public:
    using Steady = std::chrono::steady_clock;

    // Start watching the database `pool` opens (its file is `database`).
    FeedWatcher(db::Pool& pool, const std::filesystem::path& database);
    FeedWatcher(const FeedWatcher&) = delete;
    FeedWatcher& operator=(const FeedWatcher&) = delete;
    ~FeedWatcher();

    // Return the newest cursor seen.
    std::int64_t head() const { return m_head.load(); }

    // Wait until the feed holds a change beyond `after`, or until `deadline`; return the head.
    std::int64_t wait_beyond(std::int64_t after, Steady::time_point deadline);

    // This process committed a change: read the head now.
    void notify() { m_watch.wake(); }

    // Stop watching and let every waiter go now (the service is shutting down); idempotent.
    void stop();

private:
    void loop();
    void refresh();

    db::Pool& m_pool;
    DirWatch m_watch;
    std::atomic<std::int64_t> m_head{0};
    std::atomic<bool> m_stopping{false};
    std::mutex m_mutex;
    std::condition_variable m_moved;
    std::thread m_thread; // last: started when everything above is ready
};

} // namespace kivals::store_api
