#include <kivals/util/csv.hpp>

#include <doctest/doctest.h>

using namespace kivals;

TEST_CASE("csv_line and parse_csv round trip awkward fields") {
    std::vector<std::vector<std::string>> rows = {
        {"plain", "with, comma", "with \"quotes\"", "two\nlines", " padded ", ""},
        {"crème", "a\r\nb", "x"},
    };
    std::string text;
    for (const auto& r : rows)
        text += csv_line(r) + "\r\n";
    std::string error;
    auto back = parse_csv(text, &error);
    CHECK(error.empty());
    REQUIRE(back.size() == 2);
    CHECK(back[0].fields == rows[0]);
    CHECK(back[0].line == 1);
    CHECK(back[1].line == 3);
    CHECK(back[1].fields[0] == "crème");
}

TEST_CASE("parse_csv: blank lines, BOM, unterminated quote") {
    auto recs = parse_csv("\xEF\xBB\xBFid,name\n\n1,a\n");
    REQUIRE(recs.size() == 2);
    CHECK(recs[0].fields[0] == "id");
    CHECK(recs[1].line == 3);
    std::string error;
    parse_csv("a,b\n\"open,x\n", &error);
    CHECK(error.find("line 2") != std::string::npos);
}
