// What the parts of a push run share (push_parts.hpp).
#include "push_parts.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>

#include <algorithm>

namespace kivals::sync {

PushMode push_mode(lightspeed::ApiFamily family, const PushOptions& options) {
    return family == lightspeed::ApiFamily::v2026_07 && !options.unsafe_stale_absolute
               ? PushMode::relative
               : PushMode::absolute;
}

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

void forget(db::Db& db, const Clock& clock, std::span<const PlannedPush> pushes) {
    db::Txn txn(db);
    InflightStore inflight(db, clock);
    for (const auto& p : pushes)
        inflight.erase(p.lightspeed_id);
    txn.commit();
}

std::string unknown_outcome(const lightspeed::ApiError& e) {
    return std::string(e.what()) +
           "; whether Lightspeed took it is checked before it is sent again";
}

} // namespace kivals::sync
