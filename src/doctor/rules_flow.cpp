// doctor's rules for the flow: the queue, the links, pull-sync, pushes and the job locks
// (what moves stock once the setup is right).
#include "rules.hpp"

#include <fmt/format.h>

#include <string_view>

namespace kivals::doctor {
namespace {

using std::chrono::minutes;

constexpr minutes k_queue_stale{5};    // cron runs queue process every minute
constexpr minutes k_pull_stale{90};    // and pull-sync every hour
constexpr minutes k_backlog_stale{10}; // a delivery older than this should have been applied

std::string last_ran(const Facts& f, const std::optional<SysTime>& when) {
    return when ? "last ran " + age(f.now, *when) : std::string("has never run");
}

// How long a job may hold its lock before doctor calls it stuck.
minutes lock_limit(std::string_view job) {
    if (job == "queue")
        return minutes(10);
    if (job == "push")
        return minutes(30);
    return minutes(120); // pull-sync --full and fetch-products walk the whole catalogue
}

} // namespace

void queue_rule(const Facts& f, Findings& out) {
    std::optional<SysTime> oldest = f.oldest_spooled;
    if (f.oldest_pending && (!oldest || *f.oldest_pending < *oldest))
        oldest = f.oldest_pending;
    std::int64_t waiting = f.spooled + f.pending_events;
    bool queue_stale = !f.last_queue_run || f.now - *f.last_queue_run > k_queue_stale;
    if (oldest && f.now - *oldest > k_backlog_stale && f.feature_on && f.processing_on)
        out.push_back({"queue.stuck", Severity::problem, "queue",
                       fmt::format("{} webhook deliveries wait, the oldest from {}; queue process "
                                   "{}{}",
                                   waiting, age(f.now, *oldest), last_ran(f, f.last_queue_run),
                                   queue_stale ? " (install cron/kivals in /etc/cron.d)" : ""),
                       "kivals queue process --verbose"});
    else if (queue_stale && waiting > 0)
        out.push_back({"queue.waiting", Severity::warning, "queue",
                       fmt::format("{} deliveries wait and queue process {}", waiting,
                                   last_ran(f, f.last_queue_run)),
                       "kivals queue process --verbose"});
    else
        out.push_back(
            {"queue.ok", Severity::ok, "queue", fmt::format("{} deliveries waiting", waiting), ""});
    if (f.dead_events > 0)
        out.push_back({"queue.dead", Severity::degraded, "queue",
                       fmt::format("{} webhook events failed for good (dead): their products "
                                   "follow the POS only through pull-sync",
                                   f.dead_events),
                       "kivals queue retry --failed"});
    else if (f.failed_events > 0)
        out.push_back({"queue.failing", Severity::warning, "queue",
                       fmt::format("{} webhook events failed and will be retried", f.failed_events),
                       "kivals queue list --status failed"});
}

void links_rule(const Facts& f, Findings& out) {
    if (f.linked == 0) {
        const char* fix = f.ls_products == 0     ? "kivals fetch-products"
                          : f.kiva_products == 0 ? "kivals kiva import FILE"
                                                 : "kivals link auto";
        out.push_back({"links.none", Severity::problem, "links",
                       "no product is linked, so nothing syncs", fix});
    } else if (f.linkable_unlinked > 0) {
        out.push_back({"links.unlinked", Severity::warning, "links",
                       fmt::format("{} products linked; {} Lightspeed products are not linked "
                                   "(their stock is not synced)",
                                   f.linked, f.linkable_unlinked),
                       "kivals link suggest"});
    } else {
        out.push_back(
            {"links.ok", Severity::ok, "links", fmt::format("{} products linked", f.linked), ""});
    }
}

void pull_sync_rule(const Facts& f, Findings& out) {
    if (!f.last_pull_sync || f.now - *f.last_pull_sync > k_pull_stale)
        out.push_back({"pull_sync.stale", Severity::degraded, "pull-sync",
                       fmt::format("pull-sync {}: missed webhooks are not being caught (install "
                                   "cron/kivals in /etc/cron.d)",
                                   last_ran(f, f.last_pull_sync)),
                       f.last_full_sync ? "kivals pull-sync" : "kivals pull-sync --full"});
    else if (f.last_pull_corrected.value_or(0) > 0)
        out.push_back({"pull_sync.corrections", Severity::degraded, "pull-sync",
                       fmt::format("the last pull-sync corrected {} products whose webhooks "
                                   "never arrived: webhooks are being missed",
                                   *f.last_pull_corrected),
                       "kivals webhooks test"});
    else
        out.push_back({"pull_sync.ok", Severity::ok, "pull-sync",
                       fmt::format("pull-sync ran {}", age(f.now, *f.last_pull_sync)), ""});
    if (f.versions_ran_ahead > 0)
        out.push_back({"versions.ahead", Severity::problem, "versions",
                       fmt::format("{} linked products carry a version far beyond anything "
                                   "Lightspeed's reads have shown (a bogus delivery?): later "
                                   "updates look stale to them until Lightspeed is read again",
                                   f.versions_ran_ahead),
                       "kivals pull-sync --full"});
}

void push_rule(const Facts& f, Findings& out) {
    if (f.last_push_failure)
        out.push_back({"push.failing", Severity::degraded, "push",
                       fmt::format("the last push did not tell Lightspeed every online order "
                                   "(the POS may sell units already sold online): {}",
                                   *f.last_push_failure),
                       "kivals push"});
    if (f.pushes_in_flight > 0)
        out.push_back({"push.in_flight", Severity::warning, "push",
                       fmt::format("{} pushes were sent but their answer was lost (a crash, a "
                                   "timeout or a 5xx); those products wait until the next push "
                                   "checks them in Lightspeed",
                                   f.pushes_in_flight),
                       "kivals push"});
    else if (f.pending_push > 0)
        out.push_back({"push.pending", Severity::warning, "push",
                       fmt::format("{} products have online orders not yet pushed to Lightspeed",
                                   f.pending_push),
                       "kivals push"});
    if (f.oversold > 0)
        out.push_back({"stock.oversold", Severity::warning, "stock",
                       fmt::format("{} products are oversold (Available below zero)", f.oversold),
                       "kivals stock --oversold"});
}

void locks_rule(const Facts& f, Findings& out) {
    for (const LockFact& lock : f.locks_held) {
        std::string who = lock.pid ? fmt::format("pid {}", *lock.pid) : "a process";
        bool stuck = lock.since && f.now - *lock.since > lock_limit(lock.job);
        if (!stuck) {
            out.push_back({"locks.running", Severity::ok, "locks",
                           fmt::format("kivals {} is running ({}, started {})", lock.job, who,
                                       lock.since ? age(f.now, *lock.since) : "at an unknown time"),
                           ""});
            continue;
        }
        out.push_back({"locks.stuck", lock.job == "queue" ? Severity::problem : Severity::degraded,
                       "locks",
                       fmt::format("kivals {} took its lock {} ({}) and still holds it: no other "
                                   "{} can run until it ends",
                                   lock.job, age(f.now, *lock.since), who, lock.job),
                       lock.pid ? fmt::format("kill {}", *lock.pid) : ""});
    }
}

} // namespace kivals::doctor
