#include <kivals/catalog/links.hpp>
#include <kivals/db/schema.hpp>
#include <kivals/sync/orders.hpp>
#include <kivals/sync/stock_feed.hpp>
#include <kivals/sync/stock_store.hpp>

#include <doctest/doctest.h>

using namespace kivals;

namespace {

struct FixedClock final : Clock {
    SysTime now() const override { return SysTime{} + std::chrono::hours(24 * 365 * 56); }
};

// p1 <-> K1 linked through the catalogue's rules, p2 and K2 known but not linked.
db::Db feed_db(const Clock& clock) {
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    db::migrate(db);
    db.exec("INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES "
            "('p1', 'Balm', 'x', 'x'), ('p2', 'Soap', 'x', 'x');"
            "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES "
            "('K1', 'Balm', 'x', 'x'), ('K2', 'Soap', 'x', 'x');");
    catalog::set_link(db, clock, "p1", "K1");
    return db;
}

// The feed after `after` as "K1 source L/R/S; " per change (whole units), "K1 unlinked ..."
// for the removal of a link.
std::string feed(db::Db& db, std::int64_t after = 0) {
    std::string out;
    for (const auto& c : sync::changes_after(db, after, 100))
        out +=
            fmt::format("{} {} {}/{}/{}; ", c.kiva_id, c.linked ? c.source : "unlinked",
                        c.numbers.ls_count.str(), c.numbers.reserved.str(), c.numbers.synced.str());
    return out;
}

} // namespace

TEST_CASE("feed: every writer of a linked product's numbers lands in it, in order") {
    FixedClock clock;
    db::Db db = feed_db(clock);
    sync::StockStore store(db, clock);
    CHECK(feed(db) == "K1 link 0/0/0; ");
    // An observation (queue apply, pull-sync page, read-back) that moves L.
    db::Txn txn(db);
    store.observe("p1", Qty::units(40), 7, {"webhook", "event:1"});
    // A stale one and one that only moves the version change nothing the store sees.
    store.observe("p1", Qty::units(12), 6, {"webhook", "event:2"});
    store.observe("p1", Qty::units(40), 8, {"pull-sync", "run:1"});
    txn.commit();
    // Orders, through the same Orders as the CLI and the API.
    sync::Orders orders(db, clock);
    REQUIRE(orders.apply({sync::OrderAction::reserve, "A1", 1, "K1", Qty::units(3), false}).ok);
    // A refused request writes nothing to the feed either.
    CHECK_FALSE(
        orders.apply({sync::OrderAction::reserve, "A2", 1, "K1", Qty::units(99), false}).ok);
    // A push that landed: S takes the units, L moves by the change.
    {
        db::Txn push(db);
        auto before = *store.load("p1");
        sync::StockNumbers after = before;
        sync::relative_push_succeeded(after, *sync::plan_push(before));
        store.save("p1", before, after, {"push", "run:2"});
        push.commit();
    }
    REQUIRE(orders.apply({sync::OrderAction::fulfill, "A1", std::nullopt, "", {}, false}).ok);
    CHECK(feed(db) ==
          "K1 link 0/0/0; K1 webhook 40/0/0; K1 order 40/3/0; K1 push 37/3/3; K1 order 37/0/0; ");
}

TEST_CASE("feed: unlink is announced; a product with open orders keeps its row, out of the feed") {
    FixedClock clock;
    db::Db db = feed_db(clock);
    sync::StockStore store(db, clock);
    std::int64_t start = sync::feed_head(db);
    CHECK(start == 1);
    REQUIRE(catalog::unset_link(db, clock, "K1"));
    CHECK(feed(db, start) == "K1 unlinked 0/0/0; ");
    CHECK_FALSE(store.load("p1"));
    // Linked again, an order holds units, then the link goes (as kiva import --replace does).
    catalog::set_link(db, clock, "p1", "K1");
    db.exec("UPDATE stock SET ls_count = 5000 WHERE lightspeed_id = 'p1'");
    REQUIRE(sync::Orders(db, clock)
                .apply({sync::OrderAction::reserve, "A1", 1, "K1", Qty::units(2), false})
                .ok);
    std::int64_t before_unlink = sync::feed_head(db);
    db.exec("DELETE FROM links WHERE lightspeed_id = 'p1'");
    store.unlinked("p1", "K1");
    CHECK(feed(db, before_unlink) == "K1 unlinked 5/2/0; ");
    REQUIRE(store.load("p1")); // R can still be explained
    // Changes of a row whose link is gone are not in the feed.
    std::int64_t head = sync::feed_head(db);
    store.observe("p1", Qty::units(9), 99, {"webhook", "event:3"});
    CHECK(sync::feed_head(db) == head);
}

TEST_CASE("feed: cursors only grow, pages are oldest first, the head is the newest") {
    FixedClock clock;
    db::Db db = feed_db(clock);
    sync::StockStore store(db, clock);
    for (int level = 1; level <= 5; ++level)
        store.observe("p1", Qty::units(level), level, {"webhook", ""});
    auto page = sync::changes_after(db, 0, 3);
    REQUIRE(page.size() == 3);
    CHECK(page[0].cursor < page[1].cursor);
    CHECK(page[1].cursor < page[2].cursor);
    auto rest = sync::changes_after(db, page.back().cursor, 100);
    CHECK(rest.size() == 3);
    CHECK(rest.back().cursor == sync::feed_head(db));
    // Removed rows never give their cursors out again.
    db.exec("DELETE FROM stock_changes");
    store.observe("p1", Qty::units(9), 9, {"webhook", ""});
    CHECK(sync::feed_head(db) == rest.back().cursor + 1);
}

TEST_CASE("feed: an upgraded database starts its feed with every linked product") {
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    // Schema 2, as a database made before the feed existed.
    for (const auto& m : db::migrations())
        if (m.version <= 2) {
            db.exec(m.sql);
            db.exec(fmt::format("PRAGMA user_version = {}", m.version));
        }
    db.exec(
        "INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES ('p1', 'B', 'x', 'x');"
        "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('K1', 'B', 'x', 'x');"
        "INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES ('p1', 'K1', 'x');"
        "INSERT INTO stock(lightspeed_id, ls_count, ls_version, reserved, synced, updated_at) "
        "VALUES ('p1', 40000, 7, 5000, 5000, 'x');");
    CHECK(db::migrate(db) == static_cast<int>(db::migrations().size()) - 2);
    CHECK(feed(db) == "K1 upgrade 40/5/5; ");
}
