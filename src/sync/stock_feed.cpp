#include <kivals/sync/stock_feed.hpp>

namespace kivals::sync {

std::vector<FeedEntry> changes_after(db::Db& db, std::int64_t after, std::size_t limit) {
    auto stmt = db.prepare("SELECT cursor, kiva_id, lightspeed_id, linked, ls_count, reserved, "
                           "synced, source, at FROM stock_changes WHERE cursor > ? "
                           "ORDER BY cursor LIMIT ?");
    stmt.bind_all(after, static_cast<std::int64_t>(limit));
    std::vector<FeedEntry> out;
    while (stmt.step()) {
        FeedEntry change;
        change.cursor = stmt.int64(0);
        change.kiva_id = stmt.text(1);
        change.lightspeed_id = stmt.text(2);
        change.linked = stmt.int64(3) != 0;
        change.numbers.ls_count = Qty::from_milli(stmt.int64(4));
        change.numbers.reserved = Qty::from_milli(stmt.int64(5));
        change.numbers.synced = Qty::from_milli(stmt.int64(6));
        change.source = stmt.text(7);
        change.at = stmt.text(8);
        out.push_back(std::move(change));
    }
    return out;
}

std::int64_t feed_head(db::Db& db) {
    // The sequence, not max(cursor): it stays right if old rows are ever removed.
    auto stmt = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'stock_changes'");
    return stmt.step() ? stmt.int64(0) : 0;
}

} // namespace kivals::sync
