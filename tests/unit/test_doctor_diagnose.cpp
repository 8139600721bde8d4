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
    f.ls_products = f.kiva_products = 10;
    f.outlet_known = true;
    f.webhooks = WebhookFacts{};
    return f;
}

const Finding* find(const std::vector<Finding>& findings, const std::string& id) {
    for (const auto& finding : findings)
        if (finding.id == id)
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

TEST_CASE("doctor: each cause of stale stock is named, with its fix and its exit code") {
    struct Case {
        const char* name;
        std::function<void(Facts&)> break_it;
        const char* id;
        Severity severity;
        const char* fix;
        int exit;
    };
    const Case cases[] = {
        {"no store URL", [](Facts& f) { f.store_url_set = false; }, "settings.store_url",
         Severity::problem, "kivals config set store_url https://STORE.retail.lightspeed.app", 1},
        {"no token", [](Facts& f) { f.token_set = false; }, "settings.token", Severity::problem,
         "kivals config set token", 1},
        {"no outlet", [](Facts& f) { f.outlet_set = false; }, "settings.outlet", Severity::problem,
         "kivals outlet detect", 1},
        {"an outlet the store does not have", [](Facts& f) { f.outlet_known = false; },
         "settings.outlet_unknown", Severity::problem, "kivals outlet detect", 1},
        {"feature off", [](Facts& f) { f.feature_on = false; }, "feature.off", Severity::problem,
         "kivals enable feature", 1},
        {"processing off", [](Facts& f) { f.processing_on = false; }, "processing.off",
         Severity::problem, "kivals enable webhook-processing", 1},
        {"secret file stale", [](Facts& f) { f.secret_file_matches = false; }, "intake.secret_file",
         Severity::problem, "kivals init", 1},
        {"spool open to the web user",
         [](Facts& f) { f.spool_problems = {"/var/spool/kivals may be changed by its group"}; },
         "spool.layout", Severity::problem, "kivals init", 1},
        {"odd entries quarantined",
         [](Facts& f) {
             f.quarantined = 2;
             f.last_quarantined = "new/x (a FIFO, not a regular file)";
         },
         "spool.quarantined", Severity::warning, "kivals queue quarantine", 0},
        {"spool out of sight", [](Facts& f) { f.spool_readable = false; }, "spool.unreadable",
         Severity::warning, "sudo -u kivals kivals doctor", 0},
        {"a version ran ahead", [](Facts& f) { f.versions_ran_ahead = 1; }, "versions.ahead",
         Severity::problem, "kivals pull-sync --full", 1},
        {"database corrupt", [](Facts& f) { f.database_problem = "Page 15: btreeInitPage()"; },
         "database.corrupt", Severity::problem, "kivals pull-sync --full", 1},
        {"no base URL", [](Facts& f) { f.base_url_set = false; }, "webhooks.base_url",
         Severity::degraded,
         "kivals config set webhook.base_url https://SHOP/cgi-bin/kivals-webhook", 3},
        {"no webhooks", [](Facts& f) { f.webhooks->missing = {"inventory.update"}; },
         "webhooks.missing", Severity::degraded, "kivals webhooks create", 3},
        {"a webhook at an old secret", [](Facts& f) { f.webhooks->stale = {"product.update"}; },
         "webhooks.stale", Severity::degraded, "kivals webhooks create", 3},
        {"a webhook registered twice", [](Facts& f) { f.webhooks->duplicates = 1; },
         "webhooks.duplicate", Severity::warning, "kivals webhooks create", 0},
        {"the token refused",
         [](Facts& f) {
             f.api_failure = ApiFailure::unauthorized;
             f.api_error = "HTTP 401";
         },
         "lightspeed.token", Severity::problem, "kivals config set token", 1},
        {"a wrong store URL", [](Facts& f) { f.api_failure = ApiFailure::not_found; },
         "lightspeed.store_url", Severity::problem,
         "kivals config set store_url https://STORE.retail.lightspeed.app", 1},
        {"cron not running",
         [](Facts& f) {
             f.spooled = 3;
             f.oldest_spooled = f.now - minutes(40);
             f.last_queue_run = f.now - minutes(40);
         },
         "queue.stuck", Severity::problem, "kivals queue process --verbose", 1},
        {"queue never ran with a fresh backlog",
         [](Facts& f) {
             f.pending_events = 2;
             f.oldest_pending = f.now - minutes(1);
             f.last_queue_run.reset();
         },
         "queue.waiting", Severity::warning, "kivals queue process --verbose", 0},
        {"dead events", [](Facts& f) { f.dead_events = 1; }, "queue.dead", Severity::degraded,
         "kivals queue retry --failed", 3},
        {"failed events", [](Facts& f) { f.failed_events = 2; }, "queue.failing", Severity::warning,
         "kivals queue list --status failed", 0},
        {"nothing fetched", [](Facts& f) { f.linked = f.ls_products = 0; }, "links.none",
         Severity::problem, "kivals fetch-products", 1},
        {"nothing imported", [](Facts& f) { f.linked = f.kiva_products = 0; }, "links.none",
         Severity::problem, "kivals kiva import FILE", 1},
        {"nothing linked", [](Facts& f) { f.linked = 0; }, "links.none", Severity::problem,
         "kivals link auto", 1},
        {"some unlinked", [](Facts& f) { f.linkable_unlinked = 4; }, "links.unlinked",
         Severity::warning, "kivals link suggest", 0},
        {"pull-sync stale", [](Facts& f) { f.last_pull_sync = f.now - minutes(300); },
         "pull_sync.stale", Severity::degraded, "kivals pull-sync", 3},
        {"pull-sync never ran",
         [](Facts& f) {
             f.last_pull_sync.reset();
             f.last_full_sync.reset();
         },
         "pull_sync.stale", Severity::degraded, "kivals pull-sync --full", 3},
        {"webhooks missed", [](Facts& f) { f.last_pull_corrected = 7; }, "pull_sync.corrections",
         Severity::degraded, "kivals webhooks test", 3},
        {"push due", [](Facts& f) { f.pending_push = 2; }, "push.pending", Severity::warning,
         "kivals push", 0},
        {"push answer lost", [](Facts& f) { f.pushes_in_flight = 1; }, "push.in_flight",
         Severity::warning, "kivals push", 0},
        {"the last push failed", [](Facts& f) { f.last_push_failure = "HTTP 503"; }, "push.failing",
         Severity::degraded, "kivals push", 3},
        {"oversold", [](Facts& f) { f.oversold = 1; }, "stock.oversold", Severity::warning,
         "kivals stock --oversold", 0},
        {"queue process stuck on its lock",
         [](Facts& f) {
             f.locks_held = {{"queue", 4242, f.now - minutes(45)}};
         },
         "locks.stuck", Severity::problem, "kill 4242", 1},
        {"pull-sync stuck on its lock",
         [](Facts& f) {
             f.locks_held = {{"pull-sync", 77, f.now - minutes(300)}};
         },
         "locks.stuck", Severity::degraded, "kill 77", 3},
        {"the web path ends in a 404",
         [](Facts& f) {
             f.probe = ProbeFacts{ProbeFacts::Outcome::not_found, "http://shop/x", "HTTP 404"};
         },
         "webhooks.unreachable", Severity::degraded,
         "kivals config set webhook.base_url https://SHOP/cgi-bin/kivals-webhook", 3},
        {"the intake refuses the secret",
         [](Facts& f) {
             f.probe = ProbeFacts{ProbeFacts::Outcome::refused_secret, "u", "403"};
         },
         "webhooks.unreachable", Severity::degraded, "kivals init", 3},
        {"TLS to a plain-HTTP port",
         [](Facts& f) {
             f.probe = ProbeFacts{ProbeFacts::Outcome::tls, "https://shop:80", ""};
         },
         "webhooks.unreachable", Severity::degraded,
         "kivals config set webhook.base_url https://SHOP/cgi-bin/kivals-webhook", 3},
    };
    for (const auto& c : cases) {
        CAPTURE(c.name);
        Facts f = healthy();
        c.break_it(f);
        auto findings = diagnose(f);
        const Finding* finding = find(findings, c.id);
        REQUIRE(finding != nullptr);
        CHECK(finding->severity == c.severity);
        CHECK(finding->fix == c.fix);
        CHECK(findings.front().severity == c.severity); // the worst comes first
        CHECK(exit_code(findings) == c.exit);
    }
}

TEST_CASE("doctor: a job that holds its lock briefly is running, not stuck") {
    Facts f = healthy();
    f.locks_held = {{"queue", 4242, f.now - minutes(1)}};
    auto findings = diagnose(f);
    REQUIRE(find(findings, "locks.running") != nullptr);
    CHECK(find(findings, "locks.running")->message.find("pid 4242") != std::string::npos);
    CHECK(exit_code(findings) == 0);
}

TEST_CASE("doctor: every finding has an id, and every one that needs doing its fix") {
    Facts f = healthy();
    f.token_set = false;
    f.feature_on = false;
    f.dead_events = 1;
    for (const auto& finding : diagnose(f)) {
        CAPTURE(finding.id);
        CHECK(finding.id.find('.') != std::string::npos);
        if (finding.severity != Severity::ok)
            CHECK(!finding.fix.empty());
    }
}
