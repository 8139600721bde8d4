// The relative sender (2026-07): batches of stock adjustments, each recorded in flight, sent
// under the exclusive stock gate (stock_gate.hpp), and committed with the records' removal;
// then the read-back of the levels.
#include "push_parts.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/core/crash_point.hpp>
#include <kivals/sync/pull.hpp>
#include <kivals/sync/stock_gate.hpp>

#include <algorithm>

namespace kivals::sync {
namespace {

using lightspeed::ApiError;
using lightspeed::traits;

constexpr const char* k_order_reason = "Online order";   // NEGATIVE: units leave the shop
constexpr const char* k_return_reason = "Online return"; // POSITIVE: units come back

} // namespace

void RelativeSender::send(std::span<const PlannedPush> pushes) {
    if (pushes.empty())
        return;
    m_reasons = reason_ids();
    for (auto batch : batch_pushes(pushes, m_run.options.batch_size)) {
        send_batch(batch);
        m_run.step();
    }
}

// Send one batch; when it is refused for one of its items, settle its items from the
// adjustment log and send those that did not land one by one.
void RelativeSender::send_batch(std::span<const PlannedPush> batch) {
    if (!m_stop_reason.empty()) {
        for (const auto& p : batch)
            m_run.report.outcomes.push_back({p, false, "not attempted: " + m_stop_reason, {}});
        return;
    }
    std::vector<lightspeed::StockAdjustmentItem> items = record(batch);
    crash_point("push.recorded");
    bool split = false;
    {
        FileLock gate = hold_stock_gate(m_run.db, FileLock::Mode::exclusive);
        try {
            auto created = m_run.client.adjust_stock(items);
            crash_point("push.sent");
            commit(batch, created);
        } catch (const ApiError& e) {
            split = failed(batch, e);
        }
    }
    if (split) {
        settle_refused(batch);
        return;
    }
    crash_point("push.committed");
}

// Record the batch in flight (one transaction) and return its adjustment items.
std::vector<lightspeed::StockAdjustmentItem>
RelativeSender::record(std::span<const PlannedPush> batch) {
    std::vector<lightspeed::StockAdjustmentItem> items;
    db::Txn txn(m_run.db);
    InflightStore inflight(m_run.db, m_run.clock);
    auto log_after = Settings(m_run.db, m_run.clock).state_int(state_keys::k_push_log_after);
    const std::string& outlet = m_run.options.outlet_id;
    for (const auto& p : batch) {
        Qty change = p.plan.adjustment();
        const auto& reason = change > Qty() ? m_reasons.second : m_reasons.first;
        items.push_back({p.lightspeed_id, outlet, change, reason});
        InflightPush push;
        push.lightspeed_id = p.lightspeed_id;
        push.outlet_id = outlet;
        push.plan = p.plan;
        push.kind = InflightPush::Kind::relative;
        push.run_id = m_run.report.run_id;
        push.reason_id = reason;
        push.log_after = log_after;
        inflight.record(push);
    }
    txn.commit();
    return items;
}

// Lightspeed took the batch: S takes in the planned units, L moves by the change, and the
// in-flight records go, all in one transaction.
void RelativeSender::commit(std::span<const PlannedPush> batch,
                            const std::vector<lightspeed::StockAdjustment>& created) {
    db::Txn txn(m_run.db);
    StockStore store(m_run.db, m_run.clock);
    InflightStore inflight(m_run.db, m_run.clock);
    for (const auto& p : batch) {
        inflight.erase(p.lightspeed_id);
        store.update(p.lightspeed_id, m_run.source, // nothing when unlinked meanwhile
                     [&](StockNumbers& n) { relative_push_succeeded(n, p.plan); });
        m_run.report.outcomes.push_back({p, true, "", {}});
    }
    advance_log_after(m_run.db, m_run.clock, created);
    txn.commit();
}

// Record a failed send; return true when the batch should be sent item by item.
bool RelativeSender::failed(std::span<const PlannedPush> batch, const ApiError& e) {
    const auto& kind = traits(e.kind());
    if (kind.run_ending)
        m_stop_reason = e.what();
    if (kind.outcome_unknown) { // the records stay: resolved before a resend
        for (const auto& p : batch)
            m_run.report.outcomes.push_back({p, false, unknown_outcome(e), {}});
        m_run.report.unknown_outcomes += batch.size();
        return false;
    }
    if (kind.item_specific && batch.size() > 1)
        return true; // the records stay: the valid items may have landed (settle_refused)
    forget(m_run.db, m_run.clock, batch); // refused whole, or its one item: nothing landed
    for (const auto& p : batch)
        m_run.report.outcomes.push_back({p, false, e.what(), {}});
    return false;
}

// Nothing documents that a refused batch is atomic: its valid items may have landed. Each item
// is settled like an unanswered push, from the adjustment log, before anything is resent.
void RelativeSender::settle_refused(std::span<const PlannedPush> batch) {
    std::vector<std::string> products;
    for (const auto& p : batch)
        products.push_back(p.lightspeed_id);
    std::vector<std::pair<std::string, InflightVerdict>> verdicts;
    try {
        verdicts = InflightResolver(m_run).resolve(products, m_run.source);
    } catch (const ApiError& e) {
        for (const auto& p : batch)
            m_run.report.outcomes.push_back(
                {p, false, "its batch was refused and " + unknown_outcome(e), {}});
        m_run.report.unknown_outcomes += batch.size();
        return;
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
        auto it = std::find_if(verdicts.begin(), verdicts.end(),
                               [&](const auto& v) { return v.first == batch[i].lightspeed_id; });
        if (it != verdicts.end() && it->second == InflightVerdict::landed)
            m_run.report.outcomes.push_back({batch[i], true, "", {}});
        else
            send_batch(batch.subspan(i, 1));
    }
}

std::pair<std::string, std::string> RelativeSender::reason_ids() {
    Settings settings(m_run.db, m_run.clock);
    auto order_id = settings.state(state_keys::k_reason_online_order).value_or("");
    auto return_id = settings.state(state_keys::k_reason_online_return).value_or("");
    if (!order_id.empty() && !return_id.empty())
        return {order_id, return_id};
    // One listing for both: kivals creates each reason once and remembers its id.
    lightspeed::Client& client = m_run.client;
    for (const auto& reason : client.list_custom_reasons()) {
        if (reason.name == k_order_reason && reason.type == lightspeed::ReasonType::negative)
            order_id = reason.id;
        if (reason.name == k_return_reason && reason.type == lightspeed::ReasonType::positive)
            return_id = reason.id;
    }
    if (order_id.empty())
        order_id = client.create_custom_reason(k_order_reason, lightspeed::ReasonType::negative).id;
    if (return_id.empty())
        return_id =
            client.create_custom_reason(k_return_reason, lightspeed::ReasonType::positive).id;
    settings.set_state(state_keys::k_reason_online_order, order_id);
    settings.set_state(state_keys::k_reason_online_return, return_id);
    return {order_id, return_id};
}

void RelativeSender::read_back() {
    PushReport& report = m_run.report;
    std::size_t pushed = report.outcomes.size() - report.failed();
    if (pushed == 0)
        return;
    if (pushed > m_run.options.per_product_readback_max) {
        // One incremental pull reads every record changed since the cursor, ours included.
        PullOptions pull;
        pull.force = true;
        pull.outlet_id = m_run.options.outlet_id;
        pull.kind = "read-back";
        Puller(m_run.db, m_run.client, m_run.clock, m_run.log).run(pull);
        return;
    }
    StockStore store(m_run.db, m_run.clock);
    for (PushOutcome& outcome : report.outcomes) {
        if (!outcome.ok)
            continue;
        try {
            auto record =
                record_at(m_run.client, outcome.push.lightspeed_id, m_run.options.outlet_id);
            if (!record)
                continue;
            ObservationTxn txn(m_run.db);
            store.observe_read(outcome.push.lightspeed_id, record->level, record->version,
                               m_run.source);
            txn.commit();
            outcome.ls_after = record->level;
        } catch (const ApiError& e) {
            // The push itself landed; the next pull-sync reads the level instead.
            KIVALS_LOG(m_run.log, sync, "read-back of {} failed: {}", outcome.push.lightspeed_id,
                       e.what());
        }
    }
}

} // namespace kivals::sync
