#include <kivals/webhook/payload.hpp>

#include <doctest/doctest.h>

#include <string>

using namespace kivals;
using namespace kivals::webhook;

TEST_CASE("form_field: table") {
    struct Case {
        const char* form;
        const char* name;
        Expected<std::string, FieldError> want;
    };
    const Case cases[] = {
        {"payload=%7B%7D&domain_prefix=x", "payload", std::string("{}")},
        {"domain_prefix=x&payload=a+b", "payload", std::string("a b")},
        {"payload=", "payload", std::string()},
        {"payload", "payload", std::string()},
        {"x=1", "payload", Unexpected(FieldError::missing)},
        {"", "payload", Unexpected(FieldError::missing)},
        {"payloadx=1", "payload", Unexpected(FieldError::missing)},
        {"payload=%G1", "payload", Unexpected(FieldError::bad_encoding)},
        {"pay%6Coad=1", "payload", std::string("1")},
        {"payload=1&payload=2", "payload", std::string("1")},
        {"type=inventory.update&secret=abc%2Bd", "secret", std::string("abc+d")},
        {"&&secret=s&&", "secret", std::string("s")},
    };
    for (const Case& c : cases) {
        CAPTURE(c.form);
        CHECK(form_field(c.form, c.name) == c.want);
    }
}

TEST_CASE("json_depth_within: table, including hostile depth") {
    struct Case {
        std::string json;
        int max;
        bool ok;
    };
    const Case cases[] = {
        {"{}", 1, true},
        {"{\"a\":{}}", 1, false},
        {"{\"a\":{}}", 2, true},
        {"[[[]]]", 3, true},
        {"[[[]]]", 2, false},
        {"{\"a\":\"[[[[[\"}", 1, true},    // brackets inside strings do not count
        {"{\"a\":\"\\\"[[[[\"}", 1, true}, // nor after an escaped quote
        {std::string(100000, '['), 64, false},
        {std::string(100000, '{'), 64, false},
        {"", 1, true},
    };
    for (const Case& c : cases) {
        CAPTURE(c.json.substr(0, 40));
        CHECK(json_depth_within(c.json, c.max) == c.ok);
    }
}

TEST_CASE("is_form_content_type: table") {
    CHECK(is_form_content_type("application/x-www-form-urlencoded"));
    CHECK(is_form_content_type("application/x-www-form-urlencoded; charset=UTF-8"));
    CHECK(is_form_content_type("Application/X-WWW-Form-Urlencoded"));
    CHECK(is_form_content_type(" application/x-www-form-urlencoded ;charset=utf-8"));
    CHECK_FALSE(is_form_content_type("application/json"));
    CHECK_FALSE(is_form_content_type("multipart/form-data; boundary=x"));
    CHECK_FALSE(is_form_content_type(""));
    CHECK_FALSE(is_form_content_type("application/x-www-form-urlencodedx"));
}

TEST_CASE("decode_delivery: table") {
    struct Case {
        std::string form;
        std::optional<BodyError> error;
    };
    const Case cases[] = {
        {"payload=%7B%22a%22%3A1%7D", std::nullopt},
        {"payload=%7B%7D&environment=production", std::nullopt},
        {"", BodyError::no_payload},
        {"payload=", BodyError::no_payload},
        {"environment=x", BodyError::no_payload},
        {"payload=%7", BodyError::bad_encoding},
        {"payload=%7B", BodyError::bad_json},
        {"payload=not+json", BodyError::bad_json},
        {"payload=%5B1%5D", BodyError::not_object},
        {"payload=42", BodyError::not_object},
        {"payload=" + std::string(100000, '['), BodyError::too_deep},
    };
    for (const Case& c : cases) {
        CAPTURE(c.form.substr(0, 40));
        auto result = decode_delivery(c.form, 64);
        if (c.error) {
            REQUIRE_FALSE(result);
            CHECK(result.error() == *c.error);
        } else {
            CHECK(result);
        }
    }
}

TEST_CASE("parse_inventory_update: numbers or strings") {
    struct Case {
        const char* json;
        bool ok;
        std::int64_t count_milli;
        std::int64_t version;
    };
    const Case cases[] = {
        {R"({"product_id":"p","outlet_id":"o","count":10,"version":5105100802})", true, 10000,
         5105100802},
        {R"({"product_id":"p","outlet_id":"o","count":"200.00000","version":"7"})", true, 200000,
         7},
        {R"({"product_id":"p","outlet_id":"o","count":1.5,"version":7})", true, 1500, 7},
        {R"({"product_id":"p","outlet_id":"o","count":-3,"version":7})", true, -3000, 7},
        {R"({"product_id":"p","outlet_id":"o","count":"x","version":7})", false, 0, 0},
        {R"({"product_id":"p","outlet_id":"o","count":1,"version":0})", false, 0, 0},
        {R"({"product_id":"p","outlet_id":"o","count":1,"version":-4})", false, 0, 0},
        {R"({"product_id":"p","outlet_id":"o","count":1,"version":"7x"})", false, 0, 0},
        {R"({"product_id":"p","outlet_id":"o","count":1})", false, 0, 0},
        {R"({"outlet_id":"o","count":1,"version":1})", false, 0, 0},
        {R"({"product_id":"","outlet_id":"o","count":1,"version":1})", false, 0, 0},
        {R"({"product_id":"p","count":1,"version":1})", false, 0, 0},
        {R"({"product_id":"p","outlet_id":"o","count":1e300,"version":1})", false, 0, 0},
        {R"({"product_id":"p","outlet_id":"o","count":null,"version":1})", false, 0, 0},
    };
    for (const Case& c : cases) {
        CAPTURE(c.json);
        auto result = parse_inventory_update(nlohmann::json::parse(c.json));
        REQUIRE(result.has_value() == c.ok);
        if (c.ok) {
            const InventoryUpdate& update = *result;
            CHECK(update.product_id == "p");
            CHECK(update.outlet_id == "o");
            CHECK(update.count.milli() == c.count_milli);
            CHECK(update.version == c.version);
        }
    }
}

TEST_CASE("parse_product_update: the documented example and soft delete") {
    auto example =
        nlohmann::json::parse(R"({"active":true,"deleted_at":null,"handle":"postshavebalm",
        "id":"0624dbcd","name":"Post Shave Balm","sku":"10107","variant_parent_id":null,
        "version":5303657190,"inventory":[{"count":2}]})");
    auto result = parse_product_update(example);
    REQUIRE(result);
    const ProductUpdate& p = *result;
    CHECK(p.id == "0624dbcd");
    CHECK(p.name == "Post Shave Balm");
    CHECK(p.sku == "10107");
    CHECK(p.active);
    CHECK_FALSE(p.deleted_at);
    CHECK_FALSE(p.variant_parent_id);
    CHECK(p.version == 5303657190);

    auto deleted = parse_product_update(nlohmann::json::parse(
        R"({"id":"x","base_name":"B","version":"9","active":"0","deleted_at":"2026-01-01 10:00:00"})"));
    REQUIRE(deleted);
    CHECK(deleted->name == "B");
    CHECK_FALSE(deleted->active);
    CHECK(deleted->deleted_at == "2026-01-01 10:00:00");

    CHECK(parse_product_update(nlohmann::json::parse(R"({"version":1})")).error() == "no id");
    CHECK(parse_product_update(nlohmann::json::parse(R"({"id":"x"})")).error() ==
          "no positive integer version");
}

TEST_CASE("a probe delivery is made and recognised") {
    std::string body = probe_body("n0nce-_1");
    auto decoded = decode_delivery(body, 8);
    REQUIRE(decoded);
    CHECK(probe_nonce(*decoded) == std::optional<std::string>("n0nce-_1"));
    CHECK(body.find("n0nce-_1") != std::string::npos); // the nonce can be found in the spool
    CHECK_FALSE(probe_nonce(nlohmann::json{{"product_id", "p"}, {"count", 1}}).has_value());
    CHECK_FALSE(probe_nonce(nlohmann::json{{"kivals_probe", 7}}).has_value());
}
