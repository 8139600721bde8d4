#pragma once

#include <kivals/core/clock.hpp>

#include <chrono>

namespace kivals::lightspeed {

// Waits between retries, so tests can count waits instead of sleeping.
class Sleeper {
public:
    virtual ~Sleeper() = default;
    // Block for `duration`.
    virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

class SystemSleeper final : public Sleeper {
public:
    void sleep_for(std::chrono::milliseconds duration) override;
};

} // namespace kivals::lightspeed
