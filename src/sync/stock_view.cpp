#include <kivals/sync/stock_view.hpp>

#include <fmt/format.h>

namespace kivals::sync {
namespace {

// A CTE `chain(id)` of product ?1's ledger rows, newest first: from the stock row's newest
// row (or ledger_heads' for a product that is not linked) back along `prev`, for as long as
// the row walked from passes `condition` (on `l`; empty: to the first row).
std::string chain_sql(std::string_view condition) {
    return fmt::format("WITH RECURSIVE chain(id) AS ("
                       "SELECT coalesce((SELECT ledger_last FROM stock WHERE lightspeed_id = ?1), "
                       "(SELECT last_id FROM ledger_heads WHERE lightspeed_id = ?1)) "
                       "UNION ALL SELECT l.prev FROM ledger l JOIN chain ON l.id = chain.id "
                       "WHERE l.prev IS NOT NULL {})",
                       condition);
}

constexpr const char* k_stock_columns =
    "SELECT l.kiva_id, l.lightspeed_id, coalesce(p.name, ''), s.ls_count, s.ls_version, "
    "s.reserved, s.synced FROM links l JOIN stock s ON s.lightspeed_id = l.lightspeed_id "
    "LEFT JOIN ls_products p ON p.id = l.lightspeed_id ";

std::vector<StockRow> read_rows(db::Stmt& stmt) {
    std::vector<StockRow> out;
    while (stmt.step())
        out.push_back(
            {stmt.text(0), stmt.text(1), stmt.text(2),
             StockNumbers{Qty::from_milli(stmt.int64(3)), stmt.int64(4),
                          Qty::from_milli(stmt.int64(5)), Qty::from_milli(stmt.int64(6))}});
    return out;
}

} // namespace

std::vector<StockRow> list_stock(db::Db& db, const std::optional<std::string>& kiva_id,
                                 bool oversold_only) {
    // Available = L - (R - S) < 0 is filtered in SQL so that a large catalogue is not loaded
    // to show a handful of products.
    auto stmt = db.prepare(std::string(k_stock_columns) +
                           "WHERE (?1 IS NULL OR l.kiva_id = ?1) "
                           "AND (?2 = 0 OR s.ls_count - (s.reserved - s.synced) < 0) "
                           "ORDER BY l.kiva_id");
    stmt.bind_all(kiva_id, oversold_only);
    return read_rows(stmt);
}

std::vector<StockRow> list_stock_page(db::Db& db, const std::string& after_kiva_id,
                                      std::size_t limit) {
    auto stmt =
        db.prepare(std::string(k_stock_columns) + "WHERE l.kiva_id > ? ORDER BY l.kiva_id LIMIT ?");
    stmt.bind_all(after_kiva_id, static_cast<std::int64_t>(limit));
    return read_rows(stmt);
}

StockCounts count_stock(db::Db& db) {
    auto stmt = db.prepare("SELECT coalesce(sum(s.ls_count - (s.reserved - s.synced) < 0), 0), "
                           "coalesce(sum(s.reserved != s.synced), 0) "
                           "FROM stock s JOIN links l USING (lightspeed_id)");
    stmt.step();
    return {stmt.int64(0), stmt.int64(1)};
}

std::int64_t count_versions_above(db::Db& db, std::int64_t limit) {
    auto stmt = db.prepare("SELECT count(*) FROM stock WHERE ls_version > ?");
    stmt.bind_all(limit);
    return stmt.step() ? stmt.int64(0) : 0;
}

bool kiva_product_known(db::Db& db, const std::string& kiva_id) {
    auto stmt = db.prepare("SELECT 1 FROM kiva_products WHERE id = ?");
    stmt.bind_all(kiva_id);
    return stmt.step();
}

std::optional<std::string> lightspeed_id_of(db::Db& db, const std::string& kiva_id) {
    auto stmt = db.prepare("SELECT lightspeed_id FROM links WHERE kiva_id = ?");
    stmt.bind_all(kiva_id);
    if (!stmt.step())
        return std::nullopt;
    return stmt.text(0);
}

std::vector<LedgerRow> ledger_of(db::Db& db, const std::string& lightspeed_id) {
    auto stmt = db.prepare(fmt::format("{} SELECT id, field, before, after, source, "
                                       "coalesce(source_ref, ''), ls_version, at FROM ledger "
                                       "WHERE id IN (SELECT id FROM chain) ORDER BY id",
                                       chain_sql("")));
    stmt.bind_all(lightspeed_id);
    std::vector<LedgerRow> out;
    while (stmt.step()) {
        std::string field = stmt.text(1);
        out.push_back({stmt.int64(0), field.empty() ? '?' : field[0], stmt.opt_int64(2),
                       stmt.opt_int64(3), stmt.text(4), stmt.text(5), stmt.opt_int64(6),
                       stmt.text(7)});
    }
    return out;
}

bool push_recorded_version(db::Db& db, const std::string& lightspeed_id, std::int64_t version) {
    // Versions only grow along a product's ledger, so the walk stops below `version`.
    auto stmt = db.prepare(fmt::format("{} SELECT 1 FROM ledger WHERE id IN (SELECT id FROM chain) "
                                       "AND ls_version = ?2 AND source LIKE 'push%' LIMIT 1",
                                       chain_sql("AND l.ls_version >= ?2")));
    stmt.bind_all(lightspeed_id, version);
    return stmt.step();
}

} // namespace kivals::sync
