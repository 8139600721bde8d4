#include <kivals/lightspeed/errors.hpp>
#include <kivals/lightspeed/parse.hpp>

#include <doctest/doctest.h>

using namespace kivals;
using namespace kivals::lightspeed;
using nlohmann::json;

TEST_CASE("read_qty: numbers or strings, to exact thousandths") {
    struct Case {
        const char* json_text;
        std::optional<long long> want_milli;
    };
    const Case cases[] = {
        {"10", 10000},
        {"-10", -10000},
        {"2.5", 2500},
        {"0.25", 250},
        {"\"200.00000\"", 200000},
        {"\"1.00000\"", 1000},
        {"\"-3\"", -3000},
        {"\"15.57\"", 15570},
        {"\"\"", std::nullopt},
        {"\"abc\"", std::nullopt},
        {"null", std::nullopt},
        {"true", std::nullopt},
        {"[1]", std::nullopt},
        {"1e300", std::nullopt},
    };
    for (const auto& c : cases) {
        CAPTURE(c.json_text);
        auto got = read_qty(json::parse(c.json_text));
        REQUIRE(got.has_value() == c.want_milli.has_value());
        if (got)
            CHECK(got->milli() == *c.want_milli);
    }
}

TEST_CASE("read_int64: versions as numbers or strings") {
    CHECK(read_int64(json::parse("5105100802")) == 5105100802LL);
    CHECK(read_int64(json::parse("\"5105100802\"")) == 5105100802LL);
    CHECK(read_int64(json::parse("12.0")) == 12);
    CHECK(!read_int64(json::parse("12.5")));
    CHECK(!read_int64(json::parse("\"12x\"")));
    CHECK(!read_int64(json::parse("\"\"")));
    CHECK(!read_int64(json::parse("null")));
}

TEST_CASE("read_bool: booleans, 0/1 and their strings") {
    CHECK(read_bool(json(true)) == true);
    CHECK(read_bool(json(0)) == false);
    CHECK(read_bool(json("1")) == true);
    CHECK(read_bool(json("false")) == false);
    CHECK(!read_bool(json("yes")));
    CHECK(!read_bool(json()));
}

TEST_CASE("parse_product: the fields kivals links on") {
    auto row = json::parse(R"({"id":"p1","name":"Bravo","variant_name":"Bravo / Black",
        "handle":"bravo","sku":"787878","is_active":false,"has_inventory":true,
        "is_composite":false,"variant_parent_id":"p0","deleted_at":null,"version":"4284638488",
        "product_codes":[{"type":"custom","code":"123"},{"type":"ean","code":"9400000000001"},
                         {"type":"UPC","code":"012345678905"}]})");
    Product p = parse_product(row);
    CHECK(p.id == "p1");
    CHECK(p.name == "Bravo");
    CHECK(p.variant_name == "Bravo / Black");
    CHECK(p.sku == "787878");
    CHECK(p.handle == "bravo");
    CHECK(p.barcode == "9400000000001");
    CHECK(p.variant_parent_id == "p0");
    CHECK(!p.active);
    CHECK(!p.deleted_at);
    CHECK(p.version == 4284638488LL);
    CHECK(p.linkable());

    auto tomb = parse_product(json::parse(
        R"({"id":"p2","name":"X","deleted_at":"2026-01-01T00:00:00+00:00","version":3})"));
    CHECK(!tomb.linkable());
    CHECK(!parse_product(json::parse(R"({"id":"p3","is_composite":true})")).linkable());
    CHECK(!parse_product(json::parse(R"({"id":"p4","has_inventory":"0"})")).linkable());
    CHECK_THROWS_AS(parse_product(json::parse(R"({"name":"no id"})")), ApiError);
}

TEST_CASE("parse_inventory: 2026-07 and 2.0 field names, number or string") {
    auto a = parse_inventory(json::parse(
        R"({"id":"i1","product_id":"p","outlet_id":"o","current_inventory_level":10,"version":1639940})"));
    CHECK(a.level == Qty::units(10));
    CHECK(a.version == 1639940);
    auto b = parse_inventory(json::parse(
        R"({"id":"i2","product_id":"p","outlet_id":"o","inventory_level":-10.5,"current_amount":-10.5,"version":"3426971"})"));
    CHECK(b.level == Qty::from_milli(-10500));
    CHECK(b.version == 3426971);
    auto c = parse_inventory(json::parse(
        R"({"id":"i3","product_id":"p","outlet_id":"o","inventory_level":"200.00000","version":7})"));
    CHECK(c.level == Qty::units(200));
    CHECK_THROWS_AS(
        parse_inventory(json::parse(R"({"id":"i4","product_id":"p","outlet_id":"o","version":1})")),
        ApiError);
    CHECK_THROWS_AS(parse_inventory(json::parse(
                        R"({"id":"i5","product_id":"p","outlet_id":"o","inventory_level":1})")),
                    ApiError);
}

TEST_CASE("parse_webhook, parse_custom_reason, parse_stock_adjustment") {
    auto w = parse_webhook(
        json::parse(R"({"id":"w","type":"inventory.update","url":"https://x","active":false})"));
    CHECK(w.type == "inventory.update");
    CHECK(!w.active);
    auto r = parse_custom_reason(
        json::parse(R"({"id":"r","name":"Online sale","type":"NEGATIVE","enabled":true})"));
    CHECK(r.type == ReasonType::negative);
    auto s = parse_stock_adjustment(json::parse(
        R"({"id":"s","product_id":"p","outlet_id":"o","quantity":"-3","reason":"CUSTOM","version":9})"));
    CHECK(s.quantity == Qty::units(-3));
    CHECK(s.version == 9);
}
