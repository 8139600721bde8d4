#include <kivals/core/progress.hpp>

#include <doctest/doctest.h>

using namespace kivals;
using std::chrono::milliseconds;

TEST_CASE("wait_text: tenths under a second, whole seconds above, never shorter") {
    struct Case {
        milliseconds wait;
        const char* want;
    };
    for (const Case& c : {Case{milliseconds(0), "0.0 s"}, Case{milliseconds(1), "0.1 s"},
                          Case{milliseconds(250), "0.3 s"}, Case{milliseconds(900), "0.9 s"},
                          Case{milliseconds(901), "1 s"}, Case{milliseconds(1000), "1 s"},
                          Case{milliseconds(1001), "2 s"}, Case{milliseconds(38000), "38 s"},
                          Case{milliseconds(-5), "0.0 s"}}) {
        CAPTURE(c.want);
        CHECK(wait_text(c.wait) == c.want);
    }
}

TEST_CASE("step_text: with and without a known end") {
    CHECK(step_text("Pull-sync", 4000, 0, "records read") == "Pull-sync: 4000 records read");
    CHECK(step_text("Pushing", 200, 1200, "products") == "Pushing: 200 of 1200 products");
}
