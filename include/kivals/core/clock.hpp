#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace kivals {

using SysTime = std::chrono::system_clock::time_point;

// Format a time as ISO 8601 UTC with seconds: "2026-11-27T20:48:05Z".
std::string iso8601(SysTime t);

// Parse "2026-11-27T20:48:05Z" (also "+00:00" and a space instead of the T).
std::optional<SysTime> parse_iso8601(std::string_view text);

// Format a time as an RFC 1123 HTTP date: "Wed, 15 Jul 2020 15:04:05 GMT".
std::string http_date(SysTime t);

// Parse an RFC 1123 HTTP date.
std::optional<SysTime> parse_http_date(std::string_view text);

// The source of "now", so that code that needs time can be given a fake one in tests.
class Clock {
public:
    virtual ~Clock() = default;
    virtual SysTime now() const = 0;
};

class SystemClock final : public Clock {
public:
    SysTime now() const override { return std::chrono::system_clock::now(); }
};

} // namespace kivals
