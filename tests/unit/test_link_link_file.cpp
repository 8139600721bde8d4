#include <kivals/link/link_file.hpp>

#include <doctest/doctest.h>

using namespace kivals::link;

TEST_CASE("parse_link_file: rows, bad rows with their lines, and fatal files") {
    auto parsed = parse_link_file("kiva_name,lightspeed_id,kiva_id\n"
                                  "Tee,L1,K1\n"
                                  "Cap,L2\n"
                                  "Caf\xE9,L3,K3\n"
                                  "Mug,L4,K\xFF\n"
                                  "\"Unlinked, now\",L5,\n");
    CHECK_FALSE(parsed.fatal);
    REQUIRE(parsed.rows.size() == 3);
    CHECK(parsed.rows[0].lightspeed_id == "L1");
    CHECK(parsed.rows[0].kiva_id == "K1");
    CHECK(parsed.rows[1].line == 4); // a name that is not UTF-8 is not one of the columns read
    CHECK(parsed.rows[2].kiva_id.empty());
    REQUIRE(parsed.errors.size() == 2);
    CHECK(parsed.errors[0].line == 3);
    CHECK(parsed.errors[0].message == "too few fields");
    CHECK(parsed.errors[1].line == 5);
    CHECK(parsed.errors[1].message == "byte 0xff at column 2 is not UTF-8");

    auto spaced = parse_link_file("Lightspeed ID;Kiva ID\r\nL1;K1\r\n");
    CHECK_FALSE(spaced.fatal);
    REQUIRE(spaced.rows.size() == 1);
    CHECK(spaced.rows[0].kiva_id == "K1");

    for (const char* text : {"", "lightspeed_id\nL1\n", "lightspeed_id,kiva_id\nL1,\"K1\n"}) {
        CAPTURE(text);
        auto bad = parse_link_file(text);
        CHECK(bad.fatal);
        CHECK(bad.rows.empty());
        CHECK(bad.errors.size() == 1);
    }
}
