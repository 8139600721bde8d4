// kivals push: send the pending changes of linked products to Lightspeed.
#include "commands.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/lightspeed/parse.hpp>
#include <kivals/sync/pull.hpp>
#include <kivals/sync/push.hpp>
#include <kivals/sync/runs.hpp>
#include <kivals/sync/stock_view.hpp>
#include <kivals/util/files.hpp>

namespace kivals::cli {
namespace {

struct PushCliOptions {
    std::optional<std::string> kiva_id;
    bool all = false;
    bool dry_run = false;
    bool json = false;
    bool unsafe_stale_absolute = false; // hidden: the test-only lost-update push
};

nlohmann::json plan_json(const sync::PushReport& report) {
    nlohmann::json out = {{"run_id", report.run_id}, {"requests", report.requests}};
    out["planned"] = nlohmann::json::array();
    for (const auto& p : report.plan.pushes)
        out["planned"].push_back({{"kiva_id", p.kiva_id},
                                  {"lightspeed_id", p.lightspeed_id},
                                  {"lightspeed_now", lightspeed::qty_json(p.ls_now)},
                                  {"change", lightspeed::qty_json(p.plan.adjustment())},
                                  {"after", lightspeed::qty_json(p.ls_now + p.plan.adjustment())}});
    out["skipped"] = nlohmann::json::array();
    for (const auto& s : report.plan.skipped)
        out["skipped"].push_back(
            {{"kiva_id", s.kiva_id}, {"lightspeed_id", s.lightspeed_id}, {"reason", s.reason}});
    out["failed"] = nlohmann::json::array();
    for (const auto& o : report.outcomes)
        if (!o.ok)
            out["failed"].push_back({{"kiva_id", o.push.kiva_id},
                                     {"lightspeed_id", o.push.lightspeed_id},
                                     {"error", o.error}});
    out["pushed"] = report.outcomes.size() - report.failed();
    out["in_flight"] = {{"landed", report.resolved_landed},
                        {"not_landed", report.resolved_not_landed},
                        {"unresolved", report.unresolved}};
    return out;
}

void print_plan(const sync::PushReport& report) {
    fmt::print("{:<20}  {:>14}  {:>8}  {:>8}\n", "Kiva ID", "Lightspeed now", "Change", "After");
    for (const auto& p : report.plan.pushes)
        fmt::print("{:<20}  {:>14}  {:>8}  {:>8}\n", p.kiva_id, p.ls_now.str(),
                   p.plan.adjustment().str(), (p.ls_now + p.plan.adjustment()).str());
    for (const auto& s : report.plan.skipped)
        fmt::print("{:<20}  skipped: {}\n", s.kiva_id, s.reason);
}

int report_outcome(Env& env, const sync::PushReport& report, bool json) {
    if (json)
        print_json(env, plan_json(report));
    else if (env.interactive())
        fmt::print("Pushed {} product(s), {} failed, {} skipped.\n",
                   report.outcomes.size() - report.failed(), report.failed(),
                   report.plan.skipped.size());
    if (env.interactive() && report.resolved_landed + report.resolved_not_landed > 0)
        fmt::print("Checked {} push(es) whose answer was lost: {} had landed and are now "
                   "recorded, {} had not and are pending again.\n",
                   report.resolved_landed + report.resolved_not_landed, report.resolved_landed,
                   report.resolved_not_landed);
    for (const auto& o : report.outcomes)
        if (!o.ok)
            fmt::print(stderr, "kivals: push of {} ({}) failed: {}\n", o.push.kiva_id,
                       o.push.lightspeed_id, o.error);
    if (report.failed() > 0)
        fmt::print(stderr, "kivals: {} of {} product(s) failed to push\n", report.failed(),
                   report.outcomes.size());
    if (report.unresolved > 0)
        fmt::print(stderr,
                   "kivals: {} push(es) whose answer was lost could not be checked against "
                   "Lightspeed; those products are not pushed until they are (`kivals "
                   "--debug=http push` shows why)\n",
                   report.unresolved);
    if (report.failed() > 0 || report.unresolved > 0)
        return to_int(Exit::partial);
    return 0;
}

// The plan alone, from the database: no lock, no outlet, nothing sent.
int run_dry(Env& env, const PushCliOptions& opts,
            const std::optional<std::vector<std::string>>& only) {
    sync::PushReport report;
    report.plan = sync::plan_pending_pushes(env.db(), only);
    if (opts.json)
        print_json(env, plan_json(report));
    else
        print_plan(report);
    return 0;
}

int run_push(Env& env, const PushCliOptions& opts, std::optional<std::vector<std::string>> only) {
    if (opts.dry_run)
        return run_dry(env, opts, only);
    const Config& cfg = env.config();
    db::Db& db = env.db();
    sync::PushOptions options;
    options.only = std::move(only);
    options.batch_size = static_cast<std::size_t>(std::clamp(cfg.push_batch_size, 1, 1000));
    options.unsafe_stale_absolute = opts.unsafe_stale_absolute;
    options.outlet_id = Settings(db, env.clock()).require("outlet_id");
    JobLock lock = JobLock::acquire(cfg.lock_dir, "push");
    env.check_database_when_due();
    sync::close_abandoned_runs(db, env.clock(), cfg.lock_dir, "push");
    lightspeed::Client& client = env.client();
    if (opts.all) {
        // Read every linked product's level first: never push from a stale local number.
        sync::PullOptions pull;
        pull.full = true;
        pull.outlet_id = options.outlet_id;
        pull.zero_guard_share = cfg.zero_guard_share;
        sync::Puller(db, client, env.clock(), env.log()).run(pull);
    }
    sync::PushReport report =
        sync::Pusher(db, client, env.clock(), env.log()).report_to(env.progress()).run(options);
    return report_outcome(env, report, opts.json);
}

} // namespace

int push_products(Env& env, const std::vector<std::string>& lightspeed_ids) {
    try {
        return run_push(env, {}, lightspeed_ids);
    } catch (const Error& e) {
        // The order itself is recorded; the push stays due for the next run.
        fmt::print(stderr, "kivals: the order was recorded, but the push did not run: {}\n",
                   e.what());
        return e.code() == Exit::temporary ? 0 : to_int(Exit::partial);
    }
}

void add_push_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<PushCliOptions>();
    auto* sub = app.add_subcommand("push", "Send pending changes of linked products to Lightspeed");
    sub->add_option("--product", opts->kiva_id, "Only this Kiva product");
    sub->add_flag("--all", opts->all,
                  "Read every linked product's level first, then push "
                  "(Push Inventory to Lightspeed)");
    sub->add_flag("--dry-run", opts->dry_run, "Print the plan and change nothing");
    sub->add_flag("--json", opts->json, "Print JSON");
    sub->add_flag("--unsafe-stale-absolute", opts->unsafe_stale_absolute,
                  "Test only: write L - pending without reading (loses sales)")
        ->group("");
    bind(sub, [opts](Env& env) {
        std::optional<std::vector<std::string>> only;
        if (opts->kiva_id) {
            auto id = sync::lightspeed_id_of(env.db(), *opts->kiva_id);
            if (!id)
                fail(Exit::failure, ErrorCode::not_linked, "Kiva product '{}' is not linked",
                     *opts->kiva_id);
            only = std::vector<std::string>{*id};
        }
        return run_push(env, *opts, only);
    });
}

} // namespace kivals::cli
