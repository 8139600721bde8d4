#include <kivals/sync/orders.hpp>
#include <kivals/sync/stock_store.hpp>

#include "support/fixtures.hpp"

#include <doctest/doctest.h>

using namespace kivals;
using sync::OrderAction;
using testing::FixedClock;

namespace {

// One linked product K1 <-> p1 with L = 40, v = 7, R = S = 5 (the seed's worked examples).
db::Db linked_db() {
    return testing::memory_db(
        "INSERT INTO ls_products(id, name, imported_at, updated_at) VALUES ('p1', 'Balm', 'x', "
        "'x');"
        "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('K1', 'Balm', "
        "'x', 'x');"
        "INSERT INTO kiva_products(id, name, imported_at, updated_at) VALUES ('K2', 'Unlinked', "
        "'x', 'x');"
        "INSERT INTO links(lightspeed_id, kiva_id, linked_at) VALUES ('p1', 'K1', 'x');"
        "INSERT INTO stock(lightspeed_id, ls_count, ls_version, reserved, synced, updated_at) "
        "VALUES ('p1', 40000, 7, 5000, 5000, 'x');");
}

sync::OrderRequest req(OrderAction action, const char* order, std::optional<std::int64_t> line,
                       const char* kiva = "", int qty = 0, bool oversell = false) {
    return {action, order, line, kiva, Qty::units(qty), oversell};
}

} // namespace

TEST_CASE("order requests: each step of a table, with R, S and the ledger after it") {
    db::Db db = linked_db();
    FixedClock clock;
    sync::Orders orders(db, clock);
    sync::StockStore store(db, clock);
    struct Step {
        sync::OrderRequest request;
        bool ok;
        bool changed;
        int reserved; // R after
        int synced;   // S after
        const char* error_part;
        ErrorCode code = ErrorCode::failed; // when refused
    };
    const Step steps[] = {
        {req(OrderAction::reserve, "A1", 1, "K1", 3), true, true, 8, 5, ""},
        {req(OrderAction::reserve, "A1", 1, "K1", 3), true, false, 8, 5, ""}, // retry
        {req(OrderAction::reserve, "A1", 1, "K1", 4), false, false, 8, 5, "different",
         ErrorCode::line_conflict},
        {req(OrderAction::reserve, "A1", 2, "K1", 2), true, true, 10, 5, ""},
        {req(OrderAction::reserve, "A2", 1, "K1", 36), false, false, 10, 5, "only 35",
         ErrorCode::oversell},
        {req(OrderAction::reserve, "A2", 1, "K1", 36, true), true, true, 46, 5, ""},
        {req(OrderAction::reserve, "A3", 1, "NOPE", 1), false, false, 46, 5,
         "no Kiva product 'NOPE'", ErrorCode::unknown_product},
        {req(OrderAction::reserve, "A3", 1, "K2", 1), false, false, 46, 5, "not linked",
         ErrorCode::not_linked},
        {req(OrderAction::reserve, "A3", 1, "K1", 0), false, false, 46, 5, "above zero",
         ErrorCode::invalid_quantity},
        {req(OrderAction::cancel, "A2", 1), true, true, 10, 5, ""},
        {req(OrderAction::cancel, "A2", 1), true, false, 10, 5, ""}, // retry
        {req(OrderAction::fulfill, "A2", 1), false, false, 10, 5, "already cancelled",
         ErrorCode::line_closed},
        {req(OrderAction::reserve, "A2", 1, "K1", 36, true), false, false, 10, 5,
         "already cancelled", ErrorCode::line_closed},
        {req(OrderAction::fulfill, "A1", std::nullopt), true, true, 5, 0, ""},
        {req(OrderAction::fulfill, "A1", std::nullopt), true, false, 5, 0, ""},
        {req(OrderAction::cancel, "A1", 2), false, false, 5, 0, "already fulfilled",
         ErrorCode::line_closed},
        {req(OrderAction::cancel, "A9", std::nullopt), false, false, 5, 0, "unknown order A9",
         ErrorCode::unknown_order},
        {req(OrderAction::fulfill, "A1", 7), false, false, 5, 0, "unknown order line A1:7",
         ErrorCode::unknown_line},
        {req(OrderAction::fulfill, "A1", 0), false, false, 5, 0, "start at 1",
         ErrorCode::invalid_request},
    };
    int index = 0;
    for (const Step& step : steps) {
        int step_index = index++;
        CAPTURE(step_index);
        sync::OrderResult result = orders.apply(step.request);
        CHECK(result.ok == step.ok);
        if (step.ok) {
            REQUIRE(!result.lines.empty());
            CHECK(result.lines[0].changed == step.changed);
        } else {
            CHECK(result.refusal.message.find(step.error_part) != std::string::npos);
            CHECK(code_name(result.refusal.code) == code_name(step.code));
        }
        auto numbers = store.load("p1");
        REQUIRE(numbers);
        CHECK(numbers->reserved == Qty::units(step.reserved));
        CHECK(numbers->synced == Qty::units(step.synced));
        CHECK(numbers->reserved.milli() ==
              db.scalar(
                  "SELECT coalesce(sum(qty), 0) + 5000 FROM order_lines WHERE state = 'reserved'"));
    }
    CHECK(db.scalar("SELECT count(*) FROM ledger WHERE source = 'order' AND source_ref = 'A1:1'") ==
          3);
}

TEST_CASE("a reserve reports Available and the pending push after it") {
    db::Db db = linked_db();
    FixedClock clock;
    sync::OrderResult result =
        sync::Orders(db, clock).apply(req(OrderAction::reserve, "A1", 1, "K1", 3));
    REQUIRE(result.ok);
    CHECK(result.lines[0].after.available() == Qty::units(37)); // L 40 - (R 8 - S 5)
    CHECK(result.lines[0].after.pending_push() == Qty::units(3));
}

TEST_CASE("orders: every field of an `order apply` line is type-checked") {
    struct Case {
        const char* line;
        const char* error; // nullptr: accepted
    };
    const Case cases[] = {
        {R"({"action":"reserve","order_id":"A1","kiva_id":"K1","qty":2})", nullptr},
        {R"({"action":"reserve","order_id":1001,"kiva_id":7,"qty":"1.5","line":2})", nullptr},
        {R"({"action":"reserve","order_id":"A1","kiva_id":"K1","qty":2,"allow_oversell":true})",
         nullptr},
        {R"({"action":"cancel","order_id":"A1"})", nullptr},
        {"\xEF\xBB\xBF{\"action\":\"cancel\",\"order_id\":\"A1\"}", nullptr},
        {R"({"action":"reserve","order_id":"A1","kiva_id":"K1","qty":2,"allow_oversell":1})",
         "\"allow_oversell\" must be true or false"},
        {R"({"action":"reserve","order_id":"A1","kiva_id":"K1","qty":2,"allow_oversell":"yes"})",
         "\"allow_oversell\" must be true or false"},
        {R"({"action":"reserve","order_id":"A1","kiva_id":"K1","qty":2,"allow_oversell":null})",
         "\"allow_oversell\" must be true or false"},
        {R"({"action":"reserve","order_id":["A1"],"kiva_id":"K1","qty":2})",
         "\"order_id\" must be a string"},
        {R"({"action":"reserve","order_id":1.5,"kiva_id":"K1","qty":2})",
         "\"order_id\" must be a string"},
        {R"({"action":"reserve","order_id":"A1","kiva_id":{"id":1},"qty":2})",
         "\"kiva_id\" must be a string"},
        {R"({"action":"reserve","order_id":"A1","kiva_id":"K1","qty":true})",
         "\"qty\" must be a number"},
        {R"({"action":"reserve","order_id":"A1","kiva_id":"K1"})", "\"qty\" must be a number"},
        {R"({"action":"cancel","order_id":"A1","line":"2"})", "\"line\" must be an integer"},
        {R"({"action":"cancel","order_id":"A1","line":18446744073709551615})",
         "\"line\" must be an integer"},
        {R"({"action":"refund","order_id":"A1"})",
         "\"action\" must be \"reserve\", \"cancel\" or \"fulfill\""},
        {R"({"action":7,"order_id":"A1"})",
         "\"action\" must be \"reserve\", \"cancel\" or \"fulfill\""},
        {"[1,2]", "not a JSON object"},
        {"not json", "not a JSON object"},
        {"{\"action\":\"cancel\",\"order_id\":\"A\xFF\"}", "byte 0xff at column 33 is not UTF-8"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.line);
        auto parsed = sync::parse_order_line(c.line);
        if (c.error) {
            REQUIRE_FALSE(parsed);
            CHECK(parsed.error().message == c.error);
        } else {
            CHECK(parsed);
        }
    }
    auto parsed = sync::parse_order_line(
        R"({"action":"reserve","order_id":1001,"kiva_id":7,"qty":"1.5","allow_oversell":true})");
    REQUIRE(parsed);
    const sync::OrderRequest& r = *parsed;
    CHECK(r.order_id == "1001");
    CHECK(r.kiva_id == "7");
    CHECK(r.qty == Qty::from_milli(1500));
    CHECK(r.line == 1);
    CHECK(r.allow_oversell);
    CHECK(sync::parse_order_line(std::string(70000, ' ')).error().message ==
          "line longer than 65536 bytes");
    // Each refusal has its code, for `order apply`'s error objects.
    auto code_of = [](std::string_view line) {
        return code_name(sync::parse_order_line(line).error().code);
    };
    CHECK(code_of("not json") == "invalid_json");
    CHECK(code_of(R"({"action":"reserve","order_id":"A1","kiva_id":"K1"})") == "invalid_quantity");
    CHECK(code_of(R"({"action":"cancel","order_id":"A1","line":"2"})") == "invalid_request");
}
