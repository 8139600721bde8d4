// Resolving pushes in flight: each push recorded before sending whose answer was never
// recorded is looked up in Lightspeed (the adjustment log, or the record's version) and either
// recorded as landed or forgotten so that it is planned again. Never sent twice.
#include "push_parts.hpp"

#include <kivals/sync/stock_gate.hpp>

#include <algorithm>
#include <unordered_set>

namespace kivals::sync {
namespace {

// Read the adjustment log from the smallest log_after of the relative pushes, keeping only
// entries about their products; return the verdicts in `inflight` order (absolute ones untouched).
std::vector<InflightVerdict> judge_relative(lightspeed::Client& client, db::Db& db,
                                            const Clock& clock,
                                            std::span<const InflightPush> inflight) {
    std::unordered_set<std::string> products;
    std::int64_t after = -1;
    for (const auto& p : inflight) {
        if (p.kind != InflightPush::Kind::relative)
            continue;
        products.insert(p.lightspeed_id);
        after = after < 0 ? p.log_after : std::min(after, p.log_after);
    }
    if (products.empty())
        return std::vector<InflightVerdict>(inflight.size(), InflightVerdict::not_landed);
    std::vector<lightspeed::StockAdjustment> log;
    std::vector<lightspeed::StockAdjustment> newest; // the highest entry read, for log_after
    client.walk_stock_adjustments(
        after, [&](std::span<const lightspeed::StockAdjustment> page, const lightspeed::PageInfo&) {
            for (const auto& entry : page) {
                if (products.contains(entry.product_id))
                    log.push_back(entry);
                if (newest.empty() || entry.version > newest.front().version)
                    newest.assign(1, entry);
            }
            return lightspeed::WalkControl::more;
        });
    // Pages come in the order Lightspeed lists them; the matching needs version order.
    std::sort(log.begin(), log.end(),
              [](const auto& x, const auto& y) { return x.version < y.version; });
    db::Txn txn(db);
    advance_log_after(db, clock, newest);
    txn.commit();
    return match_adjustment_log(inflight, log);
}

} // namespace

InflightVerdict InflightResolver::settle(const InflightPush& push, InflightVerdict logged,
                                         const LedgerSource& source) {
    // Under the exclusive gate no observation lands between this read and the commit, so the
    // level read is the newest the product has.
    FileLock gate = hold_stock_gate(m_run.db, FileLock::Mode::exclusive);
    auto record = record_at(m_run.client, push.lightspeed_id, push.outlet_id);
    InflightVerdict verdict = logged;
    if (push.kind == InflightPush::Kind::absolute)
        verdict = record ? judge_absolute(push, record->version, record->level)
                         : InflightVerdict::not_landed;
    db::Txn txn(m_run.db);
    if (verdict == InflightVerdict::landed) {
        StockStore(m_run.db, m_run.clock).update(push.lightspeed_id, source, [&](StockNumbers& n) {
            landed_push_found(n, push.plan, record ? record->level : n.ls_count,
                              record ? record->version : n.version);
        });
    }
    InflightStore(m_run.db, m_run.clock).erase(push.lightspeed_id);
    txn.commit();
    KIVALS_LOG(m_run.log, sync, "push of {} from run {} ({}): {}", push.lightspeed_id, push.run_id,
               push.plan.adjustment().str(),
               verdict == InflightVerdict::landed ? "landed, now recorded"
                                                  : "did not land, planned again");
    return verdict;
}

std::vector<std::pair<std::string, InflightVerdict>>
InflightResolver::resolve(const std::vector<std::string>& products, const LedgerSource& source) {
    std::vector<InflightPush> pending = InflightStore(m_run.db, m_run.clock).load_all();
    std::erase_if(pending, [&](const InflightPush& p) {
        return std::find(products.begin(), products.end(), p.lightspeed_id) == products.end();
    });
    std::vector<InflightVerdict> logged =
        judge_relative(m_run.client, m_run.db, m_run.clock, pending);
    std::vector<std::pair<std::string, InflightVerdict>> verdicts;
    for (std::size_t i = 0; i < pending.size(); ++i)
        verdicts.emplace_back(pending[i].lightspeed_id, settle(pending[i], logged[i], source));
    return verdicts;
}

void InflightResolver::resolve_all() {
    PushReport& report = m_run.report;
    InflightStore inflight(m_run.db, m_run.clock);
    std::vector<InflightPush> pending = inflight.load_all();
    if (pending.empty())
        return;
    std::vector<InflightVerdict> verdicts;
    try {
        verdicts = judge_relative(m_run.client, m_run.db, m_run.clock, pending);
    } catch (const lightspeed::ApiError& e) {
        report.unresolved = pending.size();
        KIVALS_LOG(m_run.log, sync, "cannot read the stock adjustment log: {}", e.what());
        return;
    }
    LedgerSource source{"push", fmt::format("run:{} (an earlier push checked)", report.run_id)};
    std::size_t unresolved = 0;
    for (std::size_t i = 0; i < pending.size(); ++i) {
        try {
            if (settle(pending[i], verdicts[i], source) == InflightVerdict::landed)
                ++report.resolved_landed;
            else
                ++report.resolved_not_landed;
        } catch (const lightspeed::ApiError& e) {
            ++unresolved;
            KIVALS_LOG(m_run.log, sync, "cannot check the push of {}: {}", pending[i].lightspeed_id,
                       e.what());
        }
    }
    report.unresolved = unresolved;
}

} // namespace kivals::sync
