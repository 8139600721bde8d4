#include <kivals/catalog/kiva_products.hpp>
#include <kivals/sync/stock_store.hpp>

#include <unordered_set>

namespace kivals::catalog {
namespace {

std::optional<std::string> opt(const std::string& s) {
    return s.empty() ? std::nullopt : std::optional<std::string>(s);
}

// Delete the products the file did not name, with their links; return the dropped links.
void remove_missing(db::Db& db, const Clock& clock, std::span<const link::CatalogueRow> rows,
                    ImportSummary& out) {
    std::unordered_set<std::string> keep;
    for (const auto& row : rows)
        keep.insert(row.product.id);
    std::vector<std::string> gone;
    auto all = db.prepare("SELECT k.id, l.lightspeed_id FROM kiva_products k "
                          "LEFT JOIN links l ON l.kiva_id = k.id ORDER BY k.id");
    while (all.step()) {
        std::string id = all.text(0);
        if (keep.count(id))
            continue;
        gone.push_back(id);
        if (auto ls = all.opt_text(1))
            out.dropped_links.push_back({*ls, id});
    }
    auto unlink = db.prepare("DELETE FROM links WHERE kiva_id = ?");
    auto remove = db.prepare("DELETE FROM kiva_products WHERE id = ?");
    // As `link unset` does: the stock row goes unless open orders still hold units (then
    // it stays, so that R can still be explained); the ledger is never touched.
    sync::StockStore stock(db, clock);
    for (const DroppedLink& d : out.dropped_links)
        stock.unlinked(d.lightspeed_id, d.kiva_id);
    for (const std::string& id : gone) {
        unlink.bind(1, id).run();
        unlink.reset();
        remove.bind(1, id).run();
        remove.reset();
    }
    out.removed = gone.size();
}

} // namespace

ImportSummary import_kiva_products(db::Db& db, const Clock& clock,
                                   std::span<const link::CatalogueRow> rows, bool replace) {
    ImportSummary out;
    std::string now = iso8601(clock.now());
    db::Txn txn(db);
    auto find = db.prepare("SELECT name, sku, barcode FROM kiva_products WHERE id = ?");
    auto insert = db.prepare("INSERT INTO kiva_products (id, name, sku, barcode, imported_at, "
                             "updated_at) VALUES (?, ?, ?, ?, ?, ?)");
    auto update = db.prepare("UPDATE kiva_products SET name = ?, sku = ?, barcode = ?, "
                             "imported_at = ?, updated_at = ? WHERE id = ?");
    auto touch = db.prepare("UPDATE kiva_products SET imported_at = ? WHERE id = ?");
    for (const auto& row : rows) {
        const link::Product& p = row.product;
        find.bind(1, p.id);
        if (!find.step()) {
            insert.bind_all(p.id, p.name, opt(p.sku), opt(p.barcode), now, now).run();
            insert.reset();
            ++out.added;
        } else if (find.text(0) != p.name || find.opt_text(1).value_or("") != p.sku ||
                   find.opt_text(2).value_or("") != p.barcode) {
            update.bind_all(p.name, opt(p.sku), opt(p.barcode), now, now, p.id).run();
            update.reset();
            ++out.updated;
        } else {
            touch.bind_all(now, p.id).run();
            touch.reset();
            ++out.unchanged;
        }
        find.reset();
    }
    if (replace)
        remove_missing(db, clock, rows, out);
    txn.commit();
    return out;
}

std::vector<link::Product> load_kiva_products(db::Db& db, bool unlinked_only) {
    std::vector<link::Product> out;
    auto stmt = db.prepare(unlinked_only
                               ? "SELECT id, name, sku, barcode FROM kiva_products k WHERE NOT "
                                 "EXISTS (SELECT 1 FROM links l WHERE l.kiva_id = k.id) ORDER BY id"
                               : "SELECT id, name, sku, barcode FROM kiva_products ORDER BY id");
    while (stmt.step())
        out.push_back({stmt.text(0), stmt.text(1), stmt.opt_text(2).value_or(""),
                       stmt.opt_text(3).value_or("")});
    return out;
}

} // namespace kivals::catalog
