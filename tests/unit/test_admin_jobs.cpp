#include <kivals/admin/jobs.hpp>
#include <kivals/core/error.hpp>

#include "support/fixtures.hpp"

#include <doctest/doctest.h>

#include <future>

using namespace kivals;

namespace {

// Wait (at most a few seconds) until the newest run of `kind` has ended.
admin::JobState ended(const admin::JobRunner& runner, const std::string& kind) {
    for (int i = 0; i < 500; ++i) {
        auto job = runner.last(kind);
        if (job && job->phase != admin::JobState::Phase::running)
            return *job;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    FAIL("the job did not end");
    return {};
}

} // namespace

TEST_CASE("admin: one action of a kind at a time; its progress, result and failure are kept") {
    testing::FixedClock clock;
    admin::JobRunner runner(clock);
    CHECK_FALSE(runner.last("pull-sync"));

    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    std::promise<void> reported;
    auto first = runner.start("pull-sync", [&](Progress& progress) {
        progress.step("Pull-sync", 40, 0, "records read");
        reported.set_value();
        released.wait();
        return std::string("Pull-sync run 1: 4 linked product(s) seen");
    });
    REQUIRE(first);
    CHECK(first->number == 1);
    CHECK(first->phase == admin::JobState::Phase::running);
    reported.get_future().wait();
    CHECK(runner.last("pull-sync")->progress == "Pull-sync: 40 records read");

    auto second = runner.start("pull-sync", [](Progress&) { return std::string("never"); });
    REQUIRE_FALSE(second);
    CHECK(second.error().find("pull-sync is already running") != std::string::npos);
    auto other = runner.start("push", [](Progress&) { return std::string("Pushed 0"); });
    CHECK(other); // another kind runs beside it
    CHECK(ended(runner, "push").result == "Pushed 0");

    release.set_value();
    admin::JobState done = ended(runner, "pull-sync");
    CHECK(done.phase == admin::JobState::Phase::succeeded);
    CHECK(done.result == "Pull-sync run 1: 4 linked product(s) seen");
    CHECK(done.ended);

    auto again = runner.start("pull-sync", [](Progress&) -> std::string {
        fail(Exit::temporary, "another `kivals pull-sync` is running");
    });
    REQUIRE(again);
    CHECK(again->number == 2);
    admin::JobState failed = ended(runner, "pull-sync");
    CHECK(failed.phase == admin::JobState::Phase::failed);
    CHECK(failed.result == "another `kivals pull-sync` is running");
    CHECK(runner.all().size() == 2);
}
