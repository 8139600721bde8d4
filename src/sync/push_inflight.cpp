// Judging pushes in flight (pure): from the adjustment log or the record's version.
#include <kivals/sync/push_inflight.hpp>

#include <algorithm>

namespace kivals::sync {

std::vector<InflightVerdict>
match_adjustment_log(std::span<const InflightPush> inflight,
                     std::span<const lightspeed::StockAdjustment> log) {
    std::vector<InflightVerdict> verdicts(inflight.size(), InflightVerdict::not_landed);
    std::vector<bool> used(log.size(), false);
    for (std::size_t i = 0; i < inflight.size(); ++i) {
        const InflightPush& push = inflight[i];
        if (push.kind != InflightPush::Kind::relative)
            continue;
        for (std::size_t j = 0; j < log.size(); ++j) {
            const lightspeed::StockAdjustment& entry = log[j];
            if (used[j] || entry.version <= push.log_after ||
                entry.product_id != push.lightspeed_id || entry.outlet_id != push.outlet_id ||
                entry.quantity != push.plan.adjustment() ||
                entry.custom_reason_id.value_or("") != push.reason_id)
                continue;
            used[j] = true;
            verdicts[i] = InflightVerdict::landed;
            break;
        }
    }
    return verdicts;
}

InflightVerdict judge_absolute(const InflightPush& push, std::int64_t version_now, Qty level_now) {
    if (version_now == push.version_before)
        return InflightVerdict::not_landed;
    if (push.plan.pending > Qty() && level_now > push.written)
        return InflightVerdict::not_landed;
    return InflightVerdict::landed;
}

} // namespace kivals::sync
