#include <kivals/webhook/webhook_url.hpp>

#include <doctest/doctest.h>

using namespace kivals;
using namespace kivals::webhook;
using lightspeed::Webhook;

namespace {
const UrlParts k_parts{"https://shop.example/cgi-bin/kivals-webhook", "AbCdEfGhIjKlMnOpQrStUvWx"};
const std::string k_inv = "https://shop.example/cgi-bin/"
                          "kivals-webhook?type=inventory.update&secret=AbCdEfGhIjKlMnOpQrStUvWx";
const std::string k_prod = "https://shop.example/cgi-bin/"
                           "kivals-webhook?type=product.update&secret=AbCdEfGhIjKlMnOpQrStUvWx";
} // namespace

TEST_CASE("url_for and mask_url_secret") {
    CHECK(url_for(k_parts, "inventory.update") == k_inv);
    CHECK(url_for(UrlParts{"http://127.0.0.1:8080/h", "a+b/c"}, "product.update") ==
          "http://127.0.0.1:8080/h?type=product.update&secret=a%2Bb%2Fc");
    std::string masked = mask_url_secret(k_inv);
    CHECK(masked.find("AbCdEfGhIjKlMnOpQrSt") == std::string::npos);
    CHECK(masked ==
          "https://shop.example/cgi-bin/kivals-webhook?type=inventory.update&secret=****UvWx");
    CHECK(mask_url_secret("https://x/y") == "https://x/y");
    CHECK(mask_url_secret("https://x/y?secret=short") == "https://x/y?secret=****");
}

TEST_CASE("plan_registration: table") {
    struct Case {
        const char* what;
        std::vector<Webhook> existing;
        std::vector<RegAction> want; // product.update steps first, then inventory.update
    };
    const std::string old_secret_inv =
        "https://shop.example/cgi-bin/kivals-webhook?type=inventory.update&secret=old";
    const std::vector<Case> cases = {
        {"nothing registered", {}, {RegAction::create, RegAction::create}},
        {"both right",
         {{"1", "product.update", k_prod, true}, {"2", "inventory.update", k_inv, true}},
         {RegAction::keep, RegAction::keep}},
        {"one inactive",
         {{"1", "product.update", k_prod, false}, {"2", "inventory.update", k_inv, true}},
         {RegAction::repair, RegAction::keep}},
        {"old secret",
         {{"1", "product.update", k_prod, true}, {"2", "inventory.update", old_secret_inv, true}},
         {RegAction::keep, RegAction::repair}},
        {"a duplicate",
         {{"1", "product.update", k_prod, true},
          {"2", "inventory.update", k_inv, true},
          {"3", "inventory.update", old_secret_inv, true}},
         {RegAction::keep, RegAction::keep, RegAction::remove_duplicate}},
        {"someone else's webhook is left alone",
         {{"9", "inventory.update", "https://other.example/hook", true}},
         {RegAction::create, RegAction::create}},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        auto plan = plan_registration(c.existing, k_parts);
        REQUIRE(plan.size() == c.want.size());
        for (std::size_t i = 0; i < plan.size(); ++i)
            CHECK(plan[i].action == c.want[i]);
        for (const auto& step : plan)
            if (step.action != RegAction::remove_duplicate)
                CHECK(step.url == url_for(k_parts, step.type));
    }
}
