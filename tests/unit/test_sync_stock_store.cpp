#include <kivals/db/schema.hpp>
#include <kivals/sync/stock_store.hpp>

#include <doctest/doctest.h>

using namespace kivals;

namespace {

struct FixedClock final : Clock {
    SysTime now() const override { return SysTime{} + std::chrono::hours(24 * 365 * 56); }
};

db::Db memory_db() {
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    db::migrate(db);
    db.exec("INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES ('p1', 'Balm', 'x', "
            "'x')");
    return db;
}

std::int64_t count(db::Db& db, const char* sql) {
    auto stmt = db.prepare(sql);
    stmt.step();
    return stmt.int64(0);
}

} // namespace

TEST_CASE("observations on a linked product are stored with their ledger rows") {
    db::Db db = memory_db();
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
    CHECK(count(db, "SELECT count(*) FROM ledger WHERE lightspeed_id = 'p1'") == 2);
    CHECK(count(db, "SELECT after FROM ledger WHERE field = 'L'") == 5000);
    CHECK(count(db, "SELECT count(*) FROM ledger WHERE source_ref = 'event:2'") == 0);
}
