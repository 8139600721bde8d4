// Read endpoints: outlets, retailer, products and inventory, under /api/2.0 and /api/2026-07.
#include "app.hpp"

namespace kivals::lssim {

using nlohmann::json;

namespace {

constexpr const char* k_family = R"(/api/(?:2\.0|2026-07))";
constexpr std::size_t k_list_max = 1000;
constexpr std::size_t k_inventory26_max = 5000;

std::string route(const char* family, const char* rest) {
    return std::string(family) + rest;
}

void send_envelope(httplib::Response& res, const InventoryPage& page) {
    send_json(res, 200, {{"data", page.rows}, {"version", version_json(page.min, page.max)}});
}

// Read the 2026-07 POST /inventory body into a query; answer 400 on a malformed field.
bool inventory_request(const json& body, httplib::Response& res, PageQuery& q,
                       std::string& product_id, bool& variants) {
    if (!body.is_object()) {
        send_error(res, 400, "Bad Request", "the body must be a JSON object");
        return false;
    }
    q.size = 1000;
    q.descending = true; // the documented default is desc
    for (const auto& [key, v] : body.items()) {
        bool ok = true;
        if (key == "after" || key == "before" || key == "size") {
            ok = v.is_number_integer() && v.get<std::int64_t>() >= 0;
            if (ok && key == "after")
                q.after = v.get<std::int64_t>();
            else if (ok && key == "before")
                q.before = v.get<std::int64_t>();
            else if (ok && v.get<std::int64_t>() > 0)
                q.size = std::min(v.get<std::size_t>(), k_inventory26_max);
        } else if (key == "include_deleted" || key == "variants") {
            ok = v.is_boolean();
            if (ok && key == "variants")
                variants = v.get<bool>();
            else if (ok)
                q.include_deleted = v.get<bool>();
        } else if (key == "product_id") {
            ok = v.is_string();
            if (ok)
                product_id = v.get<std::string>();
        } else if (key == "sort_direction") {
            ok = v == "asc" || v == "desc";
            if (ok)
                q.descending = v == "desc";
        }
        if (!ok) {
            send_error(res, 400, "Bad Request", "invalid value for " + key);
            return false;
        }
    }
    return true;
}

void add_outlet_routes(httplib::Server& server, App& app) {
    server.Get(route(k_family, "/outlets"),
               [&app](const httplib::Request& req, httplib::Response& res) {
                   if (auto q = page_query(req, res, k_list_max, k_list_max))
                       send_json(res, 200, app.store.outlets_page(*q));
               });
    server.Get(route(k_family, "/outlets/([^/]+)"),
               [&app](const httplib::Request& req, httplib::Response& res) {
                   if (auto o = app.store.outlet(req.matches[1].str()))
                       send_json(res, 200, {{"data", *o}});
                   else
                       send_error(res, 404, "Outlet not found");
               });
    server.Get(route(k_family, "/retailer"),
               [&app](const httplib::Request&, httplib::Response& res) {
                   send_json(res, 200, {{"data", app.store.retailer()}});
               });
}

void add_product_routes(httplib::Server& server, App& app) {
    server.Get(route(k_family, "/products"),
               [&app](const httplib::Request& req, httplib::Response& res) {
                   // With sku every other parameter is ignored, as documented.
                   if (req.has_param("sku")) {
                       send_json(res, 200, app.store.products_by_sku(req.get_param_value("sku")));
                       return;
                   }
                   if (auto q = page_query(req, res, k_list_max, k_list_max))
                       send_json(res, 200, app.store.products_page(*q));
               });
    server.Get(route(k_family, "/products/([^/]+)"),
               [&app](const httplib::Request& req, httplib::Response& res) {
                   if (auto p = app.store.product(req.matches[1].str()))
                       send_json(res, 200, {{"data", *p}});
                   else
                       send_error(res, 404, "Product not found");
               });
}

void add_inventory20_routes(httplib::Server& server, App& app) {
    server.Get("/api/2.0/inventory", [&app](const httplib::Request& req, httplib::Response& res) {
        auto q = page_query(req, res, k_list_max, k_list_max);
        if (!q)
            return;
        q->include_deleted = false; // 2.0 /inventory has no deleted parameter
        InventoryPage page = app.store.inventory_page(*q, false);
        send_envelope(res, page);
        race_after_answer(app, page.records);
    });
    server.Get(R"(/api/2\.0/products/([^/]+)/inventory)",
               [&app](const httplib::Request& req, httplib::Response& res) {
                   auto q = page_query(req, res, k_list_max, k_list_max);
                   if (!q)
                       return;
                   q->include_deleted = false;
                   auto page = app.store.product_inventory(req.matches[1].str(), *q, false, false);
                   if (!page) {
                       send_error(res, 404, "Product not found");
                       return;
                   }
                   send_envelope(res, *page);
                   race_after_answer(app, page->records);
               });
}

void add_inventory26_routes(httplib::Server& server, App& app) {
    server.Post("/api/2026-07/inventory", [&app](const httplib::Request& req,
                                                 httplib::Response& res) {
        auto body = req.body.empty() ? std::optional<json>(json::object()) : parse_body(req, res);
        if (!body)
            return;
        PageQuery q;
        std::string product_id;
        bool variants = false;
        if (!inventory_request(*body, res, q, product_id, variants))
            return;
        std::optional<InventoryPage> page;
        if (product_id.empty())
            page = app.store.inventory_page(q, true);
        else
            page = app.store.product_inventory(product_id, q, variants, true);
        if (!page)
            page = InventoryPage{}; // a filter on an unknown product matches nothing
        send_json(res, 200, page->rows);
        race_after_answer(app, page->records);
    });
    server.Get("/api/2026-07/inventory/([^/]+)", [&app](const httplib::Request& req,
                                                        httplib::Response& res) {
        auto q = page_query(req, res, 1000, k_inventory26_max);
        if (!q)
            return;
        q->descending = req.get_param_value("order_direction") == "desc";
        bool variants = req.get_param_value("variants") == "true";
        auto page = app.store.product_inventory(req.matches[1].str(), *q, variants, true);
        if (!page) {
            send_error(res, 404, "Product not found");
            return;
        }
        send_json(res, 200, page->rows);
        race_after_answer(app, page->records);
    });
}

} // namespace

void add_read_routes(httplib::Server& server, App& app) {
    add_outlet_routes(server, app);
    add_product_routes(server, app);
    add_inventory20_routes(server, app);
    add_inventory26_routes(server, app);
}

} // namespace kivals::lssim
