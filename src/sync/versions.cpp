#include <kivals/config/state_keys.hpp>
#include <kivals/sync/versions.hpp>

#include <algorithm>
#include <string>

namespace kivals::sync {

std::int64_t inventory_versions_seen(Settings& settings) {
    return std::max(settings.state_int(state_keys::k_inventory_version_seen),
                    settings.state_int(state_keys::k_pull_cursor));
}

void note_inventory_version(Settings& settings, std::int64_t version) {
    if (version > settings.state_int(state_keys::k_inventory_version_seen))
        settings.set_state(state_keys::k_inventory_version_seen, std::to_string(version));
}

std::int64_t product_versions_seen(Settings& settings) {
    return settings.state_int(state_keys::k_products_cursor);
}

} // namespace kivals::sync
