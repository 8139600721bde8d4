#include <kivals/webhook/spool_remover.hpp>

#include <kivals/core/error.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <utility>

namespace kivals::webhook {

SpoolRemover::SpoolRemover(int dir, std::filesystem::path shown)
    : m_dir(::fcntl(dir, F_DUPFD_CLOEXEC, 0)), m_shown(std::move(shown)) {
    if (!m_dir)
        fail(Exit::failure, "cannot use {}: {}", m_shown.string(), std::strerror(errno));
}

SpoolRemover::~SpoolRemover() {
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [&] { return m_queue.empty() && m_busy == 0; });
        m_stopping = true;
    }
    m_work.notify_all();
    for (std::thread& thread : m_threads)
        thread.join();
}

void SpoolRemover::remove(std::vector<std::string> names) {
    if (names.empty())
        return;
    if (m_threads.empty())
        for (int i = 0; i < k_threads; ++i)
            m_threads.emplace_back([this] { work(); });
    {
        std::lock_guard lock(m_mutex);
        for (std::string& name : names)
            m_queue.push_back(std::move(name));
    }
    m_work.notify_all();
}

void SpoolRemover::work() {
    std::unique_lock lock(m_mutex);
    while (true) {
        m_work.wait(lock, [&] { return m_stopping || !m_queue.empty(); });
        if (m_queue.empty())
            return; // stopping, and nothing left
        std::string name = std::move(m_queue.front());
        m_queue.pop_front();
        ++m_busy;
        lock.unlock();
        int err = ::unlinkat(m_dir.get(), name.c_str(), 0) == 0 || errno == ENOENT ? 0 : errno;
        lock.lock();
        --m_busy;
        ++m_removed;
        if (err != 0 && m_error.empty())
            m_error =
                fmt::format("cannot remove {}: {}", (m_shown / name).string(), std::strerror(err));
        if (m_queue.empty() && m_busy == 0)
            m_idle.notify_all();
    }
}

void SpoolRemover::finish() {
    std::string error;
    std::size_t removed = 0;
    {
        std::unique_lock lock(m_mutex);
        m_idle.wait(lock, [&] { return m_queue.empty() && m_busy == 0; });
        error = std::exchange(m_error, {});
        removed = std::exchange(m_removed, 0);
    }
    if (removed > 0 && ::fsync(m_dir.get()) != 0)
        fail(Exit::failure, "cannot fsync {}: {}", m_shown.string(), std::strerror(errno));
    if (!error.empty())
        fail(Exit::failure, "{}", error);
}

} // namespace kivals::webhook
