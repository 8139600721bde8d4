#include <kivals/core/qty.hpp>

#include <doctest/doctest.h>

using kivals::Qty;

TEST_CASE("Qty parses numbers that arrive as strings") {
    struct Case {
        const char* text;
        std::optional<std::int64_t> milli;
    };
    const Case cases[] = {
        {"12", 12000},       {"-3", -3000},         {"200.00000", 200000}, {"1.5", 1500},
        {"+4", 4000},        {"0.0005", 1},         {"0.0004", 0},         {" 7 ", 7000},
        {".5", 500},         {"", std::nullopt},    {"abc", std::nullopt}, {"1.2.3", std::nullopt},
        {"-", std::nullopt}, {"1e3", std::nullopt},
    };
    for (const auto& c : cases) {
        CAPTURE(c.text);
        auto q = Qty::parse(c.text);
        REQUIRE(q.has_value() == c.milli.has_value());
        if (q)
            CHECK(q->milli() == *c.milli);
    }
}

TEST_CASE("Qty formats without needless zeros and rounds doubles") {
    CHECK(Qty::units(12).str() == "12");
    CHECK(Qty::from_milli(-1500).str() == "-1.5");
    CHECK(Qty::from_milli(250).str() == "0.25");
    CHECK(Qty::from_milli(-250).str() == "-0.25");
    CHECK(Qty::from_double(2.0004).milli() == 2000);
    CHECK(Qty::from_double(-10.0).milli() == -10000);
    CHECK(Qty::from_double(0.1).milli() == 100);
}
