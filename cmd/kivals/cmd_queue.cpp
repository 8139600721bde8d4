// kivals queue process: take the spool into the database and apply pending webhook events.
// The other queue subcommands (list, show, retry, purge) are in cmd_queue_admin.cpp.
#include "commands.hpp"
#include "queue_admin.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/queue/events.hpp>
#include <kivals/queue/queue.hpp>
#include <kivals/sync/pull.hpp>
#include <kivals/sync/runs.hpp>
#include <kivals/util/files.hpp>
#include <kivals/webhook/spool.hpp>

#include <cerrno>
#include <unistd.h>

namespace kivals::cli {
namespace {

struct ProcessOptions {
    std::optional<int> max_seconds;
    bool verbose = false;
};

void print_summary(const queue::IngestResult& taken, const queue::ApplyStats& stats,
                   std::int64_t left) {
    std::string reasons;
    for (const auto& [reason, n] : stats.ignored_by_reason)
        reasons += fmt::format("{}{} {}", reasons.empty() ? " (" : ", ", reason, n);
    if (!reasons.empty())
        reasons += ")";
    fmt::print("Took {} deliveries from the spool. Read {} product(s) from Lightspeed. Applied {}, "
               "ignored {}{}, failed {}, dead {}. Pending: {}.\n",
               taken.taken, stats.products_read, stats.applied, stats.ignored, reasons,
               stats.failed, stats.dead, left);
}

// Taking the spool in lists, reads and removes its files: only the spool's owner (the kivals
// user) may. Anyone else is told so, naming the directory, before anything is done.
void require_spool_access(const std::filesystem::path& spool_dir) {
    for (const char* sub : {"new", "tmp"}) {
        std::filesystem::path dir = spool_dir / sub;
        if (::access(dir.c_str(), R_OK | W_OK | X_OK) != 0 && errno != ENOENT)
            fail(Exit::config, "cannot take the spool in: permission denied: {}",
                 permission_advice(dir, R_OK | W_OK | X_OK, true));
    }
}

int run_process(Env& env, const ProcessOptions& opts) {
    const Config& cfg = env.config();
    SysTime started = env.clock().now();
    JobLock lock = JobLock::acquire(cfg.lock_dir, "queue");
    require_spool_access(cfg.spool_dir);
    db::Db& db = env.db();
    env.check_database_when_due();
    sync::close_abandoned_runs(db, env.clock(), cfg.lock_dir, "queue");
    // The spool is taken in even when processing is off: deliveries are kept, never lost.
    queue::IngestResult taken =
        queue::ingest_spool(db, cfg.spool_dir, env.clock(), cfg.max_json_depth,
                            webhook::max_spool_file_bytes(cfg.max_body_bytes), env.progress());
    // Said once, when it happens: something put there what the intake never writes.
    for (const auto& odd : taken.quarantined)
        fmt::print(stderr,
                   "kivals: spool entry {} is {}: moved to {} (see `kivals queue "
                   "quarantine`)\n",
                   odd.from, odd.reason, odd.where);
    KIVALS_LOG(env.log(), queue, "took {} deliveries from {}", taken.taken, cfg.spool_dir.string());
    Settings settings(db, env.clock());
    queue::ApplyOptions options;
    options.processing_enabled =
        settings.enabled("feature") && settings.enabled("webhook_processing");
    options.outlet_id = settings.get("outlet_id");
    if (options.outlet_id && options.outlet_id->empty())
        options.outlet_id.reset();
    options.max_attempts = cfg.queue_max_attempts;
    options.recheck_after = cfg.queue_recheck;
    if (options.outlet_id)
        options.read = [&env, outlet = *options.outlet_id](const std::vector<std::string>& ids) {
            sync::Puller(env.db(), env.client(), env.clock(), env.log()).refresh(ids, outlet);
        };
    if (opts.max_seconds)
        options.deadline = started + std::chrono::seconds(*opts.max_seconds);
    queue::ApplyStats stats = queue::apply_pending(db, env.clock(), options, env.progress());
    std::int64_t left = queue::pending_count(db);
    settings.set_state(state_keys::k_last_queue_run, iso8601(env.clock().now()));
    if (env.interactive() || opts.verbose)
        print_summary(taken, stats, left);
    if (!options.processing_enabled && (env.interactive() || opts.verbose))
        fmt::print("Processing is disabled: {} events are kept pending.\n", stats.kept_pending);
    if (options.processing_enabled && !options.outlet_id) {
        if (auto waiting = queue::EventStore(db, env.clock()).count_waiting_for_outlet())
            fail(Exit::config,
                 "{} inventory events wait: outlet_id is not set (run `kivals outlet "
                 "detect` or `kivals config set outlet_id ID`)",
                 waiting);
    }
    if (stats.failed + stats.dead > 0)
        fmt::print(stderr,
                   "kivals: {} events failed ({} dead): see `kivals queue list --status "
                   "failed` and `--status dead`\n",
                   stats.failed, stats.dead);
    bool partial = stats.failed + stats.dead > 0 || !taken.quarantined.empty();
    return partial ? to_int(Exit::partial) : 0;
}

} // namespace

void add_queue_command(CLI::App& app, const Binder& bind) {
    auto* queue = app.add_subcommand("queue", "Webhook queue: process, list, show, retry, purge");
    queue->require_subcommand(1);
    auto opts = std::make_shared<ProcessOptions>();
    auto* process = queue->add_subcommand("process", "Take the spool in and apply pending events "
                                                     "(run by cron every minute)");
    process
        ->add_option("--max-seconds", opts->max_seconds, "Stop starting new events after S seconds")
        ->check(CLI::Range(1, 86400));
    process->add_flag("-v,--verbose", opts->verbose, "Print a summary even when not on a terminal");
    bind(process, [opts](Env& env) { return run_process(env, *opts); });
    add_queue_admin_commands(*queue, bind);
}

} // namespace kivals::cli
