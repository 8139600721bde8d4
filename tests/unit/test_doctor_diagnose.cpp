#include <kivals/doctor/diagnose.hpp>

#include <doctest/doctest.h>

#include <functional>

using namespace kivals;
using namespace kivals::doctor;
using std::chrono::minutes;

namespace {

// A healthy installation: everything set, cron running, webhooks registered.
Facts healthy() {
    Facts f;
    f.now = SysTime{} + std::chrono::hours(24 * 365 * 56);
    f.store_url_set = f.token_set = f.outlet_set = true;
    f.linked = 10;
    f.last_queue_run = f.now - minutes(1);
    f.last_pull_sync = f.now - minutes(30);
    f.last_full_sync = f.now - minutes(30);
    f.last_pull_corrected = 0;
    f.inventory_webhook_ok = f.product_webhook_ok = true;
    return f;
}

const Finding* find(const std::vector<Finding>& findings, const std::string& check, Severity s) {
    for (const auto& finding : findings)
        if (finding.check == check && finding.severity == s)
            return &finding;
    return nullptr;
}

} // namespace

TEST_CASE("doctor: a healthy installation has no problem and no warning") {
    for (const auto& finding : diagnose(healthy())) {
        CAPTURE(finding.message);
        CHECK(finding.severity == Severity::ok);
    }
}

TEST_CASE("doctor: each cause of stale stock is named with its remedy") {
    struct Case {
        const char* name;
        std::function<void(Facts&)> break_it;
        const char* check;
        Severity severity;
        const char* advice;
    };
    const Case cases[] = {
        {"no token", [](Facts& f) { f.token_set = false; }, "settings", Severity::problem,
         "kivals config set token"},
        {"no outlet", [](Facts& f) { f.outlet_set = false; }, "settings", Severity::problem,
         "kivals outlet detect"},
        {"feature off", [](Facts& f) { f.feature_on = false; }, "feature", Severity::problem,
         "kivals enable feature"},
        {"processing off", [](Facts& f) { f.processing_on = false; }, "processing",
         Severity::problem, "kivals enable webhook-processing"},
        {"secret file stale", [](Facts& f) { f.secret_file_matches = false; }, "intake",
         Severity::problem, "kivals init"},
        {"spool open to the web user",
         [](Facts& f) { f.spool_problems = {"/var/spool/kivals may be changed by its group"}; },
         "spool", Severity::problem, "kivals init"},
        {"odd entries quarantined",
         [](Facts& f) {
             f.quarantined = 2;
             f.last_quarantined = "new/x (a FIFO, not a regular file)";
         },
         "spool", Severity::warning, "kivals queue quarantine"},
        {"spool out of sight", [](Facts& f) { f.spool_readable = false; }, "spool",
         Severity::warning, "as the kivals user"},
        {"a version ran ahead", [](Facts& f) { f.versions_ran_ahead = 1; }, "versions",
         Severity::problem, "pull-sync --full"},
        {"database corrupt", [](Facts& f) { f.database_problem = "Page 15: btreeInitPage()"; },
         "database", Severity::problem, ".recover"},
        {"no webhooks", [](Facts& f) { f.inventory_webhook_ok = false; }, "webhooks",
         Severity::problem, "kivals webhooks create"},
        {"api down", [](Facts& f) { f.api_error = "HTTP 401"; }, "lightspeed", Severity::problem,
         "token"},
        {"cron not running",
         [](Facts& f) {
             f.spooled = 3;
             f.oldest_spooled = f.now - minutes(40);
             f.last_queue_run = f.now - minutes(40);
         },
         "queue", Severity::problem, "cron"},
        {"queue never ran with a fresh backlog",
         [](Facts& f) {
             f.pending_events = 2;
             f.oldest_pending = f.now - minutes(1);
             f.last_queue_run.reset();
         },
         "queue", Severity::warning, "kivals queue process"},
        {"dead events", [](Facts& f) { f.dead_events = 1; }, "queue", Severity::problem,
         "kivals queue retry"},
        {"failed events", [](Facts& f) { f.failed_events = 2; }, "queue", Severity::warning,
         "--status failed"},
        {"nothing linked", [](Facts& f) { f.linked = 0; }, "links", Severity::problem,
         "kivals link suggest"},
        {"some unlinked", [](Facts& f) { f.linkable_unlinked = 4; }, "links", Severity::warning,
         "kivals link suggest"},
        {"pull-sync stale", [](Facts& f) { f.last_pull_sync = f.now - minutes(300); }, "pull-sync",
         Severity::warning, "pull-sync --full"},
        {"webhooks missed", [](Facts& f) { f.last_pull_corrected = 7; }, "pull-sync",
         Severity::warning, "webhooks list"},
        {"push due", [](Facts& f) { f.pending_push = 2; }, "push", Severity::warning,
         "kivals push"},
        {"push answer lost", [](Facts& f) { f.pushes_in_flight = 1; }, "push", Severity::warning,
         "checks them first"},
        {"oversold", [](Facts& f) { f.oversold = 1; }, "stock", Severity::warning, "--oversold"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        Facts f = healthy();
        c.break_it(f);
        auto findings = diagnose(f);
        const Finding* finding = find(findings, c.check, c.severity);
        REQUIRE(finding != nullptr);
        CHECK(finding->advice.find(c.advice) != std::string::npos);
        CHECK(findings.front().severity == c.severity); // the worst comes first
    }
}
