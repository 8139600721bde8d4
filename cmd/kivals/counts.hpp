#pragma once

#include <kivals/config/config.hpp>

#include <cstdint>
#include <optional>

namespace kivals::cli {

// Count complete deliveries waiting in the spool (not yet taken into the database); nullopt
// when this user may not list it (only the kivals user can: docs/PERMISSIONS.md).
std::optional<std::int64_t> count_spooled(const Config& cfg);

} // namespace kivals::cli
