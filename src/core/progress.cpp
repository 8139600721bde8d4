#include <kivals/core/progress.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace kivals {

std::string wait_text(std::chrono::milliseconds duration) {
    auto ms = std::max<std::int64_t>(0, duration.count());
    // Rounded up, in tenths under a second: a wait is never said shorter than it is.
    if (ms <= 900)
        return fmt::format("0.{} s", (ms + 99) / 100);
    return fmt::format("{} s", (ms + 999) / 1000);
}

std::string step_text(std::string_view task, std::int64_t done, std::int64_t total,
                      std::string_view unit) {
    if (total > 0)
        return fmt::format("{}: {} of {} {}", task, done, total, unit);
    return fmt::format("{}: {} {}", task, done, unit);
}

} // namespace kivals
