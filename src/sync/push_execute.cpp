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

} // namespace

void Pusher::push_relative(const PushOptions& options, PushReport& report) {
    // Named copies, not structured bindings: the lambda below captures them (clang 14).
    const auto reasons = reason_ids();
    const auto order_reason = std::get<0>(reasons);
    const auto return_reason = std::get<1>(reasons);
    LedgerSource source{"push", fmt::format("run:{}", report.run_id)};
    std::string stop_reason;

    // Send one batch; on an error about an item, send its items one by one.
    std::function<void(std::span<const PlannedPush>)> send =
        [&](std::span<const PlannedPush> batch) {
            if (!stop_reason.empty()) {
                for (const auto& p : batch)
                    report.outcomes.push_back({p, false, "not attempted: " + stop_reason, {}});
                return;
            }
            std::vector<lightspeed::StockAdjustmentItem> items;
            {
                db::Txn txn(m_db);
                InflightStore inflight(m_db, m_clock);
                auto log_after = std::stoll(
                    Settings(m_db, m_clock).state(state_keys::k_push_log_after).value_or("0"));
                for (const auto& p : batch) {
                    Qty change = p.plan.adjustment();
                    const auto& reason = change > Qty() ? return_reason : order_reason;
                    items.push_back({p.lightspeed_id, options.outlet_id, change, reason});
                    inflight.record({p.lightspeed_id,
                                     options.outlet_id,
                                     p.plan,
                                     InflightPush::Kind::relative,
                                     report.run_id,
                                     reason,
                                     log_after,
                                     {},
                                     0});
                }
                txn.commit();
            }
            crash_point("push.recorded");
            bool split = false;
            {
                FileLock gate = hold_stock_gate(m_db, FileLock::Mode::exclusive);
                std::vector<lightspeed::StockAdjustment> created;
                bool accepted = false;
                try {
                    created = m_client.adjust_stock(items);
                    accepted = true;
                } catch (const ApiError& e) {
                    if (run_ending(e.kind()))
                        stop_reason = e.what();
                    if (outcome_unknown(e.kind())) {
                        for (const auto& p : batch)
                            report.outcomes.push_back({p, false, unknown_outcome(e), {}});
                        report.unknown_outcomes += batch.size();
                        return;
                    }
                    forget(m_db, m_clock, batch); // refused: nothing landed
                    split = item_specific(e.kind()) && batch.size() > 1;
                    if (!split)
                        for (const auto& p : batch)
                            report.outcomes.push_back({p, false, e.what(), {}});
                }
                if (accepted) {
                    crash_point("push.sent");
                    // Lightspeed took the batch: S takes in the planned units, L moves by the
                    // change, and the in-flight records go in the same transaction.
                    db::Txn txn(m_db);
                    StockStore store(m_db, m_clock);
                    InflightStore inflight(m_db, m_clock);
                    for (const auto& p : batch) {
                        inflight.erase(p.lightspeed_id);
                        auto before = store.load(p.lightspeed_id);
                        if (before) { // unlinked meanwhile: nothing local to update
                            StockNumbers after = *before;
                            relative_push_succeeded(after, p.plan);
                            store.save(p.lightspeed_id, *before, after, source);
                        }
                        report.outcomes.push_back({p, true, "", {}});
                    }
                    advance_log_after(m_db, m_clock, created);
                    txn.commit();
                }
            }
            if (split) {
                for (std::size_t i = 0; i < batch.size(); ++i)
                    send(batch.subspan(i, 1));
                return;
            }
            crash_point("push.committed");
        };
    for (auto batch : batch_pushes(report.plan.pushes, options.batch_size))
        send(batch);
}

void Pusher::push_absolute(const PushOptions& options, PushReport& report) {
    LedgerSource source{"push", fmt::format("run:{}", report.run_id)};
    StockStore store(m_db, m_clock);
    InflightStore inflight(m_db, m_clock);
    std::string stop_reason;
    for (const PlannedPush& p : report.plan.pushes) {
        if (!stop_reason.empty()) {
            report.outcomes.push_back({p, false, "not attempted: " + stop_reason, {}});
            continue;
        }
        std::optional<InflightPush> in_flight;
        try {
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
                store.observe(p.lightspeed_id, record->level, record->version, source);
                txn.commit();
            }
            Qty target = absolute_target(fresh, p.plan);
            {
                db::Txn txn(m_db);
                InflightPush push{p.lightspeed_id,
                                  options.outlet_id,
                                  p.plan,
                                  InflightPush::Kind::absolute,
                                  report.run_id,
                                  "",
                                  0,
                                  target,
                                  version_before};
                inflight.record(push);
                txn.commit();
                in_flight = push;
            }
            crash_point("push.recorded");
            {
                FileLock gate = hold_stock_gate(m_db, FileLock::Mode::exclusive);
                m_client.set_inventory(p.lightspeed_id, options.outlet_id, target);
                crash_point("push.sent");
                auto after_record = record_at(m_client, p.lightspeed_id, options.outlet_id);
                db::Txn txn(m_db);
                inflight.erase(p.lightspeed_id);
                auto before = store.load(p.lightspeed_id);
                if (before) {
                    StockNumbers after = *before;
                    Qty level = after_record ? after_record->level : target;
                    if (level != target)
                        KIVALS_LOG(m_log, sync, "push {}: wrote {}, read back {}: a sale landed",
                                   p.lightspeed_id, target.str(), level.str());
                    absolute_push_succeeded(after, p.plan, level,
                                            after_record ? after_record->version : 0);
                    store.save(p.lightspeed_id, *before, after, source);
                }
                txn.commit();
                report.outcomes.push_back(
                    {p, true, "",
                     after_record ? std::optional(after_record->level) : std::nullopt});
            }
            crash_point("push.committed");
        } catch (const ApiError& e) {
            if (run_ending(e.kind()))
                stop_reason = e.what();
            if (in_flight && outcome_unknown(e.kind())) {
                // The write's version is known: look at once, before a sale can blur it.
                try {
                    if (settle(*in_flight, InflightVerdict::not_landed, source) ==
                        InflightVerdict::landed)
                        report.outcomes.push_back({p, true, "", {}});
                    else
                        report.outcomes.push_back(
                            {p, false, std::string(e.what()) + "; Lightspeed did not take it", {}});
                } catch (const ApiError&) {
                    report.outcomes.push_back({p, false, unknown_outcome(e), {}});
                    ++report.unknown_outcomes;
                }
                continue;
            }
            if (in_flight)
                forget(m_db, m_clock, std::span(&p, 1));
            report.outcomes.push_back({p, false, e.what(), {}});
        } catch (const Error& e) {
            report.outcomes.push_back({p, false, e.what(), {}});
        }
    }
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
            store.observe(outcome.push.lightspeed_id, record->level, record->version, source);
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
