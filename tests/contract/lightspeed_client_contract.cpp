// Drives every Client call against a running kivals-lssim, in both path families, and checks
// the answers. Run by tests/integration/lightspeed_client_contract.sh:
//   kivals_ls_contract STORE_URL TOKEN_FILE
#include <kivals/lightspeed/client.hpp>
#include <kivals/lightspeed/curl_transport.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/util/files.hpp>

namespace {

using namespace kivals;
using namespace kivals::lightspeed;

int g_failures = 0;

void check(bool ok, std::string_view what) {
    fmt::print("{} {}\n", ok ? "ok  " : "FAIL", what);
    if (!ok)
        ++g_failures;
}

template <typename F> std::optional<ApiErrorKind> error_of(F&& call) {
    try {
        call();
    } catch (const ApiError& e) {
        return e.kind();
    }
    return std::nullopt;
}

std::optional<Qty> level_at(Client& c, const std::string& product, const std::string& outlet) {
    for (const auto& r : c.product_inventory(product))
        if (r.outlet_id == outlet)
            return r.level;
    return std::nullopt;
}

void exercise(Client& c, std::string_view family) {
    fmt::print("== {}\n", family);
    check(!c.get_retailer().id.empty(), "get_retailer");
    auto outlets = c.list_outlets();
    check(outlets.size() == 2, "list_outlets finds 2");
    std::string product;
    std::int64_t products = 0;
    c.walk_products(0,
                    [&](std::span<const Product> page, const PageInfo&) {
                        for (const auto& p : page)
                            if (p.linkable() && product.empty())
                                product = p.id;
                        products += static_cast<std::int64_t>(page.size());
                        return WalkControl::more;
                    },
                    {.page_size = 7});
    check(products == 30, "walk_products sees all 30 (7 per page)");
    auto got = c.get_product(product);
    check(got && got->id == product, "get_product");
    check(!c.get_product("00000000-0000-0000-0000-000000000000"), "get_product: 404 is nullopt");
    std::int64_t records = 0;
    auto walk = c.walk_inventory(0,
                                 [&](std::span<const InventoryRecord> page, const PageInfo&) {
                                     records += static_cast<std::int64_t>(page.size());
                                     return WalkControl::more;
                                 },
                                 {.page_size = 10});
    check(walk.complete && records > 0 && walk.requests == walk.pages + 1, "walk_inventory");
    check(c.product_inventory(product).size() == 2, "product_inventory: one record per outlet");
    const std::string& outlet = outlets.front().id;
    c.set_inventory(product, outlet, Qty::from_milli(7500));
    check(level_at(c, product, outlet) == Qty::from_milli(7500), "set_inventory 7.5");
    if (family == "2026-07") {
        auto reason = c.create_custom_reason("Online sale", ReasonType::negative);
        check(!reason.id.empty(), "create_custom_reason");
        check(c.list_custom_reasons().size() == 1, "list_custom_reasons");
        check(error_of([&] { c.create_custom_reason("Online sale", ReasonType::negative); }) ==
                  ApiErrorKind::conflict,
              "create_custom_reason twice: 409");
        StockAdjustmentItem item{product, outlet, Qty::units(-2), reason.id};
        auto made = c.adjust_stock(std::span(&item, 1));
        check(made.size() == 1 && made[0].quantity == Qty::units(-2), "adjust_stock");
        check(level_at(c, product, outlet) == Qty::from_milli(5500), "level after adjust 5.5");
    } else {
        std::int64_t before = c.requests();
        bool refused = false;
        try {
            c.list_custom_reasons();
        } catch (const Error& e) {
            refused = e.code() == Exit::config;
        }
        check(refused && c.requests() == before, "2.0: custom reasons refused without a request");
    }
    WebhookRequest req{"inventory.update", "http://127.0.0.1:9/hook?type=inventory.update", true};
    auto hook = c.create_webhook(req);
    check(hook.active && hook.type == req.type, "create_webhook");
    check(error_of([&] { c.create_webhook(req); }) == ApiErrorKind::conflict, "create twice: 409");
    req.active = false;
    check(!c.update_webhook(hook.id, req).active && !c.get_webhook(hook.id).active,
          "update_webhook toggles");
    check(c.list_webhooks().size() == 1, "list_webhooks");
    c.delete_webhook(hook.id);
    check(error_of([&] { c.get_webhook(hook.id); }) == ApiErrorKind::not_found,
          "deleted webhook: 404");
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        fmt::print(stderr, "usage: kivals_ls_contract STORE_URL TOKEN_FILE\n");
        return 2;
    }
    CurlGlobal curl_global;
    SystemClock clock;
    Logger log;
    std::string token = read_secret_file(argv[2], SecretFileAccess::shared).value_or("");
    for (auto family : {ApiFamily::v2026_07, ApiFamily::v2_0}) {
        SessionOptions options;
        options.store_url = argv[1];
        options.token = token;
        options.user_agent = "kivals/contract-test";
        CurlOptions curl;
        curl.compression = false;
        Client client(make_curl_transport(curl), std::make_unique<SystemSleeper>(), clock, log,
                      options, family);
        try {
            exercise(client, api_family_name(family));
        } catch (const std::exception& e) {
            check(false, e.what());
        }
    }
    return g_failures == 0 ? 0 : 1;
}
