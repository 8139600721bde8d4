#include <kivals/lightspeed/retry.hpp>

#include <kivals/core/text.hpp>

#include <algorithm>
#include <cmath>

namespace kivals::lightspeed {

using std::chrono::milliseconds;

milliseconds retry_delay(int attempt, std::optional<milliseconds> retry_after, double jitter,
                         const BackoffParams& params) {
    jitter = std::clamp(jitter, 0.0, 0.999999);
    if (retry_after) {
        milliseconds floor = std::max(*retry_after, milliseconds(0));
        auto extra = static_cast<std::int64_t>(jitter * static_cast<double>(params.slack.count()));
        return floor + milliseconds(extra);
    }
    // base * 2^(attempt-1), computed without overflow: stop doubling at the cap.
    std::int64_t exp = std::max<std::int64_t>(params.base.count(), 1);
    for (int i = 1; i < attempt && exp < params.cap.count(); ++i)
        exp *= 2;
    exp = std::min(exp, std::max<std::int64_t>(params.cap.count(), 1));
    double half = static_cast<double>(exp) / 2.0;
    return milliseconds(static_cast<std::int64_t>(std::floor(half + jitter * half)));
}

std::optional<milliseconds> parse_retry_after(std::string_view value, SysTime now) {
    value = trim(value);
    if (value.empty())
        return std::nullopt;
    if (std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        auto seconds = parse_int<std::int64_t>(value);
        if (!seconds || *seconds > 86400 * 7)
            return std::nullopt;
        return milliseconds(*seconds * 1000);
    }
    auto when = parse_http_date(value);
    if (!when)
        return std::nullopt;
    auto wait = std::chrono::duration_cast<milliseconds>(*when - now);
    return std::max(wait, milliseconds(0));
}

} // namespace kivals::lightspeed
