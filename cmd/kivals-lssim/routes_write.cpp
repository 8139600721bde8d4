// Write endpoints: product PUT (2.1 and 2026-07), stock adjustments and custom reasons.
#include "app.hpp"

#include <fmt/format.h>

#include <set>

namespace kivals::lssim {

using nlohmann::json;

namespace {

// Read a number (or numeric string) as a quantity.
std::optional<Qty> qty_of(const json& v) {
    if (v.is_number())
        return Qty::from_double(v.get<double>());
    if (v.is_string())
        return Qty::parse(v.get<std::string>());
    return std::nullopt;
}

// Parse a PUT body's details.inventory[] and common.name; return an error message or "".
std::string parse_product_put(const json& body, std::vector<InventorySet>& sets,
                              std::optional<std::string>& name) {
    if (!body.is_object())
        return "the body must be a JSON object";
    if (body.contains("common")) {
        const json& common = body["common"];
        if (!common.is_object())
            return "common must be an object";
        if (common.contains("name")) {
            if (!common["name"].is_string())
                return "common.name must be a string";
            name = common["name"].get<std::string>();
        }
    }
    if (!body.contains("details"))
        return "";
    const json& details = body["details"];
    if (!details.is_object())
        return "details must be an object";
    if (!details.contains("inventory"))
        return "";
    if (!details["inventory"].is_array())
        return "details.inventory must be an array";
    for (const json& item : details["inventory"]) {
        if (!item.is_object() || !item.contains("outlet_id") || !item["outlet_id"].is_string())
            return "details.inventory[].outlet_id is required";
        InventorySet s;
        s.outlet_id = item["outlet_id"].get<std::string>();
        for (const char* field : {"current_amount", "reorder_point", "reorder_amount"}) {
            if (!item.contains(field) || item[field].is_null())
                continue;
            auto q = qty_of(item[field]);
            if (!q)
                return fmt::format("details.inventory[].{} must be a number", field);
            std::string_view f(field);
            (f == "current_amount"  ? s.current_amount
             : f == "reorder_point" ? s.reorder_point
                                    : s.reorder_amount) = q;
        }
        sets.push_back(std::move(s));
    }
    return "";
}

// Check a stock adjustment batch's shape (the schema); the store checks the rules.
std::string parse_adjustments(const json& body, std::vector<AdjustmentItem>& items) {
    static const std::set<std::string> k_fields{"product_id", "outlet_id", "quantity", "reason",
                                                "custom_inventory_adjustment_reason_id"};
    if (!body.is_object() || !body.contains("stock_adjustments") || body.size() != 1)
        return "the body must be {\"stock_adjustments\": [...]}";
    const json& list = body["stock_adjustments"];
    if (!list.is_array() || list.empty() || list.size() > 1000)
        return "stock_adjustments must hold 1 to 1000 items";
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& it = list[i];
        if (!it.is_object())
            return fmt::format("stock_adjustments[{}] must be an object", i);
        for (const auto& [k, v] : it.items()) {
            if (!k_fields.count(k))
                return fmt::format("stock_adjustments[{}]: unknown field {}", i, k);
            if (!v.is_string())
                return fmt::format("stock_adjustments[{}].{} must be a string", i, k);
        }
        for (const char* req : {"product_id", "outlet_id", "quantity", "reason"})
            if (!it.contains(req))
                return fmt::format("stock_adjustments[{}].{} is required", i, req);
        AdjustmentItem a;
        a.product_id = it["product_id"];
        a.outlet_id = it["outlet_id"];
        a.quantity_text = it["quantity"];
        a.reason = it["reason"];
        auto q = Qty::parse(a.quantity_text);
        if (!q || a.quantity_text.size() > 32)
            return fmt::format("stock_adjustments[{}].quantity must be a numeric string", i);
        a.quantity = *q;
        if (it.contains("custom_inventory_adjustment_reason_id"))
            a.custom_reason_id = it["custom_inventory_adjustment_reason_id"].get<std::string>();
        items.push_back(std::move(a));
    }
    return "";
}

void add_product_put(httplib::Server& server, App& app) {
    auto handler = [&app](const httplib::Request& req, httplib::Response& res) {
        auto body = parse_body(req, res);
        if (!body)
            return;
        std::vector<InventorySet> sets;
        std::optional<std::string> name;
        std::string err = parse_product_put(*body, sets, name);
        if (!err.empty()) {
            send_error(res, 422, "Unprocessable Entity", err);
            return;
        }
        Result r = app.store.put_product(req.matches[1].str(), sets, name);
        if (r.outcome == Outcome::ok)
            r.data = {{"data", r.data}};
        send_result(res, r);
    };
    server.Put(R"(/api/(?:2\.1|2026-07)/products/([^/]+))", handler);
}

void add_adjustment_routes(httplib::Server& server, App& app) {
    server.Post("/api/2026-07/stock_adjustments",
                [&app](const httplib::Request& req, httplib::Response& res) {
                    auto body = parse_body(req, res);
                    if (!body)
                        return;
                    std::vector<AdjustmentItem> items;
                    std::string err = parse_adjustments(*body, items);
                    if (!err.empty()) {
                        send_error(res, 400, "Bad Request", err);
                        return;
                    }
                    send_result(res, app.store.adjust_stock(items));
                });
    // The log: documented maximum page_size 1000 (default 100); it needs inventory:write.
    server.Get("/api/2026-07/stock_adjustments",
               [&app](const httplib::Request& req, httplib::Response& res) {
                   if (auto q = page_query(req, res, 100, 1000))
                       send_json(res, 200, app.store.adjustments(*q));
               });
}

void add_reason_routes(httplib::Server& server, App& app) {
    const std::string path = "/api/2026-07/custom_inventory_adjustment_reasons";
    server.Get(path, [&app](const httplib::Request& req, httplib::Response& res) {
        // The documented page_size maximum for reasons is 100.
        if (auto q = page_query(req, res, 100, 100))
            send_json(res, 200, app.store.reasons(*q));
    });
    server.Post(path, [&app](const httplib::Request& req, httplib::Response& res) {
        auto body = parse_body(req, res);
        if (!body)
            return;
        const json& b = *body;
        if (!b.is_object() || !b.contains("name") || !b["name"].is_string() ||
            !b.contains("enabled") || !b["enabled"].is_boolean() || !b.contains("type") ||
            !b["type"].is_string()) {
            send_error(res, 400, "Bad Request",
                       "name (string), enabled (bool) and type are required");
            return;
        }
        std::string name = b["name"];
        std::string type = b["type"];
        if (name.empty() || name.size() > 30 || (type != "POSITIVE" && type != "NEGATIVE")) {
            send_error(res, 422, "Unprocessable Entity",
                       "name must be 1 to 30 characters and type POSITIVE or NEGATIVE");
            return;
        }
        send_result(res, app.store.create_reason(name, b["enabled"].get<bool>(), type));
    });
    server.Put(path + "/([^/]+)", [&app](const httplib::Request& req, httplib::Response& res) {
        auto body = parse_body(req, res);
        if (!body)
            return;
        const json& b = *body;
        std::optional<std::string> name;
        std::optional<bool> enabled;
        if (!b.is_object() || (b.contains("name") && !b["name"].is_string()) ||
            (b.contains("enabled") && !b["enabled"].is_boolean())) {
            send_error(res, 400, "Bad Request", "name must be a string and enabled a bool");
            return;
        }
        if (b.contains("name"))
            name = b["name"].get<std::string>();
        if (b.contains("enabled"))
            enabled = b["enabled"].get<bool>();
        if (name && (name->empty() || name->size() > 30)) {
            send_error(res, 422, "Unprocessable Entity", "name must be 1 to 30 characters");
            return;
        }
        send_result(res, app.store.update_reason(req.matches[1].str(), name, enabled));
    });
}

} // namespace

void add_write_routes(httplib::Server& server, App& app) {
    add_product_put(server, app);
    add_adjustment_routes(server, app);
    add_reason_routes(server, app);
}

} // namespace kivals::lssim
