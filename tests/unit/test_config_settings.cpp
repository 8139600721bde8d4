#include <kivals/config/settings.hpp>
#include <kivals/core/redact.hpp>

#include "support/fixtures.hpp"

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
        CHECK(validate_setting(c.key, c.value).has_value() == c.ok);
    }
}

TEST_CASE("settings: only literal loopback hosts may use http://") {
    struct Case {
        const char* url;
        bool loopback;
    };
    // Which hosts are loopback is is_loopback_host's table (test_core_text.cpp); here, that
    // validate_setting holds store URLs to it.
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
        CAPTURE(c.url);
        CHECK(validate_setting("store_url", c.url).has_value() == c.loopback);
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

TEST_CASE("settings: stored values override defaults and round-trip any bytes") {
    db::Db db = testing::memory_db();
    testing::FixedClock clock;
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

TEST_CASE("settings: a store URL naming an API path is stored as the store's root, with a note") {
    struct Case {
        const char* given;
        const char* stored;
        bool noted;
    };
    const Case cases[] = {
        {"https://x.retail.lightspeed.app", "https://x.retail.lightspeed.app", false},
        {"https://x.retail.lightspeed.app/", "https://x.retail.lightspeed.app", false},
        {"https://x.retail.lightspeed.app/api/2.0", "https://x.retail.lightspeed.app", true},
        {"https://x.retail.lightspeed.app/api/2026-07/", "https://x.retail.lightspeed.app", true},
        {"http://127.0.0.1:9/api", "http://127.0.0.1:9", true},
        {"https://x.retail.lightspeed.app/shop", "https://x.retail.lightspeed.app/shop", false},
    };
    for (const auto& c : cases) {
        CAPTURE(c.given);
        NormalizedSetting n = normalize_setting("store_url", c.given);
        CHECK(n.value == c.stored);
        CHECK(n.note.has_value() == c.noted);
    }
    CHECK(normalize_setting("store_url", "https://x/api/2.0").note->find("api.version 2.0") !=
          std::string::npos);
    // What is not the API's path is refused, with the reason.
    auto valid = validate_setting("store_url", "https://x.retail.lightspeed.app/shop");
    REQUIRE_FALSE(valid);
    CHECK(valid.error().find("https://x.retail.lightspeed.app), without a path") !=
          std::string::npos);
    CHECK(validate_setting("store_url", "http://127.0.0.1:8080/").has_value());
    // webhook.base_url keeps its path: it is where kivals-webhook is.
    CHECK(
        normalize_setting("webhook.base_url", "https://k.example/cgi-bin/kivals-webhook/").value ==
        "https://k.example/cgi-bin/kivals-webhook");
}
