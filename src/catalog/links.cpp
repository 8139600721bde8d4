#include <kivals/catalog/links.hpp>
#include <kivals/core/qty.hpp>
#include <kivals/link/normalize.hpp>
#include <kivals/sync/stock_store.hpp>
#include <kivals/sync/stock_view.hpp>

namespace kivals::catalog {
namespace {

constexpr const char* k_ls_columns =
    "SELECT id, name, variant_name, sku, barcode, has_inventory, is_composite, "
    "deleted_at IS NOT NULL FROM ls_products p";

LsProduct read_ls(const db::Stmt& s) {
    LsProduct p;
    p.id = s.text(0);
    p.name = link::variant_display_name(s.text(1), s.opt_text(2).value_or(""));
    p.sku = s.opt_text(3).value_or("");
    p.barcode = s.opt_text(4).value_or("");
    p.has_inventory = s.int64(5) != 0;
    p.is_composite = s.int64(6) != 0;
    p.deleted = s.int64(7) != 0;
    return p;
}

std::optional<std::string> linked_kiva(db::Db& db, const std::string& lightspeed_id) {
    auto s = db.prepare("SELECT kiva_id FROM links WHERE lightspeed_id = ?");
    s.bind(1, lightspeed_id);
    return s.step() ? std::optional<std::string>(s.text(0)) : std::nullopt;
}

std::optional<std::string> linked_ls(db::Db& db, const std::string& kiva_id) {
    auto s = db.prepare("SELECT lightspeed_id FROM links WHERE kiva_id = ?");
    s.bind(1, kiva_id);
    return s.step() ? std::optional<std::string>(s.text(0)) : std::nullopt;
}

} // namespace

Expected<void, std::string> link_blocker(const LsProduct& p) {
    if (p.deleted)
        return Unexpected(fmt::format("Lightspeed product {} is deleted", p.id));
    if (p.is_composite)
        return Unexpected(
            fmt::format("Lightspeed product {} is a composite: it holds no stock of its own "
                        "(link its components instead)",
                        p.id));
    if (!p.has_inventory)
        return Unexpected(
            fmt::format("Lightspeed product {} does not track inventory: turn on \"Track "
                        "inventory\" in Lightspeed, then run `kivals fetch-products`",
                        p.id));
    return {};
}

std::optional<LsProduct> find_ls_product(db::Db& db, const std::string& id) {
    auto s = db.prepare(std::string(k_ls_columns) + " WHERE id = ?");
    s.bind(1, id);
    return s.step() ? std::optional<LsProduct>(read_ls(s)) : std::nullopt;
}

std::vector<LsProduct> load_linkable_ls_products(db::Db& db, bool unlinked_only) {
    std::string sql = std::string(k_ls_columns) +
                      " WHERE deleted_at IS NULL AND has_inventory = 1 AND is_composite = 0";
    if (unlinked_only)
        sql += " AND NOT EXISTS (SELECT 1 FROM links l WHERE l.lightspeed_id = p.id)";
    auto s = db.prepare(sql + " ORDER BY id");
    std::vector<LsProduct> out;
    while (s.step())
        out.push_back(read_ls(s));
    return out;
}

std::optional<std::string> linked_kiva_of(db::Db& db, const std::string& lightspeed_id) {
    return linked_kiva(db, lightspeed_id);
}

std::optional<std::string> linked_ls_of(db::Db& db, const std::string& kiva_id) {
    return linked_ls(db, kiva_id);
}

std::vector<LinkRow> load_links(db::Db& db) {
    auto s = db.prepare("SELECT l.lightspeed_id, p.sku, p.name, p.variant_name, l.kiva_id, k.name, "
                        "l.linked_at FROM links l JOIN ls_products p ON p.id = l.lightspeed_id "
                        "JOIN kiva_products k ON k.id = l.kiva_id ORDER BY l.lightspeed_id");
    std::vector<LinkRow> out;
    while (s.step())
        out.push_back({s.text(0), s.opt_text(1).value_or(""),
                       link::variant_display_name(s.text(2), s.opt_text(3).value_or("")), s.text(4),
                       s.text(5), s.text(6)});
    return out;
}

SetOutcome set_link(db::Db& db, const Clock& clock, const std::string& lightspeed_id,
                    const std::string& kiva_id) {
    db::Txn txn(db);
    SetOutcome outcome = set_link_in(db, clock, lightspeed_id, kiva_id);
    txn.commit();
    return outcome;
}

SetOutcome set_link_in(db::Db& db, const Clock& clock, const std::string& lightspeed_id,
                       const std::string& kiva_id) {
    auto product = find_ls_product(db, lightspeed_id);
    if (!product)
        fail(Exit::failure, "no Lightspeed product {} (run `kivals fetch-products` first?)",
             lightspeed_id);
    if (auto linkable = link_blocker(*product); !linkable)
        fail(Exit::failure, "cannot link: {}", linkable.error());
    if (!sync::kiva_product_known(db, kiva_id))
        fail(Exit::failure, "no Kiva product {} (run `kivals kiva import` first?)", kiva_id);
    auto current = linked_kiva(db, lightspeed_id);
    if (current && *current == kiva_id)
        return SetOutcome::already_linked;
    if (current)
        fail(Exit::failure,
             "Lightspeed product {} is already linked to Kiva product {}: run "
             "`kivals link unset {}` first",
             lightspeed_id, *current, lightspeed_id);
    if (auto other = linked_ls(db, kiva_id))
        fail(Exit::failure,
             "Kiva product {} is already linked to Lightspeed product {}: run "
             "`kivals link unset {}` first",
             kiva_id, *other, kiva_id);
    std::string now = iso8601(clock.now());
    db.prepare("INSERT INTO links (lightspeed_id, kiva_id, linked_at) VALUES (?, ?, ?)")
        .bind_all(lightspeed_id, kiva_id, now)
        .run();
    sync::StockStore(db, clock).create(lightspeed_id);
    return SetOutcome::linked;
}

std::unordered_set<std::string> linked_ids(db::Db& db, Side side) {
    std::unordered_set<std::string> out;
    auto s = db.prepare(side == Side::lightspeed ? "SELECT lightspeed_id FROM links"
                                                 : "SELECT kiva_id FROM links");
    while (s.step())
        out.insert(s.text(0));
    return out;
}

std::int64_t count_links(db::Db& db) {
    return db.scalar("SELECT count(*) FROM links");
}

std::int64_t count_products(db::Db& db, Side side) {
    return db.scalar(side == Side::lightspeed ? "SELECT count(*) FROM ls_products"
                                              : "SELECT count(*) FROM kiva_products");
}

std::int64_t count_linkable_unlinked(db::Db& db) {
    return db.scalar("SELECT count(*) FROM ls_products p WHERE p.deleted_at IS NULL "
                     "AND p.has_inventory = 1 AND p.is_composite = 0 AND NOT EXISTS "
                     "(SELECT 1 FROM links l WHERE l.lightspeed_id = p.id)");
}

std::optional<LinkRow> unset_link(db::Db& db, const Clock& clock, const std::string& id) {
    db::Txn txn(db);
    auto row = unset_link_in(db, clock, id);
    txn.commit();
    return row;
}

std::optional<LinkRow> unset_link_in(db::Db& db, const Clock& clock, const std::string& id) {
    auto s = db.prepare("SELECT lightspeed_id, kiva_id, linked_at FROM links "
                        "WHERE lightspeed_id = ?1 OR kiva_id = ?1");
    s.bind(1, id);
    if (!s.step())
        return std::nullopt;
    LinkRow row;
    row.lightspeed_id = s.text(0);
    row.kiva_id = s.text(1);
    row.linked_at = s.text(2);
    auto held = db.prepare("SELECT reserved FROM stock WHERE lightspeed_id = ? AND reserved <> 0");
    held.bind(1, row.lightspeed_id);
    if (held.step())
        fail(Exit::failure,
             "Lightspeed product {} has {} units reserved by open online orders: "
             "cancel or fulfil them before unlinking",
             row.lightspeed_id, Qty::from_milli(held.int64(0)).str());
    db.prepare("DELETE FROM links WHERE lightspeed_id = ?").bind(1, row.lightspeed_id).run();
    sync::StockStore(db, clock).unlinked(row.lightspeed_id, row.kiva_id);
    return row;
}

} // namespace kivals::catalog
