#include <kivals/link/plan.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace kivals::link;

namespace {

Candidate cand(std::uint32_t kiva, float score, Reason reason = Reason::name) {
    return {kiva, score, reason};
}

Candidate assigned(Candidate c) {
    c.assigned = true;
    return c;
}

} // namespace

TEST_CASE("plan_auto_links: a table of suggestion sets") {
    struct Case {
        const char* what;
        std::vector<std::vector<Candidate>> lists;
        double min_score;
        std::vector<std::pair<std::uint32_t, std::uint32_t>> accepted; // (ls, kiva)
        std::vector<std::pair<std::uint32_t, Contest>> contested;
        double margin = default_margin;
    };
    const Case cases[] = {
        {"clear winners", {{cand(0, 0.9f)}, {cand(1, 0.8f)}}, 0.7, {{0, 0}, {1, 1}}, {}},
        {"below the bar", {{cand(0, 0.6f)}, {cand(1, 0.8f)}}, 0.7, {{1, 1}}, {}},
        {"at the bar counts", {{cand(0, 0.7f)}}, 0.7f, {{0, 0}}, {}},
        {"two claim one product within the margin",
         {{cand(0, 0.9f)}, {cand(0, 0.87f), cand(1, 0.3f)}},
         0.7,
         {},
         {{0, Contest::claimed}, {1, Contest::claimed}}},
        {"a claim far behind does not contest the leader, who contests it",
         {{cand(0, 0.9f)}, {cand(0, 0.8f), cand(1, 0.3f)}},
         0.7,
         {{0, 0}},
         {{1, Contest::claimed}}},
        {"a close claim below the bar still contests",
         {{cand(0, 0.72f)}, {cand(1, 0.9f), cand(0, 0.69f)}},
         0.7,
         {{1, 1}},
         {{0, Contest::claimed}}},
        {"a tie is left for a person",
         {{cand(0, 0.9f), cand(1, 0.9f)}},
         0.7,
         {},
         {{0, Contest::tied}}},
        {"a near-identical runner-up is left for a person",
         {{cand(0, 0.9f), cand(1, 0.87f)}},
         0.7,
         {},
         {{0, Contest::close}}},
        {"with no margin only a tie holds it back",
         {{cand(0, 0.9f), cand(1, 0.89f)}},
         0.7,
         {{0, 0}},
         {},
         0.0},
        {"two exact SKUs tie",
         {{cand(3, 1.0f, Reason::sku), cand(4, 1.0f, Reason::sku)}},
         0.5,
         {},
         {{0, Contest::tied}}},
        {"an exact SKU is not held back by a name close behind",
         {{cand(3, 1.0f, Reason::sku), cand(4, 0.99f)}, {cand(3, 0.98f)}},
         0.5,
         {{0, 3}},
         {{1, Contest::claimed}}},
        {"the lists carry an assignment and this one is not it",
         {{cand(0, 0.9f)}, {assigned(cand(1, 0.8f))}},
         0.5,
         {{1, 1}},
         {{0, Contest::claimed}}},
        {"a better claim on the assigned product still contests it",
         {{cand(0, 0.9f)}, {assigned(cand(0, 0.8f)), cand(1, 0.2f)}},
         0.5,
         {},
         {{0, Contest::claimed}, {1, Contest::claimed}}},
        {"nothing suggested", {{}, {}}, 0.1, {}, {}},
    };
    for (const Case& c : cases) {
        CAPTURE(std::string(c.what));
        AutoPlan plan = plan_auto_links(c.lists, c.min_score, c.margin);
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

TEST_CASE("near_identical: within the margin of rank 1, same kind of reason") {
    std::vector<Candidate> list = {cand(0, 0.90f), cand(1, 0.88f), cand(2, 0.80f)};
    CHECK(near_identical(list, 0));
    CHECK(near_identical(list, 1));
    CHECK(!near_identical(list, 2));
    CHECK(!near_identical(list, 3));
    CHECK(!near_identical({cand(0, 0.9f)}, 0));
    CHECK(!near_identical({cand(0, 1.0f, Reason::sku), cand(1, 0.99f)}, 1));
    CHECK(!near_identical(list, 1, 0.01));
}

TEST_CASE("name_difference: the words each name has and the other lacks") {
    auto d =
        name_difference("Corel PhotoDirector 12 Pro Windows", "Corel PhotoDirector 12 Std - Win");
    CHECK(d.only_first == std::vector<std::string>{"pro", "window"});
    CHECK(d.only_second == std::vector<std::string>{"std", "win"});
    auto same = name_difference("Tee Red L", "tee, red (L)");
    CHECK(same.only_first.empty());
    CHECK(same.only_second.empty());
}

TEST_CASE("find_duplicates: SKUs and barcodes after normalisation") {
    std::vector<Product> products = {
        {"A", "a", "SKU-1", "0012345"}, {"B", "b", "sku1", ""},     {"C", "c", "", "12345"},
        {"D", "d", "SKU-2", ""},        {"E", "e", "SKU 1", "999"},
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
