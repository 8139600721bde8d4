#pragma once

#include "command.hpp"

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

} // namespace kivals::cli
