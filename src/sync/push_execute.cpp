// The two push executors (relative batches, read-write-read absolute) and the read-back.
#include <kivals/lightspeed/errors.hpp>
#include <kivals/sync/pull.hpp>
#include <kivals/sync/push.hpp>
#include <kivals/sync/stock_store.hpp>

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
           kind == ApiErrorKind::tls || kind == ApiErrorKind::dns;
}

std::optional<lightspeed::InventoryRecord>
record_at(lightspeed::Client& client, const std::string& product_id, const std::string& outlet_id) {
    for (auto& record : client.product_inventory(product_id))
        if (record.outlet_id == outlet_id && !record.deleted_at)
            return record;
    return std::nullopt;
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
            for (const auto& p : batch) {
                Qty change = p.plan.adjustment();
                items.push_back({p.lightspeed_id, options.outlet_id, change,
                                 change > Qty() ? return_reason : order_reason});
            }
            try {
                m_client.adjust_stock(items);
            } catch (const ApiError& e) {
                if (item_specific(e.kind()) && batch.size() > 1) {
                    for (std::size_t i = 0; i < batch.size(); ++i)
                        send(batch.subspan(i, 1));
                    return;
                }
                if (run_ending(e.kind()))
                    stop_reason = e.what();
                for (const auto& p : batch)
                    report.outcomes.push_back({p, false, e.what(), {}});
                return;
            }
            // Lightspeed took the batch: S takes in the planned units, L moves by the change.
            db::Txn txn(m_db);
            StockStore store(m_db, m_clock);
            for (const auto& p : batch) {
                auto before = store.load(p.lightspeed_id);
                if (!before)
                    continue; // unlinked meanwhile: nothing local to update
                StockNumbers after = *before;
                relative_push_succeeded(after, p.plan);
                store.save(p.lightspeed_id, *before, after, source);
                report.outcomes.push_back({p, true, "", {}});
            }
            txn.commit();
        };
    for (auto batch : batch_pushes(report.plan.pushes, options.batch_size))
        send(batch);
}

void Pusher::push_absolute(const PushOptions& options, PushReport& report) {
    LedgerSource source{"push", fmt::format("run:{}", report.run_id)};
    StockStore store(m_db, m_clock);
    std::string stop_reason;
    for (const PlannedPush& p : report.plan.pushes) {
        if (!stop_reason.empty()) {
            report.outcomes.push_back({p, false, "not attempted: " + stop_reason, {}});
            continue;
        }
        try {
            Qty fresh = p.ls_now;
            if (!options.unsafe_stale_absolute) {
                // Read immediately before writing: the write must not erase a POS sale.
                auto record = record_at(m_client, p.lightspeed_id, options.outlet_id);
                if (!record)
                    throw Error(Exit::failure, "no inventory record at the outlet");
                fresh = record->level;
                db::Txn txn(m_db);
                store.observe(p.lightspeed_id, record->level, record->version, source);
                txn.commit();
            }
            Qty target = absolute_target(fresh, p.plan);
            m_client.set_inventory(p.lightspeed_id, options.outlet_id, target);
            auto after_record = record_at(m_client, p.lightspeed_id, options.outlet_id);
            db::Txn txn(m_db);
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
                {p, true, "", after_record ? std::optional(after_record->level) : std::nullopt});
        } catch (const ApiError& e) {
            if (run_ending(e.kind()))
                stop_reason = e.what();
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
            db::Txn txn(m_db);
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
