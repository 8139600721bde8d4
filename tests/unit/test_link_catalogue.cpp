#include <kivals/link/catalogue.hpp>

#include <doctest/doctest.h>

using namespace kivals::link;

TEST_CASE("parse_catalogue: CSV rows and bad rows with line numbers") {
    const char* text = "sku,id,name,barcode,colour\n"
                       "S1,K1,Red Tee,111,red\n"
                       "S2,,No Id,222,blue\n"
                       "S3,K3,,333,green\n"
                       "S4,K4,\"Quoted, with comma\",444,x\n"
                       "S5,K5,Too few\n"
                       "S6,K1,Repeat,666,y\n"
                       "\n"
                       "S7,K7,\"Two\nlines\",777,z\n"
                       "S8,K8, Spaced ,,w\n";
    auto parsed = parse_catalogue(text);
    REQUIRE(parsed.rows.size() == 4);
    CHECK(parsed.rows[0].product.id == "K1");
    CHECK(parsed.rows[0].product.sku == "S1");
    CHECK(parsed.rows[0].product.barcode == "111");
    CHECK(parsed.rows[1].product.name == "Quoted, with comma");
    CHECK(parsed.rows[1].line == 5);
    CHECK(parsed.rows[2].product.name == "Two\nlines");
    CHECK(parsed.rows[3].line == 11);
    CHECK(parsed.rows[3].product.name == "Spaced");
    CHECK(parsed.rows[3].product.barcode.empty());
    struct Bad {
        std::size_t line;
        const char* says;
    };
    const Bad bad[] = {{3, "missing id"}, {4, "no name"}, {6, "fields"}, {7, "repeats line 2"}};
    REQUIRE(parsed.errors.size() == 4);
    for (std::size_t i = 0; i < 4; ++i) {
        CHECK(parsed.errors[i].line == bad[i].line);
        CHECK(parsed.errors[i].message.find(bad[i].says) != std::string::npos);
    }
}

TEST_CASE("parse_catalogue: header problems fail the file") {
    for (const char* text : {"", "name,sku\nTee,S1\n", "id,sku\nK1,S1\n"}) {
        auto parsed = parse_catalogue(text);
        CHECK(parsed.rows.empty());
        REQUIRE(parsed.errors.size() == 1);
        CHECK(parsed.errors[0].line == 1);
    }
}

TEST_CASE("parse_catalogue: the header in any case and spacing, any usual separator") {
    for (const char* text : {"ID,Name,SKU\nK1,Tee,S1\n", "\xEF\xBB\xBFid;name;sku\r\nK1;Tee;S1\r\n",
                             " Id \t NAME \t Sku\nK1\tTee\tS1\n", "\n\nid,name,sku\nK1,Tee,S1"}) {
        CAPTURE(text);
        auto parsed = parse_catalogue(text);
        CHECK(parsed.errors.empty());
        REQUIRE(parsed.rows.size() == 1);
        CHECK(parsed.rows[0].product.id == "K1");
        CHECK(parsed.rows[0].product.name == "Tee");
        CHECK(parsed.rows[0].product.sku == "S1");
    }
    // A separator given wins over the one the header suggests.
    auto given = parse_catalogue("id;name;a,b,c\nK1;Tee, blue;x\n", ';');
    REQUIRE(given.rows.size() == 1);
    CHECK(given.rows[0].product.name == "Tee, blue");
    // A missing column names what the header has.
    auto missing = parse_catalogue("ID|Name\nK1|Tee\n");
    REQUIRE(missing.errors.size() == 1);
    CHECK(missing.errors[0].message == "the header has no 'id' column (it has 'ID|Name')");
}

TEST_CASE("parse_catalogue: JSON lines") {
    const char* text = "{\"id\":\"K1\",\"name\":\"Tee\",\"sku\":\"S1\"}\n"
                       "not json\n"
                       "\n"
                       "{\"id\":2,\"name\":\"Numbered\",\"barcode\":null}\n"
                       "{\"id\":\"K3\",\"name\":[1]}\n"
                       "{\"name\":\"no id\"}\n";
    auto parsed = parse_catalogue(text);
    REQUIRE(parsed.rows.size() == 2);
    CHECK(parsed.rows[0].product.sku == "S1");
    CHECK(parsed.rows[1].product.id == "2");
    CHECK(parsed.rows[1].line == 4);
    REQUIRE(parsed.errors.size() == 3);
    CHECK(parsed.errors[0].line == 2);
    CHECK(parsed.errors[1].line == 5);
    CHECK(parsed.errors[2].line == 6);
}

TEST_CASE("parse_catalogue: blanks inside quoted names are kept") {
    auto parsed = parse_catalogue("id,name\nK1,\"  Tee  with  spaces \"\nK2,  Padded  \n");
    REQUIRE(parsed.rows.size() == 2);
    CHECK(parsed.rows[0].product.name == "  Tee  with  spaces ");
    CHECK(parsed.rows[1].product.name == "Padded");
}

TEST_CASE("parse_catalogue: a byte order mark before JSON lines") {
    auto parsed = parse_catalogue("\xEF\xBB\xBF{\"id\":\"K1\",\"name\":\"Tee\"}\n"
                                  "{\"id\":\"K2\",\"name\":\"Cap\"}\n");
    CHECK(parsed.errors.empty());
    REQUIRE(parsed.rows.size() == 2);
    CHECK(parsed.rows[0].product.id == "K1");
}

TEST_CASE("parse_catalogue: text that is not UTF-8 is one error on its line") {
    auto csv = parse_catalogue("id,name\nK1,Caf\xE9\nK2,Caf\xC3\xA9\n");
    REQUIRE(csv.rows.size() == 1);
    CHECK(csv.rows[0].product.id == "K2");
    REQUIRE(csv.errors.size() == 1);
    CHECK(csv.errors[0].line == 2);
    CHECK(csv.errors[0].message == "name: byte 0xe9 at column 4 is not UTF-8");
    auto jsonl =
        parse_catalogue("{\"id\":\"K1\",\"name\":\"T\xFF\"}\n{\"id\":\"K2\",\"name\":\"Cap\"}\n");
    REQUIRE(jsonl.rows.size() == 1);
    REQUIRE(jsonl.errors.size() == 1);
    CHECK(jsonl.errors[0].line == 1);
    CHECK(jsonl.errors[0].message == "byte 0xff at column 21 is not UTF-8");
}
