#include <kivals/link/normalize.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>

using namespace kivals::link;

TEST_CASE("normalize_name: case, punctuation, units, model numbers, abbreviations") {
    struct Case {
        std::string in;
        std::string out;
    };
    const Case cases[] = {
        {"Sony BRAVIA KDL-40V4100", "sony bravia kdl40v4100"},
        {"SONY Bravia KDL40V4100", "sony bravia kdl40v4100"},
        {"16 GB microSD", "16gb microsd"},
        {"16gb MicroSD", "16gb microsd"},
        {"16-GB card", "16gb card"},
        {"2.7 ' LCD", "2.7in lcd"},
        {"27\" monitor", "27in monitor"},
        {"27-inch monitor", "27in monitor"},
        {"27 inches monitor", "27in monitor"},
        {"13.5 Megapixel camera", "13.5mp camera"},
        {"12MP camera", "12mp camera"},
        {"4x zoom", "4x zoom"},
        {"100 Watts speaker", "100w speaker"},
        {"Blk/Wht case", "black white case"},
        {"Grey Slvr", "gray silver"},
        {"Speakers & Batteries", "speaker battery"},
        {"Case w/ strap", "case strap"},
        {"Case w/4x zoom", "case 4x zoom"},
        {"Men's Shoes", "men shoe"},
        {"Hi-Res, (s) the best; of all!", "hi res s best all"},
        {"Blu-ray Player", "bluray player"},
        {"966193-0403", "9661930403"},
        {"1/2 inch", "1/2 inch"},
        {"Crème Brûlée SET", "crème brûlée set"},
        {"PhotoDirector Version 9", "photodirector 9"},
        {"PhotoDirector Ver. 9.0", "photodirector 9"},
        {"PhotoDirector v9", "photodirector 9"},
        {"PhotoDirector X10", "photodirector 10"},
        {"Civilization IV", "civilization 4"},
        {"Cola Pack of 6", "cola 6pk"},
        {"Cola 6 x 330ml", "cola 6pk 330ml"},
        {"Cola 6x330ml", "cola 6pk 330ml"},
        {"Cola 6-Pack", "cola 6pk"},
        {"Beans 4x415gr", "bean 4pk 415g"},
        {"10x zoom", "10x zoom"},
        {"Jeans W32 L30", "jean 32x30"},
        {"Jeans 32W 30L", "jean 32x30"},
        {"Jeans 32/30", "jean 32x30"},
        {"Tee Extra Small", "tee xs"},
        {"Tee X Large", "tee xl"},
        {"Tee 2XL", "tee xxl"},
        {"3 Dev 12 mths", "3dev 12mo"},
        {"1 Kilo", "1kg"},
        {"glass", "glass"},
        {"", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.in);
        CHECK(normalize_name(c.in) == c.out);
    }
}

TEST_CASE("normalize_name makes differently written twins equal") {
    const char* pairs[][2] = {
        {"KDL-40V4100 Sony 40in", "sony kdl40v4100 40\""},
        {"Logitech Harmony 890 REMOTE", "logitech harmony 890 remote"},
        {"Samsung 16 GB", "SAMSUNG 16GB"},
    };
    for (auto& p : pairs) {
        auto a = name_tokens(p[0]), b = name_tokens(p[1]);
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        CAPTURE(std::string(p[0]));
        CHECK(a == b);
    }
}

TEST_CASE("abbreviates: a word's start, or its first letter and consonants in order") {
    struct Case {
        std::string abbr, word;
        bool yes;
    };
    const Case cases[] = {
        {"choc", "chocolate", true},  {"dlx", "deluxe", true},       {"std", "standard", true},
        {"blk", "black", true},       {"pro", "professional", true}, {"qntm", "quantum", true},
        {"men", "magenta", false},                            // a word, not consonants
        {"tea", "teal", true},        {"bs", "basic", false}, // too short
        {"chocolate", "choc", false}, {"std", "std", false},         {"xyz", "xylophone", false},
        {"dl3", "dl300", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.abbr);
        CAPTURE(c.word);
        CHECK(abbreviates(c.abbr, c.word) == c.yes);
    }
}

TEST_CASE("is_model_token") {
    struct Case {
        std::string token;
        bool model;
    };
    const Case cases[] = {
        {"kdl40v4100", true}, {"h890", true},  {"p6000", true}, {"9661930403", true},
        {"16gb", true},       {"890", false},  {"2.7in", true}, {"sony", false},
        {"4x", false},        {"12345", true}, {"2.75", false}, {"a1", false},
    };
    for (const Case& c : cases) {
        CAPTURE(c.token);
        CHECK(is_model_token(c.token) == c.model);
    }
}

TEST_CASE("model_similarity") {
    struct Case {
        std::string a;
        std::string b;
        double low, high;
    };
    const Case cases[] = {
        {"kdl40v4100", "kdl40v4100", 1.0, 1.0},
        {"coolpixp6000bk", "p6000", 0.5, 0.9}, // one inside the other
        {"wfw9200sq", "wfw9200sw", 0.6, 0.8},  // same series, other colour
        {"dmw7612gb", "bw16236", 0.0, 0.0},    // unrelated
        {"ab12", "ab13", 0.0, 0.0},            // too short to say
        {"abcdef", "abcdefg", 0.0, 0.0},       // no digits: words, not models
    };
    for (const Case& c : cases) {
        CAPTURE(c.a);
        CAPTURE(c.b);
        double s = model_similarity(c.a, c.b);
        CHECK(s >= c.low);
        CHECK(s <= c.high);
        CHECK(model_similarity(c.b, c.a) == s);
    }
}

TEST_CASE("normalize_sku and normalize_barcode") {
    CHECK(normalize_sku(" AB-123 x ") == "ab123x");
    CHECK(normalize_sku("") == "");
    CHECK(normalize_barcode("0012345678905") == "12345678905");
    CHECK(normalize_barcode("012345678905") == "12345678905");
    CHECK(normalize_barcode("1234 5678") == "12345678");
    CHECK(normalize_barcode("ISBN-X1") == "isbnx1");
    CHECK(normalize_barcode("000") == "0");
}

TEST_CASE("variant_display_name") {
    CHECK(variant_display_name("Tee", "") == "Tee");
    CHECK(variant_display_name("Tee", "Tee") == "Tee");
    CHECK(variant_display_name("Tee", "Tee / Red / L") == "Tee / Red / L");
    CHECK(variant_display_name("Tee", "Red / L") == "Tee Red / L");
}

TEST_CASE("colours, sizes and measures") {
    CHECK(is_colour("plum"));
    CHECK(!is_colour("apple"));
    CHECK(size_code("small") == "s");
    CHECK(size_code("xl") == "xl");
    CHECK(size_code(normalize_name("X-Large")) == "xl");
    CHECK(size_code("lg").empty()); // LG is a brand
    struct Case {
        std::string token;
        bool measure;
        double value;
        std::string unit;
    };
    const Case cases[] = {
        {"16gb", true, 16, "gb"},   {"2.7in", true, 2.7, "in"},   {"13.5mp", true, 13.5, "mp"},
        {"4x", false, 0, ""},       {"kdl40v4100", false, 0, ""}, {"16", false, 0, ""},
        {"gb", false, 0, ""},       {"1kg", true, 1000, "g"},     {"1.5l", true, 1500, "ml"},
        {"24mo", true, 2, "yr"},    {"80ct", true, 80, "count"},  {"3user", true, 3, "count"},
        {"3dev", true, 3, "count"}, {"6pk", true, 6, "pack"},     {"3pr", true, 3, "pack"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.token);
        auto m = measure_of(c.token);
        REQUIRE(m.has_value() == c.measure);
        if (m) {
            CHECK(m->value == doctest::Approx(c.value));
            CHECK(m->unit == c.unit);
        }
    }
    CHECK(same_measure(13, 13.5));
    CHECK(!same_measure(16, 32));
    CHECK(!same_measure(40, 46));
}
