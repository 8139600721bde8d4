#include "daemon.hpp"

#include <fmt/format.h>

#include <chrono>
#include <csignal>
#include <memory>
#include <pthread.h>

namespace kivals::cli {
namespace {

sigset_t stop_signals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    return set;
}

} // namespace

SignalStop::SignalStop(std::function<void()> stop) {
    m_thread = std::thread([this, stop = std::move(stop)] {
        sigset_t wanted = stop_signals();
        int signal = 0;
        sigwait(&wanted, &signal);
        if (m_done)
            return; // the destructor's own wake-up
        m_signalled = true;
        while (!m_done) {
            stop();
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
    });
}

SignalStop::~SignalStop() {
    m_done = true;
    pthread_kill(m_thread.native_handle(), SIGTERM); // no-op when it has taken one already
    m_thread.join();
}

void SignalStop::block() {
    sigset_t set = stop_signals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

sync::BackgroundPusher::Observer report_push_rounds(std::string who) {
    auto last = std::make_shared<std::string>();
    return [last, who = std::move(who)](const sync::PushRound& round) {
        if (round.error == *last)
            return;
        if (round.error.empty())
            fmt::print(stderr, "{}: background push works again\n", who);
        else
            fmt::print(stderr,
                       "{}: background push: {} (retrying; cron's `kivals push` also pushes)\n",
                       who, round.error);
        *last = round.error;
    };
}

} // namespace kivals::cli
