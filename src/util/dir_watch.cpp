#include <kivals/core/error.hpp>
#include <kivals/util/dir_watch.hpp>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

namespace kivals {

DirWatch::DirWatch(const std::filesystem::path& dir, std::string prefix)
    : m_inotify(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)), m_prefix(std::move(prefix)) {
    if (!m_inotify)
        fail(Exit::failure, "cannot watch {}: {}", dir.string(), std::strerror(errno));
    if (::inotify_add_watch(m_inotify.get(), dir.c_str(),
                            IN_MODIFY | IN_CLOSE_WRITE | IN_CREATE | IN_MOVED_TO) < 0)
        fail(Exit::failure, "cannot watch {}: {}", dir.string(), std::strerror(errno));
    int fds[2];
    if (::pipe2(fds, O_NONBLOCK | O_CLOEXEC) != 0)
        fail(Exit::failure, "cannot make a pipe: {}", std::strerror(errno));
    m_wake_read = Fd(fds[0]);
    m_wake_write = Fd(fds[1]);
}

bool DirWatch::wait(std::chrono::milliseconds timeout) {
    pollfd fds[2] = {{m_inotify.get(), POLLIN, 0}, {m_wake_read.get(), POLLIN, 0}};
    int ready = ::poll(fds, 2, static_cast<int>(timeout.count()));
    if (ready <= 0)
        return false; // timeout, or EINTR: the caller looks anyway
    if (fds[1].revents != 0) {
        char buffer[64];
        while (::read(m_wake_read.get(), buffer, sizeof buffer) > 0) {
        }
    }
    return fds[0].revents != 0 && drain();
}

void DirWatch::wake() {
    char byte = 1;
    [[maybe_unused]] auto written = ::write(m_wake_write.get(), &byte, 1);
}

bool DirWatch::drain() {
    alignas(inotify_event) char buffer[4096];
    bool matched = false;
    while (true) {
        ssize_t n = ::read(m_inotify.get(), buffer, sizeof buffer);
        if (n <= 0)
            return matched;
        for (ssize_t at = 0; at < n;) {
            auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
            std::string_view name =
                event->len > 0 ? std::string_view(event->name) : std::string_view();
            matched = matched || (event->mask & IN_Q_OVERFLOW) != 0 || name.starts_with(m_prefix);
            at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
    }
}

} // namespace kivals
