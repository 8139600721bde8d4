#include <kivals/core/qty.hpp>
#include <kivals/core/text.hpp>

#include <fmt/format.h>

#include <cmath>

namespace kivals {

Qty Qty::from_double(double value) {
    return Qty(static_cast<std::int64_t>(std::llround(value * static_cast<double>(k_scale))));
}

std::optional<Qty> Qty::parse(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    auto dot = text.find('.');
    std::string_view whole = text.substr(0, dot);
    std::string_view frac =
        dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
    if (whole.empty() && frac.empty())
        return std::nullopt;
    std::int64_t units = 0;
    if (!whole.empty()) {
        // Digits only: the sign was taken above, and a second one is not a number.
        auto parsed = parse_int<std::uint64_t>(whole);
        if (!parsed || *parsed > static_cast<std::uint64_t>(INT64_MAX / k_scale))
            return std::nullopt;
        units = static_cast<std::int64_t>(*parsed);
    }
    std::int64_t milli = 0;
    std::int64_t scale = k_scale / 10;
    bool round_up = false;
    for (std::size_t i = 0; i < frac.size(); ++i) {
        char c = frac[i];
        if (c < '0' || c > '9')
            return std::nullopt;
        if (scale > 0) {
            milli += (c - '0') * scale;
            scale /= 10;
        } else if (i == 3) {
            round_up = c >= '5';
        }
    }
    std::int64_t total = units * k_scale + milli + (round_up ? 1 : 0);
    return Qty(negative ? -total : total);
}

std::string Qty::str() const {
    std::int64_t abs = m_milli < 0 ? -m_milli : m_milli;
    std::string out = fmt::format("{}{}", m_milli < 0 ? "-" : "", abs / k_scale);
    std::int64_t frac = abs % k_scale;
    if (frac != 0) {
        std::string digits = fmt::format("{:03}", frac);
        while (digits.back() == '0')
            digits.pop_back();
        out += "." + digits;
    }
    return out;
}

} // namespace kivals
