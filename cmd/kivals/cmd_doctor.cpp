// kivals doctor: answer "why isn't stock updating?" from the database, the spool and the
// intake's files, and say what to do.
#include "commands.hpp"
#include "counts.hpp"

#include <kivals/catalog/links.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/core/text.hpp>
#include <kivals/doctor/diagnose.hpp>
#include <kivals/queue/events.hpp>
#include <kivals/sync/model.hpp>
#include <kivals/sync/push_inflight.hpp>
#include <kivals/sync/stock_view.hpp>
#include <kivals/sync/versions.hpp>
#include <kivals/util/dirs.hpp>
#include <kivals/util/files.hpp>
#include <kivals/webhook/spool_reader.hpp>

namespace kivals::cli {
namespace {

struct DoctorOptions {
    bool json = false;
};

std::optional<SysTime> state_time(Settings& settings, const char* key) {
    auto value = settings.state(key);
    return value ? parse_iso8601(*value) : std::nullopt;
}

void spool_facts(const Config& cfg, doctor::Facts& f) {
    auto report = webhook::inspect_spool(cfg.spool_dir, group_id(cfg.web_group));
    f.spooled = report.waiting;
    f.oldest_spooled = report.oldest;
    f.spool_problems = report.problems;
    f.spool_readable = report.readable;
    f.quarantined = static_cast<std::int64_t>(report.quarantined.size());
    if (!report.quarantined.empty())
        f.last_quarantined = fmt::format("{} ({})", report.quarantined.back().from,
                                         report.quarantined.back().reason);
}

doctor::Facts gather(Env& env) {
    db::Db& db = env.db();
    const Config& cfg = env.config();
    Settings settings(db, env.clock());
    doctor::Facts f;
    f.now = env.clock().now();
    f.store_url_set = settings.get("store_url").has_value();
    f.token_set = settings.get("token").has_value();
    f.outlet_set = settings.get("outlet_id").has_value();
    f.feature_on = settings.enabled("feature");
    f.processing_on = settings.enabled("webhook_processing");
    auto secret = settings.stored("webhook.secret");
    auto file = read_secret_file(cfg.secret_file, SecretFileAccess::shared);
    f.secret_file_matches = secret && file && *secret == *file;
    spool_facts(cfg, f);
    queue::EventStore events(db, env.clock());
    f.pending_events = events.count("pending");
    f.oldest_pending = events.oldest_pending();
    f.failed_events = events.count("failed");
    f.dead_events = events.count("dead");
    f.linked = catalog::count_links(db);
    f.linkable_unlinked = catalog::count_linkable_unlinked(db);
    sync::StockCounts stock = sync::count_stock(db);
    f.oversold = stock.oversold;
    f.pending_push = stock.pending_push;
    f.pushes_in_flight = sync::InflightStore(db, env.clock()).count();
    if (std::int64_t seen = sync::inventory_versions_seen(settings); seen > 0)
        f.versions_ran_ahead = sync::count_versions_above(db, sync::plausible_version_limit(seen));
    if (auto problems = db.quick_check(1); !problems.empty())
        f.database_problem = problems.front();
    f.last_queue_run = state_time(settings, state_keys::k_last_queue_run);
    f.last_pull_sync = state_time(settings, state_keys::k_last_pull_sync);
    f.last_full_sync = state_time(settings, state_keys::k_last_full_sync);
    if (auto corrected = settings.state(state_keys::k_last_pull_corrected))
        if (auto n = parse_int<std::int64_t>(*corrected))
            f.last_pull_corrected = *n;
    return f;
}

int run_doctor(Env& env, const DoctorOptions& opts) {
    auto findings = doctor::diagnose(gather(env));
    bool problem = false;
    nlohmann::json out = nlohmann::json::array();
    for (const auto& finding : findings) {
        problem = problem || finding.severity == doctor::Severity::problem;
        out.push_back({{"severity", doctor::severity_name(finding.severity)},
                       {"check", finding.check},
                       {"message", finding.message},
                       {"advice", finding.advice}});
    }
    if (opts.json) {
        print_json(env, out);
    } else {
        for (const auto& finding : findings) {
            fmt::print("{:<8} {:<10} {}\n", doctor::severity_name(finding.severity), finding.check,
                       finding.message);
            if (!finding.advice.empty())
                fmt::print("{:<19} -> {}\n", "", finding.advice);
        }
    }
    return problem ? to_int(Exit::failure) : 0;
}

} // namespace

void add_doctor_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<DoctorOptions>();
    auto* sub = app.add_subcommand("doctor", "Explain why stock is not updating, and what to do");
    sub->add_flag("--json", opts->json, "Print JSON");
    bind(sub, [opts](Env& env) { return run_doctor(env, *opts); });
}

} // namespace kivals::cli
