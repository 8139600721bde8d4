// The push_inflight table (schema.cpp, migration 2).
#include <kivals/sync/push_inflight.hpp>

namespace kivals::sync {

void InflightStore::record(const InflightPush& push) {
    bool relative = push.kind == InflightPush::Kind::relative;
    m_db.prepare("INSERT INTO push_inflight(lightspeed_id, run_id, outlet_id, pending, kind, "
                 "reason_id, log_after, written, version_before, sent_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(push.lightspeed_id, push.run_id, push.outlet_id, push.plan.pending.milli(),
                  relative ? "relative" : "absolute", push.reason_id, push.log_after,
                  push.written.milli(), push.version_before, iso8601(m_clock.now()))
        .run();
}

void InflightStore::erase(const std::string& lightspeed_id) {
    m_db.prepare("DELETE FROM push_inflight WHERE lightspeed_id = ?").bind_all(lightspeed_id).run();
}

std::vector<InflightPush> InflightStore::load_all() {
    auto stmt = m_db.prepare("SELECT lightspeed_id, outlet_id, pending, kind, run_id, "
                             "coalesce(reason_id, ''), coalesce(log_after, 0), "
                             "coalesce(written, 0), coalesce(version_before, 0) "
                             "FROM push_inflight ORDER BY lightspeed_id");
    std::vector<InflightPush> out;
    while (stmt.step()) {
        InflightPush p;
        p.lightspeed_id = stmt.text(0);
        p.outlet_id = stmt.text(1);
        p.plan.pending = Qty::from_milli(stmt.int64(2));
        p.kind = stmt.text(3) == "relative" ? InflightPush::Kind::relative
                                            : InflightPush::Kind::absolute;
        p.run_id = stmt.int64(4);
        p.reason_id = stmt.text(5);
        p.log_after = stmt.int64(6);
        p.written = Qty::from_milli(stmt.int64(7));
        p.version_before = stmt.int64(8);
        out.push_back(std::move(p));
    }
    return out;
}

std::int64_t InflightStore::count() {
    return m_db.scalar("SELECT count(*) FROM push_inflight");
}

} // namespace kivals::sync
