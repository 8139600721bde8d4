// Webhook registrations (the JSON endpoints of the configured family).
#include <kivals/core/text.hpp>
#include <kivals/lightspeed/client.hpp>
#include <kivals/lightspeed/parse.hpp>

namespace kivals::lightspeed {

namespace {

nlohmann::json webhook_body(const WebhookRequest& request) {
    return {{"type", request.type}, {"url", request.url}, {"active", request.active}};
}

} // namespace

std::vector<Webhook> Client::list_webhooks() {
    nlohmann::json answer = m_session.call(Method::get, path("/webhooks"));
    std::vector<Webhook> hooks;
    const nlohmann::json& data = data_of(answer, "webhooks");
    if (data.is_array())
        for (const auto& row : data)
            hooks.push_back(parse_webhook(row));
    return hooks;
}

Webhook Client::create_webhook(const WebhookRequest& request) {
    nlohmann::json body = webhook_body(request);
    nlohmann::json answer = m_session.call(Method::post, path("/webhooks"), &body);
    return parse_webhook(data_of(answer, "a webhook"));
}

Webhook Client::get_webhook(const std::string& id) {
    nlohmann::json answer = m_session.call(Method::get, path("/webhooks/" + percent_encode(id)));
    return parse_webhook(data_of(answer, "a webhook"));
}

Webhook Client::update_webhook(const std::string& id, const WebhookRequest& request) {
    nlohmann::json body = webhook_body(request);
    nlohmann::json answer =
        m_session.call(Method::put, path("/webhooks/" + percent_encode(id)), &body);
    if (answer.is_object() && answer.contains("data"))
        return parse_webhook(answer["data"]);
    // The answer's body is not promised; what was sent is what the webhook now is.
    return Webhook{id, request.type, request.url, request.active};
}

void Client::delete_webhook(const std::string& id) {
    m_session.call(Method::del, path("/webhooks/" + percent_encode(id)));
}

} // namespace kivals::lightspeed
