#include <kivals/config/settings.hpp>
#include <kivals/sync/jobs.hpp>
#include <kivals/sync/runs.hpp>
#include <kivals/util/files.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace kivals::sync {

PullReport run_pull_sync_job(const JobContext& job, bool full, bool force,
                             std::optional<int> page_size) {
    PullOptions options;
    options.full = full;
    options.force = force;
    options.page_size = page_size;
    options.zero_guard_share = job.config.zero_guard_share;
    options.outlet_id = Settings(job.db, job.clock).require("outlet_id");
    JobLock lock = JobLock::acquire(job.config.lock_dir, "pull-sync");
    if (job.when_locked)
        job.when_locked();
    close_abandoned_runs(job.db, job.clock, job.config.lock_dir, "pull-sync");
    return Puller(job.db, job.client, job.clock, job.log).report_to(job.progress).run(options);
}

PushReport run_push_job(const JobContext& job, PushOptions options, bool read_all_first) {
    options.batch_size = static_cast<std::size_t>(std::clamp(job.config.push_batch_size, 1, 1000));
    options.outlet_id = Settings(job.db, job.clock).require("outlet_id");
    JobLock lock = JobLock::acquire(job.config.lock_dir, "push");
    if (job.when_locked)
        job.when_locked();
    close_abandoned_runs(job.db, job.clock, job.config.lock_dir, "push");
    if (read_all_first) {
        // Read every linked product's level first: never push from a stale local number.
        PullOptions pull;
        pull.full = true;
        pull.outlet_id = options.outlet_id;
        pull.zero_guard_share = job.config.zero_guard_share;
        Puller(job.db, job.client, job.clock, job.log).run(pull);
    }
    return Pusher(job.db, job.client, job.clock, job.log).report_to(job.progress).run(options);
}

std::string pull_summary(const PullReport& r) {
    return fmt::format("Pull-sync run {}: {} linked product(s) seen: {} first level(s) read, {} "
                       "corrected (missed webhooks); {} request(s), cursor {} -> {}.",
                       r.run_id, r.seen, r.first_levels, r.corrected, r.requests, r.cursor_from,
                       r.cursor_to);
}

std::string push_summary(const PushReport& r) {
    std::string out =
        fmt::format("Pushed {} product(s), {} failed, {} skipped.", r.outcomes.size() - r.failed(),
                    r.failed(), r.plan.skipped.size());
    if (r.resolved_landed + r.resolved_not_landed > 0)
        out += fmt::format(" Checked {} push(es) whose answer was lost: {} had landed and are now "
                           "recorded, {} had not and are pending again.",
                           r.resolved_landed + r.resolved_not_landed, r.resolved_landed,
                           r.resolved_not_landed);
    return out;
}

} // namespace kivals::sync
