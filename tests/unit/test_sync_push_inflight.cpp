#include <kivals/sync/push_inflight.hpp>

#include <doctest/doctest.h>

using namespace kivals;
using namespace kivals::sync;
using Verdict = InflightVerdict;

namespace {

InflightPush relative(const char* product, int pending, std::int64_t log_after,
                      const char* reason = "r-order") {
    InflightPush p;
    p.lightspeed_id = product;
    p.outlet_id = "o1";
    p.plan.pending = Qty::units(pending);
    p.kind = InflightPush::Kind::relative;
    p.reason_id = reason;
    p.log_after = log_after;
    return p;
}

lightspeed::StockAdjustment entry(const char* product, int quantity, std::int64_t version,
                                  const char* reason = "r-order", const char* outlet = "o1") {
    lightspeed::StockAdjustment a;
    a.product_id = product;
    a.outlet_id = outlet;
    a.quantity = Qty::units(quantity);
    a.reason = "CUSTOM";
    a.custom_reason_id = reason;
    a.version = version;
    return a;
}

} // namespace

TEST_CASE("in-flight relative pushes are found in the adjustment log, each entry once") {
    struct Case {
        const char* name;
        std::vector<InflightPush> inflight;
        std::vector<lightspeed::StockAdjustment> log;
        std::vector<Verdict> want;
    };
    const Case cases[] = {
        {"an empty log: nothing landed", {relative("a", 3, 10)}, {}, {Verdict::not_landed}},
        {"the same change after the cursor landed",
         {relative("a", 3, 10)},
         {entry("a", -3, 11)},
         {Verdict::landed}},
        {"an entry at or below the cursor is an older push",
         {relative("a", 3, 10)},
         {entry("a", -3, 9), entry("a", -3, 10)},
         {Verdict::not_landed}},
        {"another product, quantity, reason or outlet is not ours",
         {relative("a", 3, 10)},
         {entry("b", -3, 11), entry("a", -2, 12), entry("a", -3, 13, "r-other"),
          entry("a", -3, 14, "r-order", "o2"), entry("a", 3, 15)},
         {Verdict::not_landed}},
        {"a return (+) is matched with its own sign",
         {relative("a", -2, 10, "r-return")},
         {entry("a", 2, 11, "r-return")},
         {Verdict::landed}},
        {"one entry cannot prove two pushes",
         {relative("a", 3, 10), relative("b", 3, 10)},
         {entry("a", -3, 11)},
         {Verdict::landed, Verdict::not_landed}},
        {"each push has its own cursor",
         {relative("a", 1, 20), relative("b", 1, 5)},
         {entry("b", -1, 6), entry("a", -1, 19), entry("a", -1, 21)},
         {Verdict::landed, Verdict::landed}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        CHECK(match_adjustment_log(c.inflight, c.log) == c.want);
    }
}

TEST_CASE("an absolute push: judged by the record's version and level") {
    // Lightspeed had 40 at version 40; kivals wrote 37 to take 3 units.
    InflightPush p;
    p.kind = InflightPush::Kind::absolute;
    p.version_before = 40;
    p.written = Qty::units(37);
    p.plan.pending = Qty::units(3);
    CHECK(judge_absolute(p, 40, Qty::units(40)) == Verdict::not_landed); // nothing happened
    CHECK(judge_absolute(p, 41, Qty::units(37)) == Verdict::landed);     // our write
    CHECK(judge_absolute(p, 42, Qty::units(35)) == Verdict::landed);     // ours, then a sale
    CHECK(judge_absolute(p, 41, Qty::units(39)) == Verdict::not_landed); // a sale alone
    // A return of 2 (wrote 42 over 40): any moved version is taken as landed.
    p.written = Qty::units(42);
    p.plan.pending = Qty::units(-2);
    CHECK(judge_absolute(p, 41, Qty::units(42)) == Verdict::landed);
    CHECK(judge_absolute(p, 42, Qty::units(41)) == Verdict::landed);
    // Absolute pushes are never judged from the log.
    CHECK(match_adjustment_log(std::span(&p, 1), {}) == std::vector{Verdict::not_landed});
}

TEST_CASE("a push found to have landed: S takes the units, L the fresh level even at equal v") {
    // Worked example 2 killed after Lightspeed took the -3: L 39 R 8 S 5 at v 7.
    StockNumbers before{Qty::units(39), 7, Qty::units(8), Qty::units(5)};
    PushPlan plan{Qty::units(3)};

    SUBCASE("its echo was applied meanwhile: the fresh read repeats it") {
        StockNumbers s = before;
        s.ls_count = Qty::units(36);
        s.version = 9;
        landed_push_found(s, plan, Qty::units(36), 9);
        CHECK(s == StockNumbers{Qty::units(36), 9, Qty::units(8), Qty::units(8)});
    }
    SUBCASE("nothing was observed since: the fresh read is newer") {
        StockNumbers s = before;
        landed_push_found(s, plan, Qty::units(36), 9);
        CHECK(s == StockNumbers{Qty::units(36), 9, Qty::units(8), Qty::units(8)});
        CHECK(s.available() == Qty::units(36));
    }
    SUBCASE("an older read never moves the version back") {
        StockNumbers s = before;
        s.version = 12;
        s.ls_count = Qty::units(35);
        landed_push_found(s, plan, Qty::units(36), 9);
        CHECK(s == StockNumbers{Qty::units(35), 12, Qty::units(8), Qty::units(8)});
    }
}
