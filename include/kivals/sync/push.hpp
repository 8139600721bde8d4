#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/core/progress.hpp>
#include <kivals/db/db.hpp>
#include <kivals/lightspeed/client.hpp>
#include <kivals/sync/push_inflight.hpp>
#include <kivals/sync/push_plan.hpp>
#include <kivals/sync/stock_store.hpp>

#include <optional>
#include <string>
#include <vector>

// Push: tell Lightspeed about the units online orders claimed (Kiva -> Lightspeed).
namespace kivals::sync {

// How to push.
struct PushOptions {
    std::optional<std::vector<std::string>> only; // Lightspeed ids; all linked when empty
    std::size_t batch_size = 1000;
    std::string outlet_id;
    // Per-product reads back up to this many pushed products; above it one incremental pull.
    std::size_t per_product_readback_max = 10;
    // Test only (the proof that the simulation can fail): write L - pending without a fresh
    // read, the lost-update push INVENTORY-MODEL.md forbids.
    bool unsafe_stale_absolute = false;
};

// What happened to one planned product.
struct PushOutcome {
    PlannedPush push;
    bool ok = false;
    std::string error;
    std::optional<Qty> ls_after; // Lightspeed's level read back, when known
};

// What a push run did.
struct PushReport {
    std::int64_t run_id = 0;
    PushPlanSet plan;
    std::vector<PushOutcome> outcomes;
    std::int64_t requests = 0;
    std::size_t unknown_outcomes = 0;    // sends with no sure answer (checked before the run ends)
    std::size_t resolved_landed = 0;     // in-flight pushes found in Lightspeed and recorded
    std::size_t resolved_not_landed = 0; // in-flight pushes found not to have landed
    std::size_t unresolved = 0;          // in-flight pushes that could not be checked this run

    // Return how many products failed.
    std::size_t failed() const;
};

// Plan the push of the linked products with something pending (only these Lightspeed ids
// when given), from the database alone: what `push --dry-run` prints and `Pusher::run` sends.
PushPlanSet plan_pending_pushes(db::Db& db, const std::optional<std::vector<std::string>>& only);

// One push run: resolve the pushes an earlier run left in flight, plan, send the plan in the
// mode the API family allows (relative adjustments in batches with 2026-07, read-write-read
// per product with 2.0; see push_parts.hpp), and read the levels back. A dry run never gets
// here: it is the plan alone.
class Pusher {
public:
    Pusher(db::Db& db, lightspeed::Client& client, const Clock& clock, Logger& log)
        : m_db(db), m_client(client), m_clock(clock), m_log(log) {}

    // Say how many products are pushed to `progress` (which must outlive the Pusher).
    Pusher& report_to(Progress& progress) {
        m_progress = &progress;
        return *this;
    }

    // Per-product failures are in the report; a failure that ends the run throws.
    PushReport run(const PushOptions& options);

private:
    void execute(const PushOptions& options, PushReport& report);

    db::Db& m_db;
    lightspeed::Client& m_client;
    const Clock& m_clock;
    Logger& m_log;
    SilentProgress m_silent;
    Progress* m_progress = &m_silent;
};

} // namespace kivals::sync
