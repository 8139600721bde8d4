// Webhook CRUD under /api/2.0/webhooks and /api/2026-07/webhooks (JSON bodies).
#include "app.hpp"

#include <array>

namespace kivals::lssim {

using nlohmann::json;

namespace {

constexpr const char* k_base = R"(/api/(?:2\.0|2026-07)/webhooks)";
constexpr std::array k_types{"sale.update",        "product.update",          "customer.update",
                             "inventory.update",   "register_closure.create", "consignment.send",
                             "consignment.receive"};

// Check a WebhookRequest: all of active, type and url; answer 400/422 and return false if not.
bool webhook_request(const httplib::Request& req, httplib::Response& res, std::string& type,
                     std::string& url, bool& active) {
    auto body = parse_body(req, res);
    if (!body)
        return false;
    const json& b = *body;
    if (!b.is_object() || !b.contains("type") || !b["type"].is_string() || !b.contains("url") ||
        !b["url"].is_string() || !b.contains("active") || !b["active"].is_boolean()) {
        send_error(res, 400, "Bad Request", "active (bool), type and url are all required");
        return false;
    }
    type = b["type"];
    url = b["url"];
    active = b["active"];
    if (std::find(k_types.begin(), k_types.end(), type) == k_types.end()) {
        send_error(res, 422, "Unprocessable Entity", "unknown webhook type " + type);
        return false;
    }
    if (url.size() < 3) {
        send_error(res, 422, "Unprocessable Entity", "url is too short");
        return false;
    }
    return true;
}

} // namespace

void add_webhook_routes(httplib::Server& server, App& app) {
    server.Get(k_base, [&app](const httplib::Request&, httplib::Response& res) {
        send_json(res, 200, app.store.webhooks());
    });
    server.Post(k_base, [&app](const httplib::Request& req, httplib::Response& res) {
        std::string type, url;
        bool active = true;
        if (webhook_request(req, res, type, url, active))
            send_result(res, app.store.create_webhook(type, url, active));
    });
    std::string one = std::string(k_base) + "/([^/]+)";
    server.Get(one, [&app](const httplib::Request& req, httplib::Response& res) {
        send_result(res, app.store.get_webhook(req.matches[1].str()));
    });
    server.Put(one, [&app](const httplib::Request& req, httplib::Response& res) {
        std::string type, url;
        bool active = true;
        if (webhook_request(req, res, type, url, active))
            send_result(res, app.store.update_webhook(req.matches[1].str(), type, url, active));
    });
    server.Delete(one, [&app](const httplib::Request& req, httplib::Response& res) {
        send_result(res, app.store.delete_webhook(req.matches[1].str()));
    });
}

} // namespace kivals::lssim
