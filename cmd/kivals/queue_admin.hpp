#pragma once

#include "command.hpp"

namespace kivals::cli {

// Add `queue list`, `queue show`, `queue retry` and `queue purge` under `queue`.
void add_queue_admin_commands(CLI::App& queue, const Binder& bind);

} // namespace kivals::cli
