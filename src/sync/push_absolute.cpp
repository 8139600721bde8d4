// The absolute writer (API 2.0, and the test-only lost-update push): one product at a time,
// read the level, record the push in flight, write fresh - pending under the exclusive stock
// gate (stock_gate.hpp), read back, and commit with the record's removal.
#include "push_parts.hpp"

#include <kivals/core/crash_point.hpp>
#include <kivals/sync/stock_gate.hpp>

namespace kivals::sync {

using lightspeed::ApiError;
using lightspeed::traits;

void AbsoluteWriter::write(std::span<const PlannedPush> pushes) {
    PushReport& report = m_run.report;
    for (const PlannedPush& p : pushes) {
        if (!m_stop_reason.empty()) {
            report.outcomes.push_back({p, false, "not attempted: " + m_stop_reason, {}});
            continue;
        }
        Progress progress;
        try {
            write_one(p, progress);
            report.outcomes.push_back({p, true, "", progress.read_back});
            crash_point("push.committed");
        } catch (const ApiError& e) {
            failed(p, progress, e);
        } catch (const Error& e) {
            report.outcomes.push_back({p, false, e.what(), {}});
        }
        m_run.step();
    }
}

void AbsoluteWriter::failed(const PlannedPush& p, const Progress& progress, const ApiError& e) {
    PushReport& report = m_run.report;
    if (traits(e.kind()).run_ending)
        m_stop_reason = e.what();
    if (progress.in_flight && (progress.sent || traits(e.kind()).outcome_unknown)) {
        // The write may have landed, and its version is known: look at once, before a sale
        // can blur it; if Lightspeed cannot be read, the next run looks.
        try {
            bool landed = m_resolver.settle(*progress.in_flight, InflightVerdict::not_landed,
                                            m_run.source) == InflightVerdict::landed;
            report.outcomes.push_back(
                {p, landed, landed ? "" : std::string(e.what()) + "; not taken", {}});
        } catch (const ApiError&) {
            report.outcomes.push_back({p, false, unknown_outcome(e), {}});
            ++report.unknown_outcomes;
        }
        return;
    }
    if (progress.in_flight)
        forget(m_run.db, m_run.clock, std::span(&p, 1)); // refused: nothing landed
    report.outcomes.push_back({p, false, e.what(), {}});
}

void AbsoluteWriter::write_one(const PlannedPush& p, Progress& progress) {
    const PushOptions& options = m_run.options;
    StockStore store(m_run.db, m_run.clock);
    InflightStore inflight(m_run.db, m_run.clock);
    Qty fresh = p.ls_now;
    std::int64_t version_before = 0;
    if (!options.unsafe_stale_absolute) {
        // Read immediately before writing: the write must not erase a POS sale.
        auto record = record_at(m_run.client, p.lightspeed_id, options.outlet_id);
        if (!record)
            throw Error(Exit::failure, "no inventory record at the outlet");
        fresh = record->level;
        version_before = record->version;
        ObservationTxn txn(m_run.db);
        store.observe_read(p.lightspeed_id, record->level, record->version, m_run.source);
        txn.commit();
    }
    Qty target = absolute_target(fresh, p.plan);
    InflightPush push;
    push.lightspeed_id = p.lightspeed_id;
    push.outlet_id = options.outlet_id;
    push.plan = p.plan;
    push.kind = InflightPush::Kind::absolute;
    push.written = target;
    push.version_before = version_before;
    {
        db::Txn txn(m_run.db);
        inflight.record(push);
        txn.commit();
        progress.in_flight = push;
    }
    crash_point("push.recorded");
    FileLock gate = hold_stock_gate(m_run.db, FileLock::Mode::exclusive);
    m_run.client.set_inventory(p.lightspeed_id, options.outlet_id, target);
    progress.sent = true;
    crash_point("push.sent");
    auto after_record = record_at(m_run.client, p.lightspeed_id, options.outlet_id);
    Qty level = after_record ? after_record->level : target;
    if (level != target)
        KIVALS_LOG(m_run.log, sync, "push {}: wrote {}, read back {}: a sale landed",
                   p.lightspeed_id, target.str(), level.str());
    db::Txn txn(m_run.db);
    inflight.erase(p.lightspeed_id);
    store.update(p.lightspeed_id, m_run.source, [&](StockNumbers& n) {
        absolute_push_succeeded(n, p.plan, level, after_record ? after_record->version : 0);
    });
    txn.commit();
    if (after_record)
        progress.read_back = after_record->level;
}

} // namespace kivals::sync
