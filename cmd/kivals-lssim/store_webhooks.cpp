// Webhook registrations (shared by /api/2.0 and /api/2026-07).
#include "store.hpp"

#include <algorithm>

namespace kivals::lssim {

using nlohmann::json;

namespace {

constexpr const char* k_duplicate = "A webhook with this type and URL already exists.";

} // namespace

bool Store::visible(const Webhook& h) const {
    return h.by_token || !m_realities.webhooks_scoped;
}

json Store::webhooks() const {
    std::lock_guard lock(m_mutex);
    json data = json::array();
    for (const Webhook& h : m_webhooks)
        if (visible(h))
            data.push_back(webhook_json(h, ctx()));
    return {{"data", data}};
}

Result Store::create_webhook(const std::string& type, const std::string& url, bool active,
                             bool by_token) {
    std::lock_guard lock(m_mutex);
    for (const Webhook& h : m_webhooks)
        if (h.type == type && h.url == url)
            return {Outcome::conflict, {}, k_duplicate};
    Webhook h{new_id(), type, url, active, by_token};
    bump();
    m_webhooks.push_back(h);
    return {Outcome::created, {{"data", webhook_json(h, ctx())}}, ""};
}

Result Store::get_webhook(std::string_view id) const {
    std::lock_guard lock(m_mutex);
    for (const Webhook& h : m_webhooks)
        if (h.id == id && visible(h))
            return {Outcome::ok, {{"data", webhook_json(h, ctx())}}, ""};
    return {Outcome::not_found, {}, "Webhook not found"};
}

Result Store::update_webhook(std::string_view id, const std::string& type, const std::string& url,
                             bool active) {
    std::lock_guard lock(m_mutex);
    auto it = std::find_if(m_webhooks.begin(), m_webhooks.end(),
                           [&](const Webhook& h) { return h.id == id && visible(h); });
    if (it == m_webhooks.end())
        return {Outcome::not_found, {}, "Webhook not found"};
    for (const Webhook& h : m_webhooks)
        if (h.id != id && h.type == type && h.url == url)
            return {Outcome::conflict, {}, k_duplicate};
    it->type = type;
    it->url = url;
    it->active = active;
    bump();
    return {Outcome::ok, {{"data", webhook_json(*it, ctx())}}, ""};
}

Result Store::delete_webhook(std::string_view id) {
    std::lock_guard lock(m_mutex);
    auto it = std::find_if(m_webhooks.begin(), m_webhooks.end(),
                           [&](const Webhook& h) { return h.id == id && visible(h); });
    if (it == m_webhooks.end())
        return {Outcome::not_found, {}, "Webhook not found"};
    m_webhooks.erase(it);
    bump();
    return {Outcome::ok, json::object(), ""};
}

} // namespace kivals::lssim
