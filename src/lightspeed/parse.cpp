#include <kivals/core/text.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/lightspeed/parse.hpp>

#include <cmath>

namespace kivals::lightspeed {

using nlohmann::json;

namespace {

[[noreturn]] void bad(std::string what) {
    throw ApiError(ApiErrorKind::bad_response, 0, "", std::move(what));
}

const json& field(const json& object, std::string_view key) {
    static const json k_null;
    if (!object.is_object())
        return k_null;
    auto it = object.find(key);
    return it == object.end() ? k_null : *it;
}

std::string require_id(const json& row, std::string_view what) {
    if (!row.is_object())
        bad(fmt::format("a {} is not a JSON object", what));
    auto id = read_text(row, "id");
    if (!id)
        bad(fmt::format("a {} has no id", what));
    return *id;
}

std::string upper(std::string text) {
    for (char& c : text)
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
    return text;
}

} // namespace

std::optional<std::int64_t> read_int64(const json& value) {
    if (value.is_number_integer())
        return value.get<std::int64_t>();
    if (value.is_number_float()) {
        double d = value.get<double>();
        if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e15)
            return std::nullopt;
        return static_cast<std::int64_t>(d);
    }
    if (value.is_string()) {
        auto n = parse_int<std::int64_t>(value.get_ref<const std::string&>());
        return n ? std::optional(*n) : std::nullopt;
    }
    return std::nullopt;
}

std::optional<Qty> read_qty(const json& value) {
    if (value.is_number_integer())
        return Qty::units(value.get<std::int64_t>());
    if (value.is_number_float()) {
        double d = value.get<double>();
        if (!std::isfinite(d) || std::fabs(d) > 9.0e12)
            return std::nullopt;
        return Qty::from_double(d);
    }
    if (value.is_string())
        return Qty::parse(value.get_ref<const std::string&>());
    return std::nullopt;
}

json qty_json(Qty q) {
    if (q.milli() % Qty::k_scale == 0)
        return q.milli() / Qty::k_scale;
    return q.to_double();
}

std::optional<bool> read_bool(const json& value) {
    if (value.is_boolean())
        return value.get<bool>();
    if (value.is_number_integer())
        return value.get<std::int64_t>() != 0;
    if (value.is_string()) {
        const std::string& s = value.get_ref<const std::string&>();
        if (s == "true" || s == "1")
            return true;
        if (s == "false" || s == "0")
            return false;
    }
    return std::nullopt;
}

std::optional<std::string> read_text(const json& object, std::string_view key) {
    const json& v = field(object, key);
    if (v.is_string() && !v.get_ref<const std::string&>().empty())
        return v.get<std::string>();
    if (v.is_number_integer())
        return std::to_string(v.get<std::int64_t>());
    return std::nullopt;
}

std::optional<std::string> first_barcode(const json& product_codes) {
    if (!product_codes.is_array())
        return std::nullopt;
    for (const json& code : product_codes) {
        auto type = read_text(code, "type");
        auto value = read_text(code, "code");
        if (!type || !value)
            continue;
        std::string t = upper(*type);
        if (t == "EAN" || t == "UPC" || t == "ISBN" || t == "ITF" || t == "JAN")
            return value;
    }
    return std::nullopt;
}

Product parse_product(const json& row) {
    Product p;
    p.id = require_id(row, "product");
    p.name = read_text(row, "name").value_or("");
    p.variant_name = read_text(row, "variant_name");
    p.sku = read_text(row, "sku");
    p.barcode = first_barcode(field(row, "product_codes"));
    p.handle = read_text(row, "handle");
    p.variant_parent_id = read_text(row, "variant_parent_id");
    p.has_inventory = read_bool(field(row, "has_inventory")).value_or(true);
    p.is_composite = read_bool(field(row, "is_composite")).value_or(false);
    auto active = read_bool(field(row, "active"));
    p.active = active ? *active : read_bool(field(row, "is_active")).value_or(true);
    p.deleted_at = read_text(row, "deleted_at");
    p.version = read_int64(field(row, "version")).value_or(0);
    return p;
}

Outlet parse_outlet(const json& row) {
    Outlet o;
    o.id = require_id(row, "outlet");
    o.name = read_text(row, "name").value_or("");
    o.time_zone = read_text(row, "time_zone").value_or("");
    o.deleted_at = read_text(row, "deleted_at");
    o.version = read_int64(field(row, "version")).value_or(0);
    return o;
}

Retailer parse_retailer(const json& row) {
    Retailer r;
    r.id = read_text(row, "id").value_or("");
    r.name = read_text(row, "name").value_or("");
    r.domain_prefix = read_text(row, "domain_prefix").value_or("");
    r.currency = read_text(row, "currency").value_or("");
    auto tz = read_text(row, "timezone");
    r.time_zone = tz ? *tz : read_text(row, "time_zone").value_or("");
    return r;
}

InventoryRecord parse_inventory(const json& row) {
    InventoryRecord rec;
    rec.id = require_id(row, "inventory record");
    auto product = read_text(row, "product_id");
    auto outlet = read_text(row, "outlet_id");
    if (!product || !outlet)
        bad(fmt::format("inventory record {} has no product_id or outlet_id", rec.id));
    rec.product_id = *product;
    rec.outlet_id = *outlet;
    rec.deleted_at = read_text(row, "deleted_at");
    // 2026-07 says current_inventory_level; 2.0 says inventory_level (and current_amount).
    std::optional<Qty> level;
    for (const char* key : {"current_inventory_level", "inventory_level", "current_amount"})
        if (!level)
            level = read_qty(field(row, key));
    if (!level && !rec.deleted_at)
        bad(fmt::format("inventory record {} has no level", rec.id));
    rec.level = level.value_or(Qty());
    auto version = read_int64(field(row, "version"));
    if (!version)
        bad(fmt::format("inventory record {} has no version", rec.id));
    rec.version = *version;
    return rec;
}

Webhook parse_webhook(const json& row) {
    Webhook w;
    w.id = require_id(row, "webhook");
    w.type = read_text(row, "type").value_or("");
    w.url = read_text(row, "url").value_or("");
    w.active = read_bool(field(row, "active")).value_or(true);
    return w;
}

CustomReason parse_custom_reason(const json& row) {
    CustomReason r;
    r.id = require_id(row, "custom reason");
    r.name = read_text(row, "name").value_or("");
    r.type = upper(read_text(row, "type").value_or("")) == "POSITIVE" ? ReasonType::positive
                                                                      : ReasonType::negative;
    r.enabled = read_bool(field(row, "enabled")).value_or(true);
    r.version = read_int64(field(row, "version")).value_or(0);
    return r;
}

StockAdjustment parse_stock_adjustment(const json& row) {
    StockAdjustment a;
    a.id = require_id(row, "stock adjustment");
    a.product_id = read_text(row, "product_id").value_or("");
    a.outlet_id = read_text(row, "outlet_id").value_or("");
    a.quantity = read_qty(field(row, "quantity")).value_or(Qty());
    a.reason = read_text(row, "reason").value_or("");
    a.custom_reason_id = read_text(row, "custom_inventory_adjustment_reason_id");
    a.created_at = read_text(row, "created_at").value_or("");
    a.version = read_int64(field(row, "version")).value_or(0);
    return a;
}

const json& data_of(const json& body, std::string_view what) {
    const json& data = field(body, "data");
    if (data.is_null())
        bad(fmt::format("the answer for {} has no \"data\"", what));
    return data;
}

} // namespace kivals::lightspeed
