#include <kivals/serve/listen.hpp>

#include <doctest/doctest.h>

using namespace kivals;

TEST_CASE("serve: listen addresses, loopback only") {
    struct Case {
        const char* text;
        const char* shown; // "" when refused
    };
    const Case cases[] = {
        {"127.0.0.1:8787", "127.0.0.1:8787"},
        {"127.3.2.1:0", "127.3.2.1:0"},
        {"[::1]:8787", "[::1]:8787"},
        {"localhost:80", "localhost:80"},
        {"unix:/run/kivals-store/store.sock", "unix:/run/kivals-store/store.sock"},
        {"unix:store.sock", ""},     // not absolute
        {"0.0.0.0:8787", ""},        // every interface
        {"192.168.1.2:8787", ""},    // another host can reach it
        {"127.evil.example:80", ""}, // a name that only looks like loopback
        {"[::]:8787", ""},
        {"127.0.0.1", ""},
        {"127.0.0.1:65536", ""},
        {"127.0.0.1:-1", ""},
        {"127.0.0.1:80x", ""},
        {"127.0.0.1:", ""},
        {"127.0.0.01:80", ""}, // a leading zero (octal to some resolvers)
        {"127.0.0.1:+80", ""},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        auto parsed = serve::parse_listen(c.text);
        if (*c.shown == '\0') {
            CHECK_FALSE(parsed);
        } else {
            REQUIRE(parsed);
            CHECK(parsed->str() == c.shown);
        }
    }
    CHECK_FALSE(serve::parse_listen("unix:/" + std::string(200, 'x'))); // longer than sun_path
}
