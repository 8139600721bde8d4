#include <kivals/queue/events.hpp>

#include "support/fixtures.hpp"

#include <doctest/doctest.h>

using namespace kivals;
using testing::FixedClock;

namespace {

// Five events, one of each status; event 4 (failed) has two attempts.
db::Db events_db() {
    return testing::memory_db(
        "INSERT INTO events(id, type, received_at, payload, product_id, version, status, "
        "reason, attempts, updated_at) VALUES "
        "(1, 'inventory.update', '2025-12-01T00:00:00Z', '{}', 'p1', 5, 'pending', "
        "'no-outlet', 0, '2025-12-01T00:00:00Z'),"
        "(2, 'inventory.update', '2025-12-02T00:00:00Z', '{}', 'p1', 6, 'applied', NULL, 1, "
        "'2025-12-02T00:00:00Z'),"
        "(3, 'product.update', '2025-12-30T00:00:00Z', '{}', 'p2', 7, 'ignored', 'stale', 1, "
        "'2025-12-30T00:00:00Z'),"
        "(4, 'inventory.update', '2025-12-03T00:00:00Z', '{\"x\":1}', 'p3', 8, 'failed', "
        "'boom', 2, '2025-12-03T00:00:00Z'),"
        "(5, 'inventory.update', '2025-12-04T00:00:00Z', '{}', NULL, NULL, 'dead', 'boom', 8, "
        "'2025-12-04T00:00:00Z');"
        "INSERT INTO event_attempts(event_id, at, outcome, detail) VALUES "
        "(4, '2025-12-03T00:01:00Z', 'failed', 'boom'), (4, '2025-12-03T00:02:00Z', 'failed', "
        "NULL);");
}

} // namespace

TEST_CASE("events: list newest first, of one status, within the limit") {
    db::Db db = events_db();
    FixedClock clock;
    queue::EventStore events(db, clock);
    auto all = events.list(std::nullopt, 50);
    REQUIRE(all.size() == 5);
    CHECK(all.front().id == 5);
    CHECK_FALSE(all.front().product_id);
    CHECK_FALSE(all.front().version);
    CHECK(all.back().reason == "no-outlet");
    CHECK(events.list(std::nullopt, 2).size() == 2);
    auto failed = events.list(std::string("failed"), 50);
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].id == 4);
    CHECK(failed[0].attempts == 2);
}

TEST_CASE("events: find gives the payload and every attempt in order") {
    db::Db db = events_db();
    FixedClock clock;
    queue::EventStore events(db, clock);
    CHECK_FALSE(events.find(99));
    auto e = events.find(4);
    REQUIRE(e);
    CHECK(e->row.status == "failed");
    CHECK(e->payload == "{\"x\":1}");
    REQUIRE(e->history.size() == 2);
    CHECK(e->history[0].detail == "boom");
    CHECK_FALSE(e->history[1].detail);
}

TEST_CASE("events: retry, purge and the counts") {
    db::Db db = events_db();
    FixedClock clock; // 2026-01-01
    queue::EventStore events(db, clock);
    CHECK(events.count("pending") == 1);
    CHECK(events.count_waiting_for_outlet() == 1);
    CHECK(events.oldest_pending() == parse_iso8601("2025-12-01T00:00:00Z"));

    CHECK_FALSE(events.retry(99));
    CHECK(events.retry(2)); // any event may be made pending again
    CHECK(events.find(2)->row.status == "pending");
    CHECK(events.find(2)->row.attempts == 0);
    CHECK(events.retry_failed() == 2);
    CHECK(events.count("pending") == 4);
    CHECK(events.count("failed") + events.count("dead") == 0);
    CHECK(events.find(4)->updated_at == "2026-01-01T00:00:00Z");

    // Only applied and ignored events last changed before the cutoff go.
    CHECK(events.purge(*parse_iso8601("2025-12-15T00:00:00Z")) == 0); // 2 is pending now
    db.exec("UPDATE events SET status = 'applied' WHERE id = 1");     // still dated Dec 1
    CHECK(events.purge(*parse_iso8601("2025-12-15T00:00:00Z")) == 1);
    CHECK_FALSE(events.find(1));
    CHECK(events.find(3)); // ignored on Dec 30, after the cutoff
}
