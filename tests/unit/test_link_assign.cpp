#include <kivals/link/assign.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace kivals::link;

namespace {

Candidate cand(std::uint32_t kiva, float score, Reason reason = Reason::name) {
    return {kiva, score, reason};
}

// Each list's (kiva, assigned) pairs, in order.
std::vector<std::vector<std::pair<std::uint32_t, bool>>>
shape(const std::vector<std::vector<Candidate>>& lists) {
    std::vector<std::vector<std::pair<std::uint32_t, bool>>> out;
    for (const auto& list : lists) {
        out.emplace_back();
        for (const Candidate& c : list)
            out.back().emplace_back(c.kiva, c.assigned);
    }
    return out;
}

} // namespace

TEST_CASE("assign_globally: a table of candidate graphs") {
    using Shape = std::vector<std::vector<std::pair<std::uint32_t, bool>>>;
    struct Case {
        const char* what;
        std::vector<std::vector<Candidate>> lists;
        std::size_t kiva_count;
        Shape expected;
    };
    const Case cases[] = {
        {"each takes its own best",
         {{cand(0, 0.9f)}, {cand(1, 0.8f)}},
         2,
         Shape{{{0, true}}, {{1, true}}}},
        {"two want one: the weaker takes its next, which moves to rank 1",
         {{cand(0, 0.9f), cand(1, 0.5f)}, {cand(0, 0.8f), cand(1, 0.7f)}},
         2,
         Shape{{{0, true}, {1, false}}, {{1, true}, {0, false}}}},
        {"below the floor nothing is assigned and the order stays",
         {{cand(0, 0.3f), cand(1, 0.2f)}},
         2,
         Shape{{{0, false}, {1, false}}}},
        {"a product whose only candidate is taken stays unassigned",
         {{cand(0, 0.9f)}, {cand(0, 0.6f)}},
         1,
         Shape{{{0, true}}, {{0, false}}}},
        {"an exact SKU is assigned before a better-looking name",
         {{cand(0, 0.99f)}, {cand(0, 1.0f, Reason::sku)}},
         1,
         Shape{{{0, false}}, {{0, true}}}},
        {"an exact match below the floor is still assigned",
         {{cand(0, 1.0f, Reason::barcode)}},
         1,
         Shape{{{0, true}}}},
        {"a Kiva product everybody likes counts for less (hubness)",
         // K0 scores well with all three; L2's own best is K1, which L1 also wants a little.
         {{cand(0, 0.80f), cand(1, 0.40f)},
          {cand(0, 0.82f), cand(1, 0.79f)},
          {cand(0, 0.81f), cand(2, 0.60f)}},
         3,
         Shape{{{0, true}, {1, false}}, {{1, true}, {0, false}}, {{2, true}, {0, false}}}},
        {"nothing to assign", {{}, {}}, 0, Shape{{}, {}}},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.what));
        auto lists = c.lists;
        assign_globally(lists, c.kiva_count);
        CHECK(shape(lists) == c.expected);
    }
}

TEST_CASE("assign_globally: the floor is a setting") {
    std::vector<std::vector<Candidate>> lists = {{cand(0, 0.3f)}};
    assign_globally(lists, 1, {0.2, 3, 1.0});
    CHECK(lists[0][0].assigned);
}
