#pragma once
// The parts of a push run (private to src/sync): the relative sender (push_relative.cpp), the
// absolute writer (push_absolute.cpp) and the in-flight resolver (push_resolve.cpp), and what
// they share. Pusher::run (push.cpp) decides the mode once and drives them.

#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/db/db.hpp>
#include <kivals/lightspeed/client.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/sync/push.hpp>
#include <kivals/sync/push_inflight.hpp>
#include <kivals/sync/stock_store.hpp>

#include <optional>
#include <span>
#include <string>
#include <utility>

namespace kivals::sync {

// How a run sends: relative adjustments with the 2026-07 API, absolute writes with 2.0 (and
// in the test-only lost-update push).
enum class PushMode { relative, absolute };

PushMode push_mode(lightspeed::ApiFamily family, const PushOptions& options);

// What every part of one run works with.
struct PushRun {
    db::Db& db;
    lightspeed::Client& client;
    const Clock& clock;
    Logger& log;
    const PushOptions& options;
    PushReport& report;
    LedgerSource source; // {"push", "run:N"}
    kivals::Progress& progress;

    // Tell progress how many of the planned products have an outcome.
    void step() const {
        progress.step("Pushing", static_cast<std::int64_t>(report.outcomes.size()),
                      static_cast<std::int64_t>(report.plan.pushes.size()), "products");
    }
};

// Looks pushes in flight up in Lightspeed and records what each did: landed (S takes its
// units) or not (the record goes and the product is planned again). Never sends anything.
class InflightResolver {
public:
    explicit InflightResolver(PushRun& run) : m_run(run) {}

    // Resolve every push in flight; those Lightspeed cannot be checked on now stay in flight
    // and are counted in report.unresolved.
    void resolve_all();

    // Settle one push under the exclusive gate; `logged` is the adjustment log's verdict for a
    // relative push. Throws ApiError when Lightspeed cannot be read (the push stays in flight).
    InflightVerdict settle(const InflightPush& push, InflightVerdict logged,
                           const LedgerSource& source);

    // Resolve the pushes in flight of these products (a refused batch): the verdict of each
    // one found. Throws ApiError when Lightspeed cannot be read (the rest stay in flight).
    std::vector<std::pair<std::string, InflightVerdict>>
    resolve(const std::vector<std::string>& products, const LedgerSource& source);

private:
    PushRun& m_run;
};

// Sends the plan as relative stock adjustments in batches, then reads the levels back.
class RelativeSender {
public:
    explicit RelativeSender(PushRun& run) : m_run(run) {}

    void send(std::span<const PlannedPush> pushes);
    // Read back Lightspeed's level of every product pushed (one incremental pull past
    // options.per_product_readback_max).
    void read_back();

private:
    void send_batch(std::span<const PlannedPush> batch);
    std::vector<lightspeed::StockAdjustmentItem> record(std::span<const PlannedPush> batch);
    void commit(std::span<const PlannedPush> batch,
                const std::vector<lightspeed::StockAdjustment>& created);
    bool failed(std::span<const PlannedPush> batch, const lightspeed::ApiError& e);
    void settle_refused(std::span<const PlannedPush> batch);
    std::pair<std::string, std::string> reason_ids(); // {online order, online return}

    PushRun& m_run;
    std::pair<std::string, std::string> m_reasons;
    std::string m_stop_reason;
};

// Writes the plan as absolute levels, one product at a time: read, record in flight, write
// fresh - pending under the gate, read back, commit.
class AbsoluteWriter {
public:
    AbsoluteWriter(PushRun& run, InflightResolver& resolver) : m_run(run), m_resolver(resolver) {}

    void write(std::span<const PlannedPush> pushes);

private:
    // How far one write got, for its error handling.
    struct Progress {
        std::optional<InflightPush> in_flight; // recorded in flight
        bool sent = false;                     // Lightspeed answered the write with 2xx
        std::optional<Qty> read_back;          // the level read back after it
    };
    void write_one(const PlannedPush& p, Progress& progress);
    void failed(const PlannedPush& p, const Progress& progress, const lightspeed::ApiError& e);

    PushRun& m_run;
    InflightResolver& m_resolver;
    std::string m_stop_reason;
};

// Read a product's inventory record at one outlet now; nullopt when it has none.
std::optional<lightspeed::InventoryRecord>
record_at(lightspeed::Client& client, const std::string& product_id, const std::string& outlet_id);

// Raise the remembered adjustment log version to the highest of `seen` (caller's transaction).
void advance_log_after(db::Db& db, const Clock& clock,
                       std::span<const lightspeed::StockAdjustment> seen);

// Forget the in-flight records of pushes Lightspeed refused (nothing landed), in one
// transaction.
void forget(db::Db& db, const Clock& clock, std::span<const PlannedPush> pushes);

// The error of a send whose outcome is unknown, and what happens to it.
std::string unknown_outcome(const lightspeed::ApiError& e);

} // namespace kivals::sync
