#include <kivals/sync/pull.hpp>
#include <kivals/sync/push_plan.hpp>

#include <doctest/doctest.h>

using namespace kivals;
using namespace kivals::sync;

namespace {

PushCandidate candidate(const char* id, int l, int r, int s, bool tracked = true,
                        bool composite = false, bool deleted = false, bool in_flight = false) {
    return {id,
            std::string("K") + id,
            StockNumbers{Qty::units(l), 1, Qty::units(r), Qty::units(s)},
            tracked,
            composite,
            deleted,
            in_flight};
}

} // namespace

TEST_CASE("push plan: pending products are planned, the rest left out or skipped with a reason") {
    const PushCandidate candidates[] = {
        candidate("a", 40, 8, 5),                           // worked example 2: push -3
        candidate("b", 36, 5, 8),                           // worked example 3: push +3
        candidate("c", 10, 2, 2),                           // nothing pending
        candidate("d", 10, 3, 0, false),                    // untracked
        candidate("e", 10, 3, 0, true, true),               // composite
        candidate("f", 10, 3, 0, true, false, true),        // deleted
        candidate("g", 10, 3, 0, true, false, false, true), // an earlier push not yet checked
    };
    PushPlanSet set = plan_pushes(candidates);
    REQUIRE(set.pushes.size() == 2);
    CHECK(set.pushes[0].lightspeed_id == "a");
    CHECK(set.pushes[0].plan.adjustment() == Qty::units(-3));
    CHECK(set.pushes[0].ls_now == Qty::units(40));
    CHECK(set.pushes[1].plan.adjustment() == Qty::units(3));
    REQUIRE(set.skipped.size() == 4);
    CHECK(set.skipped[0].reason == "untracked");
    CHECK(set.skipped[1].reason == "composite");
    CHECK(set.skipped[2].reason == "deleted");
    CHECK(set.skipped[3].reason == "in flight");
}

TEST_CASE("push batches hold at most the batch size, in order") {
    struct Case {
        std::size_t pushes, size;
        std::vector<std::size_t> batches;
    };
    const Case cases[] = {
        {0, 1000, {}},           {1, 1000, {1}},    {1000, 1000, {1000}},
        {1001, 1000, {1000, 1}}, {5, 2, {2, 2, 1}}, {3, 0, {1, 1, 1}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.pushes);
        CAPTURE(c.size);
        std::vector<PlannedPush> pushes(c.pushes);
        auto batches = batch_pushes(pushes, c.size);
        REQUIRE(batches.size() == c.batches.size());
        for (std::size_t i = 0; i < batches.size(); ++i)
            CHECK(batches[i].size() == c.batches[i]);
    }
}

TEST_CASE("zero guard: trips above the share, never below the minimum count") {
    struct Case {
        std::int64_t zeros, linked;
        double share;
        bool trips;
    };
    const Case cases[] = {
        {0, 100, 0.2, false}, {9, 12, 0.2, false},   {10, 12, 0.2, true},  {20, 100, 0.2, false},
        {21, 100, 0.2, true}, {21, 100, 0.5, false}, {11, 12, 1.0, false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.zeros);
        CHECK(zero_guard_trips(c.zeros, c.linked, c.share) == c.trips);
    }
}
