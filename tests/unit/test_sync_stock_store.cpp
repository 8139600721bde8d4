#include <kivals/sync/stock_store.hpp>

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
