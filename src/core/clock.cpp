#include <kivals/core/clock.hpp>

#include <fmt/chrono.h>

#include <cstdio>
#include <ctime>
#include <string>

namespace kivals {
namespace {

constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<SysTime> from_fields(int year, int month, int day, int hour, int minute, int second) {
    if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
        return std::nullopt;
    using namespace std::chrono;
    year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                       std::chrono::day(static_cast<unsigned>(day))};
    if (!ymd.ok())
        return std::nullopt;
    return sys_days(ymd) + hours(hour) + minutes(minute) + seconds(second);
}

} // namespace

std::string iso8601(SysTime t) {
    return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(t));
}

std::optional<SysTime> parse_iso8601(std::string_view text) {
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    char sep = 0;
    std::string copy(text);
    if (std::sscanf(copy.c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &y, &mo, &d, &sep, &h, &mi, &s) !=
            7 ||
        (sep != 'T' && sep != ' '))
        return std::nullopt;
    return from_fields(y, mo, d, h, mi, s);
}

std::string http_date(SysTime t) {
    return fmt::format("{:%a, %d %b %Y %H:%M:%S GMT}", std::chrono::floor<std::chrono::seconds>(t));
}

std::optional<SysTime> parse_http_date(std::string_view text) {
    char wday[4] = {}, mon[4] = {};
    int d = 0, y = 0, h = 0, mi = 0, s = 0;
    std::string copy(text);
    if (std::sscanf(copy.c_str(), "%3s, %d %3s %d %d:%d:%d GMT", wday, &d, mon, &y, &h, &mi, &s) !=
        7)
        return std::nullopt;
    for (int m = 0; m < 12; ++m)
        if (std::string_view(mon) == k_months[m])
            return from_fields(y, m + 1, d, h, mi, s);
    return std::nullopt;
}

} // namespace kivals
