#pragma once

#include <kivals/core/clock.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// What `kivals doctor` found out, before judging anything: plain values, so that the rules
// (diagnose.hpp) are pure and tested as tables. Absent optionals mean "not checked" (no
// network, --offline, or a check that could not run).
namespace kivals::doctor {

// Why Lightspeed could not be asked, as the rules need it (the lightspeed module's error
// kinds, folded to what decides the fix).
enum class ApiFailure {
    unauthorized, // 401/403: the token
    not_found,    // 404: a wrong store URL or API family
    unreachable,  // no answer: connection refused, timeout, DNS
    tls,          // TLS failed: often https:// to a plain-HTTP port, or the wrong host
    other,        // Lightspeed answered something else (5xx, rate limit, unreadable)
};

// What Lightspeed's webhook list says about kivals' two registrations.
struct WebhookFacts {
    std::vector<std::string> missing; // types with no webhook at kivals' URL
    std::vector<std::string> stale;   // types registered inactive, or at an old URL or secret
    std::int64_t duplicates = 0;      // extra registrations of a type (deliveries twice)
};

// What a probe delivery sent to the registered inventory.update URL met (`kivals webhooks
// test`, doctor).
struct ProbeFacts {
    enum class Outcome {
        reached,        // answered 200 and its file is in the spool (or the spool is out of sight)
        elsewhere,      // answered 200, but its file is not in this spool
        refused_secret, // 403: the intake's secret is not the one in the URL
        not_found,      // 404: nothing at that path
        intake_failing, // 5xx: the intake cannot read its secret or write the spool
        other_status,   // any other HTTP status
        unreachable,    // no answer: refused, timed out, no such host
        tls,            // TLS failed
    };
    Outcome outcome = Outcome::reached;
    std::string url;    // where it went, secret masked
    std::string detail; // the status or the transport's words
};

// A job lock some process holds.
struct LockFact {
    std::string job;              // "queue", "pull-sync", "push", "fetch-products"
    std::optional<long> pid;      // who holds it, when it wrote its pid
    std::optional<SysTime> since; // since when
};

struct Facts {
    SysTime now;
    bool store_url_set = false;
    bool token_set = false;
    bool outlet_set = false;
    std::optional<bool> outlet_known; // the chosen outlet is one of Lightspeed's (when asked)
    bool base_url_set = true;         // webhook.base_url (the intake's public URL) is set
    bool feature_on = true;
    bool processing_on = true;
    bool secret_file_matches = true;         // the intake's secret file holds the database's secret
    std::vector<std::string> spool_problems; // what lets the web user reshape the spool, or
                                             // keeps it from delivering
    bool spool_readable = true;              // false: this user may not look into the spool
    std::int64_t quarantined = 0;            // odd spool entries moved to quarantine
    std::optional<std::string> last_quarantined; // one of them: "new/x (a FIFO, ...)"
    std::int64_t spooled = 0;                    // deliveries waiting in the spool
    std::optional<SysTime> oldest_spooled;
    std::int64_t pending_events = 0;
    std::optional<SysTime> oldest_pending;
    std::int64_t failed_events = 0;
    std::int64_t dead_events = 0;
    std::int64_t ls_products = 0;   // Lightspeed products fetched
    std::int64_t kiva_products = 0; // Kiva products imported
    std::int64_t linked = 0;
    std::int64_t linkable_unlinked = 0;
    std::int64_t oversold = 0;
    std::int64_t pending_push = 0;                // linked products with a push due
    std::int64_t pushes_in_flight = 0;            // pushes sent whose answer is not recorded yet
    std::optional<std::string> last_push_failure; // the last push run failed or partly: why
    std::optional<std::string> database_problem;  // what PRAGMA quick_check found wrong
    std::int64_t versions_ran_ahead = 0; // linked products at a version no read makes plausible
    std::optional<SysTime> last_queue_run;
    std::optional<SysTime> last_pull_sync;
    std::optional<SysTime> last_full_sync;
    std::optional<std::int64_t> last_pull_corrected; // corrections, first levels not counted
    std::vector<LockFact> locks_held;
    // Network facts (nullopt when not checked).
    std::optional<ApiFailure> api_failure;
    std::optional<std::string> api_error; // Lightspeed's failure in words, with its advice
    std::optional<WebhookFacts> webhooks;
    std::optional<ProbeFacts> probe;
};

} // namespace kivals::doctor
