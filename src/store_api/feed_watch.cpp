#include <kivals/store_api/feed_watch.hpp>
#include <kivals/sync/stock_feed.hpp>

namespace kivals::store_api {
namespace {

std::filesystem::path directory_of(const std::filesystem::path& file) {
    return file.has_parent_path() ? file.parent_path() : std::filesystem::path(".");
}

} // namespace

FeedWatcher::FeedWatcher(db::Pool& pool, const std::filesystem::path& database)
    : m_pool(pool), m_watch(directory_of(database), database.filename().string()) {
    refresh();
    m_thread = std::thread([this] { loop(); });
}

FeedWatcher::~FeedWatcher() {
    stop();
}

void FeedWatcher::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_moved.notify_all();
    m_watch.wake();
    if (m_thread.joinable())
        m_thread.join();
}

std::int64_t FeedWatcher::wait_beyond(std::int64_t after, Steady::time_point deadline) {
    std::unique_lock lock(m_mutex);
    m_moved.wait_until(lock, deadline, [&] { return m_head.load() > after || m_stopping.load(); });
    return m_head.load();
}

void FeedWatcher::loop() {
    while (!m_stopping) {
        m_watch.wait(std::chrono::seconds(1));
        if (!m_stopping)
            refresh();
    }
}

void FeedWatcher::refresh() {
    std::int64_t head = 0;
    try {
        auto lease = m_pool.read();
        head = sync::feed_head(lease.db());
    } catch (const Error&) {
        return; // the database is busy or gone for a moment: the next look will tell
    }
    if (head == m_head.load())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_head = head;
    }
    m_moved.notify_all();
}

} // namespace kivals::store_api
