#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/sync/push.hpp>
#include <kivals/sync/push_inflight.hpp>
#include <kivals/sync/runs.hpp>
#include <kivals/sync/stock_store.hpp>

namespace kivals::sync {
namespace {

constexpr const char* k_order_reason = "Online order";   // NEGATIVE: units leave the shop
constexpr const char* k_return_reason = "Online return"; // POSITIVE: units come back

PushCandidate read_candidate(db::Stmt& stmt) {
    return {stmt.text(0),
            stmt.text(1),
            StockNumbers{Qty::from_milli(stmt.int64(2)), stmt.int64(3),
                         Qty::from_milli(stmt.int64(4)), Qty::from_milli(stmt.int64(5))},
            stmt.int64(6) != 0,
            stmt.int64(7) != 0,
            stmt.int64(8) != 0,
            stmt.int64(9) != 0};
}

} // namespace

std::size_t PushReport::failed() const {
    std::size_t n = 0;
    for (const auto& o : outcomes)
        n += o.ok ? 0 : 1;
    return n;
}

std::vector<PushCandidate>
load_push_candidates(db::Db& db, const std::optional<std::vector<std::string>>& only) {
    std::string sql =
        "SELECT s.lightspeed_id, l.kiva_id, s.ls_count, s.ls_version, s.reserved, s.synced, "
        "coalesce(p.has_inventory, 1), coalesce(p.is_composite, 0), "
        "p.deleted_at IS NOT NULL, "
        "EXISTS (SELECT 1 FROM push_inflight f WHERE f.lightspeed_id = s.lightspeed_id) "
        "FROM stock s JOIN links l ON l.lightspeed_id = s.lightspeed_id "
        "LEFT JOIN ls_products p ON p.id = s.lightspeed_id WHERE s.reserved != s.synced";
    std::vector<PushCandidate> out;
    if (!only) {
        auto stmt = db.prepare(sql + " ORDER BY s.lightspeed_id");
        while (stmt.step())
            out.push_back(read_candidate(stmt));
        return out;
    }
    auto stmt = db.prepare(sql + " AND s.lightspeed_id = ?");
    for (const std::string& id : *only) {
        stmt.reset();
        stmt.bind(1, id);
        if (stmt.step())
            out.push_back(read_candidate(stmt));
    }
    return out;
}

std::pair<std::string, std::string> Pusher::reason_ids() {
    Settings settings(m_db, m_clock);
    auto order_id = settings.state(state_keys::k_reason_online_order).value_or("");
    auto return_id = settings.state(state_keys::k_reason_online_return).value_or("");
    if (!order_id.empty() && !return_id.empty())
        return {order_id, return_id};
    // One listing for both: kivals creates each reason once and remembers its id.
    for (const auto& reason : m_client.list_custom_reasons()) {
        if (reason.name == k_order_reason && reason.type == lightspeed::ReasonType::negative)
            order_id = reason.id;
        if (reason.name == k_return_reason && reason.type == lightspeed::ReasonType::positive)
            return_id = reason.id;
    }
    if (order_id.empty())
        order_id =
            m_client.create_custom_reason(k_order_reason, lightspeed::ReasonType::negative).id;
    if (return_id.empty())
        return_id =
            m_client.create_custom_reason(k_return_reason, lightspeed::ReasonType::positive).id;
    settings.set_state(state_keys::k_reason_online_order, order_id);
    settings.set_state(state_keys::k_reason_online_return, return_id);
    return {order_id, return_id};
}

PushReport Pusher::run(const PushOptions& options) {
    PushReport report;
    if (options.dry_run) {
        report.plan = plan_pushes(load_push_candidates(m_db, options.only));
        return report;
    }
    std::int64_t before = m_client.requests();
    if (InflightStore(m_db, m_clock).count() == 0) {
        report.plan = plan_pushes(load_push_candidates(m_db, options.only));
        if (report.plan.pushes.empty())
            return report;
    }
    report.run_id = start_run(m_db, m_clock, "push", 0);
    try {
        // An earlier run's pushes with no recorded answer are looked up first, so that none
        // is sent twice; those that did not land are planned again below.
        resolve_inflight(report);
        report.plan = plan_pushes(load_push_candidates(m_db, options.only));
        bool relative =
            m_client.family() == lightspeed::ApiFamily::v2026_07 && !options.unsafe_stale_absolute;
        if (!report.plan.pushes.empty() && relative)
            push_relative(options, report);
        else if (!report.plan.pushes.empty())
            push_absolute(options, report);
        if (report.unknown_outcomes > 0)
            resolve_inflight(report);
        read_back(options, report);
    } catch (const Error& e) {
        finish_run(m_db, m_clock, report.run_id, "failed", m_client.requests() - before, e.what(),
                   static_cast<std::int64_t>(report.failed()));
        throw;
    }
    report.requests = m_client.requests() - before;
    bool partial = report.failed() > 0 || report.unresolved > 0;
    finish_run(m_db, m_clock, report.run_id, partial ? "partial" : "ok", report.requests, "",
               static_cast<std::int64_t>(report.failed()));
    return report;
}

} // namespace kivals::sync
