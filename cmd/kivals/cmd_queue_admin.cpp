// kivals queue list|show|retry|quarantine|purge: look into the webhook queue and act on
// single events.
#include "queue_admin.hpp"

#include <kivals/core/clock.hpp>
#include <kivals/util/dirs.hpp>
#include <kivals/webhook/spool_reader.hpp>

namespace kivals::cli {
namespace {

constexpr std::array k_statuses{"pending", "applied", "ignored", "failed", "dead"};

struct ListOptions {
    std::optional<std::string> status;
    int limit = 50;
    bool json = false;
};

nlohmann::json opt_json(const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// The columns every event view starts with, in this order.
constexpr const char* k_event_columns =
    "id, status, type, product_id, outlet_id, version, attempts, received_at, reason";

// Read the k_event_columns of the current row.
nlohmann::json event_json(db::Stmt& stmt) {
    return {{"id", stmt.int64(0)},
            {"status", stmt.text(1)},
            {"type", stmt.text(2)},
            {"product_id", opt_json(stmt.opt_text(3))},
            {"outlet_id", opt_json(stmt.opt_text(4))},
            {"version", stmt.opt_int64(5) ? nlohmann::json(*stmt.opt_int64(5)) : nullptr},
            {"attempts", stmt.int64(6)},
            {"received_at", stmt.text(7)},
            {"reason", opt_json(stmt.opt_text(8))}};
}

int run_list(Env& env, const ListOptions& opts) {
    auto stmt = env.db().prepare(fmt::format(
        "SELECT {} FROM events WHERE (?1 IS NULL OR status = ?1) ORDER BY id DESC LIMIT ?2",
        k_event_columns));
    stmt.bind_all(opts.status, opts.limit);
    nlohmann::json rows = nlohmann::json::array();
    while (stmt.step())
        rows.push_back(event_json(stmt));
    if (opts.json) {
        print_json(env, rows);
        return 0;
    }
    fmt::print("{:>8}  {:<8} {:<17} {:<38} {:>12}  {:<20}  {}\n", "ID", "STATUS", "TYPE", "PRODUCT",
               "VERSION", "RECEIVED", "REASON");
    for (const auto& r : rows)
        fmt::print("{:>8}  {:<8} {:<17} {:<38} {:>12}  {:<20}  {}\n", r["id"].get<std::int64_t>(),
                   r["status"].get<std::string>(), r["type"].get<std::string>(),
                   r["product_id"].is_null() ? "-" : r["product_id"].get<std::string>(),
                   r["version"].is_null() ? "-" : r["version"].dump(),
                   r["received_at"].get<std::string>(),
                   r["reason"].is_null() ? "" : r["reason"].get<std::string>());
    return 0;
}

int run_show(Env& env, std::int64_t id, bool json) {
    db::Db& db = env.db();
    auto stmt = db.prepare(fmt::format(
        "SELECT {}, next_attempt_at, spool_name, payload, updated_at FROM events WHERE id = ?",
        k_event_columns));
    stmt.bind_all(id);
    if (!stmt.step())
        fail(Exit::failure, "no event {}", id);
    nlohmann::json event = event_json(stmt);
    event["next_attempt_at"] = opt_json(stmt.opt_text(9));
    event["spool_name"] = opt_json(stmt.opt_text(10));
    event["payload"] = stmt.text(11);
    event["updated_at"] = stmt.text(12);
    nlohmann::json history = nlohmann::json::array();
    auto attempts = db.prepare("SELECT at, outcome, detail FROM event_attempts WHERE event_id = ? "
                               "ORDER BY id");
    attempts.bind_all(id);
    while (attempts.step())
        history.push_back({{"at", attempts.text(0)},
                           {"outcome", attempts.text(1)},
                           {"detail", opt_json(attempts.opt_text(2))}});
    event["history"] = history;
    if (json) {
        print_json(env, event);
        return 0;
    }
    for (const char* key : {"id", "status", "reason", "type", "product_id", "outlet_id", "version",
                            "received_at", "attempts", "next_attempt_at", "spool_name"}) {
        const auto& v = event[key];
        fmt::print("{:<16} {}\n", std::string(key) + ":",
                   v.is_null()     ? "-"
                   : v.is_string() ? v.get<std::string>()
                                   : v.dump());
    }
    fmt::print("history:\n");
    for (const auto& h : history)
        fmt::print("  {}  {}  {}\n", h["at"].get<std::string>(), h["outcome"].get<std::string>(),
                   h["detail"].is_null() ? "" : h["detail"].get<std::string>());
    fmt::print("payload:\n{}\n", event["payload"].get<std::string>());
    return 0;
}

// Make events pending again with a fresh attempt budget.
int run_retry(Env& env, std::optional<std::int64_t> id, bool all_failed) {
    db::Db& db = env.db();
    db::Txn txn(db);
    if (all_failed) {
        db.prepare("UPDATE events SET status = 'pending', reason = NULL, attempts = 0, "
                   "next_attempt_at = NULL, updated_at = ? WHERE status IN ('failed', 'dead')")
            .bind_all(iso8601(env.clock().now()))
            .run();
    } else {
        auto stmt = db.prepare("SELECT status FROM events WHERE id = ?");
        stmt.bind_all(*id);
        if (!stmt.step())
            fail(Exit::failure, "no event {}", *id);
        db.prepare("UPDATE events SET status = 'pending', reason = NULL, attempts = 0, "
                   "next_attempt_at = NULL, updated_at = ? WHERE id = ?")
            .bind_all(iso8601(env.clock().now()), *id)
            .run();
    }
    int changed = db.changes();
    txn.commit();
    if (env.interactive())
        fmt::print("{} events will be applied by the next `kivals queue process`.\n", changed);
    return 0;
}

// The odd spool entries queue process moved out of the way, with their reasons.
int run_quarantine(Env& env, bool json) {
    const Config& cfg = env.config();
    auto report = webhook::inspect_spool(cfg.spool_dir, group_id(cfg.web_group));
    if (json) {
        nlohmann::json rows = nlohmann::json::array();
        for (const auto& e : report.quarantined)
            rows.push_back(
                {{"where", e.where}, {"from", e.from}, {"reason", e.reason}, {"at", e.at}});
        print_json(env, rows);
        return 0;
    }
    if (report.quarantined.empty() && env.interactive())
        fmt::print("Nothing is in quarantine ({}).\n", (cfg.spool_dir / "quarantine").string());
    for (const auto& e : report.quarantined)
        fmt::print("{}  {}  was {}: {}\n", e.at, e.where, e.from, e.reason);
    return 0;
}

int run_purge(Env& env, int days) {
    db::Db& db = env.db();
    std::string cutoff = iso8601(env.clock().now() - std::chrono::hours(24) * days);
    db::Txn txn(db);
    db.prepare("DELETE FROM events WHERE status IN ('applied', 'ignored') AND updated_at < ?")
        .bind_all(cutoff)
        .run();
    int removed = db.changes();
    txn.commit();
    if (env.interactive())
        fmt::print("Purged {} applied or ignored events older than {} days.\n", removed, days);
    return 0;
}

} // namespace

void add_queue_admin_commands(CLI::App& queue, const Binder& bind) {
    auto list_opts = std::make_shared<ListOptions>();
    auto* list = queue.add_subcommand("list", "List events, newest first");
    list->add_option("--status", list_opts->status, "pending, applied, ignored, failed or dead")
        ->check(CLI::IsMember(std::vector<std::string>(k_statuses.begin(), k_statuses.end())));
    list->add_option("--limit", list_opts->limit, "At most N events (default 50)")
        ->check(CLI::Range(1, 1000000));
    list->add_flag("--json", list_opts->json, "Print JSON");
    bind(list, [list_opts](Env& env) { return run_list(env, *list_opts); });

    auto show_id = std::make_shared<std::int64_t>(0);
    auto show_json = std::make_shared<bool>(false);
    auto* show = queue.add_subcommand("show", "Show one event: its payload and every attempt");
    show->add_option("id", *show_id, "Event id")->required();
    show->add_flag("--json", *show_json, "Print JSON");
    bind(show, [show_id, show_json](Env& env) { return run_show(env, *show_id, *show_json); });

    auto retry_id = std::make_shared<std::optional<std::int64_t>>();
    auto retry_failed = std::make_shared<bool>(false);
    auto* retry = queue.add_subcommand("retry", "Make an event (or every failed and dead one) "
                                                "pending again");
    auto* id_opt = retry->add_option("id", *retry_id, "Event id");
    auto* failed_opt = retry->add_flag("--failed", *retry_failed, "Every failed and dead event");
    id_opt->excludes(failed_opt);
    bind(retry, [retry_id, retry_failed](Env& env) {
        if (!*retry_id && !*retry_failed)
            fail(Exit::usage, "queue retry: give an event id or --failed");
        return run_retry(env, *retry_id, *retry_failed);
    });

    auto quarantine_json = std::make_shared<bool>(false);
    auto* quarantine = queue.add_subcommand(
        "quarantine", "List spool entries that were not deliveries, moved aside with a reason");
    quarantine->add_flag("--json", *quarantine_json, "Print JSON");
    bind(quarantine, Needs::config,
         [quarantine_json](Env& env) { return run_quarantine(env, *quarantine_json); });

    auto days = std::make_shared<int>(0);
    auto* purge =
        queue.add_subcommand("purge", "Delete applied and ignored events older than DAYS");
    purge->add_option("--older-than", *days, "Age in days")
        ->required()
        ->check(CLI::Range(0, 36500));
    bind(purge, [days](Env& env) { return run_purge(env, *days); });
}

} // namespace kivals::cli
