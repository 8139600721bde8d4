#pragma once

#include <kivals/core/qty.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

// The inventory model of INVENTORY-MODEL.md as pure functions: no database, network or clock.
namespace kivals::sync {

// The four stored numbers of one linked product at the configured outlet.
struct StockNumbers {
    Qty ls_count;             // L: the last level Lightspeed reported
    std::int64_t version = 0; // v: the Lightspeed version that reported L
    Qty reserved;             // R: units claimed by open online order lines
    Qty synced;               // S: the part of R that Lightspeed's count already reflects

    // Return In Stock = L + S.
    Qty in_stock() const { return ls_count + synced; }
    // Return Available = In Stock - R = L - (R - S).
    Qty available() const { return ls_count - (reserved - synced); }
    // Return Pending push = R - S (units still to take from Lightspeed; negative: to give back).
    Qty pending_push() const { return reserved - synced; }

    bool operator==(const StockNumbers&) const = default;
};

enum class Observation { applied, stale };

// Apply a level `level` at `version` seen in Lightspeed (webhook or pull-sync row): newer
// versions replace L and v; older or equal ones are stale (duplicate, late, or a known echo).
// Never plans a push: observations cannot cause echo loops.
Observation observe(StockNumbers& stock, Qty level, std::int64_t version);

// An online order line claimed `qty` units: R += qty.
void reserve(StockNumbers& stock, Qty qty);

// A reserved line was cancelled: R -= qty (the push gives the units back).
void cancel(StockNumbers& stock, Qty qty);

// A reserved line was shipped: R -= qty and S -= qty. If those units had been pushed,
// nothing is pending; if not, they are still pending and the next push takes them.
void fulfill(StockNumbers& stock, Qty qty);

// A push of the pending change, planned from the numbers at one moment.
struct PushPlan {
    Qty pending; // R - S when planned; the adjustment sent to Lightspeed is -pending
    // Return the relative adjustment to send (negative takes units away).
    Qty adjustment() const { return -pending; }
};

// Plan a push: nullopt when nothing is pending.
std::optional<PushPlan> plan_push(const StockNumbers& stock);

// A relative adjustment of plan.adjustment() succeeded: L moves by it, and S takes in the
// pending units that were planned (not R now: an order that arrived meanwhile stays pending).
void relative_push_succeeded(StockNumbers& stock, const PushPlan& plan);

// Return the absolute count to write in the 2.0 family: a FRESH level read immediately
// before writing, minus what is pending. Never call this with a stored L.
Qty absolute_target(Qty fresh_level, const PushPlan& plan);

// An absolute write of absolute_target(fresh, plan) succeeded and was read back at
// `version_after`: L = target, S takes in the planned units, v = version_after.
void absolute_push_succeeded(StockNumbers& stock, const PushPlan& plan, Qty written,
                             std::int64_t version_after);

// A push whose outcome was unknown (kivals killed, or a timeout) is found to have landed:
// S takes in the planned units, and L and v come from a level read afterwards under the
// exclusive stock gate. That read is newer than anything applied, so it is taken at an equal
// version too (a relative push may have moved L without changing v).
void landed_push_found(StockNumbers& stock, const PushPlan& plan, Qty fresh_level,
                       std::int64_t fresh_version);

// One field that changed, for the ledger.
struct FieldChange {
    char field; // 'L', 'v', 'R' or 'S'
    std::int64_t before;
    std::int64_t after;
};

// List what differs between two states (quantities in thousandths, versions as is).
std::vector<FieldChange> diff(const StockNumbers& before, const StockNumbers& after);

} // namespace kivals::sync
