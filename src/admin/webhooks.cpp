// kivals' webhook registration with Lightspeed, for `kivals webhooks create` and the page's
// Create Webhooks button.
#include <kivals/admin/webhooks.hpp>

#include <fmt/format.h>

#include <algorithm>

namespace kivals::admin {
namespace {

using lightspeed::Webhook;
using lightspeed::WebhookRequest;

// Create one webhook. A 409 says the same type and URL exist already: made meanwhile (the list
// then shows it: "ok", or repaired when inactive), or invisible to this token (old Vend
// documents scope the list to the application that made each webhook; one made by hand at
// the store's setup/api page may not show). Never a second one.
std::string create_one(lightspeed::Client& client, const webhook::RegStep& step,
                       const std::function<void(std::string)>& warn) {
    bool exists = lightspeed_call("create a webhook", [&] {
        try {
            client.create_webhook(WebhookRequest{step.type, step.url, true});
            return false;
        } catch (const lightspeed::ApiError& e) {
            if (e.kind() != lightspeed::ApiErrorKind::conflict)
                throw;
            return true;
        }
    });
    if (!exists)
        return "created";
    auto listed = lightspeed_call("list webhooks", [&] { return client.list_webhooks(); });
    auto it = std::find_if(listed.begin(), listed.end(), [&](const Webhook& w) {
        return w.type == step.type && w.url == step.url;
    });
    if (it == listed.end()) {
        warn(fmt::format("Lightspeed has a {} webhook for kivals' URL that this token cannot "
                         "list (made by hand or by another application): check at "
                         "https://<your store>.retail.lightspeed.app/setup/api that it is active",
                         step.type));
        return "exists, not listed";
    }
    if (it->active)
        return "ok";
    lightspeed_call("update a webhook", [&] {
        return client.update_webhook(it->id, WebhookRequest{step.type, step.url, true});
    });
    return "repaired";
}

} // namespace

void fail_api(std::string_view what, const lightspeed::ApiError& e) {
    std::string_view advice = lightspeed::traits(e.kind()).advice;
    fail(e.code(), "Unable to {}: {}{}{}", what, e.what(), advice.empty() ? "" : "; ", advice);
}

webhook::UrlParts webhook_url_parts(Settings& settings) {
    auto base = settings.get("webhook.base_url");
    if (!base || base->empty())
        fail(Exit::config, "webhook.base_url is not set: run `kivals config set webhook.base_url "
                           "https://shop.example/cgi-bin/kivals-webhook` (the public URL of "
                           "kivals-webhook)");
    auto secret = settings.stored("webhook.secret");
    if (!secret || secret->empty())
        fail(Exit::config, "no webhook secret: run `kivals init`");
    return {*base, *secret};
}

std::vector<RegistrationStep> register_webhooks(lightspeed::Client& client,
                                                const webhook::UrlParts& parts,
                                                const std::function<void(std::string)>& warn) {
    auto existing = lightspeed_call("list webhooks", [&] { return client.list_webhooks(); });
    std::vector<RegistrationStep> done;
    for (const auto& step : webhook::plan_registration(existing, parts)) {
        std::string result;
        switch (step.action) {
        case webhook::RegAction::keep:
            result = "ok";
            break;
        case webhook::RegAction::create:
            result = create_one(client, step, warn);
            break;
        case webhook::RegAction::repair:
            lightspeed_call("update a webhook", [&] {
                return client.update_webhook(step.id, WebhookRequest{step.type, step.url, true});
            });
            result = "repaired";
            break;
        case webhook::RegAction::remove_duplicate:
            lightspeed_call("delete a webhook", [&] {
                client.delete_webhook(step.id);
                return 0;
            });
            result = "removed duplicate";
            break;
        }
        done.push_back({step.type, step.id, result});
    }
    return done;
}

} // namespace kivals::admin
