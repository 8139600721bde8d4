#include <kivals/config/settings.hpp>
#include <kivals/core/redact.hpp>
#include <kivals/db/schema.hpp>

#include <doctest/doctest.h>

#include <set>

using namespace kivals;

TEST_CASE("settings: values are validated") {
    struct Case {
        const char* key;
        const char* value;
        bool ok;
    };
    const Case cases[] = {
        {"store_url", "https://shop.retail.lightspeed.app", true},
        {"store_url", "http://127.0.0.1:8080", true},
        {"store_url", "http://localhost:99", true},
        {"store_url", "http://[::1]:99", true},
        {"store_url", "http://shop.retail.lightspeed.app", false},
        {"store_url", "ftp://shop", false},
        {"store_url", "shop.retail.lightspeed.app", false},
        {"store_url", "https://user:pw@shop", false},
        {"store_url", "https://shop/?x=1", false},
        {"store_url", "https://", false},
        {"webhook.base_url", "https://kiva.example/cgi-bin/kivals-webhook", true},
        {"api.version", "2026-07", true},
        {"api.version", "2.0", true},
        {"api.version", "3.0", false},
        {"token", "lsxs_pt_abc", true},
        {"token", "has space", false},
        {"token", "", false},
        {"outlet_id", "0924dbcd-ef11-11e9-e989-ed89c9e5529a", true},
        {"outlet_id", "../etc", false},
        {"webhook.base_url", "https://kiva.example/caf\xE9", false},
        {"webhook.base_url", "https://kiva.example/caf\xC3\xA9", true},
        {"token", "lsxs_pt_\xFF\xFE", false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.key);
        CAPTURE(c.value);
        CHECK(validate_setting(c.key, c.value).has_value() == !c.ok);
    }
}

TEST_CASE("settings: only literal loopback hosts may use http://") {
    struct Case {
        const char* host;
        bool loopback;
    };
    const Case hosts[] = {
        {"127.0.0.1", true},
        {"127.1.2.3", true},
        {"127.255.255.255", true},
        {"::1", true},
        {"localhost", true},
        {"127.0.0.1.evil.example", false},
        {"127.evil.example", false},
        {"127.0.0", false},
        {"127.0.0.1.", false},
        {"127.0.0.256", false},
        {"127.0.0.01", false},
        {"0177.0.0.1", false},
        {"128.0.0.1", false},
        {"localhost.evil.example", false},
        {"evil-localhost", false},
        {"::1.evil", false},
        {"", false},
    };
    for (const auto& c : hosts) {
        CAPTURE(c.host);
        CHECK(is_loopback_host(c.host) == c.loopback);
    }
    const Case urls[] = {
        {"http://127.0.0.1:8080/", true},
        {"http://[::1]:99", true},
        {"http://127.0.0.1.evil.example/", false},
        {"http://127.evil.example", false},
        {"http://[::1].evil", false},
        {"http://[::1]evil:80", false},
        {"http://localhost.evil.example:80", false},
        {"http://127.0.0.1:80x", false},
        {"http://127.0.0.1:", false},
    };
    for (const auto& c : urls) {
        CAPTURE(c.host);
        CHECK(!validate_setting("store_url", c.host).has_value() == c.loopback);
    }
}

TEST_CASE("settings: secrets are masked and generated with enough entropy") {
    CHECK(mask_secret("") == "");
    CHECK(mask_secret("short") == "****");
    CHECK(mask_secret("lsxs_pt_0123456789abcdef") == "****cdef");
    CHECK(find_setting("token")->secret);
    CHECK(find_setting("webhook.secret")->secret);
    CHECK_FALSE(find_setting("webhook.secret")->settable);
    CHECK(find_setting("nope") == nullptr);

    std::set<std::string> seen;
    for (int i = 0; i < 50; ++i) {
        std::string s = generate_secret();
        CHECK(s.size() == 32); // 24 bytes = 192 bits
        CHECK(s.find_first_not_of(
                  "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
              std::string::npos);
        seen.insert(s);
    }
    CHECK(seen.size() == 50);
}

namespace {
struct FixedClock final : Clock {
    SysTime now() const override { return SysTime{}; }
};
} // namespace

TEST_CASE("settings: stored values override defaults and round-trip any bytes") {
    db::Db db = db::Db::open(":memory:", db::OpenMode::create);
    db::migrate(db);
    FixedClock clock;
    Settings settings(db, clock);
    CHECK(settings.get("api.version") == "2026-07");
    CHECK_FALSE(settings.stored("api.version"));
    settings.set("api.version", "2.0");
    CHECK(settings.get("api.version") == "2.0");
    CHECK(settings.enabled("feature"));
    settings.set("feature", "off");
    CHECK_FALSE(settings.enabled("feature"));

    const char raw[] = "é\"'\0;DROP TABLE settings;--";
    std::string odd(raw, sizeof raw - 1); // keeps the NUL in the middle
    settings.set("outlet_id", odd);
    CHECK(settings.get("outlet_id") == odd);
    CHECK(settings.erase("outlet_id"));
    CHECK_FALSE(settings.erase("outlet_id"));
    CHECK_THROWS_AS(settings.require("token"), Error);
}
