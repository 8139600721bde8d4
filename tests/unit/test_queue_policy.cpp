#include <kivals/queue/policy.hpp>

#include <doctest/doctest.h>

using namespace kivals::queue;

TEST_CASE("retry_delay: doubles from a minute, capped at an hour") {
    struct Case {
        int attempts;
        long seconds;
    };
    const Case cases[] = {{0, 60},  {1, 60},   {2, 120},  {3, 240},
                          {4, 480}, {6, 1920}, {7, 3600}, {50, 3600}};
    for (const Case& c : cases) {
        CAPTURE(c.attempts);
        CHECK(retry_delay(c.attempts).count() == c.seconds);
    }
    CHECK_FALSE(exhausted(7, 8));
    CHECK(exhausted(8, 8));
}

TEST_CASE("superseded_by: the newest version per record wins, ties go to the earliest") {
    struct Case {
        const char* what;
        std::vector<Candidate> in;
        std::vector<std::int64_t> want;
    };
    const Case cases[] = {
        {"one", {{1, "a", 5}}, {0}},
        {"in order", {{1, "a", 5}, {2, "a", 6}}, {2, 0}},
        {"out of order", {{1, "a", 7}, {2, "a", 6}, {3, "a", 5}}, {0, 1, 1}},
        {"duplicates", {{1, "a", 5}, {2, "a", 5}}, {0, 1}},
        {"two records", {{1, "a", 5}, {2, "b", 1}, {3, "a", 4}, {4, "b", 2}}, {0, 4, 1, 0}},
        {"unknown version never collapses", {{1, "a", 0}, {2, "a", 9}}, {0, 0}},
        {"no key never collapses", {{1, "", 5}, {2, "", 9}}, {0, 0}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        CHECK(superseded_by(c.in) == c.want);
    }
}

TEST_CASE("judge_doorbell: only the API's own versions decide, the delivery's never") {
    using kivals::Qty;
    struct Case {
        const char* what;
        Qty told;
        DoorbellRead read;
        int rechecks;
        Doorbell want;
    };
    const Qty seven = Qty::from_milli(7000), nine = Qty::from_milli(9000);
    const Case cases[] = {
        {"a newer API version", seven, {100, 120, seven, false}, 0, Doorbell::applied},
        {"newer, another level than told (a later sale)",
         seven,
         {100, 120, nine, false},
         0,
         Doorbell::applied},
        {"newer even after re-reads", seven, {100, 120, nine, false}, 2, Doorbell::applied},
        {"nothing newer, the level told, from our push",
         seven,
         {120, 120, seven, true},
         0,
         Doorbell::echo},
        {"nothing newer, the level told", seven, {120, 120, seven, false}, 0, Doorbell::current},
        {"nothing newer, another level: read again",
         seven,
         {120, 120, nine, false},
         0,
         Doorbell::recheck},
        {"once more", seven, {120, 120, nine, true}, 1, Doorbell::recheck},
        {"re-reads spent",
         seven,
         {120, 120, nine, false},
         k_doorbell_rechecks,
         Doorbell::not_confirmed},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        CHECK(judge_doorbell(c.told, c.read, c.rechecks) == c.want);
    }
}

TEST_CASE("learn_from_echo: three agreeing echoes prove one counter, one disagreement refutes") {
    SpaceEvidence e;
    e = learn_from_echo(e, 500, 500);
    CHECK(e.space == VersionSpace::unknown);
    CHECK(e.agreeing == 1);
    e = learn_from_echo(learn_from_echo(e, 610, 610), 700, 700);
    CHECK(e.space == VersionSpace::same);
    CHECK(learn_from_echo(e, 1, 800).space == VersionSpace::same); // settled
    SpaceEvidence other = learn_from_echo(learn_from_echo({}, 5, 5), 6, 1'000'000'006);
    CHECK(other.space == VersionSpace::separate);
    CHECK(learn_from_echo(other, 7, 7).space == VersionSpace::separate);
    for (VersionSpace s : {VersionSpace::unknown, VersionSpace::same, VersionSpace::separate})
        CHECK(space_from_name(space_name(s)) == s);
    CHECK(space_from_name("bogus") == VersionSpace::unknown);
}
