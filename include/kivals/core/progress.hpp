#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

// How far a long command is, and what it waits for. The modules that do the work only say it
// through this interface; `kivals` passes a terminal reporter when stderr is a terminal and a
// silent one otherwise (cron, pipes), and the tests pass one that records what was said.
namespace kivals {

class Progress {
public:
    virtual ~Progress() = default;

    // Say that `task` ("Pull-sync") has done `done` of `total` `unit` ("records read");
    // total 0 means the end is not known. Called as often as is convenient: a reporter shows
    // at most a few lines a second.
    virtual void step(std::string_view task, std::int64_t done, std::int64_t total,
                      std::string_view unit) = 0;
    // Say that the command now waits `duration` and why, as a whole sentence that names the
    // wait ("waiting 38 s: Lightspeed's rate limit").
    virtual void wait(std::chrono::milliseconds duration, std::string_view message) = 0;
    // The task is over: clear its line before the command prints its summary.
    virtual void finish() = 0;
};

// Says nothing.
class SilentProgress final : public Progress {
public:
    void step(std::string_view, std::int64_t, std::int64_t, std::string_view) override {}
    void wait(std::chrono::milliseconds, std::string_view) override {}
    void finish() override {}
};

// Write a wait as people read it: "0.5 s" under a second, whole seconds (rounded up) above.
std::string wait_text(std::chrono::milliseconds duration);

// Write a step as one line: "Pull-sync: 4000 records read", "Pushing: 200 of 1200 products".
std::string step_text(std::string_view task, std::int64_t done, std::int64_t total,
                      std::string_view unit);

} // namespace kivals
