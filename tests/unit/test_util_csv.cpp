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

TEST_CASE("detect_delimiter: the separator of the first record, outside quotes") {
    struct Case {
        const char* text;
        char want;
    };
    for (const Case& c :
         {Case{"id,name,sku\n1,a,b\n", ','}, Case{"id;name;sku\r\n1;a;b\r\n", ';'},
          Case{"id\tname\tsku\n1\ta\tb\n", '\t'}, Case{"\xEF\xBB\xBF\n\nid;name\n", ';'},
          Case{"\"a;b;c\",name\n", ','}, // the semicolons are data
          Case{"id;name,sku\n", ','},    // a tie keeps the comma
          Case{"id\n1\n", ','}, Case{"", ','}}) {
        CAPTURE(c.text);
        CHECK(detect_delimiter(c.text) == c.want);
    }
}

TEST_CASE("parse_csv with a semicolon: commas are data") {
    auto recs = parse_csv("id;name\r\nK1;\"Tee; blue\";x,y\r\n", nullptr, ';');
    REQUIRE(recs.size() == 2);
    CHECK(recs[1].fields == std::vector<std::string>{"K1", "Tee; blue", "x,y"});
}

TEST_CASE("parse_delimiter and header_key: what people type") {
    CHECK(parse_delimiter(",") == ',');
    CHECK(parse_delimiter(";") == ';');
    CHECK(parse_delimiter("tab") == '\t');
    CHECK(parse_delimiter("\t") == '\t');
    CHECK_FALSE(parse_delimiter("|").has_value());
    CHECK_FALSE(parse_delimiter("").has_value());
    CHECK(header_key("ID") == "id");
    CHECK(header_key("  Name ") == "name");
    CHECK(header_key("Lightspeed ID") == "lightspeed_id");
    CHECK(header_key("kiva-id") == "kiva_id");
    CHECK(header_key("KIVA__ID\r") == "kiva_id");
}
