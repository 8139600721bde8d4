// The /_sim control endpoints for tests, the demo and benchmarks (no auth; loopback only).
#include "app.hpp"

#include <kivals/core/text.hpp>

#include <fmt/format.h>

#include <sstream>

namespace kivals::lssim {

using nlohmann::json;

namespace {

std::optional<Qty> qty_field(const json& b, const char* name, Qty fallback, bool& ok) {
    ok = true;
    if (!b.contains(name))
        return fallback;
    const json& v = b[name];
    std::optional<Qty> q = v.is_number()   ? std::optional<Qty>(Qty::from_double(v.get<double>()))
                           : v.is_string() ? Qty::parse(v.get<std::string>())
                                           : std::nullopt;
    ok = q.has_value();
    return q;
}

// Read control product fields; return an error message or "".
std::string product_fields(const json& b, ProductFields& f) {
    if (!b.is_object())
        return "a product must be a JSON object";
    for (const char* key : {"id", "name", "sku"}) {
        if (!b.contains(key) || b[key].is_null())
            continue;
        if (!b[key].is_string())
            return fmt::format("{} must be a string", key);
        (std::string_view(key) == "id"     ? f.id
         : std::string_view(key) == "name" ? f.name
                                           : f.sku) = b[key].get<std::string>();
    }
    for (const char* key : {"active", "has_inventory"}) {
        if (!b.contains(key))
            continue;
        if (!b[key].is_boolean())
            return fmt::format("{} must be a boolean", key);
        (std::string_view(key) == "active" ? f.active : f.has_inventory) = b[key].get<bool>();
    }
    if (b.contains("level")) {
        bool ok = true;
        f.level = qty_field(b, "level", Qty{}, ok);
        if (!ok)
            return "level must be a number";
    }
    return "";
}

void add_inventory_controls(httplib::Server& server, App& app) {
    server.Post("/_sim/sale", [&app](const httplib::Request& req, httplib::Response& res) {
        auto body = parse_body(req, res);
        if (!body)
            return;
        const json& b = *body;
        if (!b.is_object() || !b.contains("product_id") || !b["product_id"].is_string()) {
            send_error(res, 400, "Bad Request", "product_id is required");
            return;
        }
        bool ok = true;
        auto qty = qty_field(b, "quantity", Qty::units(1), ok);
        if (!ok) {
            send_error(res, 400, "Bad Request", "quantity must be a number");
            return;
        }
        std::string outlet = b.value("outlet_id", std::string());
        send_result(res, app.store.sale(b["product_id"].get<std::string>(), outlet, *qty));
    });
    server.Get("/_sim/level", [&app](const httplib::Request& req, httplib::Response& res) {
        send_result(res, app.store.level(req.get_param_value("product_id"),
                                         req.get_param_value("outlet_id")));
    });
}

// Read a product body; nullopt after answering 400 when it is not one.
std::optional<ProductFields> product_body(const httplib::Request& req, httplib::Response& res) {
    auto body = parse_body(req, res);
    if (!body)
        return std::nullopt;
    ProductFields f;
    if (std::string err = product_fields(*body, f); !err.empty()) {
        send_error(res, 400, "Bad Request", err);
        return std::nullopt;
    }
    return f;
}

// POST /_sim/webhooks {type, url, active?}: a webhook made by hand at the store's setup page
// (or by another application): with --webhooks-scoped the token cannot list it.
void add_webhook_controls(httplib::Server& server, App& app) {
    server.Post("/_sim/webhooks", [&app](const httplib::Request& req, httplib::Response& res) {
        auto body = parse_body(req, res);
        if (!body)
            return;
        const json& b = *body;
        if (!b.is_object() || !b.contains("type") || !b["type"].is_string() || !b.contains("url") ||
            !b["url"].is_string()) {
            send_error(res, 400, "Bad Request", "type and url are required");
            return;
        }
        send_result(res, app.store.create_webhook(b["type"].get<std::string>(),
                                                  b["url"].get<std::string>(),
                                                  b.value("active", true), false));
    });
}

void add_product_controls(httplib::Server& server, App& app) {
    server.Post("/_sim/products", [&app](const httplib::Request& req, httplib::Response& res) {
        if (auto f = product_body(req, res))
            send_result(res, app.store.create_product(*f));
    });
    server.Put("/_sim/products/([^/]+)",
               [&app](const httplib::Request& req, httplib::Response& res) {
                   if (auto f = product_body(req, res))
                       send_result(res, app.store.update_product(req.matches[1].str(), *f));
               });
    server.Delete("/_sim/products/([^/]+)",
                  [&app](const httplib::Request& req, httplib::Response& res) {
                      send_result(res, app.store.delete_product(req.matches[1].str()));
                  });
    // JSON lines, one product per line: {"id"?, "name", "sku", "has_inventory"?, "level"?}.
    server.Post("/_sim/products/load", [&app](const httplib::Request& req, httplib::Response& res) {
        std::vector<ProductFields> rows;
        std::istringstream in(req.body);
        std::string line;
        for (std::size_t n = 1; std::getline(in, line); ++n) {
            if (line.find_first_not_of(" \t\r") == std::string::npos)
                continue;
            json j = json::parse(line, nullptr, false);
            ProductFields f;
            std::string err = j.is_discarded() ? "not JSON" : product_fields(j, f);
            if (!err.empty())
                return send_error(res, 400, "Bad Request", fmt::format("line {}: {}", n, err));
            rows.push_back(std::move(f));
        }
        bool replace =
            req.get_param_value("replace") == "1" || req.get_param_value("replace") == "true";
        send_result(res, app.store.load_products(rows, replace));
    });
}

void add_sim_controls(httplib::Server& server, App& app) {
    server.Get("/_sim/state", [&app](const httplib::Request&, httplib::Response& res) {
        json s = app.store.summary();
        s["rate_limit"] = app.limiter.limit();
        s["faults"] = faults_json(app.faults.config());
        send_json(res, 200, s);
    });
    server.Get("/_sim/faults", [&app](const httplib::Request&, httplib::Response& res) {
        send_json(res, 200, faults_json(app.faults.config()));
    });
    auto set_faults = [&app](const httplib::Request& req, httplib::Response& res) {
        auto body = parse_body(req, res);
        if (!body)
            return;
        if (std::string err = app.faults.update(*body); !err.empty())
            return send_error(res, 400, "Bad Request", err);
        send_json(res, 200, faults_json(app.faults.config()));
    };
    server.Put("/_sim/faults", set_faults);
    server.Post("/_sim/faults", set_faults);
    server.Get("/_sim/deliveries", [&app](const httplib::Request& req, httplib::Response& res) {
        send_json(res, 200, app.deliverer.list(req.get_param_value("type")));
    });
    server.Delete("/_sim/deliveries", [&app](const httplib::Request&, httplib::Response& res) {
        if (app.deliverer.clear())
            send_json(res, 200, json::object());
        else
            send_error(res, 409, "Conflict", "deliveries are pending; POST /_sim/quiesce first");
    });
    server.Post("/_sim/deliveries/release",
                [&app](const httplib::Request&, httplib::Response& res) {
                    send_json(res, 200, {{"released", app.deliverer.release()}});
                });
    server.Get("/_sim/requests", [&app](const httplib::Request&, httplib::Response& res) {
        send_json(res, 200, app.stats.json());
    });
    server.Delete("/_sim/requests", [&app](const httplib::Request&, httplib::Response& res) {
        app.stats.reset();
        send_json(res, 200, json::object());
    });
    server.Post("/_sim/rate/reset", [&app](const httplib::Request& req, httplib::Response& res) {
        auto limit = req.has_param("limit") ? parse_int<long>(req.get_param_value("limit"))
                                            : Expected<long, NumberError>(0);
        if (!limit)
            return send_error(res, 400, "Bad Request", "limit must be a whole number");
        app.limiter.reset(*limit);
        send_json(res, 200, {{"rate_limit", app.limiter.limit()}});
    });
    auto quiesce = [&app](const httplib::Request& req, httplib::Response& res) {
        auto ms = req.has_param("timeout_ms") ? parse_int<long>(req.get_param_value("timeout_ms"))
                                              : Expected<long, NumberError>(10000);
        if (!ms || *ms < 0)
            return send_error(res, 400, "Bad Request", "timeout_ms must be a whole number");
        if (app.deliverer.wait_idle(std::chrono::milliseconds(*ms)))
            send_json(res, 200, {{"idle", true}});
        else
            send_error(res, 504, "Gateway Timeout", "deliveries still pending");
    };
    server.Get("/_sim/quiesce", quiesce);
    server.Post("/_sim/quiesce", quiesce);
}

} // namespace

void add_control_routes(httplib::Server& server, App& app) {
    add_inventory_controls(server, app);
    add_product_controls(server, app);
    add_webhook_controls(server, app);
    add_sim_controls(server, app);
}

} // namespace kivals::lssim
