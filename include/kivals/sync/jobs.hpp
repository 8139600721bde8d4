#pragma once

#include <kivals/config/config.hpp>
#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/core/progress.hpp>
#include <kivals/db/db.hpp>
#include <kivals/lightspeed/client.hpp>
#include <kivals/sync/pull.hpp>
#include <kivals/sync/push.hpp>

#include <functional>
#include <optional>

// `kivals pull-sync` and `kivals push` as whole jobs, for the CLI and the admin page alike:
// the outlet, the job lock, the runs a killed holder left open, then the work. A held lock
// throws LockHeld (Exit::temporary), as it does under cron.
namespace kivals::sync {

// What the process that runs a job gives it.
struct JobContext {
    db::Db& db;
    lightspeed::Client& client;
    const Config& config;
    const Clock& clock;
    Logger& log;
    Progress& progress;
    std::function<void()> when_locked = {}; // run once the lock is held (the CLI's quick check)
};

// Pull-sync: `full` walks from the start ("Pull Full Sync from Lightspeed"), `force` skips the
// zero guard; `page_size` unset: the largest the API documents.
PullReport run_pull_sync_job(const JobContext& job, bool full, bool force,
                             std::optional<int> page_size = std::nullopt);

// Push the pending changes of linked products; with `read_all_first` every linked product's
// level is read first ("Push Inventory to Lightspeed", `kivals push --all`). The options'
// outlet and batch size are filled in from the settings and the config.
PushReport run_push_job(const JobContext& job, PushOptions options, bool read_all_first);

// Return a pull's report as `kivals pull-sync` prints it: "Pull-sync run 7: 12 linked
// product(s) seen: ...".
std::string pull_summary(const PullReport& report);

// Return a push's report in one line: "Pushed 3 product(s), 0 failed, 1 skipped." (and the
// pushes whose lost answer was checked, when there were any).
std::string push_summary(const PushReport& report);

} // namespace kivals::sync
