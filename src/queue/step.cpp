#include <kivals/queue/queue.hpp>

#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/queue/events.hpp>

namespace kivals::queue {
StepResult run_step(db::Db& db, const Clock& clock, const StepOptions& options,
                    Progress& progress) {
    StepResult result;
    // The spool is taken in even when processing is off: deliveries are kept, never lost.
    webhook::SpoolReader spool(options.spool_dir, options.max_file_bytes, clock.now());
    result.taken = ingest_spool(db, spool, clock, options.max_json_depth, progress);
    Settings settings(db, clock);
    ApplyOptions apply;
    apply.processing_enabled =
        settings.enabled("feature") && settings.enabled("webhook_processing");
    apply.outlet_id = settings.get("outlet_id");
    if (apply.outlet_id && apply.outlet_id->empty())
        apply.outlet_id.reset();
    apply.max_attempts = options.max_attempts;
    apply.deadline = options.deadline;
    apply.recheck_after = options.recheck_after;
    if (apply.outlet_id && options.read)
        apply.read = [&options, outlet = *apply.outlet_id](const std::vector<std::string>& ids) {
            options.read(ids, outlet);
        };
    result.stats = apply_pending(db, clock, apply, progress);
    result.processing_enabled = apply.processing_enabled;
    result.outlet_set = apply.outlet_id.has_value();
    if (result.processing_enabled && !result.outlet_set)
        result.waiting_for_outlet = EventStore(db, clock).count_waiting_for_outlet();
    result.left = pending_count(db);
    settings.set_state(state_keys::k_last_queue_run, iso8601(clock.now()));
    spool.finish_removals(); // they went while the events were applied
    return result;
}

} // namespace kivals::queue
