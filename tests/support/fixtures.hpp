#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/db/db.hpp>

#include <chrono>
#include <string_view>

// Fixtures shared by the unit tests that need a clock or a database.
namespace kivals::testing {

// 2026-01-01T00:00:00Z, far enough from the epoch that "a day before now" is a real date.
inline constexpr SysTime k_fixed_now =
    SysTime{} + std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}.time_since_epoch();

// A clock that always says the same time.
class FixedClock final : public Clock {
public:
    explicit FixedClock(SysTime at = k_fixed_now) : m_at(at) {}
    SysTime now() const override { return m_at; }

private:
    SysTime m_at;
};

// An in-memory database with every migration applied, then `seed_sql` run on it.
db::Db memory_db(std::string_view seed_sql = {});

} // namespace kivals::testing
