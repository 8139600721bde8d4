#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/db/db.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

// The `sync_runs` rows of pull-sync and push runs.
namespace kivals::sync {

// Record the start of a run of `kind`; return its id.
std::int64_t start_run(db::Db& db, const Clock& clock, std::string_view kind,
                       std::int64_t cursor_from);

// Record a run's progress (the caller's transaction holds it with the page it describes).
void update_run(db::Db& db, std::int64_t run_id, std::int64_t pages, std::int64_t seen,
                std::int64_t corrected, std::int64_t cursor_to);

// Record the end of a run: status "ok", "partial" or "failed", and a message.
void finish_run(db::Db& db, const Clock& clock, std::int64_t run_id, std::string_view status,
                std::int64_t requests, std::string_view message, std::int64_t failed = 0);

// How the last finished run of a kind ended.
struct FinishedRun {
    std::string status;      // "ok", "partial", "failed" or "killed"
    std::string message;     // why it failed, or ""
    std::int64_t failed = 0; // items that failed
};

// Return the last finished run of `kind` ("push", "pull-sync"), or nullopt when none finished.
std::optional<FinishedRun> last_finished_run(db::Db& db, std::string_view kind);

// Mark every run that never finished and cannot still be running as "killed": each kind of
// run holds a job lock while it runs (pull-sync; push for push, its read-back and
// push --all's pull), so an unfinished run whose locks are all free lost its process. The
// caller holds the job lock `own_lock` and has not started its run yet, so a run under that
// lock is not alive either. Return how many were marked.
int close_abandoned_runs(db::Db& db, const Clock& clock, const std::filesystem::path& lock_dir,
                         std::string_view own_lock);

} // namespace kivals::sync
