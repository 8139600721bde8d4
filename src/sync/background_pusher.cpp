#include <kivals/sync/background_pusher.hpp>

namespace kivals::sync {

BackgroundPusher::BackgroundPusher(Job job, BackgroundPushOptions options, const Clock& clock,
                                   Observer observer)
    : m_job(std::move(job)), m_options(options), m_observer(std::move(observer)), m_clock(clock),
      m_next_poll(Steady::now() + options.poll), m_thread([this] { loop(); }) {
    trigger(); // what was left pending before this process started
}

BackgroundPusher::~BackgroundPusher() {
    stop();
}

void BackgroundPusher::trigger() {
    {
        std::lock_guard lock(m_mutex);
        if (m_backoff.count() > 0)
            return; // failing rounds are retried on their own schedule
        auto when = Steady::now() + m_options.delay;
        if (!m_due || *m_due > when)
            m_due = when;
    }
    m_wake.notify_one();
}

void BackgroundPusher::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join();
}

BackgroundPushStatus BackgroundPusher::status() const {
    std::lock_guard lock(m_mutex);
    return m_status;
}

void BackgroundPusher::loop() {
    std::unique_lock lock(m_mutex);
    while (!m_stopping) {
        bool polling = m_options.poll.count() > 0 && m_backoff.count() == 0;
        auto wake = m_due ? *m_due : polling ? m_next_poll : Steady::time_point::max();
        if (Steady::now() < wake) {
            if (wake == Steady::time_point::max())
                m_wake.wait(lock);
            else
                m_wake.wait_until(lock, wake);
            continue;
        }
        m_due.reset();
        if (polling)
            m_next_poll = Steady::now() + m_options.poll;
        lock.unlock();
        PushRound round;
        try {
            round = m_job();
        } catch (const std::exception& e) {
            round = {PushRound::Next::back_off, 0, e.what()};
        }
        if (m_observer)
            m_observer(round);
        lock.lock();
        finish_round(round);
    }
}

void BackgroundPusher::finish_round(const PushRound& round) {
    m_status.rounds += 1;
    m_status.pushed += round.pushed;
    m_status.last_round_at = m_clock.now();
    m_status.last_error = round.error;
    m_status.retrying = round.next != PushRound::Next::when_triggered;
    switch (round.next) {
    case PushRound::Next::when_triggered:
        m_backoff = std::chrono::milliseconds(0);
        break;
    case PushRound::Next::soon:
        m_backoff = std::chrono::milliseconds(0);
        m_due = Steady::now() + m_options.retry;
        break;
    case PushRound::Next::back_off:
        m_backoff =
            m_backoff.count() == 0 ? m_options.retry : std::min(m_backoff * 2, m_options.max_retry);
        m_due = Steady::now() + m_backoff;
        break;
    }
}

} // namespace kivals::sync
