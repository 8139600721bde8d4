#pragma once

// What kivals' long-running commands (`kivals serve`, `kivals queue follow`) share: stopping
// on a signal, and reporting the background pusher's rounds.
#include <kivals/sync/background_pusher.hpp>

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace kivals::cli {

// Stops the command on SIGTERM, SIGINT or SIGHUP. The signals are blocked in every thread and
// taken by a thread of this object with sigwait, so no handler runs inside a library call;
// `stop` is then called every 20 ms until the object is destroyed (what it stops may not have
// started waiting yet when the signal comes), never before a signal.
class SignalStop {
public:
    // Start the thread that waits for a signal (block() must have run before any thread).
    explicit SignalStop(std::function<void()> stop);
    SignalStop(const SignalStop&) = delete;
    SignalStop& operator=(const SignalStop&) = delete;
    ~SignalStop();

    // Return true once a signal came.
    bool signalled() const { return m_signalled; }

    // Block the signals in the calling thread (before any other thread starts, which inherit).
    static void block();

private:
    std::atomic<bool> m_done{false};
    std::atomic<bool> m_signalled{false};
    std::thread m_thread;
};

// Print a background push's failure once, and its recovery, not every retry, prefixed with
// `who` ("kivals serve").
sync::BackgroundPusher::Observer report_push_rounds(std::string who);

} // namespace kivals::cli
