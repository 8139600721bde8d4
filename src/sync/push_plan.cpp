#include <kivals/sync/push_plan.hpp>

#include <algorithm>

namespace kivals::sync {

PushPlanSet plan_pushes(std::span<const PushCandidate> candidates) {
    PushPlanSet out;
    for (const PushCandidate& c : candidates) {
        auto plan = plan_push(c.numbers);
        if (!plan)
            continue;
        const char* reason = c.in_flight        ? "in flight"
                             : c.deleted        ? "deleted"
                             : c.is_composite   ? "composite"
                             : !c.has_inventory ? "untracked"
                                                : nullptr;
        if (reason)
            out.skipped.push_back({c.lightspeed_id, c.kiva_id, reason});
        else
            out.pushes.push_back({c.lightspeed_id, c.kiva_id, *plan, c.numbers.ls_count});
    }
    return out;
}

std::vector<std::span<const PlannedPush>> batch_pushes(std::span<const PlannedPush> pushes,
                                                       std::size_t size) {
    size = std::max<std::size_t>(size, 1);
    std::vector<std::span<const PlannedPush>> out;
    for (std::size_t at = 0; at < pushes.size(); at += size)
        out.push_back(pushes.subspan(at, std::min(size, pushes.size() - at)));
    return out;
}

} // namespace kivals::sync
