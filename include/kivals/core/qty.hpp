#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kivals {

// A stock quantity in exact thousandths of a unit. Lightspeed levels are doubles that may be
// fractional or negative; kivals adds and compares them, so it keeps them as fixed point.
class Qty {
public:
    constexpr Qty() = default;

    // Make a quantity of whole units.
    static constexpr Qty units(std::int64_t n) { return Qty(n * k_scale); }
    // Make a quantity from thousandths, as stored in the database.
    static constexpr Qty from_milli(std::int64_t milli) { return Qty(milli); }
    // Round a double (as JSON numbers arrive) to the nearest thousandth.
    static Qty from_double(double value);
    // Parse "12", "-3", "200.00000", "1.5"; nullopt when it is not a number.
    static std::optional<Qty> parse(std::string_view text);

    constexpr std::int64_t milli() const { return m_milli; }
    double to_double() const { return static_cast<double>(m_milli) / k_scale; }
    // Format without needless zeros: "12", "-3", "1.5".
    std::string str() const;

    constexpr Qty operator+(Qty o) const { return Qty(m_milli + o.m_milli); }
    constexpr Qty operator-(Qty o) const { return Qty(m_milli - o.m_milli); }
    constexpr Qty operator-() const { return Qty(-m_milli); }
    constexpr Qty& operator+=(Qty o) {
        m_milli += o.m_milli;
        return *this;
    }
    constexpr Qty& operator-=(Qty o) {
        m_milli -= o.m_milli;
        return *this;
    }
    constexpr auto operator<=>(const Qty&) const = default;

    static constexpr std::int64_t k_scale = 1000;

private:
    constexpr explicit Qty(std::int64_t milli) : m_milli(milli) {}
    std::int64_t m_milli = 0;
};

} // namespace kivals
