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

TEST_CASE("parse_csv: blanks inside quotes are data, blanks around them are not") {
    auto recs = parse_csv("1,\"  Fancy  Name \",x\n2, \"Quoted\" ,y\n3,  plain  ,z\n");
    REQUIRE(recs.size() == 3);
    CHECK(recs[0].fields == std::vector<std::string>{"1", "  Fancy  Name ", "x"});
    CHECK(recs[0].quoted == std::vector<bool>{false, true, false});
    CHECK(recs[1].fields[1] == "Quoted");
    CHECK(recs[1].quoted[1]);
    CHECK(recs[2].fields[1] == "  plain  ");
    CHECK_FALSE(recs[2].quoted[1]);
}
