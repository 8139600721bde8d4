// kivals status: the Status panel, and the first answer to "why isn't stock updating?".
#include "commands.hpp"
#include "counts.hpp"

#include <kivals/catalog/links.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/core/redact.hpp>
#include <kivals/core/text.hpp>
#include <kivals/queue/queue.hpp>
#include <kivals/sync/push_inflight.hpp>

namespace kivals::cli {
namespace {

struct StatusOptions {
    bool json = false;
};

int run_status(Env& env, const StatusOptions& opts) {
    db::Db& db = env.db();
    Settings settings(db, env.clock());
    bool feature = settings.enabled("feature");
    bool processing = settings.enabled("webhook_processing");
    std::optional<std::int64_t> spooled = count_spooled(env.config());
    std::int64_t pending = spooled.value_or(0) + queue::pending_count(db);
    auto last_full = settings.state(state_keys::k_last_full_sync);
    // Products the last finished pull-sync corrected: each one is a webhook that was missed.
    std::optional<std::int64_t> corrected;
    if (auto text = settings.state(state_keys::k_last_pull_corrected))
        if (auto n = parse_int<std::int64_t>(*text))
            corrected = *n;
    auto secret = settings.stored("webhook.secret");
    auto outlet = settings.get("outlet_id");
    std::int64_t linked = catalog::count_links(db);
    std::int64_t unlinked = catalog::count_linkable_unlinked(db);
    std::int64_t in_flight = sync::InflightStore(db, env.clock()).count();
    if (opts.json) {
        print_json(env,
                   {{"feature", feature},
                    {"webhook_processing", processing},
                    {"pending_webhooks", pending},
                    {"spool_readable", spooled.has_value()},
                    {"last_full_sync", last_full ? nlohmann::json(*last_full) : nullptr},
                    {"webhook_secret_set", secret.has_value()},
                    {"outlet_id", outlet ? nlohmann::json(*outlet) : nullptr},
                    {"linked_products", linked},
                    {"unlinked_products", unlinked},
                    {"last_pull_sync_corrected", corrected ? nlohmann::json(*corrected) : nullptr},
                    {"pushes_in_flight", in_flight}});
        return 0;
    }
    fmt::print("Feature:             {}\n", feature ? "enabled" : "disabled");
    fmt::print("Webhook Processing:  {}\n", processing ? "enabled" : "disabled");
    if (spooled)
        fmt::print("Pending Webhooks:    {}\n", pending);
    else
        fmt::print("Pending Webhooks:    {} in the queue, and the spool {} is not readable by "
                   "you (only user kivals may list it: `runuser -u kivals -- kivals status`)\n",
                   pending, (env.config().spool_dir / "new").string());
    fmt::print("Last Full Sync:      {}\n", last_full.value_or("never"));
    fmt::print("Webhook Secret:      {}\n",
               secret ? mask_secret(*secret) : "not set (run `kivals init`)");
    fmt::print("Outlet:              {}\n",
               outlet.value_or("not set (run `kivals outlet detect`)"));
    fmt::print("Linked Products:     {}\n", linked);
    fmt::print("Unlinked Products:   {}\n", unlinked);
    fmt::print("Missed Webhooks:     {}\n",
               corrected ? fmt::format("{} corrected by the last pull-sync", *corrected)
                         : std::string("no pull-sync yet"));
    if (in_flight > 0)
        fmt::print("Pushes In Flight:    {} (answer lost; `kivals push` checks them)\n", in_flight);
    return 0;
}

} // namespace

void add_status_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<StatusOptions>();
    auto* sub = app.add_subcommand("status", "Show sync status");
    sub->add_flag("--json", opts->json, "Print JSON");
    bind(sub, [opts](Env& env) { return run_status(env, *opts); });
}

} // namespace kivals::cli
