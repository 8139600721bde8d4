#include <kivals/db/schema.hpp>
#include <kivals/sync/stock_store.hpp>
#include <kivals/sync/stock_view.hpp>

#include "support/fixtures.hpp"

#include <doctest/doctest.h>

using namespace kivals;
using testing::FixedClock;

namespace {

db::Db product_db() {
    return testing::memory_db("INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES "
                              "('p1', 'Balm', 'x', 'x')");
}

} // namespace

TEST_CASE("observations on a linked product are stored with their ledger rows") {
    db::Db db = product_db();
    FixedClock clock;
    sync::StockStore store(db, clock);
    CHECK_FALSE(store.observe("p1", Qty::units(5), 10, {"webhook", "event:1"}).has_value());

    store.create("p1");
    CHECK(store.observe("p1", Qty::units(5), 10, {"webhook", "event:1"}) ==
          sync::Observation::applied);
    CHECK(store.observe("p1", Qty::units(9), 9, {"webhook", "event:2"}) ==
          sync::Observation::stale);
    auto numbers = store.load("p1");
    REQUIRE(numbers);
    CHECK(numbers->ls_count == Qty::units(5));
    CHECK(numbers->version == 10);
    CHECK(db.scalar("SELECT count(*) FROM ledger WHERE lightspeed_id = 'p1'") == 2);
    CHECK(db.scalar("SELECT after FROM ledger WHERE field = 'L'") == 5000);
    CHECK(db.scalar("SELECT count(*) FROM ledger WHERE source_ref = 'event:2'") == 0);
}

namespace {

std::vector<std::int64_t> history_ids(db::Db& db, const std::string& id) {
    std::vector<std::int64_t> ids;
    for (const auto& row : sync::ledger_of(db, id))
        ids.push_back(row.id);
    return ids;
}

} // namespace

TEST_CASE("the ledger of a product is its own rows, oldest first, across unlink and relink") {
    db::Db db = product_db();
    db.exec("INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES ('p2', 'Soap', 'x', "
            "'x')");
    FixedClock clock;
    sync::StockStore store(db, clock);
    store.create("p1");
    store.create("p2");
    store.observe("p1", Qty::units(5), 10, {"webhook", "event:1"}); // rows 1, 2
    store.observe("p2", Qty::units(1), 11, {"webhook", "event:2"}); // rows 3, 4
    store.observe("p1", Qty::units(4), 12, {"pull-sync", "run:1"}); // rows 5, 6
    CHECK(history_ids(db, "p1") == std::vector<std::int64_t>{1, 2, 5, 6});
    CHECK(history_ids(db, "p2") == std::vector<std::int64_t>{3, 4});

    db.exec("DELETE FROM stock WHERE lightspeed_id = 'p1'"); // unlinked: the history stays
    CHECK(history_ids(db, "p1") == std::vector<std::int64_t>{1, 2, 5, 6});
    store.create("p1"); // linked again: new rows continue the same history
    store.observe("p1", Qty::units(3), 13, {"webhook", "event:3"});
    CHECK(history_ids(db, "p1") == std::vector<std::int64_t>{1, 2, 5, 6, 7, 8});
    CHECK(db.scalar("SELECT count(*) FROM ledger_heads") == 0);
    CHECK(history_ids(db, "nobody").empty());
}

TEST_CASE("a version a push recorded is found in the product's ledger, and only there") {
    db::Db db = product_db();
    db.exec("INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES ('p2', 'Soap', 'x', "
            "'x')");
    FixedClock clock;
    sync::StockStore store(db, clock);
    store.create("p1");
    store.create("p2");
    store.observe("p1", Qty::units(5), 10, {"webhook", "event:1"});
    auto before = *store.load("p1");
    auto after = before;
    after.version = 20;
    after.ls_count = Qty::units(4);
    store.save("p1", before, after, {"push", "run:1"});
    store.observe("p1", Qty::units(2), 30, {"webhook", "event:2"});
    store.observe("p2", Qty::units(1), 40, {"push", "run:2"});
    CHECK(sync::push_recorded_version(db, "p1", 20));
    CHECK_FALSE(sync::push_recorded_version(db, "p1", 10)); // a webhook's, not a push's
    CHECK_FALSE(sync::push_recorded_version(db, "p1", 30));
    CHECK_FALSE(sync::push_recorded_version(db, "p1", 40)); // another product's push
    CHECK(sync::push_recorded_version(db, "p2", 40));
}

TEST_CASE("upgrading to the chained ledger keeps every product's history") {
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    for (const auto& m : db::migrations().first(3))
        db.exec(m.sql);
    db.exec("PRAGMA user_version = 3");
    db.exec("INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES "
            "('a', 'A', 'x', 'x'), ('b', 'B', 'x', 'x');"
            "INSERT INTO stock(lightspeed_id, updated_at) VALUES ('a', 'x');"
            "INSERT INTO ledger(lightspeed_id, field, before, after, source, at) VALUES "
            "('a', 'L', 0, 1, 'webhook', 'x'), ('b', 'L', 0, 2, 'webhook', 'x'), "
            "('a', 'L', 1, 3, 'webhook', 'x'), ('b', 'L', 2, 4, 'webhook', 'x'), "
            "('a', 'L', 3, 5, 'webhook', 'x')");
    db::migrate(db);
    CHECK(history_ids(db, "a") == std::vector<std::int64_t>{1, 3, 5});
    CHECK(history_ids(db, "b") == std::vector<std::int64_t>{2, 4}); // not linked: ledger_heads
    CHECK(db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'ledger_product'") == 0);
}
