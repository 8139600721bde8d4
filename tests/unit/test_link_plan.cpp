#include <kivals/link/plan.hpp>

#include <doctest/doctest.h>

using namespace kivals::link;

namespace {

Candidate cand(std::uint32_t kiva, float score, Reason reason = Reason::name) {
    return {kiva, score, reason};
}

} // namespace

TEST_CASE("plan_auto_links: a table of suggestion sets") {
    struct Case {
        const char* what;
        std::vector<std::vector<Candidate>> lists;
        double min_score;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> accepted; // (ls, kiva)
        std::vector<std::pair<std::uint32_t, Contest>> contested;
    };
    const Case cases[] = {
        {"clear winners", {{cand(0, 0.9f)}, {cand(1, 0.8f)}}, 0.7, {{0, 0}, {1, 1}}, {}},
        {"below the bar", {{cand(0, 0.6f)}, {cand(1, 0.8f)}}, 0.7, {{1, 1}}, {}},
        {"at the bar counts", {{cand(0, 0.7f)}}, 0.7f, {{0, 0}}, {}},
        {"two claim one product", {{cand(0, 0.9f)}, {cand(0, 0.8f), cand(1, 0.3f)}}, 0.7, {},
         {{0, Contest::claimed}, {1, Contest::claimed}}},
        {"a claim below the bar does not count", {{cand(0, 0.9f)}, {cand(1, 0.8f), cand(0, 0.5f)}},
         0.7, {{0, 0}, {1, 1}}, {}},
        {"a runner-up above the bar claims", {{cand(0, 0.9f)}, {cand(1, 0.9f), cand(0, 0.75f)}},
         0.7, {{1, 1}}, {{0, Contest::claimed}}},
        {"a tie is left for a person", {{cand(0, 0.9f), cand(1, 0.9f)}}, 0.7, {},
         {{0, Contest::tied}}},
        {"two exact SKUs tie", {{cand(3, 1.0f, Reason::sku), cand(4, 1.0f, Reason::sku)}}, 0.5, {},
         {{0, Contest::tied}}},
        {"nothing suggested", {{}, {}}, 0.1, {}, {}},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.what));
        AutoPlan plan = plan_auto_links(c.lists, c.min_score);
        REQUIRE(plan.accepted.size() == c.accepted.size());
        for (std::size_t i = 0; i < c.accepted.size(); ++i) {
            CHECK(plan.accepted[i].ls == c.accepted[i].first);
            CHECK(plan.accepted[i].candidate.kiva == c.accepted[i].second);
        }
        REQUIRE(plan.contested.size() == c.contested.size());
        for (std::size_t i = 0; i < c.contested.size(); ++i) {
            CHECK(plan.contested[i].ls == c.contested[i].first);
            CHECK(plan.contested[i].why == c.contested[i].second);
        }
    }
}

TEST_CASE("find_duplicates: SKUs and barcodes after normalisation") {
    std::vector<Product> products = {
        {"A", "a", "SKU-1", "0012345"},
        {"B", "b", "sku1", ""},
        {"C", "c", "", "12345"},
        {"D", "d", "SKU-2", ""},
        {"E", "e", "SKU 1", "999"},
    };
    auto dups = find_duplicates(products);
    REQUIRE(dups.size() == 2);
    CHECK(dups[0].field == "sku");
    CHECK(dups[0].value == "SKU-1");
    CHECK(dups[0].products == std::vector<std::uint32_t>{0, 1, 4});
    CHECK(dups[1].field == "barcode");
    CHECK(dups[1].products == std::vector<std::uint32_t>{0, 2});
    CHECK(find_duplicates(std::vector<Product>{}).empty());
}
