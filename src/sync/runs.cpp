#include <kivals/sync/runs.hpp>
#include <kivals/util/files.hpp>

#include <vector>

namespace kivals::sync {
namespace {

// The job locks a run of `kind` holds while it runs; empty for a kind this kivals does not
// know (it is never taken for abandoned).
std::vector<std::string_view> locks_of(std::string_view kind) {
    if (kind == "pull-sync")
        return {"pull-sync", "push"}; // push --all reads every level first
    if (kind == "push" || kind == "read-back")
        return {"push"};
    if (kind == "queue-read")
        return {"queue"};
    return {};
}

} // namespace

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

std::optional<FinishedRun> last_finished_run(db::Db& db, std::string_view kind) {
    auto stmt = db.prepare("SELECT status, coalesce(message, ''), failed FROM sync_runs "
                           "WHERE kind = ? AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1");
    stmt.bind_all(std::string(kind));
    if (!stmt.step())
        return std::nullopt;
    return FinishedRun{stmt.text(0), stmt.text(1), stmt.int64(2)};
}

int close_abandoned_runs(db::Db& db, const Clock& clock, const std::filesystem::path& lock_dir,
                         std::string_view own_lock) {
    std::vector<std::int64_t> abandoned;
    auto open_runs = db.prepare("SELECT id, kind FROM sync_runs WHERE finished_at IS NULL");
    while (open_runs.step()) {
        auto locks = locks_of(open_runs.text(1));
        bool running = locks.empty();
        for (std::string_view lock : locks)
            running = running || (lock != own_lock && JobLock::is_held(lock_dir, lock));
        if (!running)
            abandoned.push_back(open_runs.int64(0));
    }
    open_runs.reset();
    if (abandoned.empty())
        return 0;
    db::Txn txn(db);
    auto close = db.prepare("UPDATE sync_runs SET finished_at = ?, status = 'killed', message = "
                            "'the run ended without finishing (killed or crashed)' WHERE id = ? "
                            "AND finished_at IS NULL");
    for (std::int64_t id : abandoned) {
        close.bind_all(iso8601(clock.now()), id);
        close.run();
    }
    txn.commit();
    return static_cast<int>(abandoned.size());
}

} // namespace kivals::sync
