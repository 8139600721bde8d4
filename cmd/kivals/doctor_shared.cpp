#include "doctor_shared.hpp"
#include "webhook_probe.hpp"

#include <kivals/catalog/links.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/core/text.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/queue/events.hpp>
#include <kivals/sync/push_inflight.hpp>
#include <kivals/sync/runs.hpp>
#include <kivals/sync/stock_view.hpp>
#include <kivals/sync/versions.hpp>
#include <kivals/util/dirs.hpp>
#include <kivals/util/files.hpp>
#include <kivals/webhook/spool_reader.hpp>
#include <kivals/webhook/webhook_url.hpp>

#include <algorithm>

namespace kivals::cli {
namespace {

using lightspeed::ApiErrorKind;

// The jobs that take a lock, as doctor names them.
constexpr const char* k_jobs[] = {"queue", "pull-sync", "push", "fetch-products"};

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

void queue_and_stock_facts(Env& env, doctor::Facts& f) {
    db::Db& db = env.db();
    queue::EventStore events(db, env.clock());
    f.pending_events = events.count("pending");
    f.oldest_pending = events.oldest_pending();
    f.failed_events = events.count("failed");
    f.dead_events = events.count("dead");
    f.ls_products = catalog::count_products(db, catalog::Side::lightspeed);
    f.kiva_products = catalog::count_products(db, catalog::Side::kiva);
    f.linked = catalog::count_links(db);
    f.linkable_unlinked = catalog::count_linkable_unlinked(db);
    sync::StockCounts stock = sync::count_stock(db);
    f.oversold = stock.oversold;
    f.pending_push = stock.pending_push;
    f.pushes_in_flight = sync::InflightStore(db, env.clock()).count();
    if (auto push = sync::last_finished_run(db, "push"); push && push->status != "ok")
        f.last_push_failure = push->message.empty() ? fmt::format("{} products failed (run {})",
                                                                  push->failed, push->status)
                                                    : push->message;
    if (auto problems = db.quick_check(1); !problems.empty())
        f.database_problem = problems.front();
}

void job_facts(Env& env, Settings& settings, doctor::Facts& f) {
    if (std::int64_t seen = sync::inventory_versions_seen(settings); seen > 0)
        f.versions_ran_ahead =
            sync::count_versions_above(env.db(), sync::plausible_version_limit(seen));
    f.last_queue_run = state_time(settings, state_keys::k_last_queue_run);
    f.last_pull_sync = state_time(settings, state_keys::k_last_pull_sync);
    f.last_full_sync = state_time(settings, state_keys::k_last_full_sync);
    if (auto corrected = settings.state(state_keys::k_last_pull_corrected))
        if (auto n = parse_int<std::int64_t>(*corrected))
            f.last_pull_corrected = *n;
    for (const char* job : k_jobs)
        if (auto holder = JobLock::holder(env.config().lock_dir, job))
            f.locks_held.push_back({job, holder->pid, holder->since});
}

doctor::ApiFailure fold(ApiErrorKind kind) {
    switch (kind) {
    case ApiErrorKind::unauthorized:
    case ApiErrorKind::forbidden:
        return doctor::ApiFailure::unauthorized;
    case ApiErrorKind::not_found:
        return doctor::ApiFailure::not_found;
    case ApiErrorKind::tls:
        return doctor::ApiFailure::tls;
    case ApiErrorKind::connect:
    case ApiErrorKind::timeout:
    case ApiErrorKind::dns:
        return doctor::ApiFailure::unreachable;
    default:
        return doctor::ApiFailure::other;
    }
}

doctor::WebhookFacts webhook_facts(lightspeed::Client& client, const webhook::UrlParts& parts) {
    doctor::WebhookFacts w;
    for (const auto& step : webhook::plan_registration(client.list_webhooks(), parts)) {
        if (step.action == webhook::RegAction::create)
            w.missing.push_back(step.type);
        else if (step.action == webhook::RegAction::repair)
            w.stale.push_back(step.type);
        else if (step.action == webhook::RegAction::remove_duplicate)
            ++w.duplicates;
    }
    return w;
}

// Ask Lightspeed about the outlet and the webhooks; a failure becomes a fact, not an error.
void lightspeed_facts(Env& env, Settings& settings, doctor::Facts& f) {
    try {
        lightspeed::Client& client = env.client();
        auto outlets = client.list_outlets();
        if (auto outlet = settings.get("outlet_id"))
            f.outlet_known = std::any_of(outlets.begin(), outlets.end(),
                                         [&](const auto& o) { return o.id == *outlet; });
        auto secret = settings.stored("webhook.secret");
        if (f.base_url_set && secret)
            f.webhooks = webhook_facts(client, {*settings.get("webhook.base_url"), *secret});
    } catch (const lightspeed::ApiError& e) {
        std::string_view advice = lightspeed::traits(e.kind()).advice;
        f.api_failure = fold(e.kind());
        f.api_error = fmt::format("{}{}{}", e.what(), advice.empty() ? "" : "; ", advice);
    }
}

} // namespace

doctor::Facts gather_doctor_facts(Env& env, bool offline) {
    Settings settings(env.db(), env.clock());
    const Config& cfg = env.config();
    doctor::Facts f;
    f.now = env.clock().now();
    f.store_url_set = settings.get("store_url").has_value();
    f.token_set = settings.get("token").has_value();
    f.outlet_set = settings.get("outlet_id").has_value();
    auto base = settings.get("webhook.base_url");
    f.base_url_set = base && !base->empty();
    f.feature_on = settings.enabled("feature");
    f.processing_on = settings.enabled("webhook_processing");
    auto secret = settings.stored("webhook.secret");
    auto file = read_secret_file(cfg.secret_file, SecretFileAccess::shared);
    f.secret_file_matches = secret && file && *secret == *file;
    spool_facts(cfg, f);
    queue_and_stock_facts(env, f);
    job_facts(env, settings, f);
    if (!offline && f.store_url_set && f.token_set)
        lightspeed_facts(env, settings, f);
    if (!offline && f.base_url_set && secret)
        f.probe = send_probe(env, {*base, *secret});
    return f;
}

nlohmann::json finding_json(const doctor::Finding& finding) {
    return {{"id", finding.id},
            {"severity", doctor::severity_name(finding.severity)},
            {"check", finding.check},
            {"message", finding.message},
            {"fix", finding.fix}};
}

void print_finding(const doctor::Finding& finding) {
    fmt::print("{:<8} {:<10} {}\n", doctor::severity_name(finding.severity), finding.check,
               finding.message);
    if (!finding.fix.empty())
        fmt::print("{:<19} fix: {}\n", "", finding.fix);
}

} // namespace kivals::cli
