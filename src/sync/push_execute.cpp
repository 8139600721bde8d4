// The two push executors (relative batches, read-write-read absolute) and the read-back.
// Each push is recorded in flight before it is sent and forgotten in the transaction that
// records its answer; between the two the stock gate is held exclusively (stock_gate.hpp).
#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/core/crash_point.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/sync/pull.hpp>
#include <kivals/sync/push.hpp>
#include <kivals/sync/push_inflight.hpp>
#include <kivals/sync/stock_gate.hpp>
#include <kivals/sync/stock_store.hpp>

#include "push_support.hpp"

namespace kivals::sync {
namespace {

using lightspeed::ApiError;
using lightspeed::ApiErrorKind;

bool item_specific(ApiErrorKind kind) {
    return kind == ApiErrorKind::unprocessable || kind == ApiErrorKind::not_found ||
           kind == ApiErrorKind::bad_request || kind == ApiErrorKind::conflict;
}

bool run_ending(ApiErrorKind kind) {
    return kind == ApiErrorKind::rate_limited || kind == ApiErrorKind::budget ||
           kind == ApiErrorKind::unauthorized || kind == ApiErrorKind::forbidden ||
           kind == ApiErrorKind::tls || kind == ApiErrorKind::dns ||
           kind == ApiErrorKind::timeout || kind == ApiErrorKind::connect;
}

std::string unknown_outcome(const ApiError& e) {
    return std::string(e.what()) +
           "; whether Lightspeed took it is checked before it is sent again";
}

void forget(db::Db& db, const Clock& clock, std::span<const PlannedPush> batch) {
    db::Txn txn(db);
    InflightStore inflight(db, clock);
    for (const auto& p : batch)
        inflight.erase(p.lightspeed_id);
    txn.commit();
}

// Sends the relative batches of one run: each batch is recorded in flight, sent under the
// exclusive stock gate, and its answer committed with the records' removal.
class RelativeSender {
public:
    RelativeSender(db::Db& db, lightspeed::Client& client, const Clock& clock,
                   const PushOptions& options, PushReport& report,
                   std::pair<std::string, std::string> reasons)
        : m_db(db), m_client(client), m_clock(clock), m_options(options), m_report(report),
          m_reasons(std::move(reasons)), m_source{"push", fmt::format("run:{}", report.run_id)} {}

    // Send one batch; on an error about an item, send its items one by one.
    void send(std::span<const PlannedPush> batch) {
        if (!m_stop_reason.empty()) {
            for (const auto& p : batch)
                m_report.outcomes.push_back({p, false, "not attempted: " + m_stop_reason, {}});
            return;
        }
        std::vector<lightspeed::StockAdjustmentItem> items = record(batch);
        crash_point("push.recorded");
        bool split = false;
        {
            FileLock gate = hold_stock_gate(m_db, FileLock::Mode::exclusive);
            try {
                auto created = m_client.adjust_stock(items);
                crash_point("push.sent");
                commit(batch, created);
            } catch (const ApiError& e) {
                split = failed(batch, e);
            }
        }
        if (split) {
            for (std::size_t i = 0; i < batch.size(); ++i)
                send(batch.subspan(i, 1));
            return;
        }
        crash_point("push.committed");
    }

private:
    // Record the batch in flight (one transaction) and return its adjustment items.
    std::vector<lightspeed::StockAdjustmentItem> record(std::span<const PlannedPush> batch) {
        std::vector<lightspeed::StockAdjustmentItem> items;
        db::Txn txn(m_db);
        InflightStore inflight(m_db, m_clock);
        auto log_after = Settings(m_db, m_clock).state_int(state_keys::k_push_log_after);
        for (const auto& p : batch) {
            Qty change = p.plan.adjustment();
            const auto& reason = change > Qty() ? m_reasons.second : m_reasons.first;
            items.push_back({p.lightspeed_id, m_options.outlet_id, change, reason});
            InflightPush push;
            push.lightspeed_id = p.lightspeed_id;
            push.outlet_id = m_options.outlet_id;
            push.plan = p.plan;
            push.kind = InflightPush::Kind::relative;
            push.run_id = m_report.run_id;
            push.reason_id = reason;
            push.log_after = log_after;
            inflight.record(push);
        }
        txn.commit();
        return items;
    }

    // Lightspeed took the batch: S takes in the planned units, L moves by the change, and the
    // in-flight records go, all in one transaction.
    void commit(std::span<const PlannedPush> batch,
                const std::vector<lightspeed::StockAdjustment>& created) {
        db::Txn txn(m_db);
        StockStore store(m_db, m_clock);
        InflightStore inflight(m_db, m_clock);
        for (const auto& p : batch) {
            inflight.erase(p.lightspeed_id);
            if (auto before = store.load(p.lightspeed_id)) { // else unlinked meanwhile
                StockNumbers after = *before;
                relative_push_succeeded(after, p.plan);
                store.save(p.lightspeed_id, *before, after, m_source);
            }
            m_report.outcomes.push_back({p, true, "", {}});
        }
        advance_log_after(m_db, m_clock, created);
        txn.commit();
    }

    // Record a failed send; return true when the batch should be sent item by item.
    bool failed(std::span<const PlannedPush> batch, const ApiError& e) {
        if (run_ending(e.kind()))
            m_stop_reason = e.what();
        if (outcome_unknown(e.kind())) { // the records stay: resolved before a resend
            for (const auto& p : batch)
                m_report.outcomes.push_back({p, false, unknown_outcome(e), {}});
            m_report.unknown_outcomes += batch.size();
            return false;
        }
        forget(m_db, m_clock, batch); // refused: nothing landed
        if (item_specific(e.kind()) && batch.size() > 1)
            return true;
        for (const auto& p : batch)
            m_report.outcomes.push_back({p, false, e.what(), {}});
        return false;
    }

    db::Db& m_db;
    lightspeed::Client& m_client;
    const Clock& m_clock;
    const PushOptions& m_options;
    PushReport& m_report;
    std::pair<std::string, std::string> m_reasons; // {online order, online return}
    LedgerSource m_source;
    std::string m_stop_reason;
};

} // namespace

void Pusher::push_relative(const PushOptions& options, PushReport& report) {
    RelativeSender sender(m_db, m_client, m_clock, options, report, reason_ids());
    for (auto batch : batch_pushes(report.plan.pushes, options.batch_size))
        sender.send(batch);
}

void Pusher::push_absolute(const PushOptions& options, PushReport& report) {
    LedgerSource source{"push", fmt::format("run:{}", report.run_id)};
    std::string stop_reason;
    for (const PlannedPush& p : report.plan.pushes) {
        if (!stop_reason.empty()) {
            report.outcomes.push_back({p, false, "not attempted: " + stop_reason, {}});
            continue;
        }
        AbsoluteWrite write;
        try {
            write_absolute(p, options, source, write);
            report.outcomes.push_back({p, true, "", write.read_back});
            crash_point("push.committed");
        } catch (const ApiError& e) {
            if (run_ending(e.kind()))
                stop_reason = e.what();
            if (write.in_flight && (write.sent || outcome_unknown(e.kind()))) {
                // The write may have landed, and its version is known: look at once, before
                // a sale can blur it; if Lightspeed cannot be read, the next run looks.
                try {
                    bool landed = settle(*write.in_flight, InflightVerdict::not_landed, source) ==
                                  InflightVerdict::landed;
                    report.outcomes.push_back(
                        {p, landed, landed ? "" : std::string(e.what()) + "; not taken", {}});
                } catch (const ApiError&) {
                    report.outcomes.push_back({p, false, unknown_outcome(e), {}});
                    ++report.unknown_outcomes;
                }
                continue;
            }
            if (write.in_flight)
                forget(m_db, m_clock, std::span(&p, 1)); // refused: nothing landed
            report.outcomes.push_back({p, false, e.what(), {}});
        } catch (const Error& e) {
            report.outcomes.push_back({p, false, e.what(), {}});
        }
    }
}

void Pusher::write_absolute(const PlannedPush& p, const PushOptions& options,
                            const LedgerSource& source, AbsoluteWrite& write) {
    StockStore store(m_db, m_clock);
    InflightStore inflight(m_db, m_clock);
    Qty fresh = p.ls_now;
    std::int64_t version_before = 0;
    if (!options.unsafe_stale_absolute) {
        // Read immediately before writing: the write must not erase a POS sale.
        auto record = record_at(m_client, p.lightspeed_id, options.outlet_id);
        if (!record)
            throw Error(Exit::failure, "no inventory record at the outlet");
        fresh = record->level;
        version_before = record->version;
        ObservationTxn txn(m_db);
        store.observe_read(p.lightspeed_id, record->level, record->version, source);
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
        db::Txn txn(m_db);
        inflight.record(push);
        txn.commit();
        write.in_flight = push;
    }
    crash_point("push.recorded");
    FileLock gate = hold_stock_gate(m_db, FileLock::Mode::exclusive);
    m_client.set_inventory(p.lightspeed_id, options.outlet_id, target);
    write.sent = true;
    crash_point("push.sent");
    auto after_record = record_at(m_client, p.lightspeed_id, options.outlet_id);
    db::Txn txn(m_db);
    inflight.erase(p.lightspeed_id);
    if (auto before = store.load(p.lightspeed_id)) {
        StockNumbers after = *before;
        Qty level = after_record ? after_record->level : target;
        if (level != target)
            KIVALS_LOG(m_log, sync, "push {}: wrote {}, read back {}: a sale landed",
                       p.lightspeed_id, target.str(), level.str());
        absolute_push_succeeded(after, p.plan, level, after_record ? after_record->version : 0);
        store.save(p.lightspeed_id, *before, after, source);
    }
    txn.commit();
    if (after_record)
        write.read_back = after_record->level;
}

void Pusher::read_back(const PushOptions& options, PushReport& report) {
    if (m_client.family() != lightspeed::ApiFamily::v2026_07 || options.unsafe_stale_absolute)
        return; // the absolute executor read each product back already
    std::size_t pushed = report.outcomes.size() - report.failed();
    if (pushed == 0)
        return;
    if (pushed > options.per_product_readback_max) {
        // One incremental pull reads every record changed since the cursor, ours included.
        PullOptions pull;
        pull.force = true;
        pull.outlet_id = options.outlet_id;
        pull.kind = "read-back";
        Puller(m_db, m_client, m_clock, m_log).run(pull);
        return;
    }
    LedgerSource source{"push", fmt::format("run:{}", report.run_id)};
    StockStore store(m_db, m_clock);
    for (PushOutcome& outcome : report.outcomes) {
        if (!outcome.ok)
            continue;
        try {
            auto record = record_at(m_client, outcome.push.lightspeed_id, options.outlet_id);
            if (!record)
                continue;
            ObservationTxn txn(m_db);
            store.observe_read(outcome.push.lightspeed_id, record->level, record->version, source);
            txn.commit();
            outcome.ls_after = record->level;
        } catch (const ApiError& e) {
            // The push itself landed; the next pull-sync reads the level instead.
            KIVALS_LOG(m_log, sync, "read-back of {} failed: {}", outcome.push.lightspeed_id,
                       e.what());
        }
    }
}

} // namespace kivals::sync
