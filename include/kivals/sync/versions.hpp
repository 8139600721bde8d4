#pragma once

#include <kivals/config/settings.hpp>

#include <cstdint>

// What kivals has seen of Lightspeed's version counter in its own reads, the bound for the
// versions deliveries may carry (model.hpp: plausible_version_limit).
namespace kivals::sync {

// Return the highest inventory version seen in Lightspeed's own reads: pulls (their cursor)
// and read-backs. 0 when nothing was read yet.
std::int64_t inventory_versions_seen(Settings& settings);

// Remember that a read of Lightspeed's API showed `version` (the caller's transaction).
void note_inventory_version(Settings& settings, std::int64_t version);

// Return the highest product version seen in Lightspeed's own product walks.
std::int64_t product_versions_seen(Settings& settings);

} // namespace kivals::sync
