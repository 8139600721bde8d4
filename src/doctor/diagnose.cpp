#include <kivals/doctor/diagnose.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace kivals::doctor {
namespace {

using std::chrono::minutes;

constexpr minutes k_queue_stale{5};    // cron runs queue process every minute
constexpr minutes k_pull_stale{90};    // and pull-sync every hour
constexpr minutes k_backlog_stale{10}; // a delivery older than this should have been applied

std::string age(SysTime now, SysTime then) {
    auto m = std::chrono::duration_cast<minutes>(now - then).count();
    if (m < 2)
        return "just now";
    if (m < 120)
        return fmt::format("{} minutes ago", m);
    if (m < 48 * 60)
        return fmt::format("{} hours ago", m / 60);
    return fmt::format("{} days ago", m / (60 * 24));
}

void database_checks(const Facts& f, std::vector<Finding>& out) {
    if (f.database_problem)
        out.push_back({Severity::problem, "database",
                       fmt::format("the database file is corrupt (PRAGMA quick_check: {})",
                                   *f.database_problem),
                       "stop the cron jobs; restore a backup, or rebuild it with `sqlite3 OLD "
                       ".recover | sqlite3 NEW`; then kivals pull-sync --full"});
}

void settings_checks(const Facts& f, std::vector<Finding>& out) {
    if (!f.store_url_set || !f.token_set)
        out.push_back({Severity::problem, "settings", "the store URL or the API token is not set",
                       "kivals config set store_url https://yourstore.retail.lightspeed.app; "
                       "kivals config set token"});
    else if (!f.outlet_set)
        out.push_back(
            {Severity::problem, "settings", "no outlet is chosen", "kivals outlet detect"});
    else
        out.push_back({Severity::ok, "settings", "store URL, token and outlet are set", ""});
    if (!f.feature_on)
        out.push_back(
            {Severity::problem, "feature", "sync is turned off", "kivals enable feature"});
    if (!f.processing_on)
        out.push_back({Severity::problem, "processing",
                       "webhook processing is turned off: deliveries are kept but not applied",
                       "kivals enable webhook-processing"});
}

void intake_checks(const Facts& f, std::vector<Finding>& out) {
    if (!f.secret_file_matches)
        out.push_back({Severity::problem, "intake",
                       "the intake's secret file does not hold the current webhook secret: "
                       "every delivery is refused with 403",
                       "kivals init (rewrites the secret file)"});
    for (const auto& problem : f.spool_problems)
        out.push_back({Severity::problem, "spool", problem, "kivals init (lays it out again)"});
    if (!f.spool_readable)
        out.push_back({Severity::warning, "spool",
                       "the spool cannot be looked into by this user, so it was not checked",
                       "run kivals doctor as the kivals user or as root"});
    if (f.quarantined > 0)
        out.push_back({Severity::warning, "spool",
                       fmt::format("{} spool entries were not deliveries and were moved to "
                                   "quarantine, the last: {}",
                                   f.quarantined, f.last_quarantined.value_or("?")),
                       "kivals queue quarantine (then remove them, or find what writes them)"});
    if (f.inventory_webhook_ok == false || f.product_webhook_ok == false)
        out.push_back({Severity::problem, "webhooks",
                       "Lightspeed has no active webhook for kivals' current URL "
                       "(No Webhooks Found)",
                       "kivals webhooks create"});
    else if (f.inventory_webhook_ok == true)
        out.push_back({Severity::ok, "webhooks", "both webhooks are registered and active", ""});
    if (f.api_error)
        out.push_back({Severity::problem, "lightspeed",
                       fmt::format("Lightspeed could not be asked: {}", *f.api_error),
                       "check store_url, the token and the network"});
}

void queue_checks(const Facts& f, std::vector<Finding>& out) {
    std::optional<SysTime> oldest = f.oldest_spooled;
    if (f.oldest_pending && (!oldest || *f.oldest_pending < *oldest))
        oldest = f.oldest_pending;
    bool queue_stale = !f.last_queue_run || f.now - *f.last_queue_run > k_queue_stale;
    if (oldest && f.now - *oldest > k_backlog_stale && f.feature_on && f.processing_on) {
        out.push_back({Severity::problem, "queue",
                       fmt::format("{} webhook deliveries wait, the oldest from {}; queue process "
                                   "last ran {}",
                                   f.spooled + f.pending_events, age(f.now, *oldest),
                                   f.last_queue_run ? age(f.now, *f.last_queue_run) : "never"),
                       queue_stale
                           ? "install cron/kivals in /etc/cron.d, or run kivals queue process"
                           : "kivals queue list --status pending"});
    } else if (queue_stale && (f.spooled + f.pending_events) > 0) {
        out.push_back({Severity::warning, "queue",
                       fmt::format("{} deliveries wait and queue process last ran {}",
                                   f.spooled + f.pending_events,
                                   f.last_queue_run ? age(f.now, *f.last_queue_run) : "never"),
                       "kivals queue process"});
    } else {
        out.push_back({Severity::ok, "queue",
                       fmt::format("{} deliveries waiting", f.spooled + f.pending_events), ""});
    }
    if (f.dead_events > 0)
        out.push_back({Severity::problem, "queue",
                       fmt::format("{} webhook events failed for good (dead)", f.dead_events),
                       "kivals queue list --status dead; kivals queue retry ID"});
    else if (f.failed_events > 0)
        out.push_back({Severity::warning, "queue",
                       fmt::format("{} webhook events failed and will be retried", f.failed_events),
                       "kivals queue list --status failed"});
}

void sync_checks(const Facts& f, std::vector<Finding>& out) {
    if (f.linked == 0)
        out.push_back({Severity::problem, "links", "no product is linked, so nothing syncs",
                       "kivals fetch-products; kivals kiva import FILE; kivals link suggest"});
    else if (f.linkable_unlinked > 0)
        out.push_back({Severity::warning, "links",
                       fmt::format("{} products linked; {} Lightspeed products are not linked "
                                   "(their stock is not synced)",
                                   f.linked, f.linkable_unlinked),
                       "kivals link suggest"});
    else
        out.push_back({Severity::ok, "links", fmt::format("{} products linked", f.linked), ""});

    if (!f.last_pull_sync || f.now - *f.last_pull_sync > k_pull_stale)
        out.push_back({Severity::warning, "pull-sync",
                       fmt::format("pull-sync {}: missed webhooks are not being caught",
                                   f.last_pull_sync ? "last ran " + age(f.now, *f.last_pull_sync)
                                                    : std::string("has never run")),
                       "install cron/kivals in /etc/cron.d, or run kivals pull-sync --full"});
    else if (f.last_pull_corrected.value_or(0) > 0)
        out.push_back({Severity::warning, "pull-sync",
                       fmt::format("the last pull-sync corrected {} products: webhooks are being "
                                   "missed",
                                   *f.last_pull_corrected),
                       "check the web server's error log and kivals webhooks list"});
    else
        out.push_back({Severity::ok, "pull-sync",
                       fmt::format("pull-sync ran {}", age(f.now, *f.last_pull_sync)), ""});

    if (f.pushes_in_flight > 0)
        out.push_back({Severity::warning, "push",
                       fmt::format("{} pushes were sent but their answer was lost (a crash, a "
                                   "timeout or a 5xx); those products wait until kivals checks "
                                   "them in Lightspeed",
                                   f.pushes_in_flight),
                       "kivals -v push (it checks them first)"});
    else if (f.pending_push > 0)
        out.push_back({Severity::warning, "push",
                       fmt::format("{} products have online orders not yet pushed to Lightspeed",
                                   f.pending_push),
                       "kivals push"});
    if (f.versions_ran_ahead > 0)
        out.push_back({Severity::problem, "versions",
                       fmt::format("{} linked products carry a version far beyond anything "
                                   "Lightspeed's reads have shown (a bogus delivery?): later "
                                   "updates look stale to them until Lightspeed is read again",
                                   f.versions_ran_ahead),
                       "kivals pull-sync --full (it takes Lightspeed's own version)"});
    if (f.oversold > 0)
        out.push_back({Severity::warning, "stock",
                       fmt::format("{} products are oversold (Available below zero)", f.oversold),
                       "kivals stock --oversold"});
}

} // namespace

std::vector<Finding> diagnose(const Facts& facts) {
    std::vector<Finding> out;
    database_checks(facts, out);
    settings_checks(facts, out);
    intake_checks(facts, out);
    queue_checks(facts, out);
    sync_checks(facts, out);
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        return static_cast<int>(a.severity) > static_cast<int>(b.severity);
    });
    return out;
}

const char* severity_name(Severity severity) {
    switch (severity) {
    case Severity::ok:
        return "ok";
    case Severity::warning:
        return "warning";
    case Severity::problem:
        return "problem";
    }
    return "?";
}

} // namespace kivals::doctor
