#pragma once

#include "command.hpp"

#include <kivals/config/config.hpp>
#include <kivals/queue/queue.hpp>

namespace kivals::cli {

// Add `queue list`, `queue show`, `queue retry` and `queue purge` under `queue`.
void add_queue_admin_commands(CLI::App& queue, const Binder& bind);

// Return how a queue step runs under this config (`queue process` and `queue follow`).
queue::StepOptions step_options(const Config& cfg);

} // namespace kivals::cli
