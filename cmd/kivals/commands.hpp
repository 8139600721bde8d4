#pragma once

#include "command.hpp"

#include <string>
#include <vector>

namespace kivals::cli {

// Each subcommand lives in cmd_<name>.cpp and registers itself with one of these.
void add_init_command(CLI::App& app, const Binder& bind);
void add_config_command(CLI::App& app, const Binder& bind);
void add_toggle_commands(CLI::App& app, const Binder& bind);
void add_status_command(CLI::App& app, const Binder& bind);
void add_queue_command(CLI::App& app, const Binder& bind);
void add_webhooks_command(CLI::App& app, const Binder& bind);
void add_doctor_command(CLI::App& app, const Binder& bind);
void add_outlet_command(CLI::App& app, const Binder& bind);
void add_fetch_products_command(CLI::App& app, const Binder& bind);
void add_kiva_command(CLI::App& app, const Binder& bind);
void add_link_command(CLI::App& app, const Binder& bind);
void add_order_command(CLI::App& app, const Binder& bind);
void add_stock_command(CLI::App& app, const Binder& bind);
void add_history_command(CLI::App& app, const Binder& bind);
void add_push_command(CLI::App& app, const Binder& bind);
void add_pull_sync_command(CLI::App& app, const Binder& bind);
void add_completion_command(CLI::App& app, const Binder& bind);
void add_serve_command(CLI::App& app, const Binder& bind);

// Push the pending changes of these Lightspeed products now (for `order ... --push`);
// return the exit code of the push (0 when the push lock is held: it stays due).
int push_products(Env& env, const std::vector<std::string>& lightspeed_ids);

} // namespace kivals::cli
