// kivals queue list|show|retry|quarantine|purge: look into the webhook queue and act on
// single events.
#include "queue_admin.hpp"

#include <kivals/queue/events.hpp>
#include <kivals/util/dirs.hpp>
#include <kivals/webhook/spool_reader.hpp>

namespace kivals::cli {
namespace {

struct ListOptions {
    std::optional<std::string> status;
    int limit = 50;
    bool json = false;
};

nlohmann::json opt_json(const std::optional<std::string>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

nlohmann::json event_json(const queue::EventRow& e) {
    return {{"id", e.id},
            {"status", e.status},
            {"type", e.type},
            {"product_id", opt_json(e.product_id)},
            {"outlet_id", opt_json(e.outlet_id)},
            {"version", e.version ? nlohmann::json(*e.version) : nullptr},
            {"attempts", e.attempts},
            {"received_at", e.received_at},
            {"reason", opt_json(e.reason)}};
}

int run_list(Env& env, const ListOptions& opts) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& e : queue::EventStore(env.db(), env.clock()).list(opts.status, opts.limit))
        rows.push_back(event_json(e));
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
    auto found = queue::EventStore(env.db(), env.clock()).find(id);
    if (!found)
        fail(Exit::failure, "no event {}", id);
    nlohmann::json event = event_json(found->row);
    event["next_attempt_at"] = opt_json(found->next_attempt_at);
    event["spool_name"] = opt_json(found->spool_name);
    event["payload"] = found->payload;
    event["updated_at"] = found->updated_at;
    nlohmann::json history = nlohmann::json::array();
    for (const auto& a : found->history)
        history.push_back({{"at", a.at}, {"outcome", a.outcome}, {"detail", opt_json(a.detail)}});
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
    db::Txn txn(env.db());
    queue::EventStore events(env.db(), env.clock());
    std::int64_t changed = 1;
    if (all_failed)
        changed = events.retry_failed();
    else if (!events.retry(*id))
        fail(Exit::failure, "no event {}", *id);
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
    db::Txn txn(env.db());
    std::int64_t removed = queue::EventStore(env.db(), env.clock())
                               .purge(env.clock().now() - std::chrono::hours(24) * days);
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
        ->check(CLI::IsMember(std::vector<std::string>(std::begin(queue::k_event_statuses),
                                                       std::end(queue::k_event_statuses))));
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

    auto days = std::make_shared<std::optional<int>>();
    auto* purge = queue.add_subcommand("purge", "Delete applied and ignored events older than "
                                                "DAYS (default: queue.retention_days)");
    purge->add_option("--older-than", *days, "Age in days")->check(CLI::Range(0, 36500));
    bind(purge, [days](Env& env) {
        return run_purge(env, days->value_or(env.config().queue_retention_days));
    });
}

} // namespace kivals::cli
