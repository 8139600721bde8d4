#include <kivals/sync/runs.hpp>

namespace kivals::sync {

std::int64_t start_run(db::Db& db, const Clock& clock, std::string_view kind,
                       std::int64_t cursor_from) {
    db::Txn txn(db);
    db.prepare("INSERT INTO sync_runs(kind, started_at, cursor_from) VALUES (?, ?, ?)")
        .bind_all(kind, iso8601(clock.now()), cursor_from)
        .run();
    std::int64_t id = db.last_insert_rowid();
    txn.commit();
    return id;
}

void update_run(db::Db& db, std::int64_t run_id, std::int64_t pages, std::int64_t seen,
                std::int64_t corrected, std::int64_t cursor_to) {
    db.prepare("UPDATE sync_runs SET pages = ?, seen = ?, corrected = ?, cursor_to = ? "
               "WHERE id = ?")
        .bind_all(pages, seen, corrected, cursor_to, run_id)
        .run();
}

void finish_run(db::Db& db, const Clock& clock, std::int64_t run_id, std::string_view status,
                std::int64_t requests, std::string_view message, std::int64_t failed) {
    db.prepare("UPDATE sync_runs SET finished_at = ?, status = ?, requests = ?, message = ?, "
               "failed = ? WHERE id = ?")
        .bind_all(iso8601(clock.now()), status, requests, message, failed, run_id)
        .run();
}

} // namespace kivals::sync
