// kivals queue process: take the spool into the database and apply pending webhook events.
// `queue follow` is in cmd_queue_follow.cpp; the other queue subcommands (list, show, retry,
// purge) are in cmd_queue_admin.cpp.
#include "commands.hpp"
#include "queue_admin.hpp"

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

int run_process(Env& env, const ProcessOptions& opts) {
    const Config& cfg = env.config();
    SysTime started = env.clock().now();
    JobLock lock = JobLock::acquire(cfg.lock_dir, "queue");
    require_spool_access(cfg.spool_dir);
    db::Db& db = env.db();
    env.check_database_when_due();
    sync::close_abandoned_runs(db, env.clock(), cfg.lock_dir, "queue");
    queue::StepOptions options = step_options(env);
    if (opts.max_seconds)
        options.deadline = started + std::chrono::seconds(*opts.max_seconds);
    queue::StepResult step = queue::run_step(db, env.clock(), options, env.progress());
    // Said once, when it happens: something put there what the intake never writes.
    for (const auto& odd : step.taken.quarantined)
        fmt::print(stderr,
                   "kivals: spool entry {} is {}: moved to {} (see `kivals queue "
                   "quarantine`)\n",
                   odd.from, odd.reason, odd.where);
    KIVALS_LOG(env.log(), queue, "took {} deliveries from {}", step.taken.taken,
               cfg.spool_dir.string());
    if (env.interactive() || opts.verbose)
        print_summary(step.taken, step.stats, step.left);
    if (!step.processing_enabled && (env.interactive() || opts.verbose))
        fmt::print("Processing is disabled: {} events are kept pending.\n",
                   step.stats.kept_pending);
    if (step.waiting_for_outlet > 0)
        fail(Exit::config,
             "{} inventory events wait: outlet_id is not set (run `kivals outlet "
             "detect` or `kivals config set outlet_id ID`)",
             step.waiting_for_outlet);
    const queue::ApplyStats& stats = step.stats;
    if (stats.failed + stats.dead > 0)
        fmt::print(stderr,
                   "kivals: {} events failed ({} dead): see `kivals queue list --status "
                   "failed` and `--status dead`\n",
                   stats.failed, stats.dead);
    bool partial = stats.failed + stats.dead > 0 || !step.taken.quarantined.empty();
    return partial ? to_int(Exit::partial) : 0;
}

} // namespace

void require_spool_access(const std::filesystem::path& spool_dir) {
    for (const char* sub : {"new", "tmp"}) {
        std::filesystem::path dir = spool_dir / sub;
        if (::access(dir.c_str(), R_OK | W_OK | X_OK) != 0 && errno != ENOENT)
            fail(Exit::config, "cannot take the spool in: permission denied: {}",
                 permission_advice(dir, R_OK | W_OK | X_OK, true));
    }
}

queue::StepOptions step_options(Env& env) {
    const Config& cfg = env.config();
    queue::StepOptions options;
    options.spool_dir = cfg.spool_dir;
    options.max_file_bytes = webhook::max_spool_file_bytes(cfg.max_body_bytes);
    options.max_json_depth = cfg.max_json_depth;
    options.max_attempts = cfg.queue_max_attempts;
    options.recheck_after = cfg.queue_recheck;
    options.read = [&env](const std::vector<std::string>& ids, const std::string& outlet) {
        sync::Puller(env.db(), env.client(), env.clock(), env.log()).refresh(ids, outlet);
    };
    return options;
}

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
    add_queue_follow_command(*queue, bind);
    add_queue_admin_commands(*queue, bind);
}

} // namespace kivals::cli
