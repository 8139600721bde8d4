// doctor's rules for the setup: the database, the settings, Lightspeed, the webhooks and the
// intake (what has to be right before a single stock change can arrive).
#include "rules.hpp"

#include <fmt/format.h>

namespace kivals::doctor {
namespace {

// The fixes that need the administrator's own value name it in upper case.
constexpr const char* k_set_store_url =
    "kivals config set store_url https://STORE.retail.lightspeed.app";
constexpr const char* k_set_base_url =
    "kivals config set webhook.base_url https://SHOP/cgi-bin/kivals-webhook";

std::string joined(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& item : items)
        out += (out.empty() ? "" : " and ") + item;
    return out;
}

} // namespace

void database_rule(const Facts& f, Findings& out) {
    if (f.database_problem)
        out.push_back({"database.corrupt", Severity::problem, "database",
                       fmt::format("the database file is corrupt (PRAGMA quick_check: {}): stop "
                                   "the cron jobs, restore a backup or rebuild it with `sqlite3 "
                                   "OLD .recover | sqlite3 NEW`, then read Lightspeed again",
                                   *f.database_problem),
                       "kivals pull-sync --full"});
}

void settings_rule(const Facts& f, Findings& out) {
    if (!f.store_url_set)
        out.push_back({"settings.store_url", Severity::problem, "settings",
                       "the store URL is not set", k_set_store_url});
    if (!f.token_set)
        out.push_back({"settings.token", Severity::problem, "settings",
                       "the API token is not set (Lightspeed: Setup > Personal Tokens)",
                       "kivals config set token"});
    if (!f.store_url_set || !f.token_set)
        return;
    if (!f.outlet_set)
        out.push_back({"settings.outlet", Severity::problem, "settings",
                       "no outlet is chosen, so no stock level is read", "kivals outlet detect"});
    else if (f.outlet_known == false)
        out.push_back({"settings.outlet_unknown", Severity::problem, "settings",
                       "the chosen outlet is not one of the store's outlets: every stock level "
                       "is read as missing",
                       "kivals outlet detect"});
    else
        out.push_back({"settings.ok", Severity::ok, "settings",
                       f.outlet_known ? "store URL, token and outlet are set, and the outlet is "
                                        "the store's"
                                      : "store URL, token and outlet are set",
                       ""});
}

void toggles_rule(const Facts& f, Findings& out) {
    if (!f.feature_on)
        out.push_back({"feature.off", Severity::problem, "feature", "sync is turned off",
                       "kivals enable feature"});
    if (!f.processing_on)
        out.push_back({"processing.off", Severity::problem, "processing",
                       "webhook processing is turned off: deliveries are kept but not applied",
                       "kivals enable webhook-processing"});
}

void lightspeed_rule(const Facts& f, Findings& out) {
    if (!f.api_failure)
        return;
    std::string text = fmt::format("Lightspeed could not be asked: {}", f.api_error.value_or("?"));
    switch (*f.api_failure) {
    case ApiFailure::unauthorized:
        out.push_back(
            {"lightspeed.token", Severity::problem, "lightspeed", text, "kivals config set token"});
        break;
    case ApiFailure::not_found:
    case ApiFailure::tls:
    case ApiFailure::unreachable:
        out.push_back(
            {"lightspeed.store_url", Severity::problem, "lightspeed", text, k_set_store_url});
        break;
    case ApiFailure::other:
        out.push_back({"lightspeed.failing", Severity::problem, "lightspeed",
                       text + " (Lightspeed's side: try again later)", ""});
        break;
    }
}

void webhooks_rule(const Facts& f, Findings& out) {
    if (!f.base_url_set) {
        out.push_back({"webhooks.base_url", Severity::degraded, "webhooks",
                       "webhook.base_url (the intake's public URL) is not set, so no webhook can "
                       "be registered: stock follows the POS only through the hourly pull-sync",
                       k_set_base_url});
        return;
    }
    if (!f.webhooks)
        return;
    const WebhookFacts& w = *f.webhooks;
    if (!w.missing.empty())
        out.push_back({"webhooks.missing", Severity::degraded, "webhooks",
                       fmt::format("Lightspeed has no webhook for {} at kivals' URL (No Webhooks "
                                   "Found): stock follows the POS only through the hourly "
                                   "pull-sync",
                                   joined(w.missing)),
                       "kivals webhooks create"});
    if (!w.stale.empty())
        out.push_back({"webhooks.stale", Severity::degraded, "webhooks",
                       fmt::format("the webhook for {} is inactive or points at an old URL or "
                                   "secret (every delivery is refused or lost)",
                                   joined(w.stale)),
                       "kivals webhooks create"});
    if (w.duplicates > 0)
        out.push_back(
            {"webhooks.duplicate", Severity::warning, "webhooks",
             fmt::format("{} extra webhook registrations deliver every change twice", w.duplicates),
             "kivals webhooks create"});
    if (w.missing.empty() && w.stale.empty())
        out.push_back({"webhooks.ok", Severity::ok, "webhooks",
                       "both webhooks are registered, active, at the current URL and secret", ""});
    if (f.probe)
        out.push_back(probe_finding(*f.probe));
}

Finding probe_finding(const ProbeFacts& probe) {
    using O = ProbeFacts::Outcome;
    auto broken = [&](std::string why, std::string fix) {
        return Finding{
            "webhooks.unreachable", Severity::degraded, "webhooks",
            fmt::format("a probe delivery to {} did not reach the spool: {}", probe.url, why),
            std::move(fix)};
    };
    switch (probe.outcome) {
    case O::reached:
        return {"webhooks.path_ok", Severity::ok, "webhooks",
                fmt::format("a probe delivery to {} reached the spool", probe.url), ""};
    case O::elsewhere:
        return broken("the intake answered 200, but the probe is not in this spool: the web "
                      "server's kivals-webhook reads another config file (KIVALS_CONFIG) or spool",
                      "");
    case O::refused_secret:
        return broken("the intake refused it (403): its secret file does not hold the secret in "
                      "the registered URL",
                      "kivals init");
    case O::not_found:
        return broken(fmt::format("the web server has nothing at that path ({}): "
                                  "webhook.base_url is not where kivals-webhook is installed",
                                  probe.detail),
                      k_set_base_url);
    case O::intake_failing:
        return broken(fmt::format("the intake failed ({}): it cannot read its secret file or "
                                  "write the spool (see the web server's error log)",
                                  probe.detail),
                      "kivals init");
    case O::other_status:
        return broken(probe.detail, k_set_base_url);
    case O::unreachable:
        return broken(fmt::format("nothing answered ({}): the web server is down, or "
                                  "webhook.base_url names the wrong host or port",
                                  probe.detail),
                      k_set_base_url);
    case O::tls:
        return broken(fmt::format("TLS failed ({}): most likely https:// to a plain-HTTP port, "
                                  "or a certificate not valid for this host",
                                  probe.detail),
                      k_set_base_url);
    }
    return broken(probe.detail, "");
}

void intake_rule(const Facts& f, Findings& out) {
    if (!f.secret_file_matches)
        out.push_back({"intake.secret_file", Severity::problem, "intake",
                       "the intake's secret file does not hold the current webhook secret: every "
                       "delivery is refused with 403",
                       "kivals init"});
    for (const auto& problem : f.spool_problems)
        out.push_back({"spool.layout", Severity::problem, "spool", problem, "kivals init"});
    if (!f.spool_readable)
        out.push_back({"spool.unreadable", Severity::warning, "spool",
                       "the spool cannot be looked into by this user, so it was not checked",
                       "sudo -u kivals kivals doctor"});
    if (f.quarantined > 0)
        out.push_back({"spool.quarantined", Severity::warning, "spool",
                       fmt::format("{} spool entries were not deliveries and were moved to "
                                   "quarantine (remove them, or find what writes them), the "
                                   "last: {}",
                                   f.quarantined, f.last_quarantined.value_or("?")),
                       "kivals queue quarantine"});
}

} // namespace kivals::doctor
