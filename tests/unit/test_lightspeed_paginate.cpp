#include <kivals/core/text.hpp>
#include <kivals/lightspeed/client.hpp>
#include <kivals/lightspeed/errors.hpp>

#include "support/fakes.hpp"

#include <doctest/doctest.h>
#include <fmt/format.h>

#include <map>

using namespace kivals;
using namespace kivals::lightspeed;
using namespace kivals::testing;
using nlohmann::json;

namespace {

struct Rig {
    ManualClock clock{*parse_http_date("Wed, 15 Jul 2020 15:00:00 GMT")};
    Logger log{stderr};
    ScriptedTransport* transport = nullptr;
    FakeSleeper* sleeper = nullptr;
    std::unique_ptr<Client> client;

    explicit Rig(ApiFamily family = ApiFamily::v2026_07) {
        auto t = std::make_unique<ScriptedTransport>(&clock);
        auto s = std::make_unique<FakeSleeper>(clock);
        transport = t.get();
        sleeper = s.get();
        SessionOptions o;
        o.store_url = "https://shop.example";
        o.token = "lsxs_pt_SECRET";
        o.user_agent = "kivals/test";
        o.max_retries = 3;
        client = std::make_unique<Client>(std::move(t), std::move(s), clock, log, o, family,
                                          [] { return 0.5; });
    }
};

std::string query_value(const std::string& url, const std::string& name) {
    auto at = url.find(name + "=");
    if (at == std::string::npos)
        return "";
    auto end = url.find('&', at);
    return url.substr(at + name.size() + 1,
                      end == std::string::npos ? std::string::npos : end - at - name.size() - 1);
}

json product(const std::string& id, long long version, const char* extra = "") {
    return json::parse(
        fmt::format(R"({{"id":"{}","name":"N{}","version":{}{}}})", id, id, version, extra));
}

json envelope(std::vector<json> rows) {
    if (rows.empty())
        return json::parse(R"({"data":[],"version":{"min":null,"max":null}})");
    long long lo = rows.front()["version"], hi = rows.back()["version"];
    return {{"data", rows}, {"version", {{"min", lo}, {"max", hi}}}};
}

} // namespace

TEST_CASE("read_page: cursor, last page and stuck cursors") {
    auto p = read_page(envelope({product("a", 5), product("b", 9)}), Envelope::data_version, 0);
    CHECK(p.next_after == 9);
    CHECK(!p.last);
    CHECK(p.rows.size() == 2);
    CHECK(read_page(envelope({}), Envelope::data_version, 9).last);
    CHECK(read_page(json::parse(R"({"data":[]})"), Envelope::data_version, 9).last);
    // Rows but no version envelope: deliver them, then stop.
    auto q = read_page(json::parse(R"({"data":[{"id":"a","version":12}],"version":null})"),
                       Envelope::data_version, 9);
    CHECK(q.last);
    CHECK(q.next_after == 12);
    // The envelope max wins when it is above every row (rows filtered server-side).
    auto r = read_page(
        json::parse(R"({"data":[{"id":"a","version":12}],"version":{"min":10,"max":20}})"),
        Envelope::data_version, 9);
    CHECK(r.next_after == 20);
    CHECK(read_page(json::parse("[]"), Envelope::bare_array, 4).last);
    CHECK(read_page(json::parse(R"([{"id":"a","version":"7"}])"), Envelope::bare_array, 4)
              .next_after == 7);
    // A server that ignores `after` resends old rows: they are dropped and the walk ends.
    auto again = read_page(envelope({product("a", 5)}), Envelope::data_version, 5);
    CHECK(again.last);
    CHECK(again.rows.empty());
    auto partly =
        read_page(envelope({product("a", 5), product("b", 8)}), Envelope::data_version, 5);
    CHECK(!partly.last);
    REQUIRE(partly.rows.size() == 1);
    CHECK(partly.rows[0]["id"] == "b");
    CHECK_THROWS_AS(read_page(json::parse(R"([{"id":"a"}])"), Envelope::bare_array, 0), ApiError);
    CHECK_THROWS_AS(read_page(json::parse(R"({"rows":[]})"), Envelope::data_version, 0), ApiError);
    CHECK_THROWS_AS(read_page(json::parse(R"({"data":[]})"), Envelope::bare_array, 0), ApiError);
}

TEST_CASE("dedupe_page keeps the newest row of each id, in order") {
    json rows = json::array({product("a", 1), product("b", 2), product("a", 3), product("c", 4)});
    dedupe_page(rows);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0]["id"] == "b");
    CHECK(rows[1]["id"] == "a");
    CHECK(rows[1]["version"] == 3);
}

TEST_CASE("walk_products: pages until empty, after= the page max, deleted=true") {
    Rig rig(ApiFamily::v2_0);
    std::map<long long, json> pages{
        {0, envelope({product("a", 10), product("b", 20)})},
        {20, envelope({product("c", 30), product("a", 40)})}, // a changed during the walk
        {40, envelope({})},
    };
    rig.transport->set_handler([&](const HttpRequest& r) {
        auto after = *parse_int<long long>(query_value(r.url, "after"));
        return json_response(200, pages.at(after).dump());
    });
    VersionDedupe dedupe;
    std::map<std::string, long long> seen;
    std::vector<std::int64_t> afters;
    WalkOptions options;
    options.dedupe = &dedupe;
    WalkResult result = rig.client->walk_products(
        0,
        [&](std::span<const Product> page, const PageInfo& info) {
            afters.push_back(info.after);
            for (const auto& p : page)
                seen[p.id] = p.version; // newest wins
            return WalkControl::more;
        },
        options);
    CHECK(result.complete);
    CHECK(result.requests == 3);
    CHECK(result.pages == 2);
    CHECK(result.records == 4);
    CHECK(result.cursor == 40);
    CHECK(seen == std::map<std::string, long long>{{"a", 40}, {"b", 20}, {"c", 30}});
    CHECK(afters == std::vector<std::int64_t>{0, 20});
    CHECK(dedupe.size() == 3);
    const auto& reqs = rig.transport->requests();
    CHECK(reqs[0].url.starts_with("https://shop.example/api/2.0/products?"));
    CHECK(query_value(reqs[0].url, "deleted") == "true");
    CHECK(query_value(reqs[1].url, "after") == "20");
}

TEST_CASE("walk: an older repeat of a record is not delivered again with a dedupe") {
    Rig rig;
    std::vector<json> answers = {envelope({product("a", 10), product("b", 20)}),
                                 envelope({product("b", 25), product("c", 30)}), envelope({})};
    for (auto& a : answers)
        rig.transport->push_json(200, a.dump());
    VersionDedupe dedupe;
    dedupe.admit("c", 99); // seen newer elsewhere
    std::vector<std::string> ids;
    WalkOptions options;
    options.dedupe = &dedupe;
    rig.client->walk_products(
        0,
        [&](std::span<const Product> page, const PageInfo&) {
            for (const auto& p : page)
                ids.push_back(p.id + "@" + std::to_string(p.version));
            return WalkControl::more;
        },
        options);
    CHECK(ids == std::vector<std::string>{"a@10", "b@20", "b@25"});
}

TEST_CASE("walk: the callback can stop early; the cursor says where") {
    Rig rig;
    rig.transport->push_json(200, envelope({product("a", 10)}).dump());
    rig.transport->push_json(200, envelope({product("b", 20)}).dump());
    int pages = 0;
    auto result = rig.client->walk_products(0, [&](std::span<const Product>, const PageInfo&) {
        return ++pages == 2 ? WalkControl::stop : WalkControl::more;
    });
    CHECK(!result.complete);
    CHECK(result.cursor == 20);
    CHECK(rig.transport->requests().size() == 2);
}

TEST_CASE("walk_inventory 2026-07: POST with an asc body, bare arrays") {
    Rig rig;
    rig.transport->push_json(
        200,
        R"([{"id":"i1","product_id":"p","outlet_id":"o","current_inventory_level":"4.5","version":3},
                                      {"id":"i2","product_id":"q","outlet_id":"o","current_inventory_level":-2,"version":8}])");
    rig.transport->push_json(200, "[]");
    std::vector<InventoryRecord> got;
    auto result =
        rig.client->walk_inventory(2, [&](std::span<const InventoryRecord> page, const PageInfo&) {
            got.insert(got.end(), page.begin(), page.end());
            return WalkControl::more;
        });
    CHECK(result.complete);
    REQUIRE(got.size() == 2);
    CHECK(got[0].level == Qty::from_milli(4500));
    CHECK(got[1].level == Qty::units(-2));
    const auto& reqs = rig.transport->requests();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0].method == Method::post);
    CHECK(reqs[0].url == "https://shop.example/api/2026-07/inventory");
    auto body = json::parse(reqs[0].body);
    CHECK(body["after"] == 2);
    CHECK(body["sort_direction"] == "asc");
    CHECK(json::parse(reqs[1].body)["after"] == 8);
}

TEST_CASE("walk: a failure mid-walk says where it stopped") {
    Rig rig;
    rig.transport->push_json(200, envelope({product("a", 10)}).dump());
    rig.transport->push_json(404, R"({"error":"gone"})");
    try {
        rig.client->walk_products(
            0, [](std::span<const Product>, const PageInfo&) { return WalkControl::more; });
        FAIL("expected an error");
    } catch (const ApiError& e) {
        CHECK(e.kind() == ApiErrorKind::not_found);
        CHECK(std::string(e.what()).find("stopped at after=10") != std::string::npos);
    }
}

namespace {

std::string inventory_page(std::initializer_list<int> versions) {
    json rows = json::array();
    for (int v : versions)
        rows.push_back({{"id", fmt::format("i{}", v)},
                        {"product_id", fmt::format("p{}", v)},
                        {"outlet_id", "o"},
                        {"current_inventory_level", v},
                        {"version", v}});
    return rows.dump();
}

} // namespace

TEST_CASE("walk with prefetch: the same records, pages and cursor as without") {
    for (Prefetch prefetch : {Prefetch::off, Prefetch::one_page}) {
        CAPTURE(static_cast<int>(prefetch));
        Rig rig;
        rig.transport->push_json(200, inventory_page({1, 2}));
        rig.transport->push_json(200, inventory_page({3}));
        rig.transport->push_json(200, inventory_page({4, 5}));
        rig.transport->push_json(200, "[]");
        std::vector<std::int64_t> versions, page_cursors;
        auto result = rig.client->walk_inventory(
            0,
            [&](std::span<const InventoryRecord> page, const PageInfo& info) {
                for (const auto& r : page)
                    versions.push_back(r.version);
                page_cursors.push_back(info.next_after);
                return WalkControl::more;
            },
            {2, nullptr, prefetch});
        CHECK(result.complete);
        CHECK(result.cursor == 5);
        CHECK(result.pages == 3);
        CHECK(result.requests == 4);
        CHECK(versions == std::vector<std::int64_t>{1, 2, 3, 4, 5});
        CHECK(page_cursors == std::vector<std::int64_t>{2, 3, 5});
        CHECK(json::parse(rig.transport->requests()[2].body)["after"] == 3);
    }
}

TEST_CASE("walk with prefetch: a stop wastes the page in flight; a failure says where") {
    Rig stopped;
    stopped.transport->push_json(200, inventory_page({1}));
    stopped.transport->push_json(200, inventory_page({2}));
    stopped.transport->push_json(200, inventory_page({3}));
    auto result = stopped.client->walk_inventory(
        0, [](std::span<const InventoryRecord>, const PageInfo&) { return WalkControl::stop; },
        {1, nullptr, Prefetch::one_page});
    CHECK(!result.complete);
    CHECK(result.cursor == 1); // the next run starts after the page it applied
    CHECK(stopped.transport->requests().size() == 2); // page 2 was already asked for

    Rig failing;
    failing.transport->push_json(200, inventory_page({7}));
    failing.transport->push_json(404, R"({"error":"gone"})");
    std::vector<std::int64_t> applied;
    try {
        failing.client->walk_inventory(0,
                                       [&](std::span<const InventoryRecord> page, const PageInfo&) {
                                           applied.push_back(page.front().version);
                                           return WalkControl::more;
                                       },
                                       {1, nullptr, Prefetch::one_page});
        FAIL("expected an error");
    } catch (const ApiError& e) {
        CHECK(e.kind() == ApiErrorKind::not_found);
        CHECK(std::string(e.what()).find("stopped at after=7") != std::string::npos);
    }
    CHECK(applied == std::vector<std::int64_t>{7}); // the page before the failure was applied
}

TEST_CASE("inventory pages: the largest size each API family documents") {
    CHECK(Rig(ApiFamily::v2026_07).client->inventory_page_max() == 5000);
    CHECK(Rig(ApiFamily::v2_0).client->inventory_page_max() == 1000);
}

TEST_CASE("writes: absolute per family, relative batches as numeric strings") {
    Rig v2(ApiFamily::v2_0);
    v2.transport->push_json(200, "{}");
    v2.client->set_inventory("p1", "o1", Qty::from_milli(21500));
    CHECK(v2.transport->requests()[0].method == Method::put);
    CHECK(v2.transport->requests()[0].url == "https://shop.example/api/2.1/products/p1");
    auto body = json::parse(v2.transport->requests()[0].body);
    CHECK(body["details"]["inventory"][0]["outlet_id"] == "o1");
    CHECK(body["details"]["inventory"][0]["current_amount"] == 21.5);
    CHECK_THROWS_AS(v2.client->list_custom_reasons(), Error);

    Rig now;
    now.transport->push_json(200, "");
    now.client->set_inventory("p1", "o1", Qty::units(3));
    CHECK(now.transport->requests()[0].url == "https://shop.example/api/2026-07/products/p1");
    CHECK(json::parse(
              now.transport->requests()[0].body)["details"]["inventory"][0]["current_amount"] == 3);
    now.transport->push_json(
        201,
        R"({"data":[{"id":"s1","product_id":"p1","outlet_id":"o1","quantity":"-3","reason":"CUSTOM","version":5}]})");
    StockAdjustmentItem item{"p1", "o1", Qty::units(-3), "r1"};
    auto created = now.client->adjust_stock(std::span(&item, 1));
    REQUIRE(created.size() == 1);
    CHECK(created[0].version == 5);
    auto sent = json::parse(now.transport->requests()[1].body)["stock_adjustments"][0];
    CHECK(sent["quantity"] == "-3");
    CHECK(sent["reason"] == "CUSTOM");
    CHECK(sent["custom_inventory_adjustment_reason_id"] == "r1");
}

TEST_CASE("windows_left: what a page leaves of its window, in either order") {
    struct Case {
        const char* what;
        VersionWindow window;
        std::size_t count;
        std::int64_t first, last, min, max;
        ListOrder order_before, order_after;
        std::vector<VersionWindow> want;
    };
    const auto up = ListOrder::ascending, down = ListOrder::descending,
               unknown = ListOrder::unknown;
    const Case cases[] = {
        {"an empty page ends the window", {10, 0}, 0, 0, 0, 0, 0, unknown, unknown, {}},
        {"ascending: above the page", {10, 0}, 3, 11, 15, 11, 15, unknown, up, {{15, 0}}},
        {"descending: below the page", {10, 0}, 3, 90, 80, 80, 90, unknown, down, {{10, 80}}},
        {"descending keeps the upper bound", {10, 80}, 2, 70, 60, 60, 70, down, down, {{10, 60}}},
        {"ascending keeps the upper bound", {10, 80}, 2, 20, 30, 20, 30, up, up, {{30, 80}}},
        {"one row, order unknown: both sides",
         {10, 0},
         1,
         50,
         50,
         50,
         50,
         unknown,
         unknown,
         {{10, 50}, {50, 0}}},
        {"one row, order known", {10, 0}, 1, 50, 50, 50, 50, down, down, {{10, 50}}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        ListOrder order = c.order_before;
        CHECK(windows_left(c.window, c.count, c.first, c.last, c.min, c.max, order) == c.want);
        CHECK(order == c.order_after);
    }
}
