#include <kivals/sync/model.hpp>

#include <doctest/doctest.h>

using kivals::Qty;
using namespace kivals::sync;

namespace {

Qty u(std::int64_t n) {
    return Qty::units(n);
}

StockNumbers start() {
    return StockNumbers{u(40), 100, u(5), u(5)};
}

} // namespace

TEST_CASE("derived numbers follow the documented formulas") {
    struct Case {
        StockNumbers s;
        int in_stock, available, pending;
    };
    const Case cases[] = {
        {{u(40), 1, u(5), u(5)}, 45, 40, 0}, {{u(39), 1, u(8), u(5)}, 44, 36, 3},
        {{u(36), 1, u(8), u(8)}, 44, 36, 0}, {{u(0), 1, u(2), u(0)}, 0, -2, 2},
        {{u(-3), 1, u(0), u(0)}, -3, -3, 0},
    };
    for (const auto& c : cases) {
        CHECK(c.s.in_stock() == u(c.in_stock));
        CHECK(c.s.available() == u(c.available));
        CHECK(c.s.pending_push() == u(c.pending));
    }
}

TEST_CASE("the seed's worked examples, step by step") {
    StockNumbers s = start();
    CHECK(s.in_stock() == u(45));

    // 1. POS sale of 1: webhook reports 39 at a newer version.
    CHECK(observe(s, u(39), 101) == Observation::applied);
    CHECK(s.ls_count == u(39));
    CHECK(s.in_stock() == u(44));
    CHECK(s.available() == u(39));

    // 2. Online order of 3 -> push -3 -> Lightspeed 36.
    reserve(s, u(3));
    CHECK(s.available() == u(36));
    auto plan = plan_push(s);
    REQUIRE(plan);
    CHECK(plan->adjustment() == u(-3));
    relative_push_succeeded(s, *plan);
    CHECK(s.ls_count == u(36));
    CHECK(s.synced == u(8));
    CHECK(s.in_stock() == u(44));
    CHECK(observe(s, u(36), 102) == Observation::applied); // read back
    CHECK_FALSE(plan_push(s));

    // 3. Cancel -> push +3 -> Lightspeed 39.
    cancel(s, u(3));
    CHECK(s.available() == u(39));
    plan = plan_push(s);
    REQUIRE(plan);
    CHECK(plan->adjustment() == u(3));
    relative_push_succeeded(s, *plan);
    CHECK(observe(s, u(39), 103) == Observation::applied);
    CHECK(s.ls_count == u(39));
    CHECK(s.synced == u(5));
    CHECK(s.in_stock() == u(44));

    // 4. The late echo of step 2 (count 36, older version) is ignored.
    CHECK(observe(s, u(36), 102) == Observation::stale);
    CHECK(s.ls_count == u(39));
}

TEST_CASE("race: a delta push cannot erase a sale whose webhook has not arrived") {
    StockNumbers s{u(39), 103, u(5), u(5)};
    int lightspeed = 38; // a POS sale happened, its webhook (38 @ 104) is late
    reserve(s, u(2));
    auto plan = plan_push(s);
    REQUIRE(plan);
    lightspeed += static_cast<int>(plan->adjustment().milli() / 1000); // Lightspeed applies -2
    CHECK(lightspeed == 36);
    relative_push_succeeded(s, *plan);
    CHECK(observe(s, u(lightspeed), 105) == Observation::applied); // read back
    CHECK(observe(s, u(38), 104) == Observation::stale);           // the sale's late webhook
    CHECK(s.ls_count == u(36));
    CHECK(s.available() == u(36));

    // The absolute write from the stale local L would have written 37: the sale is lost.
    CHECK(absolute_target(u(39), PushPlan{u(2)}) == u(37));
    // From a fresh read it writes 36, like the delta.
    CHECK(absolute_target(u(38), PushPlan{u(2)}) == u(36));
}

TEST_CASE("an order arriving between plan and success stays pending") {
    StockNumbers s{u(10), 1, u(0), u(0)};
    reserve(s, u(2));
    auto plan = plan_push(s);
    REQUIRE(plan);
    reserve(s, u(1)); // arrives while the push is in flight
    relative_push_succeeded(s, *plan);
    CHECK(s.ls_count == u(8));
    CHECK(s.pending_push() == u(1));
}

TEST_CASE("fulfil after push leaves nothing pending but fulfil before push still pushes") {
    StockNumbers pushed{u(7), 1, u(3), u(3)};
    fulfill(pushed, u(3));
    CHECK(pushed.reserved == u(0));
    CHECK(pushed.synced == u(0));
    CHECK_FALSE(plan_push(pushed));
    CHECK(pushed.available() == u(7));

    StockNumbers unpushed{u(10), 1, u(3), u(0)};
    fulfill(unpushed, u(3));
    auto plan = plan_push(unpushed);
    REQUIRE(plan);
    CHECK(plan->adjustment() == u(-3));
}

TEST_CASE("observations never move the version backwards") {
    struct Case {
        int level;
        std::int64_t version;
        Observation expected;
        int level_after;
    };
    StockNumbers s{u(5), 50, u(0), u(0)};
    const Case cases[] = {
        {9, 49, Observation::stale, 5},   {9, 50, Observation::stale, 5},
        {4, 51, Observation::applied, 4}, {3, 60, Observation::applied, 3},
        {7, 55, Observation::stale, 3},   {2, 61, Observation::applied, 2},
    };
    for (const auto& c : cases) {
        CAPTURE(c.version);
        CHECK(observe(s, u(c.level), c.version) == c.expected);
        CHECK(s.ls_count == u(c.level_after));
    }
    CHECK(s.version == 61);
}

TEST_CASE("absolute push records the read-back version and the planned units") {
    StockNumbers s{u(20), 10, u(4), u(1)};
    auto plan = plan_push(s);
    REQUIRE(plan);
    Qty target = absolute_target(u(19), *plan);
    CHECK(target == u(16));
    absolute_push_succeeded(s, *plan, target, 12);
    CHECK(s.ls_count == u(16));
    CHECK(s.synced == u(4));
    CHECK(s.version == 12);
}

TEST_CASE("diff lists changed fields for the ledger") {
    StockNumbers a{u(1), 1, u(0), u(0)};
    StockNumbers b{u(2), 3, u(0), u(0)};
    auto changes = diff(a, b);
    REQUIRE(changes.size() == 2);
    CHECK(changes[0].field == 'L');
    CHECK(changes[0].after == 2000);
    CHECK(changes[1].field == 'v');
    CHECK(diff(a, a).empty());
}

TEST_CASE("versions: a delivery far beyond what Lightspeed's reads have shown is implausible") {
    constexpr std::int64_t k_max = INT64_MAX;
    struct Case {
        std::int64_t version;
        std::int64_t seen;
        bool plausible;
    };
    const Case cases[] = {
        {5, 0, true},                           // nothing read yet: no bound known
        {k_max, 0, true},                       // (the first read repairs it, see below)
        {1000, 990, true},                      // a sale after the last read
        {990 + (1LL << 32), 990, true},         // a young store: up to 2^32 ahead
        {991 + (1LL << 32), 990, false},        //
        {2 * 173456345676, 173456345676, true}, // a mature store may double, no more
        {2 * 173456345676 + 1, 173456345676, false},
        {k_max, 173456345676, false}, // the version of finding 3
        {k_max, k_max / 2 + 1, true}, // no overflow near the top
    };
    for (const auto& c : cases) {
        CAPTURE(c.version);
        CAPTURE(c.seen);
        CHECK(plausible_delivery_version(c.version, c.seen) == c.plausible);
    }
    CHECK(plausible_version_limit(k_max) == k_max);
}

TEST_CASE("versions: Lightspeed's own read repairs a stored version that ran ahead") {
    struct Case {
        const char* what;
        std::int64_t stored;
        std::int64_t read;
        std::int64_t seen;
        bool applied;
    };
    const Case cases[] = {
        {"newer read", 100, 120, 120, true},
        {"older read of a plausible version (a late page)", 120, 100, 130, false},
        {"equal version", 120, 120, 130, false},
        {"stored INT64_MAX, read 7", INT64_MAX, 7, 500, true},
        {"stored just past the limit", 501 + (1LL << 32), 7, 500, true},
        {"stored at the limit", 500 + (1LL << 32), 7, 500, false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.what);
        StockNumbers s{Qty::units(999), c.stored, Qty::units(2), Qty::units(0)};
        Observation o = observe_read(s, Qty::units(5), c.read, c.seen);
        CHECK((o == Observation::applied) == c.applied);
        CHECK(s.ls_count == (c.applied ? Qty::units(5) : Qty::units(999)));
        CHECK(s.version == (c.applied ? c.read : c.stored));
        CHECK(s.reserved == Qty::units(2)); // only L and v are observed
    }
}
