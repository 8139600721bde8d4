#include "views.hpp"

#include <fmt/format.h>

#include <cmath>
#include <ctime>

namespace kivals::lssim {
namespace {

using nlohmann::json;

std::tm utc(std::int64_t secs) {
    std::time_t t = static_cast<std::time_t>(secs);
    std::tm tm{};
    gmtime_r(&t, &tm);
    return tm;
}

json null_or(const std::string& s) {
    return s.empty() ? json(nullptr) : json(s);
}

std::uint64_t fnv1a(std::string_view a, std::string_view b) {
    std::uint64_t h = 1469598103934665603ULL;
    for (std::string_view s : {a, std::string_view("|"), b})
        for (char c : s)
            h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return h;
}

std::uint64_t mix(std::uint64_t x) {
    x += 0x9e3779b97f4a7c15ULL;
    x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
    x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::string money(double v) {
    return fmt::format("{:.2f}", v);
}

json taxes10(const ViewContext& ctx) {
    json taxes = json::array();
    for (const auto& o : ctx.outlets)
        taxes.push_back({{"outlet_id", o.id}, {"tax_id", o.tax_id}});
    return taxes;
}

json variant_options(const Product& p) {
    if (p.option_value.empty())
        return json::array();
    return json::array(
        {{{"id", derived_id(p.id, "option")}, {"name", "Colour"}, {"value", p.option_value}}});
}

json product_codes(const Product& p) {
    json codes = json::array();
    if (!p.barcode.empty())
        codes.push_back({{"id", derived_id(p.id, "ean")}, {"type", "EAN"}, {"code", p.barcode}});
    return codes;
}

} // namespace

std::string time_20(std::int64_t secs) {
    std::tm tm = utc(secs);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00", tm.tm_year + 1900,
                       tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string time_10(std::int64_t secs) {
    std::tm tm = utc(secs);
    return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1,
                       tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string inventory_id(const Product& product, const Outlet& outlet) {
    return derived_id(product.id, outlet.id);
}

std::string derived_id(std::string_view first, std::string_view second) {
    std::uint64_t h = fnv1a(first, second);
    std::uint64_t a = mix(h);
    std::uint64_t b = mix(h ^ 0x5bd1e995ULL);
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", a >> 32, (a >> 16) & 0xffff,
                       a & 0xffff, b >> 48, b & 0xffffffffffffULL);
}

json version_json(std::int64_t min, std::int64_t max) {
    if (max == 0)
        return {{"min", nullptr}, {"max", nullptr}};
    return {{"min", min}, {"max", max}};
}

json outlet_json(const Outlet& o) {
    return {{"id", o.id},
            {"name", o.name},
            {"time_zone", o.time_zone},
            {"default_tax_id", o.tax_id},
            {"currency", "NZD"},
            {"currency_symbol", "$"},
            {"display_prices", "inclusive"},
            {"physical_address_1", "1 Queen Street"},
            {"physical_address_2", ""},
            {"physical_suburb", "Central"},
            {"physical_city", o.city},
            {"physical_postcode", "1010"},
            {"physical_state", o.city},
            {"physical_country_id", "NZ"},
            {"email", "shop@example.test"},
            {"phone", nullptr},
            {"latitude", nullptr},
            {"longitude", nullptr},
            {"attributes", json::array({{{"key", "order_reference_prefix"}, {"value", ""}}})},
            {"deleted_at", nullptr},
            {"version", o.version}};
}

json retailer_json(const std::string& retailer_id, const std::string& domain_prefix) {
    return {{"id", retailer_id},
            {"name", "Kivals Demo Store"},
            {"domain_prefix", domain_prefix},
            {"store_url", ""},
            {"account_status", "ACTIVE"},
            {"account_type", "PLUS"},
            {"culture", "en-NZ"},
            {"country", "NZ"},
            {"timezone", json::object()},
            {"tax_exclusive", false},
            {"currency", {{"code", "NZD"}, {"symbol", "$"}}},
            {"store_credit", false},
            {"version", "1"},
            {"created_at", "2024-01-15T09:00:00+00:00"}};
}

namespace {

void append_string(std::string& out, std::string_view text) {
    out += '"';
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
    out += '"';
}

void append_field(std::string& out, std::string_view key, std::string_view value) {
    out += ",\"";
    out += key;
    out += "\":";
    append_string(out, value);
}

void append_raw(std::string& out, std::string_view key, std::string_view raw) {
    out += ",\"";
    out += key;
    out += "\":";
    out += raw;
}

} // namespace

// Products are the largest rows (100k in benchmarks): written straight into a string rather
// than through a JSON tree, which is several times faster for a page of 1000.
void append_product(std::string& out, const Product& p, const ViewContext& ctx) {
    out += "{\"id\":";
    append_string(out, p.id);
    append_field(out, "name", p.name);
    append_field(out, "variant_name", p.variant_name);
    append_field(out, "handle", p.handle);
    append_field(out, "sku", p.sku);
    append_raw(out, "description",
               "\"\",\"source\":\"USER\",\"source_id\":null,"
               "\"source_variant_id\":null");
    const char* active = p.active ? "true" : "false";
    append_raw(out, "active", active);
    append_raw(out, "is_active", active);
    append_raw(out, "has_inventory", p.has_inventory ? "true" : "false");
    append_raw(out, "is_composite", p.is_composite ? "true" : "false");
    append_raw(out, "has_variants", p.has_variants ? "true" : "false");
    if (p.variant_parent_id.empty())
        append_raw(out, "variant_parent_id", "null");
    else
        append_field(out, "variant_parent_id", p.variant_parent_id);
    append_field(out, "family_id", p.variant_parent_id.empty() ? p.id : p.variant_parent_id);
    append_raw(out, "variant_options", variant_options(p).dump());
    append_raw(out, "variant_count", std::to_string(p.variant_count));
    append_raw(out, "product_codes", product_codes(p).dump());
    append_raw(out, "price_including_tax", fmt::format("{}", p.price));
    append_raw(out, "price_excluding_tax",
               fmt::format("{}", std::round(p.price / 1.15 * 100000.0) / 100000.0));
    append_raw(out, "supply_price", fmt::format("{}", p.supply_price));
    append_raw(out, "supplier",
               "{},\"brand\":{},\"type\":{},\"categories\":[],\"tag_ids\":[],\"images\":[],"
               "\"skuImages\":[],\"attributes\":[],\"product_suppliers\":[],\"packaging\":{},"
               "\"customizations\":[],\"button_order\":0");
    append_field(out, "created_at", time_20(p.created_at));
    append_field(out, "updated_at", time_20(p.updated_at));
    if (p.deleted_at == 0)
        append_raw(out, "deleted_at", "null");
    else
        append_field(out, "deleted_at", time_20(p.deleted_at));
    append_raw(out, "version", std::to_string(p.version));
    if (p.is_composite) {
        json bom = json::object();
        for (const auto& [idx, qty] : p.bom)
            bom[ctx.products[idx].id] = qty;
        append_raw(out, "composite_bom", bom.dump());
    }
    out += '}';
}

json product_json(const Product& p, const ViewContext& ctx) {
    std::string text;
    append_product(text, p, ctx);
    return json::parse(text);
}

json inventory20_json(const InvRecord& r, const ViewContext& ctx) {
    const Product& p = ctx.products[r.product];
    return {{"id", inventory_id(p, ctx.outlets[r.outlet])},
            {"product_id", p.id},
            {"outlet_id", ctx.outlets[r.outlet].id},
            {"inventory_level", qty_json(r.level)},
            {"current_amount", qty_json(r.level)},
            {"reorder_point", qty_json(r.reorder_point)},
            {"reorder_amount", qty_json(r.reorder_amount)},
            {"average_cost", r.average_cost},
            {"version", r.version}};
}

json inventory26_json(const InvRecord& r, const ViewContext& ctx) {
    const Product& p = ctx.products[r.product];
    return {{"id", inventory_id(p, ctx.outlets[r.outlet])},
            {"product_id", p.id},
            {"outlet_id", ctx.outlets[r.outlet].id},
            {"current_inventory_level", qty_json(r.level)},
            {"average_cost", r.average_cost},
            {"quantity_to_procure", 0},
            {"reorder_point", qty_json(r.reorder_point)},
            {"reorder_amount", qty_json(r.reorder_amount)},
            {"reorder_target", qty_json(r.reorder_point + r.reorder_amount)},
            {"reorder_method", "FIXED"},
            {"deleted_at", r.deleted ? json(time_20(p.deleted_at)) : json(nullptr)},
            {"version", r.version}};
}

json webhook_json(const Webhook& h, const ViewContext& ctx) {
    return {{"id", h.id},
            {"retailer_id", ctx.retailer_id},
            {"user_id", "0adfd74a-153e-11e9-fa42-67b5781ba1fb"},
            {"type", h.type},
            {"url", h.url},
            {"active", h.active}};
}

json reason_json(const CustomReason& r) {
    return {{"id", r.id},
            {"name", r.name},
            {"enabled", r.enabled},
            {"type", r.type},
            {"is_from_external_source", false},
            {"version", r.version},
            {"created_at", time_20(r.created_at)},
            {"updated_at", time_20(r.updated_at)}};
}

namespace {

json product_core10(const Product& p, const ViewContext& ctx) {
    json vopts = json::array();
    if (!p.option_value.empty())
        vopts.push_back({{"name", "Colour"}, {"value", p.option_value}});
    return {{"active", p.active},
            {"attributed_cost", nullptr},
            {"base_name", p.name},
            {"button_order", 1},
            {"categories", json::array()},
            {"deleted_at", p.deleted_at == 0 ? json(nullptr) : json(time_10(p.deleted_at))},
            {"description", ""},
            {"handle", p.handle},
            {"id", p.id},
            {"name", p.variant_name},
            {"sku", p.sku},
            {"source", "USER"},
            {"source_id", ""},
            {"source_variant_id", ""},
            {"supply_price", money(p.supply_price)},
            {"taxes", taxes10(ctx)},
            {"variant_options", vopts},
            {"variant_parent_id", null_or(p.variant_parent_id)}};
}

} // namespace

json inventory_payload10(const InvRecord& r, const ViewContext& ctx, std::int64_t version) {
    const Product& p = ctx.products[r.product];
    const Outlet& o = ctx.outlets[r.outlet];
    return {{"attributed_cost", money(r.average_cost)},
            {"count", qty_json(r.level)},
            {"id", inventory_id(p, o)},
            {"outlet",
             {{"id", o.id}, {"name", o.name}, {"tax_id", o.tax_id}, {"time_zone", o.time_zone}}},
            {"outlet_id", o.id},
            {"product", product_core10(p, ctx)},
            {"product_id", p.id},
            {"reorder_point", r.reorder_point.str()},
            {"restock_level", r.reorder_amount.str()},
            {"version", version}};
}

json product_payload10(std::uint32_t idx, const ViewContext& ctx) {
    const Product& p = ctx.products[idx];
    json j = product_core10(p, ctx);
    json inv = json::array();
    if (p.inv_base >= 0) {
        for (std::size_t k = 0; k < ctx.outlets.size(); ++k) {
            const InvRecord& r = ctx.inventory[static_cast<std::size_t>(p.inv_base) + k];
            inv.push_back({{"attributed_cost", money(r.average_cost)},
                           {"count", qty_json(r.level)},
                           {"id", inventory_id(p, ctx.outlets[k])},
                           {"outlet_id", ctx.outlets[k].id},
                           {"product_id", p.id},
                           {"reorder_point", r.reorder_point.str()},
                           {"restock_level", r.reorder_amount.str()}});
        }
    }
    j["brand"] = {{"id", ""}, {"name", ""}};
    j["inventory"] = inv;
    j["price_book_entries"] = json::array();
    j["product_type"] = {{"id", ""}, {"name", "General"}};
    j["retailer_id"] = ctx.retailer_id;
    j["supplier"] = {{"description", ""}, {"id", ""}, {"name", ""}, {"source", ""}};
    j["version"] = p.version;
    return j;
}

} // namespace kivals::lssim
