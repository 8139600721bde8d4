// The `events` table for the administrator's commands (events.hpp).
#include <kivals/queue/events.hpp>

#include <fmt/format.h>

namespace kivals::queue {
namespace {

// The columns of an EventRow, in read_row's order.
constexpr const char* k_row_columns =
    "id, status, type, product_id, outlet_id, version, attempts, received_at, reason";

EventRow read_row(const db::Stmt& s) {
    return {s.int64(0),     s.text(1),  s.text(2), s.opt_text(3), s.opt_text(4),
            s.opt_int64(5), s.int64(6), s.text(7), s.opt_text(8)};
}

constexpr const char* k_make_pending = "UPDATE events SET status = 'pending', reason = NULL, "
                                       "attempts = 0, next_attempt_at = NULL, updated_at = ? ";

} // namespace

std::vector<EventRow> EventStore::list(const std::optional<std::string>& status,
                                       std::int64_t limit) {
    auto stmt = m_db.prepare(fmt::format(
        "SELECT {} FROM events WHERE (?1 IS NULL OR status = ?1) ORDER BY id DESC LIMIT ?2",
        k_row_columns));
    stmt.bind_all(status, limit);
    std::vector<EventRow> rows;
    while (stmt.step())
        rows.push_back(read_row(stmt));
    return rows;
}

std::optional<EventDetail> EventStore::find(std::int64_t id) {
    auto stmt = m_db.prepare(fmt::format(
        "SELECT {}, next_attempt_at, spool_name, payload, updated_at FROM events WHERE id = ?",
        k_row_columns));
    stmt.bind_all(id);
    if (!stmt.step())
        return std::nullopt;
    EventDetail event{read_row(stmt), stmt.opt_text(9), stmt.opt_text(10),
                      stmt.text(11),  stmt.text(12),    {}};
    auto attempts = m_db.prepare(
        "SELECT at, outcome, detail FROM event_attempts WHERE event_id = ? ORDER BY id");
    attempts.bind_all(id);
    while (attempts.step())
        event.history.push_back({attempts.text(0), attempts.text(1), attempts.opt_text(2)});
    return event;
}

bool EventStore::retry(std::int64_t id) {
    auto exists = m_db.prepare("SELECT 1 FROM events WHERE id = ?");
    exists.bind_all(id);
    if (!exists.step())
        return false;
    m_db.prepare(std::string(k_make_pending) + "WHERE id = ?")
        .bind_all(iso8601(m_clock.now()), id)
        .run();
    return true;
}

std::int64_t EventStore::retry_failed() {
    m_db.prepare(std::string(k_make_pending) + "WHERE status IN ('failed', 'dead')")
        .bind_all(iso8601(m_clock.now()))
        .run();
    return m_db.changes();
}

std::int64_t EventStore::purge(SysTime cutoff) {
    m_db.prepare("DELETE FROM events WHERE status IN ('applied', 'ignored') AND updated_at < ?")
        .bind_all(iso8601(cutoff))
        .run();
    return m_db.changes();
}

std::int64_t EventStore::count(std::string_view status) {
    auto stmt = m_db.prepare("SELECT count(*) FROM events WHERE status = ?");
    stmt.bind_all(status);
    return stmt.step() ? stmt.int64(0) : 0;
}

std::int64_t EventStore::count_waiting_for_outlet() {
    return m_db.scalar(
        "SELECT count(*) FROM events WHERE status = 'pending' AND reason = 'no-outlet'");
}

std::optional<SysTime> EventStore::oldest_pending() {
    auto stmt = m_db.prepare("SELECT min(received_at) FROM events WHERE status = 'pending'");
    if (!stmt.step() || stmt.is_null(0))
        return std::nullopt;
    return parse_iso8601(stmt.text(0));
}

bool EventStore::probe_seen(std::string_view nonce) {
    auto stmt = m_db.prepare(
        "SELECT 1 FROM events WHERE reason = 'probe' AND instr(payload, ?) > 0 LIMIT 1");
    stmt.bind_all(std::string(nonce));
    return stmt.step();
}

} // namespace kivals::queue
