#pragma once

#include <kivals/config/config.hpp>
#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

// Pushes soon after a change, in the background, for kivals' long-running processes
// (`kivals serve`, and `kivals queue follow`): the one who reserves never waits for Lightspeed.
namespace kivals::sync {

// When rounds run.
struct BackgroundPushOptions {
    // A round runs this long after the first trigger of a burst: later triggers within it join
    // the same round (debounced), and none is held back longer than this.
    std::chrono::milliseconds delay{300};
    // A round also runs this often without a trigger, to push what other processes (the CLI)
    // reserved; zero: only on triggers.
    std::chrono::milliseconds poll{2000};
    // After a round that could not start (another push holds the lock) the next runs this
    // long after it. After a round that failed (Lightspeed unreachable, a push refused) the
    // next waits as long, doubling up to max_retry; triggers do not shorten that wait.
    std::chrono::milliseconds retry{1000};
    std::chrono::milliseconds max_retry{60000};
};

// What one round did, and so when the next runs.
struct PushRound {
    enum class Next {
        when_triggered, // done: the next round on a trigger or the next poll
        soon,           // could not start (the push lock is held): again after `retry`
        back_off,       // failed: again after a growing wait
    };
    Next next = Next::when_triggered;
    std::int64_t pushed = 0; // products whose change Lightspeed took
    std::string error;       // why it must run again (one line, no secret)
};

// What the pusher has done so far, for health checks.
struct BackgroundPushStatus {
    std::int64_t rounds = 0;
    std::int64_t pushed = 0;
    std::optional<SysTime> last_round_at;
    std::string last_error; // of the last round; empty when it went well
    bool retrying = false;
};

// Runs a push job on its own thread: `delay` after a trigger, every `poll` anyway, backing off
// while rounds fail. The job is `make_push_job` in kivals; tests give it a fake.
class BackgroundPusher {
public:
    using Job = std::function<PushRound()>;
    // Told about every round (on the pusher's thread), e.g. to report failures.
    using Observer = std::function<void(const PushRound&)>;

    BackgroundPusher(Job job, BackgroundPushOptions options, const Clock& clock,
                     Observer observer = {});
    BackgroundPusher(const BackgroundPusher&) = delete;
    BackgroundPusher& operator=(const BackgroundPusher&) = delete;
    // Stop: a round in progress finishes first (a push is never cut off halfway).
    ~BackgroundPusher();

    // Something may be pending now: run a round within `delay`. Never blocks.
    void trigger();
    // Stop the thread (as the destructor does); idempotent.
    void stop();
    // Return what the pusher has done so far.
    BackgroundPushStatus status() const;

private:
    using Steady = std::chrono::steady_clock;
    void loop();
    void finish_round(const PushRound& round);

    Job m_job;
    BackgroundPushOptions m_options;
    Observer m_observer;
    const Clock& m_clock;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::optional<Steady::time_point> m_due; // the next round, when one is due
    Steady::time_point m_next_poll;
    std::chrono::milliseconds m_backoff{0}; // nonzero while rounds fail
    bool m_stopping = false;
    BackgroundPushStatus m_status;
    std::thread m_thread; // last: started when everything above is ready
};

// The round kivals' long-running processes run: when a product has a push due (or a push is
// in flight), one `kivals push` of every pending product, under the push job lock, with a
// client built from the settings, on a database connection of its own. A held lock or an
// unreachable Lightspeed means retry; the changes stay pending for the next round or cron's.
BackgroundPusher::Job make_push_job(const Config& config, Logger& log, const Clock& clock);

} // namespace kivals::sync
