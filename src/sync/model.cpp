#include <kivals/sync/model.hpp>

#include <algorithm>
#include <cstdint>

namespace kivals::sync {

Observation observe(StockNumbers& stock, Qty level, std::int64_t version) {
    if (version <= stock.version)
        return Observation::stale;
    stock.ls_count = level;
    stock.version = version;
    return Observation::applied;
}

std::int64_t plausible_version_limit(std::int64_t seen) {
    std::int64_t room = std::max(seen, k_version_headroom);
    return seen > INT64_MAX - room ? INT64_MAX : seen + room;
}

bool plausible_delivery_version(std::int64_t version, std::int64_t seen) {
    return seen <= 0 || version <= plausible_version_limit(seen);
}

Observation observe_read(StockNumbers& stock, Qty level, std::int64_t version, std::int64_t seen) {
    if (version > stock.version || stock.version <= plausible_version_limit(seen))
        return observe(stock, level, version);
    stock.ls_count = level; // the stored version ran ahead: the read repairs it
    stock.version = version;
    return Observation::applied;
}

void reserve(StockNumbers& stock, Qty qty) {
    stock.reserved += qty;
}

void cancel(StockNumbers& stock, Qty qty) {
    stock.reserved -= qty;
}

void fulfill(StockNumbers& stock, Qty qty) {
    stock.reserved -= qty;
    stock.synced -= qty;
}

std::optional<PushPlan> plan_push(const StockNumbers& stock) {
    Qty pending = stock.pending_push();
    if (pending == Qty())
        return std::nullopt;
    return PushPlan{pending};
}

void relative_push_succeeded(StockNumbers& stock, const PushPlan& plan) {
    stock.ls_count += plan.adjustment();
    stock.synced += plan.pending;
}

Qty absolute_target(Qty fresh_level, const PushPlan& plan) {
    return fresh_level + plan.adjustment();
}

void absolute_push_succeeded(StockNumbers& stock, const PushPlan& plan, Qty written,
                             std::int64_t version_after) {
    stock.ls_count = written;
    stock.synced += plan.pending;
    if (version_after > stock.version)
        stock.version = version_after;
}

void landed_push_found(StockNumbers& stock, const PushPlan& plan, Qty fresh_level,
                       std::int64_t fresh_version) {
    stock.synced += plan.pending;
    if (fresh_version >= stock.version) {
        stock.ls_count = fresh_level;
        stock.version = fresh_version;
    }
}

std::vector<FieldChange> diff(const StockNumbers& before, const StockNumbers& after) {
    std::vector<FieldChange> out;
    if (before.ls_count != after.ls_count)
        out.push_back({'L', before.ls_count.milli(), after.ls_count.milli()});
    if (before.version != after.version)
        out.push_back({'v', before.version, after.version});
    if (before.reserved != after.reserved)
        out.push_back({'R', before.reserved.milli(), after.reserved.milli()});
    if (before.synced != after.synced)
        out.push_back({'S', before.synced.milli(), after.synced.milli()});
    return out;
}

} // namespace kivals::sync
