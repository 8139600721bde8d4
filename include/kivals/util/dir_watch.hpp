#pragma once

#include <kivals/util/files.hpp>

#include <chrono>
#include <filesystem>
#include <string>

namespace kivals {

// Tells when files in one directory change (inotify): written, closed after writing, created
// or moved in. For long-running processes that react to other processes' work (the store
// API's change feed, the spool) without polling tightly. Linux only.
class DirWatch {
public:
    // Watch `dir` for changes to files whose names start with `prefix` (empty: any file).
    // Throws Error when the directory cannot be watched.
    DirWatch(const std::filesystem::path& dir, std::string prefix);

    // Wait up to `timeout` for a change; return true when there was one (every change that
    // arrived meanwhile is taken, so a burst counts once). Also returns after `wake()`.
    bool wait(std::chrono::milliseconds timeout);

    // Make a wait() in another thread return now (for stopping).
    void wake();

private:
    bool drain(); // read pending events; true when one matches the prefix

    Fd m_inotify;
    Fd m_wake_read;
    Fd m_wake_write;
    std::string m_prefix;
};

} // namespace kivals
