#pragma once

#include <kivals/config/config.hpp>

#include <cstdint>

namespace kivals::cli {

// Count complete deliveries waiting in the spool (not yet taken into the database).
std::int64_t count_spooled(const Config& cfg);

} // namespace kivals::cli
