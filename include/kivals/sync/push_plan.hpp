#pragma once

#include <kivals/sync/model.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

// The push plan, computed before anything is sent (pure), so that --dry-run only swaps the
// executor: which linked products have something pending and how they are batched.
namespace kivals::sync {

// One linked product as the planner sees it.
struct PushCandidate {
    std::string lightspeed_id;
    std::string kiva_id;
    StockNumbers numbers;
    bool has_inventory = true;
    bool is_composite = false;
    bool deleted = false;
    bool in_flight = false; // an earlier push's outcome is not known yet
};

// A product whose pending change will be sent.
struct PlannedPush {
    std::string lightspeed_id;
    std::string kiva_id;
    PushPlan plan;
    Qty ls_now; // L when planned (Lightspeed's last reported level)
};

// A product with something pending that is never pushed, and why.
struct SkippedPush {
    std::string lightspeed_id;
    std::string kiva_id;
    std::string reason; // "deleted", "composite", "untracked", "in flight"
};

// Everything one push run will do.
struct PushPlanSet {
    std::vector<PlannedPush> pushes;
    std::vector<SkippedPush> skipped;
};

// Plan a push: products with R != S that Lightspeed tracks; deleted, composite and untracked
// products are listed as skipped. Candidates with nothing pending are left out.
PushPlanSet plan_pushes(std::span<const PushCandidate> candidates);

// Split planned pushes into consecutive batches of at most `size` (size 0 counts as 1).
std::vector<std::span<const PlannedPush>> batch_pushes(std::span<const PlannedPush> pushes,
                                                       std::size_t size);

} // namespace kivals::sync
