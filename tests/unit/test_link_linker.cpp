#include <kivals/link/linker.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace kivals::link;

namespace {

// A small store catalogue with near neighbours, so that a right answer has to beat them.
std::vector<Product> store() {
    return {
        {"K1", "Sony Bravia 40\" LCD TV KDL-40V4100", "", ""},
        {"K2", "Sony Bravia 46\" LCD TV KDL-46V4100", "", ""},
        {"K3", "Nikon Coolpix P6000 13 Megapixel Digital Camera Black", "", ""},
        {"K4", "Nikon Coolpix S600 10 Megapixel Digital Camera Silver", "", ""},
        {"K5", "Logitech Harmony 890 Advanced Universal Remote", "", ""},
        {"K6", "Logitech Harmony 550 Universal Remote", "", ""},
        {"K7", "SanDisk Ultra 16GB microSD card", "SD-16", "0012345678905"},
        {"K8", "SanDisk Ultra 32GB microSD card", "SD-32", ""},
        {"K9", "Whirlpool Duet Front Load Washer White WFW9200SW", "", ""},
        {"K10", "Whirlpool Duet Front Load Dryer White WED9200SW", "", ""},
    };
}

} // namespace

TEST_CASE("suggest: the twin comes first however the name is written") {
    struct Case {
        std::string name;
        std::string twin;
    };
    const Case cases[] = {
        {"KDL40V4100 sony bravia lcd tv 40in", "K1"},                // word order, dash, inch mark
        {"Sony 46 inch LCD KDL-46V4100", "K2"},                      // units spelled out
        {"nikon black 13.5 megapixel coolpix coolpixp6000bk", "K3"}, // model inside a token
        {"Nikon COOLPIX S600 slv", "K4"},                            // abbreviation
        {"logitech harmony 890 advanced universal remote control h890", "K5"},
        {"SanDisk 16 GB Micro SD", "K7"},                       // "16 GB" vs "16GB"
        {"Whirlpool white front load washer WFW9200SWH", "K9"}, // longer model number
    };
    auto kiva = store();
    std::vector<Product> ls;
    for (const Case& c : cases)
        ls.push_back({"L", c.name, "", ""});
    Linker linker(ls, kiva);
    for (std::size_t i = 0; i < ls.size(); ++i) {
        CAPTURE(cases[i].name);
        auto got = linker.suggest(i, 3, 0.0);
        REQUIRE(!got.empty());
        CHECK(kiva[got[0].kiva].id == cases[i].twin);
        CHECK(got[0].reason == Reason::name);
    }
}

TEST_CASE("suggest: exact SKU, then barcode, then names") {
    auto kiva = store();
    std::vector<Product> ls = {
        {"L1", "something else entirely", "sd-32", ""}, // SKU wins over a poor name
        {"L2", "memory card", "", "12345678905"},       // UPC-A vs EAN-13 with a zero
        {"L3", "SanDisk Ultra 16GB microSD", "SD-32", "012345678905"}, // both: SKU first
    };
    Linker linker(ls, kiva);
    auto l1 = linker.suggest(0, 3, 0.0);
    REQUIRE(!l1.empty());
    CHECK(kiva[l1[0].kiva].id == "K8");
    CHECK(l1[0].reason == Reason::sku);
    CHECK(l1[0].score == 1.0f);
    auto l2 = linker.suggest(1, 3, 0.0);
    CHECK(kiva[l2[0].kiva].id == "K7");
    CHECK(l2[0].reason == Reason::barcode);
    auto l3 = linker.suggest(2, 3, 0.0);
    REQUIRE(l3.size() >= 2);
    CHECK(kiva[l3[0].kiva].id == "K8");
    CHECK(l3[0].reason == Reason::sku);
    CHECK(kiva[l3[1].kiva].id == "K7");
    CHECK(l3[1].reason == Reason::barcode);
    for (std::size_t i = 2; i < l3.size(); ++i)
        CHECK(l3[i].kiva != l3[0].kiva); // never the same product twice
}

TEST_CASE("suggest: variants are told apart by colour, size and measure") {
    std::vector<Product> kiva = {
        {"K1", "Classic Tee - red, small", "", ""},
        {"K2", "Classic Tee red medium", "", ""},
        {"K3", "Classic Tee blue small", "", ""},
        {"K4", "Classic Tee (Blue) X-Large", "", ""},
        {"K5", "SanDisk Cruzer 16GB USB drive", "", ""},
        {"K6", "SanDisk Cruzer 32 GB USB drive", "", ""},
    };
    struct Case {
        std::string name;
        std::string twin;
    };
    const Case cases[] = {
        {"Classic Tee / Red / S", "K1"},          {"Classic Tee / Red / M", "K2"},
        {"Classic Tee / Blue / S", "K3"},         {"Classic Tee / Blue / XL", "K4"},
        {"Cruzer USB Drive 16 GB SanDisk", "K5"}, {"SanDisk Cruzer 32gb", "K6"},
    };
    std::vector<Product> ls;
    for (const Case& c : cases)
        ls.push_back({"L", c.name, "", ""});
    Linker linker(ls, kiva);
    for (std::size_t i = 0; i < ls.size(); ++i) {
        CAPTURE(cases[i].name);
        auto got = linker.suggest(i, 3, 0.0);
        REQUIRE(got.size() >= 2);
        CHECK(kiva[got[0].kiva].id == cases[i].twin);
        CHECK(got[0].score > got[1].score + 0.05f); // a clear winner, not a coin toss
    }
}

TEST_CASE("name_score: a table of pairs") {
    struct Case {
        std::string a, b;
        double low, high;
    };
    const Case cases[] = {
        {"Sony Bravia KDL-40V4100", "sony bravia kdl40v4100", 0.99, 1.01},
        {"Logitech Harmony 890 Remote", "Harmony 890 Logitech remote", 0.95, 1.01},
        {"Sony Bravia KDL-40V4100", "Nikon Coolpix P6000", 0.0, 0.1},
        {"Sony Bravia KDL-40V4100", "Sony Bravia KDL-46V4100", 0.3, 0.85},
    };
    for (const Case& c : cases) {
        std::vector<Product> ls = {{"L", c.a, "", ""}}, kiva = {{"K", c.b, "", ""}};
        Linker linker(ls, kiva);
        CAPTURE(c.a);
        CAPTURE(c.b);
        double s = linker.name_score(0, 0);
        CHECK(s >= c.low);
        CHECK(s <= c.high);
    }
}

TEST_CASE("suggest: top, min_score, threads and empty sides") {
    auto kiva = store();
    std::vector<Product> ls = {
        {"L1", "Sony LCD TV", "", ""}, {"L2", "Nikon camera", "", ""}, {"L3", "", "", ""}};
    Linker linker(ls, kiva);
    CHECK(linker.suggest(0, 1, 0.0).size() == 1);
    for (const auto& c : linker.suggest(0, 10, 0.3))
        CHECK(c.score >= 0.3f);
    CHECK(linker.suggest(2, 5, 0.0).empty());
    auto one = linker.suggest_all({5, 0.0, 1});
    auto two = linker.suggest_all({5, 0.0, 2});
    REQUIRE(one.size() == two.size());
    for (std::size_t i = 0; i < one.size(); ++i) {
        REQUIRE(one[i].size() == two[i].size());
        for (std::size_t r = 0; r < one[i].size(); ++r)
            CHECK(one[i][r].kiva == two[i][r].kiva);
    }
    std::vector<Product> odd = {
        {"L", std::string(400, '9') + "gb " + std::string(400, '8'), "", ""},
        {"L", "\xff\xfe x 12x 0x 1/ v .5 ..", "", ""}};
    Linker hostile(odd, kiva); // no overflow, no throw, whatever the digits
    CHECK(hostile.suggest_all({5, 0.0, 1}).size() == 2);
    std::vector<Product> none;
    Linker empty(ls, none);
    CHECK(empty.suggest_all({5, 0.0, 2})[0].empty());
    Linker no_ls(none, kiva);
    CHECK(no_ls.suggest_all({5, 0.0, 2}).empty());
}

namespace {

struct Twin {
    std::string name;
    std::string twin;
};

// Check that each Lightspeed name's best candidate (each product on its own) is its twin.
void check_twins(const std::vector<Product>& kiva, const std::vector<Twin>& cases) {
    std::vector<Product> ls;
    for (const Twin& c : cases)
        ls.push_back({"L", c.name, "", ""});
    Linker linker(ls, kiva);
    for (std::size_t i = 0; i < ls.size(); ++i) {
        CAPTURE(cases[i].name);
        auto got = linker.suggest(i, 3, 0.0);
        REQUIRE(!got.empty());
        CHECK(kiva[got[0].kiva].id == cases[i].twin);
    }
}

} // namespace

TEST_CASE("suggest: siblings without model numbers are told apart") {
    SUBCASE("software: editions, platforms, versions, device counts, terms") {
        std::vector<Product> kiva = {
            {"K1", "Corel PhotoDirector 12 Professional - Windows [Download]", "", ""},
            {"K2", "Corel PhotoDirector 12 - Windows", "", ""},
            {"K3", "Corel PhotoDirector 12 Professional - for Mac", "", ""},
            {"K4", "Corel PhotoDirector Version 11 Professional - Windows", "", ""},
            {"K5", "Norton Security Deluxe - 3 Devices - 1 Year Subscription", "", ""},
            {"K6", "Norton Security Deluxe - 5 Devices - 1 Year Subscription", "", ""},
            {"K7", "Norton Security Deluxe - 3 Devices - 24 Months", "", ""},
        };
        check_twins(kiva, {
                              {"PHOTODIRECTOR 12 PRO WIN", "K1"},  // tier abbreviated
                              {"Photo Director v12 Std PC", "K2"}, // the plain edition unsaid
                              {"PhotoDirector 12.0 Prof. macOS", "K3"},
                              {"Corel PhotoDirector XI Pro Windows", "K4"}, // Roman version
                              {"NORTON SEC DLX 3PC 1YR", "K5"},
                              {"Norton Security Dlx 5 Users 12 Months", "K6"},
                              {"Norton Security Deluxe 3 Dev 2 Yr", "K7"},
                          });
    }
    SUBCASE("grocery: sizes, counts, multipacks, flavours") {
        std::vector<Product> kiva = {
            {"K1", "Heinz Baked Beans in Tomato Sauce 415g", "", ""},
            {"K2", "Heinz Baked Beans in Tomato Sauce 415g (Pack of 4)", "", ""},
            {"K3", "Heinz Baked Beans Reduced Sugar 415g", "", ""},
            {"K4", "Heinz Baked Beans in Tomato Sauce 200g", "", ""},
            {"K5", "Lindt Dark Chocolate 70% 100g", "", ""},
            {"K6", "Lindt Dark Chocolate Sea Salt 100g", "", ""},
            {"K7", "Oatly Oat Milk Barista 1 Litre", "", ""},
            {"K8", "Oatly Oat Milk Barista 6 x 1 L", "", ""},
        };
        check_twins(kiva, {
                              {"HEINZ BKD BEANS 415G", "K1"},
                              {"HEINZ BAKED BEANS 4X415GR", "K2"},
                              {"Heinz Baked Beans Red Sugar 415 g", "K3"},
                              {"heinz baked beans 200 grams", "K4"},
                              {"LINDT DARK CHOC 70% 100G", "K5"},
                              {"Lindt Dark Choc Sea Slt 100g", "K6"},
                              {"OATLY OAT MILK BARISTA 1000ML", "K7"},
                              {"Oatly Oat Milk Barista 1L 6PK", "K8"},
                          });
    }
    SUBCASE("clothing: colours, sizes, waist and leg, compounds") {
        std::vector<Product> kiva = {
            {"K1", "Levi's Men's 501 Original Fit Jeans - Black - W32 L30", "", ""},
            {"K2", "Levi's Men's 501 Original Fit Jeans - Black - W32 L32", "", ""},
            {"K3", "Levi's Men's 501 Original Fit Jeans - Dark Green - W32 L30", "", ""},
            {"K4", "Nike Men's Essential Crew Neck T-Shirt, Navy, Extra Large", "", ""},
            {"K5", "Nike Men's Essential Crew Neck T-Shirt, Navy, Large", "", ""},
            {"K6", "Nike Men's Essential Crew Neck T-Shirt, Burgundy, Large", "", ""},
            {"K7", "Patagonia Women's Raincoat - Olive - Small", "", ""},
        };
        check_twins(kiva, {
                              {"LEVIS 501 ORIGINAL FIT JEANS BLK 32X30", "K1"},
                              {"Levi's 501 Original Jeans Black 32/32", "K2"},
                              {"Levis 501 Orig Fit Jeans Dark Grn 32W 30L", "K3"},
                              {"NIKE ESS CREW TSHIRT NAVY XL", "K4"},
                              {"Nike Essential Crew T Shirt Nvy L", "K5"},
                              {"Nike Ess Crew Neck Tee Brgndy Lrg", "K6"},
                              {"Patagonia Womens Rain Coat Olive S", "K7"},
                          });
    }
}

TEST_CASE("suggest_all: rank 1 is the one-to-one assignment") {
    std::vector<Product> kiva = {
        {"K1", "Acme Anvil Deluxe 20 kg", "", ""},
        {"K2", "Acme Anvil 20 kg", "", ""},
    };
    std::vector<Product> ls = {
        {"L1", "ACME ANVIL DLX 20KG", "", ""}, // wants K1, and K1 is its twin
        {"L2", "Acme Anvil 20kg", "", ""},     // might like K1 too, but K2 is free
        {"L3", "Garden hose 30 m", "", ""},    // no twin at all: nothing forced on it
    };
    Linker linker(ls, kiva);
    auto lists = linker.suggest_all({3, 0.0, 1});
    REQUIRE(lists.size() == 3);
    REQUIRE(!lists[0].empty());
    REQUIRE(!lists[1].empty());
    CHECK(kiva[lists[0][0].kiva].id == "K1");
    CHECK(lists[0][0].assigned);
    CHECK(kiva[lists[1][0].kiva].id == "K2");
    CHECK(lists[1][0].assigned);
    for (const Candidate& c : lists[2])
        CHECK(!c.assigned);
    SuggestOptions own{3, 0.0, 1};
    own.assign = false;
    for (const auto& list : linker.suggest_all(own))
        for (const Candidate& c : list)
            CHECK(!c.assigned);
}
