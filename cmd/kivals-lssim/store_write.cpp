// Inventory writes: product PUT (absolute), stock adjustments (relative), POS sales, reasons.
#include "store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

namespace kivals::lssim {

using nlohmann::json;

namespace {

constexpr std::array k_negative_reasons{"DAMAGE", "EXPIRY", "INTERNAL_USE", "THEFT", "DONATION"};
constexpr std::array k_positive_reasons{"STOCK_FOUND", "SAMPLE_FOR_SALE"};

bool one_of(std::string_view s, const auto& list) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

Result Store::put_product(std::string_view id, const std::vector<InventorySet>& sets,
                          const std::optional<std::string>& name) {
    std::lock_guard lock(m_mutex);
    auto idx = find_product(id);
    if (!idx || m_products[*idx].deleted_at != 0)
        return {Outcome::not_found, {}, "Product not found"};
    Product& p = m_products[*idx];
    std::vector<std::pair<std::uint32_t, const InventorySet*>> writes;
    for (const InventorySet& s : sets) {
        auto outlet = find_outlet(s.outlet_id);
        if (!outlet)
            return {Outcome::invalid, {}, fmt::format("unknown outlet_id {}", s.outlet_id)};
        if (p.is_composite || !p.has_inventory || p.inv_base < 0)
            return {Outcome::invalid, {}, "inventory is not tracked for this product"};
        writes.emplace_back(*record_of(*idx, *outlet), &s);
    }
    if (name) {
        p.name = *name;
        p.variant_name = p.option_value.empty() ? p.name : p.name + " / " + p.option_value;
    }
    std::vector<std::uint32_t> changed;
    for (auto [rec, s] : writes) {
        InvRecord& r = m_inventory[rec];
        bool moved = false;
        if (s->current_amount && *s->current_amount != r.level) {
            r.level = *s->current_amount;
            moved = true;
        }
        if (s->reorder_point && *s->reorder_point != r.reorder_point) {
            r.reorder_point = *s->reorder_point < Qty{} ? Qty{} : *s->reorder_point;
            moved = true;
        }
        if (s->reorder_amount && *s->reorder_amount != r.reorder_amount) {
            r.reorder_amount = *s->reorder_amount;
            moved = true;
        }
        // An unchanged record keeps its version and announces nothing.
        if (moved) {
            touch_record(rec);
            changed.push_back(rec);
        }
    }
    touch_product(*idx);
    for (std::uint32_t rec : changed)
        emit_inventory(rec);
    emit_product(*idx);
    return {Outcome::ok, product_json(m_products[*idx], ctx()), ""};
}

Result Store::check_adjustment(const AdjustmentItem& item, std::size_t index,
                               std::vector<std::uint32_t>& records) const {
    auto bad = [index](std::string msg) {
        return Result{Outcome::invalid, {}, fmt::format("stock_adjustments[{}]: {}", index, msg)};
    };
    auto product = find_product(item.product_id);
    if (!product || m_products[*product].deleted_at != 0)
        return bad("product not found");
    auto outlet = find_outlet(item.outlet_id);
    if (!outlet)
        return bad("outlet not found");
    auto rec = record_of(*product, *outlet);
    if (!rec || !m_products[*product].has_inventory)
        return bad("inventory is not tracked for this product");
    bool negative = item.quantity < Qty{};
    bool positive = item.quantity > Qty{};
    if (item.reason == "CUSTOM") {
        if (!item.custom_reason_id)
            return bad("custom_inventory_adjustment_reason_id is required with reason CUSTOM");
        auto it = std::find_if(m_reasons.begin(), m_reasons.end(), [&](const CustomReason& r) {
            return r.id == *item.custom_reason_id;
        });
        if (it == m_reasons.end())
            return bad("custom inventory adjustment reason not found");
        if (!it->enabled)
            return bad("custom inventory adjustment reason is disabled");
        if ((it->type == "NEGATIVE" && !negative) || (it->type == "POSITIVE" && !positive))
            return bad(fmt::format("quantity sign does not match the {} custom reason", it->type));
    } else {
        if (item.custom_reason_id)
            return bad("custom_inventory_adjustment_reason_id is only allowed with reason CUSTOM");
        if (one_of(item.reason, k_negative_reasons) && !negative)
            return bad(fmt::format("reason {} requires a negative quantity", item.reason));
        if (one_of(item.reason, k_positive_reasons) && !positive)
            return bad(fmt::format("reason {} requires a positive quantity", item.reason));
        if (!one_of(item.reason, k_negative_reasons) && !one_of(item.reason, k_positive_reasons))
            return bad(fmt::format("unknown reason {}", item.reason));
    }
    records.push_back(*rec);
    return {};
}

json Store::apply_adjustment(const AdjustmentItem& item, std::uint32_t record,
                             const std::string& stamp, std::vector<std::uint32_t>& changed) {
    m_inventory[record].level += item.quantity;
    touch_record(record);
    if (std::find(changed.begin(), changed.end(), record) == changed.end())
        changed.push_back(record);
    json row = {{"id", new_id()},
                {"user_id", "0adfd74a-153e-11e9-fa42-67b5781ba1fb"},
                {"product_id", item.product_id},
                {"outlet_id", item.outlet_id},
                {"quantity", item.quantity_text},
                {"reason", item.reason},
                {"created_at", stamp},
                {"updated_at", stamp},
                {"version", bump()}};
    if (item.custom_reason_id)
        row["custom_inventory_adjustment_reason_id"] = *item.custom_reason_id;
    m_adjustment_log.push_back(row);
    ++m_adjustments;
    return row;
}

Result Store::adjust_stock(const std::vector<AdjustmentItem>& items) {
    std::lock_guard lock(m_mutex);
    std::vector<std::optional<std::uint32_t>> records(items.size());
    std::optional<Result> refusal;
    for (std::size_t i = 0; i < items.size(); ++i) {
        std::vector<std::uint32_t> one;
        Result r = check_adjustment(items[i], i, one);
        if (r.outcome == Outcome::ok)
            records[i] = one.front();
        else if (!refusal)
            refusal = r;
    }
    if (refusal && !m_realities.partial_batches)
        return *refusal;
    json data = json::array();
    std::string stamp = time_20(now());
    std::vector<std::uint32_t> changed;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (records[i])
            data.push_back(apply_adjustment(items[i], *records[i], stamp, changed));
    // One inventory.update per changed row, carrying its final level and version.
    for (std::uint32_t rec : changed)
        emit_inventory(rec);
    if (refusal)
        return *refusal; // partial: the valid items landed, the answer does not say so
    return {Outcome::created, {{"data", data}}, ""};
}

void Store::apply_sale(std::uint32_t product, std::uint32_t outlet, Qty qty,
                       std::vector<std::uint32_t>& changed) {
    const Product& p = m_products[product];
    if (p.is_composite) {
        // A composite sells its components.
        for (const auto& [component, per] : p.bom)
            apply_sale(
                component, outlet,
                Qty::from_milli(static_cast<std::int64_t>(static_cast<double>(qty.milli()) * per)),
                changed);
        return;
    }
    auto rec = record_of(product, outlet);
    if (!p.has_inventory || !rec || m_inventory[*rec].deleted)
        return;
    m_inventory[*rec].level -= qty;
    touch_record(*rec);
    changed.push_back(*rec);
}

Result Store::sale(std::string_view product_id, std::string_view outlet_id, Qty qty) {
    std::lock_guard lock(m_mutex);
    auto product = find_product(product_id);
    if (!product || m_products[*product].deleted_at != 0)
        return {Outcome::not_found, {}, "product not found"};
    std::optional<std::uint32_t> outlet =
        outlet_id.empty() ? std::optional<std::uint32_t>(0) : find_outlet(outlet_id);
    if (!outlet || m_outlets.empty())
        return {Outcome::not_found, {}, "outlet not found"};
    std::vector<std::uint32_t> changed;
    apply_sale(*product, *outlet, qty, changed);
    ++m_sales;
    json rows = json::array();
    for (std::uint32_t rec : changed) {
        emit_inventory(rec);
        const InvRecord& r = m_inventory[rec];
        rows.push_back({{"product_id", m_products[r.product].id},
                        {"outlet_id", m_outlets[r.outlet].id},
                        {"level", qty_json(r.level)},
                        {"version", r.version}});
    }
    return {Outcome::ok, {{"changed", rows}}, ""};
}

void Store::sale_on_record(std::uint32_t record, Qty qty) {
    std::lock_guard lock(m_mutex);
    if (record >= m_inventory.size())
        return;
    InvRecord r = m_inventory[record];
    std::vector<std::uint32_t> changed;
    apply_sale(r.product, r.outlet, qty, changed);
    ++m_sales;
    for (std::uint32_t rec : changed)
        emit_inventory(rec);
}

Result Store::level(std::string_view product_id, std::string_view outlet_id) const {
    std::lock_guard lock(m_mutex);
    auto product = find_product(product_id);
    if (!product)
        return {Outcome::not_found, {}, "product not found"};
    std::optional<std::uint32_t> outlet =
        outlet_id.empty() ? std::optional<std::uint32_t>(0) : find_outlet(outlet_id);
    if (!outlet || m_outlets.empty())
        return {Outcome::not_found, {}, "outlet not found"};
    auto rec = record_of(*product, *outlet);
    const Product& p = m_products[*product];
    json out = {{"product_id", p.id},
                {"outlet_id", m_outlets[*outlet].id},
                {"tracked", p.has_inventory && !p.is_composite},
                {"level", nullptr},
                {"version", nullptr}};
    if (rec) {
        out["level"] = qty_json(m_inventory[*rec].level);
        out["version"] = m_inventory[*rec].version;
    }
    return {Outcome::ok, out, ""};
}

json Store::adjustments(const PageQuery& q) const {
    std::lock_guard lock(m_mutex);
    // The log is appended in version order: the page is a contiguous run of it, from the
    // oldest end or (log_descending) the newest.
    json data = json::array();
    auto take = [&](const json& row) {
        auto v = row["version"].get<std::int64_t>();
        if (v > q.after && (q.before == 0 || v < q.before) && data.size() < q.size)
            data.push_back(row);
    };
    if (m_realities.log_descending)
        std::for_each(m_adjustment_log.rbegin(), m_adjustment_log.rend(), take);
    else
        std::for_each(m_adjustment_log.begin(), m_adjustment_log.end(), take);
    std::int64_t lo = 0, hi = 0;
    for (const json& row : data) {
        auto v = row["version"].get<std::int64_t>();
        lo = lo == 0 ? v : std::min(lo, v);
        hi = std::max(hi, v);
    }
    return {{"data", data}, {"version", version_json(lo, hi)}};
}

json Store::reasons(const PageQuery& q) const {
    std::lock_guard lock(m_mutex);
    std::vector<const CustomReason*> rows;
    for (const CustomReason& r : m_reasons)
        if (r.version > q.after && (q.before == 0 || r.version <= q.before))
            rows.push_back(&r);
    std::sort(rows.begin(), rows.end(),
              [](const CustomReason* x, const CustomReason* y) { return x->version < y->version; });
    if (rows.size() > q.size)
        rows.resize(q.size);
    json data = json::array();
    for (const CustomReason* r : rows)
        data.push_back(reason_json(*r));
    std::int64_t lo = rows.empty() ? 0 : rows.front()->version;
    std::int64_t hi = rows.empty() ? 0 : rows.back()->version;
    return {{"data", data}, {"version", version_json(lo, hi)}};
}

Result Store::create_reason(const std::string& name, bool enabled, const std::string& type) {
    std::lock_guard lock(m_mutex);
    for (const CustomReason& r : m_reasons)
        if (lower(r.name) == lower(name))
            return {Outcome::conflict,
                    {},
                    "A custom inventory adjustment reason with this name already exists."};
    CustomReason r{new_id(), name, type, enabled, now(), now(), bump()};
    m_reasons.push_back(r);
    return {Outcome::ok, {{"data", reason_json(r)}}, ""};
}

Result Store::update_reason(std::string_view id, const std::optional<std::string>& name,
                            std::optional<bool> enabled) {
    std::lock_guard lock(m_mutex);
    auto it = std::find_if(m_reasons.begin(), m_reasons.end(),
                           [&](const CustomReason& r) { return r.id == id; });
    if (it == m_reasons.end())
        return {Outcome::not_found, {}, "Custom inventory adjustment reason not found"};
    if (name) {
        for (const CustomReason& r : m_reasons)
            if (r.id != id && lower(r.name) == lower(*name))
                return {Outcome::conflict,
                        {},
                        "A custom inventory adjustment reason with this name already exists."};
        it->name = *name;
    }
    if (enabled)
        it->enabled = *enabled;
    it->updated_at = now();
    it->version = bump();
    return {Outcome::ok, {{"data", reason_json(*it)}}, ""};
}

} // namespace kivals::lssim
