// kivals status: the Status panel, and the first answer to "why isn't stock updating?".
#include "commands.hpp"

#include <kivals/admin/status.hpp>

namespace kivals::cli {
namespace {

struct StatusOptions {
    bool json = false;
};

int run_status(Env& env, const StatusOptions& opts) {
    admin::StatusView s = admin::read_status(env.db(), env.config(), env.clock());
    if (opts.json) {
        print_json(env, admin::status_json(s));
        return 0;
    }
    fmt::print("Feature:             {}\n", s.feature ? "enabled" : "disabled");
    fmt::print("Webhook Processing:  {}\n", s.webhook_processing ? "enabled" : "disabled");
    if (s.spool_readable)
        fmt::print("Pending Webhooks:    {}\n", s.pending_webhooks);
    else
        fmt::print("Pending Webhooks:    {} in the queue, and the spool {} is not readable by "
                   "you (only user kivals may list it: `runuser -u kivals -- kivals status`)\n",
                   s.pending_webhooks, (env.config().spool_dir / "new").string());
    fmt::print("Last Full Sync:      {}\n", s.last_full_sync.value_or("never"));
    fmt::print("Webhook Secret:      {}\n",
               s.webhook_secret_masked.value_or("not set (run `kivals init`)"));
    fmt::print("Outlet:              {}\n",
               s.outlet_id.value_or("not set (run `kivals outlet detect`)"));
    fmt::print("Linked Products:     {}\n", s.linked_products);
    fmt::print("Unlinked Products:   {}\n", s.unlinked_products);
    fmt::print("Missed Webhooks:     {}\n",
               s.last_pull_corrected
                   ? fmt::format("{} corrected by the last pull-sync", *s.last_pull_corrected)
                   : std::string("no pull-sync yet"));
    if (s.pushes_in_flight > 0)
        fmt::print("Pushes In Flight:    {} (answer lost; `kivals push` checks them)\n",
                   s.pushes_in_flight);
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
