#pragma once

#include <kivals/lightspeed/types.hpp>

#include <string>
#include <string_view>
#include <vector>

// The URLs kivals registers with Lightspeed, and the plan that makes the registrations right.
// Pure: `kivals webhooks` runs the plan through the client.
namespace kivals::webhook {

// What a webhook URL is made of: kivals-webhook's public URL and the secret.
struct UrlParts {
    std::string base;   // webhook.base_url, without a query
    std::string secret; // the webhook secret
};

// Return the URL for one type: "{base}?type={type}&secret={secret}".
std::string url_for(const UrlParts& parts, std::string_view type);

// Return `url` with the value of its secret parameter masked ("****" and its last 4).
std::string mask_url_secret(std::string_view url);

// Return true when `url` points at kivals-webhook: the same base, or our secret in it.
bool is_ours(std::string_view url, const UrlParts& parts);

// What to do with one registration.
enum class RegAction { keep, create, repair, remove_duplicate };

// One step of the plan; `id` is empty for create.
struct RegStep {
    RegAction action;
    std::string type;
    std::string id;
    std::string url;
};

// Plan `webhooks create`: per type, keep a right and active registration, repair one of ours
// that is inactive or carries an old URL, create one when none is ours, remove extra copies.
std::vector<RegStep> plan_registration(const std::vector<lightspeed::Webhook>& existing,
                                       const UrlParts& parts);

} // namespace kivals::webhook
