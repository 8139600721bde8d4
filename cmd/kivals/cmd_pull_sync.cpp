// kivals pull-sync: walk Lightspeed's inventory and correct linked products (the safety net).
#include "commands.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/sync/pull.hpp>
#include <kivals/sync/runs.hpp>
#include <kivals/util/files.hpp>

namespace kivals::cli {
namespace {

struct PullCliOptions {
    bool full = false;
    bool force = false;
    bool json = false;
    std::optional<int> page_size;
};

int run_pull_sync(Env& env, const PullCliOptions& opts) {
    const Config& cfg = env.config();
    db::Db& db = env.db();
    Settings settings(db, env.clock());
    sync::PullOptions options;
    options.full = opts.full;
    options.force = opts.force;
    options.page_size = opts.page_size;
    options.zero_guard_share = cfg.zero_guard_share;
    options.outlet_id = settings.require("outlet_id");
    JobLock lock = JobLock::acquire(cfg.lock_dir, "pull-sync");
    env.check_database_when_due();
    sync::close_abandoned_runs(db, env.clock(), cfg.lock_dir, "pull-sync");
    sync::PullReport r = sync::Puller(db, env.client(), env.clock(), env.log())
                             .report_to(env.progress())
                             .run(options);
    if (opts.json)
        print_json(env, {{"run_id", r.run_id},
                         {"full", opts.full},
                         {"pages", r.pages},
                         {"seen", r.seen},
                         {"first_levels", r.first_levels},
                         {"corrected", r.corrected},
                         {"requests", r.requests},
                         {"cursor_from", r.cursor_from},
                         {"cursor_to", r.cursor_to}});
    else if (env.interactive())
        fmt::print("Pull-sync run {}: {} linked product(s) seen: {} first level(s) read, {} "
                   "corrected (missed webhooks); {} request(s), cursor {} -> {}.\n",
                   r.run_id, r.seen, r.first_levels, r.corrected, r.requests, r.cursor_from,
                   r.cursor_to);
    return 0;
}

} // namespace

void add_pull_sync_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<PullCliOptions>();
    auto* sub = app.add_subcommand("pull-sync", "Correct linked products from Lightspeed's "
                                                "inventory (newest version wins)");
    sub->add_flag("--full", opts->full, "Walk from the start, not from the stored cursor");
    sub->add_flag("--force", opts->force, "Apply even when many products would move to zero");
    sub->add_option("--page-size", opts->page_size,
                    "Records per request (default: the largest the API documents, 5000 in "
                    "2026-07, 1000 in 2.0)")
        ->check(CLI::Range(1, 5000));
    sub->add_flag("--json", opts->json, "Print JSON");
    bind(sub, [opts](Env& env) { return run_pull_sync(env, *opts); });
}

} // namespace kivals::cli
