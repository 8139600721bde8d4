// Pusher::run: one push run from resolve to read-back, the mode decided once (push_parts.hpp).
#include "push_parts.hpp"

#include <kivals/sync/runs.hpp>

namespace kivals::sync {
namespace {

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

} // namespace

std::size_t PushReport::failed() const {
    std::size_t n = 0;
    for (const auto& o : outcomes)
        n += o.ok ? 0 : 1;
    return n;
}

PushPlanSet plan_pending_pushes(db::Db& db, const std::optional<std::vector<std::string>>& only) {
    return plan_pushes(load_push_candidates(db, only));
}

PushReport Pusher::run(const PushOptions& options) {
    PushReport report;
    std::int64_t before = m_client.requests();
    if (InflightStore(m_db, m_clock).count() == 0) {
        report.plan = plan_pending_pushes(m_db, options.only);
        if (report.plan.pushes.empty())
            return report; // nothing to do: no run is recorded
    }
    report.run_id = start_run(m_db, m_clock, "push", 0);
    try {
        execute(options, report);
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

void Pusher::execute(const PushOptions& options, PushReport& report) {
    PushRun run{m_db,
                m_client,
                m_clock,
                m_log,
                options,
                report,
                {"push", fmt::format("run:{}", report.run_id)},
                *m_progress};
    InflightResolver resolver(run);
    // An earlier run's pushes with no recorded answer are looked up first, so that none is
    // sent twice; those that did not land are planned again here.
    resolver.resolve_all();
    report.plan = plan_pending_pushes(m_db, options.only);
    if (push_mode(m_client.family(), options) == PushMode::relative) {
        RelativeSender sender(run);
        sender.send(report.plan.pushes);
        if (report.unknown_outcomes > 0)
            resolver.resolve_all();
        sender.read_back();
    } else {
        AbsoluteWriter(run, resolver).write(report.plan.pushes);
        if (report.unknown_outcomes > 0)
            resolver.resolve_all();
    }
    m_progress->finish();
}

} // namespace kivals::sync
