#pragma once

#include <kivals/core/clock.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// "Why isn't stock updating?": facts gathered by `kivals doctor`, judged by pure rules.
namespace kivals::doctor {

// What `kivals doctor` found out, before judging anything. Absent optionals mean "unknown"
// (for example, the network checks were skipped).
struct Facts {
    SysTime now;
    bool store_url_set = false;
    bool token_set = false;
    bool outlet_set = false;
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
    std::int64_t linked = 0;
    std::int64_t linkable_unlinked = 0;
    std::int64_t oversold = 0;
    std::int64_t pending_push = 0;               // linked products with a push due
    std::int64_t pushes_in_flight = 0;           // pushes sent whose answer is not recorded yet
    std::optional<std::string> database_problem; // what PRAGMA quick_check found wrong
    std::int64_t versions_ran_ahead = 0; // linked products at a version no read makes plausible
    std::optional<SysTime> last_queue_run;
    std::optional<SysTime> last_pull_sync;
    std::optional<SysTime> last_full_sync;
    std::optional<std::int64_t> last_pull_corrected;
    // Network facts (nullopt when not checked).
    std::optional<std::string> api_error;     // why Lightspeed could not be asked
    std::optional<bool> inventory_webhook_ok; // an active inventory.update webhook with our URL
    std::optional<bool> product_webhook_ok;   // an active product.update webhook with our URL
};

enum class Severity { ok, warning, problem };

// One conclusion: what is wrong (or fine) and what to do about it.
struct Finding {
    Severity severity;
    std::string check; // short name, e.g. "queue"
    std::string message;
    std::string advice; // empty when nothing needs doing
};

// Judge the facts: one finding per check, problems first.
std::vector<Finding> diagnose(const Facts& facts);

// Return "ok", "warning" or "problem".
const char* severity_name(Severity severity);

} // namespace kivals::doctor
