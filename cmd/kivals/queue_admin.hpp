#pragma once

#include "command.hpp"

#include <kivals/config/config.hpp>
#include <kivals/queue/queue.hpp>

namespace kivals::cli {

// Add `queue list`, `queue show`, `queue retry` and `queue purge` under `queue`.
void add_queue_admin_commands(CLI::App& queue, const Binder& bind);

// Add `queue follow` under `queue` (cmd_queue_follow.cpp).
void add_queue_follow_command(CLI::App& queue, const Binder& bind);

// Taking the spool in lists, reads and removes its files: only the spool's owner (the kivals
// user) may. Fail with Exit::config naming the directory when this process may not.
void require_spool_access(const std::filesystem::path& spool_dir);

// Return how a queue step runs under env's config, its doorbells read through env's client
// (`queue process` and `queue follow`).
queue::StepOptions step_options(Env& env);

} // namespace kivals::cli
