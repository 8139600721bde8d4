// kivals queue follow: apply each webhook delivery as it lands in the spool, and push what is
// reserved soon after. A long-running process beside cron, never instead of its safety:
// every step is `queue process`'s own (queue::run_step, under the queue job lock), so cron's
// runs and this one take turns, and a kill at any point leaves what a killed `queue process`
// leaves.
#include "commands.hpp"
#include "daemon.hpp"
#include "queue_admin.hpp"

#include <kivals/lightspeed/errors.hpp>
#include <kivals/sync/background_pusher.hpp>
#include <kivals/sync/runs.hpp>
#include <kivals/util/dir_watch.hpp>
#include <kivals/util/files.hpp>

#include <atomic>
#include <chrono>
#include <thread>

namespace kivals::cli {
namespace {

using Steady = std::chrono::steady_clock;
using namespace std::chrono_literals;

struct FollowOptions {
    int rescan_s = 5;
    std::optional<int> max_seconds;
    bool no_push = false;
    bool verbose = false;
};

// When cron's `queue process` holds the queue lock, the step is tried again this soon.
constexpr auto k_lock_retry = 200ms;

// Wakes the pusher whenever any process commits to the database (a reservation by `kivals
// order`, a link by the admin), so that a reservation is pushed within the pusher's delay, not
// at its next poll. Its own commits wake it too: the pusher's look for work is one index probe.
class CommitWatch {
public:
    CommitWatch(const std::filesystem::path& database, sync::BackgroundPusher& pusher)
        : m_watch(std::filesystem::absolute(database).parent_path(), database.filename().string()),
          m_thread([this, &pusher] {
              while (!m_stopping)
                  if (m_watch.wait(1s))
                      pusher.trigger();
          }) {}
    CommitWatch(const CommitWatch&) = delete;
    CommitWatch& operator=(const CommitWatch&) = delete;
    ~CommitWatch() {
        m_stopping = true;
        m_watch.wake();
        m_thread.join();
    }

private:
    DirWatch m_watch;
    std::atomic<bool> m_stopping{false};
    std::thread m_thread; // last: started when everything above is ready
};

// What the loop does after a step.
enum class Next {
    on_delivery, // at the next delivery, or the rescan
    soon,        // cron's run holds the lock: try again in k_lock_retry
    after_rescan // the step failed (Lightspeed unreachable, settings missing): wait a rescan
};

// Runs the queue's steps and says what they did: what `queue process` says on stderr, once
// per change for the conditions that last (an error, deliveries waiting for an outlet).
class Follower {
public:
    Follower(Env& env, bool verbose) : m_env(env), m_verbose(verbose) {}

    Next step() {
        const Config& cfg = m_env.config();
        try {
            JobLock lock = JobLock::acquire(cfg.lock_dir, "queue");
            sync::close_abandoned_runs(m_env.db(), m_env.clock(), cfg.lock_dir, "queue");
            queue::StepResult result =
                queue::run_step(m_env.db(), m_env.clock(), step_options(m_env), m_env.progress());
            report(result);
            say_error("");
            return Next::on_delivery;
        } catch (const LockHeld&) {
            return Next::soon;
        } catch (const lightspeed::ApiError& e) {
            say_error(e.what());
        } catch (const Error& e) {
            if (e.code() != Exit::temporary && e.code() != Exit::config)
                throw;
            say_error(e.what());
        }
        return Next::after_rescan;
    }

private:
    void report(const queue::StepResult& step) {
        for (const auto& odd : step.taken.quarantined)
            fmt::print(stderr,
                       "kivals queue follow: spool entry {} is {}: moved to {} (see `kivals queue "
                       "quarantine`)\n",
                       odd.from, odd.reason, odd.where);
        const queue::ApplyStats& s = step.stats;
        if (step.taken.taken > 0)
            KIVALS_LOG(m_env.log(), queue, "took {} deliveries; applied {}, ignored {}",
                       step.taken.taken, s.applied, s.ignored);
        if (m_verbose && step.taken.taken + s.applied + s.ignored + s.failed + s.dead > 0)
            fmt::print("Took {} deliveries. Read {} product(s). Applied {}, ignored {}, failed {}, "
                       "dead {}. Pending: {}.\n",
                       step.taken.taken, s.products_read, s.applied, s.ignored, s.failed, s.dead,
                       step.left);
        if (s.failed + s.dead > 0)
            fmt::print(stderr,
                       "kivals queue follow: {} events failed ({} dead): see `kivals queue list "
                       "--status failed` and `--status dead`\n",
                       s.failed, s.dead);
        if (step.waiting_for_outlet > 0 && m_waiting_said == 0)
            fmt::print(stderr,
                       "kivals queue follow: {} inventory events wait: outlet_id is not set (run "
                       "`kivals outlet detect` or `kivals config set outlet_id ID`)\n",
                       step.waiting_for_outlet);
        m_waiting_said = step.waiting_for_outlet;
    }

    // Say an error when it first comes and when it is gone, not at every retry.
    void say_error(const std::string& error) {
        if (error == m_error)
            return;
        if (error.empty())
            fmt::print(stderr, "kivals queue follow: steps work again\n");
        else
            fmt::print(stderr, "kivals queue follow: {} (the deliveries are kept; retrying)\n",
                       error);
        m_error = error;
    }

    Env& m_env;
    bool m_verbose;
    std::int64_t m_waiting_said = 0;
    std::string m_error;
};

// Start the background pusher (what `kivals serve` runs) in `pusher`, unless told not to.
void start_pusher(std::optional<sync::BackgroundPusher>& pusher, const Config& cfg, Env& env,
                  bool no_push) {
    if (no_push)
        return;
    sync::BackgroundPushOptions options;
    options.delay = cfg.serve_push_delay;
    pusher.emplace(sync::make_push_job(cfg, env.log(), env.clock()), options, env.clock(),
                   report_push_rounds("kivals queue follow"));
}

int run_follow(Env& env, const FollowOptions& opts) {
    const Config& cfg = env.config();
    require_spool_access(cfg.spool_dir);
    env.check_database_when_due();
    SignalStop::block(); // before any thread starts: they all inherit the mask
    // Watching starts before the first step, so that nothing lands unseen between them.
    DirWatch spool(cfg.spool_dir / "new", "");
    std::optional<sync::BackgroundPusher> pusher;
    start_pusher(pusher, cfg, env, opts.no_push);
    std::optional<CommitWatch> commits;
    if (pusher)
        commits.emplace(cfg.database_path, *pusher);
    std::atomic<bool> stopping{false};
    SignalStop stop([&stopping, &spool] {
        stopping = true;
        spool.wake();
    });
    Follower follower(env, opts.verbose);
    const auto rescan = std::chrono::seconds(opts.rescan_s);
    const auto end = opts.max_seconds ? Steady::now() + std::chrono::seconds(*opts.max_seconds)
                                      : Steady::time_point::max();
    fmt::print(stderr, "kivals queue follow: following {}\n", (cfg.spool_dir / "new").string());
    Steady::time_point next_step = Steady::now();
    bool early = true; // a delivery brings the next step forward
    while (!stopping && Steady::now() < end) {
        if (Steady::now() >= next_step) {
            Next next = follower.step();
            next_step = Steady::now() + (next == Next::soon ? k_lock_retry : rescan);
            early = next == Next::on_delivery;
            continue;
        }
        auto wait = std::min(next_step, end) - Steady::now();
        bool landed = spool.wait(std::max(1ms, std::chrono::ceil<std::chrono::milliseconds>(wait)));
        if (landed && early)
            next_step = Steady::now();
    }
    fmt::print(stderr, "kivals queue follow: stopped\n");
    return 0;
}

} // namespace

void add_queue_follow_command(CLI::App& queue, const Binder& bind) {
    auto opts = std::make_shared<FollowOptions>();
    auto* sub = queue.add_subcommand(
        "follow", "Apply each delivery as it lands in the spool and push reservations soon "
                  "after (a long-running process; cron's jobs may run beside it)");
    sub->add_option("--rescan", opts->rescan_s,
                    "Run a step at least every S seconds, deliveries or not (default 5)")
        ->check(CLI::Range(1, 3600));
    sub->add_option("--max-seconds", opts->max_seconds, "Stop after S seconds")
        ->check(CLI::Range(1, 86400 * 365));
    sub->add_flag("--no-push", opts->no_push,
                  "Do not push reservations in the background (cron's `kivals push` does)");
    sub->add_flag("-v,--verbose", opts->verbose,
                  "Print a summary of every step that did something");
    bind(sub, [opts](Env& env) { return run_follow(env, *opts); });
}

} // namespace kivals::cli
