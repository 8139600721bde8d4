#pragma once

#include <kivals/config/config.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/core/clock.hpp>
#include <kivals/db/db.hpp>
#include <kivals/doctor/facts.hpp>
#include <kivals/lightspeed/client.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/webhook/webhook_url.hpp>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

// kivals' two webhooks (product.update and inventory.update) with Lightspeed: `kivals webhooks
// create` and the page's Create Webhooks button, and the probe delivery that proves the URL
// reaches the spool (`kivals webhooks test`, doctor).
namespace kivals::admin {

// Return the base URL and secret the webhook URLs are made from, or fail (Exit::config)
// saying what to set.
webhook::UrlParts webhook_url_parts(Settings& settings);

// Run a Lightspeed call, turning its failure into one Error with the right exit code:
// "Unable to list webhooks: ...; advice".
[[noreturn]] void fail_api(std::string_view what, const lightspeed::ApiError& e);
template <typename F> auto lightspeed_call(std::string_view what, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const lightspeed::ApiError& e) {
        fail_api(what, e);
    }
}

// One registration step and what came of it ("created", "ok", "repaired", "removed duplicate",
// "exists, not listed").
struct RegistrationStep {
    std::string type;
    std::string id;
    std::string result;
};

// Make Lightspeed's webhooks match kivals' URLs: create what is missing, repair what is
// inactive, remove duplicates; never a second one of a type and URL. `warn` hears what a
// person must check by hand. Throws Error when Lightspeed fails.
std::vector<RegistrationStep> register_webhooks(lightspeed::Client& client,
                                                const webhook::UrlParts& parts,
                                                const std::function<void(std::string)>& warn);

// Send a probe delivery to kivals' inventory.update URL (made from `parts`), the way
// Lightspeed would, and see whether it reached this installation's spool (or was already
// taken in by queue process, which ignores it as a probe).
doctor::ProbeFacts send_probe(const Config& config, db::Db& db, const Clock& clock,
                              const webhook::UrlParts& parts);

} // namespace kivals::admin
