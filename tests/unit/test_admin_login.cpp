#include <kivals/admin/login_throttle.hpp>
#include <kivals/admin/password.hpp>
#include <kivals/admin/sessions.hpp>

#include <doctest/doctest.h>

using namespace kivals;
using namespace std::chrono_literals;

namespace {

SysTime at(std::chrono::milliseconds t) {
    return SysTime{} + std::chrono::hours(24 * 365 * 50) + t;
}

} // namespace

TEST_CASE("admin: the login throttle doubles its wait per wrong password, up to its cap") {
    admin::LoginThrottle throttle({1s, 8s, 15min});
    CHECK(throttle.wait(at(0ms)) == 0ms);
    struct Step {
        std::chrono::milliseconds failed_at;
        std::chrono::milliseconds wait_right_after; // at the failure's own time
    };
    const Step steps[] = {
        {0ms, 1000ms}, {1000ms, 2000ms}, {3000ms, 4000ms}, {7000ms, 8000ms}, {15000ms, 8000ms},
    };
    for (const Step& s : steps) {
        CAPTURE(s.failed_at.count());
        throttle.failed(at(s.failed_at));
        CHECK(throttle.wait(at(s.failed_at)) == s.wait_right_after);
        CHECK(throttle.wait(at(s.failed_at + s.wait_right_after)) == 0ms);
    }
    CHECK(throttle.failures() == 5);
    throttle.succeeded();
    CHECK(throttle.wait(at(15001ms)) == 0ms);
    throttle.failed(at(16s));
    CHECK(throttle.wait(at(16s)) == 1000ms); // the right password forgot the failures
}

TEST_CASE("admin: the login throttle forgets old failures") {
    admin::LoginThrottle throttle({1s, 30s, 15min});
    throttle.failed(at(0ms));
    throttle.failed(at(1s));
    CHECK(throttle.wait(at(1s)) == 2000ms);
    throttle.failed(at(1s + 16min));
    CHECK(throttle.wait(at(1s + 16min)) == 1000ms);
}

TEST_CASE("admin: passwords are checked against their salted Argon2id hash") {
    CHECK(admin::check_password("short").error() == "must be at least 12 characters");
    CHECK(admin::check_password("long enough password"));
    CHECK_FALSE(admin::check_password("not utf-8 \xff\xfe password"));
    std::string hash = admin::hash_password("long enough password");
    CHECK(hash.starts_with("$argon2id$"));
    CHECK(hash.find("long enough") == std::string::npos);
    CHECK(admin::hash_password("long enough password") != hash); // a new salt each time
    CHECK(admin::verify_password(hash, "long enough password"));
    CHECK_FALSE(admin::verify_password(hash, "long enough passwore"));
    CHECK_FALSE(admin::verify_password(hash, ""));
    CHECK_FALSE(admin::verify_password("", "long enough password"));
    CHECK_FALSE(admin::verify_password("plain text", "plain text"));
}

TEST_CASE("admin: sessions end when idle, when old, and the least recently used at the limit") {
    admin::SessionStore store({30min, 12h, 2});
    auto a = store.create(at(0ms), "cred");
    CHECK(a.id.size() == 64);
    CHECK(a.session.csrf.size() == 64);
    CHECK(a.session.csrf != a.id);
    auto found = store.find(a.id, at(29min));
    REQUIRE(found);
    CHECK(found->csrf == a.session.csrf);
    CHECK(found->credential == "cred");
    CHECK(store.find(a.id, at(29min + 29min))); // used at 29 min: still live
    CHECK_FALSE(store.find(a.id, at(29min + 29min + 31min)));
    CHECK_FALSE(store.find("not a session id", at(0ms)));

    auto b = store.create(at(0ms), "cred");
    for (auto t = 20min; t < 12h; t += 20min)
        REQUIRE(store.find(b.id, at(t)));
    CHECK_FALSE(store.find(b.id, at(12h + 1min))); // the lifetime

    auto c = store.create(at(13h), "cred");
    auto d = store.create(at(13h + 1min), "cred");
    CHECK(store.find(c.id, at(13h + 2min))); // c is now the most recently used
    auto e = store.create(at(13h + 3min), "cred");
    CHECK(store.size() == 2);
    CHECK_FALSE(store.find(d.id, at(13h + 4min)));
    CHECK(store.find(c.id, at(13h + 4min)));
    CHECK(store.find(e.id, at(13h + 4min)));
    store.remove(e.id);
    CHECK_FALSE(store.find(e.id, at(13h + 4min)));
}
