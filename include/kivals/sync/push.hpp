#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
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
    bool dry_run = false;
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
    std::vector<PushOutcome> outcomes; // empty for a dry run
    std::int64_t requests = 0;
    std::size_t unknown_outcomes = 0;    // sends with no sure answer (checked before the run ends)
    std::size_t resolved_landed = 0;     // in-flight pushes found in Lightspeed and recorded
    std::size_t resolved_not_landed = 0; // in-flight pushes found not to have landed
    std::size_t unresolved = 0;          // in-flight pushes that could not be checked this run

    // Return how many products failed.
    std::size_t failed() const;
};

// Load the linked products with something pending (only these Lightspeed ids when given).
std::vector<PushCandidate>
load_push_candidates(db::Db& db, const std::optional<std::vector<std::string>>& only);

// Loads candidates, plans (pure), then executes the plan: relative adjustments in batches
// with the 2026-07 API, read-write-read per product with 2.0.
class Pusher {
public:
    Pusher(db::Db& db, lightspeed::Client& client, const Clock& clock, Logger& log)
        : m_db(db), m_client(client), m_clock(clock), m_log(log) {}

    // Plan and (unless dry_run) execute. Per-product failures are in the report.
    PushReport run(const PushOptions& options);

private:
    void push_relative(const PushOptions& options, PushReport& report);
    void push_absolute(const PushOptions& options, PushReport& report);
    // How far one absolute write got, for its error handling.
    struct AbsoluteWrite {
        std::optional<InflightPush> in_flight; // recorded in flight
        bool sent = false;                     // Lightspeed answered the write with 2xx
        std::optional<Qty> read_back;          // the level read back after it
    };
    // Read, record in flight, write fresh - pending under the gate, read back, commit.
    void write_absolute(const PlannedPush& p, const PushOptions& options,
                        const LedgerSource& source, AbsoluteWrite& write);
    void read_back(const PushOptions& options, PushReport& report);
    // Look up every push still in flight in Lightspeed and record what it did (push_resolve.cpp).
    void resolve_inflight(PushReport& report);
    // Look one push in flight up in Lightspeed (under the exclusive gate) and record what it
    // did; `logged` is the adjustment log's verdict for a relative push. Throws ApiError when
    // Lightspeed cannot be read (the push stays in flight).
    InflightVerdict settle(const InflightPush& push, InflightVerdict logged,
                           const LedgerSource& source);
    std::pair<std::string, std::string> reason_ids(); // {online order, online return}

    db::Db& m_db;
    lightspeed::Client& m_client;
    const Clock& m_clock;
    Logger& m_log;
};

} // namespace kivals::sync
