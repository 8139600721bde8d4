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
