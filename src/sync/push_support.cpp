#include "push_support.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>

#include <algorithm>

namespace kivals::sync {

std::optional<lightspeed::InventoryRecord>
record_at(lightspeed::Client& client, const std::string& product_id, const std::string& outlet_id) {
    for (auto& record : client.product_inventory(product_id))
        if (record.outlet_id == outlet_id && !record.deleted_at)
            return record;
    return std::nullopt;
}

void advance_log_after(db::Db& db, const Clock& clock,
                       std::span<const lightspeed::StockAdjustment> seen) {
    if (seen.empty())
        return;
    Settings settings(db, clock);
    std::int64_t now = settings.state_int(state_keys::k_push_log_after);
    std::int64_t highest = now;
    for (const auto& a : seen)
        highest = std::max(highest, a.version);
    if (highest > now)
        settings.set_state(state_keys::k_push_log_after, std::to_string(highest));
}

} // namespace kivals::sync
