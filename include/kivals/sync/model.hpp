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

// Lightspeed's versions are one counter per store, bumped by every change (API-NOTES.md §3),
// so the highest version kivals has read from Lightspeed's own API is close to that counter.
// A real record cannot be far beyond it: the counter would have to more than double (or, on
// a young store, grow by 2^32) between two reads, while it took the store's whole life to get
// where it is. A delivery beyond that is refused, and a stored version beyond it (left by such
// a delivery) gives way to the next read. Issue #13 may replace this with separate version
// spaces; keep the rule in these three functions.
inline constexpr std::int64_t k_version_headroom = std::int64_t{1} << 32;

// Return the highest version Lightspeed can plausibly have given out when the highest version
// kivals has seen in Lightspeed's own reads is `seen`: seen + max(seen, 2^32), at most INT64_MAX.
std::int64_t plausible_version_limit(std::int64_t seen);

// Return true when a delivery's `version` is plausible (`seen` 0: nothing read yet, so any is).
bool plausible_delivery_version(std::int64_t version, std::int64_t seen);

// Apply a level read from Lightspeed's own API (pull page, read-back): like observe(), and in
// addition a stored version beyond plausible_version_limit(seen), which only a bogus delivery
// can have put there, gives way to the read whatever its version. `seen` includes `version`.
Observation observe_read(StockNumbers& stock, Qty level, std::int64_t version, std::int64_t seen);

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
