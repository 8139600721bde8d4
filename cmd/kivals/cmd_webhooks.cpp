// kivals webhooks create|list|enable|disable|delete|url|test: register kivals' two webhooks
// (product.update and inventory.update) with Lightspeed, each with its own URL, and test the
// web path they deliver through.
#include "commands.hpp"
#include "doctor_shared.hpp"
#include "webhook_probe.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/core/redact.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/webhook/webhook_url.hpp>

#include <algorithm>

namespace kivals::cli {
namespace {

using lightspeed::Webhook;
using lightspeed::WebhookRequest;

// Return the base URL and secret the webhook URLs are made from, or fail saying what to set.
webhook::UrlParts url_parts(Env& env) {
    Settings settings(env.db(), env.clock());
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

// Run a Lightspeed call, turning its failure into one line with the right exit code.
template <typename F> auto call(std::string_view what, F&& f) {
    try {
        return f();
    } catch (const lightspeed::ApiError& e) {
        std::string_view advice = lightspeed::traits(e.kind()).advice;
        fail(e.code(), "Unable to {}: {}{}{}", what, e.what(), advice.empty() ? "" : "; ", advice);
    }
}

nlohmann::json webhook_json(const Webhook& w) {
    return {{"id", w.id},
            {"type", w.type},
            {"url", webhook::mask_url_secret(w.url)},
            {"active", w.active}};
}

int run_list(Env& env, bool json) {
    auto hooks = call("list webhooks", [&] { return env.client().list_webhooks(); });
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& w : hooks)
            out.push_back(webhook_json(w));
        print_json(env, out);
        return 0;
    }
    if (hooks.empty()) {
        fmt::print("No Webhooks Found. Run `kivals webhooks create` to register product.update and "
                   "inventory.update (set webhook.base_url first).\n");
        return 0;
    }
    fmt::print("{:<38} {:<17} {:<7} {}\n", "ID", "TYPE", "ACTIVE", "URL");
    for (const auto& w : hooks)
        fmt::print("{:<38} {:<17} {:<7} {}\n", w.id, w.type, w.active ? "yes" : "no",
                   webhook::mask_url_secret(w.url));
    return 0;
}

// Create one webhook. A 409 says the same type and URL exist already: made meanwhile (the list
// then shows it: "ok", or repaired when inactive), or invisible to this token (old Vend
// documents scope the list to the application that made each webhook; one made by hand at
// the store's setup/api page may not show). Never a second one.
std::string create_one(Env& env, const webhook::RegStep& step) {
    auto& client = env.client();
    bool exists = call("create a webhook", [&] {
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
    auto listed = call("list webhooks", [&] { return client.list_webhooks(); });
    auto it = std::find_if(listed.begin(), listed.end(), [&](const Webhook& w) {
        return w.type == step.type && w.url == step.url;
    });
    if (it == listed.end()) {
        fmt::print(stderr,
                   "kivals: Lightspeed has a {} webhook for kivals' URL that this token cannot "
                   "list (made by hand or by another application): check at "
                   "https://<your store>.retail.lightspeed.app/setup/api that it is active\n",
                   step.type);
        return "exists, not listed";
    }
    if (it->active)
        return "ok";
    call("update a webhook", [&] {
        return client.update_webhook(it->id, WebhookRequest{step.type, step.url, true});
    });
    return "repaired";
}

// Registering a URL proves nothing about it: send a probe down it, and say when it does not
// reach the spool (exit 3: registered, but stock would follow only the hourly pull-sync).
int probe_after_create(Env& env, const webhook::UrlParts& parts) {
    doctor::Finding finding = doctor::probe_finding(send_probe(env, parts));
    if (finding.severity == doctor::Severity::ok)
        return 0;
    fmt::print(stderr, "kivals: the webhooks are registered, but {}{}\n", finding.message,
               finding.fix.empty() ? "" : fmt::format("; fix: {}", finding.fix));
    return to_int(Exit::partial);
}

int run_create(Env& env, bool json) {
    webhook::UrlParts parts = url_parts(env);
    auto& client = env.client();
    auto existing = call("list webhooks", [&] { return client.list_webhooks(); });
    auto plan = webhook::plan_registration(existing, parts);
    nlohmann::json done = nlohmann::json::array();
    int unseen = 0; // registrations Lightspeed has but this token cannot list
    for (const auto& step : plan) {
        std::string result;
        switch (step.action) {
        case webhook::RegAction::keep:
            result = "ok";
            break;
        case webhook::RegAction::create:
            result = create_one(env, step);
            unseen += result == "exists, not listed" ? 1 : 0;
            break;
        case webhook::RegAction::repair:
            call("update a webhook", [&] {
                return client.update_webhook(step.id, WebhookRequest{step.type, step.url, true});
            });
            result = "repaired";
            break;
        case webhook::RegAction::remove_duplicate:
            call("delete a webhook", [&] {
                client.delete_webhook(step.id);
                return 0;
            });
            result = "removed duplicate";
            break;
        }
        done.push_back({{"type", step.type}, {"id", step.id}, {"result", result}});
        if (!json && (env.interactive() || result != "ok"))
            fmt::print("{:<17} {:<18} {}\n", step.type, result, step.id);
    }
    if (json)
        print_json(env, done);
    int probed = probe_after_create(env, parts);
    return unseen > 0 ? to_int(Exit::partial) : probed;
}

int run_toggle(Env& env, const std::string& id, bool active) {
    auto& client = env.client();
    Webhook w = call("read the webhook", [&] { return client.get_webhook(id); });
    call("update the webhook", [&] {
        return client.update_webhook(id, WebhookRequest{w.type, w.url, active});
    });
    if (env.interactive())
        fmt::print("Webhook {} ({}) {}.\n", id, w.type, active ? "enabled" : "disabled");
    return 0;
}

int run_delete(Env& env, const std::optional<std::string>& id, bool all) {
    auto& client = env.client();
    if (id) {
        call("delete the webhook", [&] {
            client.delete_webhook(*id);
            return 0;
        });
        return 0;
    }
    if (!all)
        fail(Exit::usage, "webhooks delete: give a webhook id or --all");
    webhook::UrlParts parts = url_parts(env);
    auto hooks = call("list webhooks", [&] { return client.list_webhooks(); });
    int removed = 0;
    for (const auto& w : hooks)
        if (webhook::is_ours(w.url, parts)) {
            call("delete a webhook", [&] {
                client.delete_webhook(w.id);
                return 0;
            });
            ++removed;
        }
    if (env.interactive())
        fmt::print("Deleted {} kivals webhooks.\n", removed);
    return 0;
}

int run_url(Env& env, bool reveal, bool json) {
    webhook::UrlParts parts = url_parts(env);
    nlohmann::json out = nlohmann::json::object();
    for (const char* type : {"product.update", "inventory.update"}) {
        std::string url = webhook::url_for(parts, type);
        out[type] = reveal ? url : webhook::mask_url_secret(url);
    }
    if (json) {
        print_json(env, out);
        return 0;
    }
    for (const auto& [type, url] : out.items())
        fmt::print("{:<17} {}\n", type, url.get<std::string>());
    return 0;
}

int run_test(Env& env, bool json) {
    doctor::Finding finding = doctor::probe_finding(send_probe(env, url_parts(env)));
    if (json)
        print_json(env, finding_json(finding));
    else
        print_finding(finding);
    return finding.severity == doctor::Severity::ok ? 0 : to_int(Exit::failure);
}

} // namespace

void add_webhooks_command(CLI::App& app, const Binder& bind) {
    auto* hooks = app.add_subcommand("webhooks", "Register and manage kivals' Lightspeed webhooks");
    hooks->require_subcommand(1);
    auto json = std::make_shared<bool>(false);

    auto* create = hooks->add_subcommand("create", "Register product.update and inventory.update "
                                                   "(safe to run again: repairs what is missing)");
    create->add_flag("--json", *json, "Print JSON");
    bind(create, [json](Env& env) { return run_create(env, *json); });

    auto* list = hooks->add_subcommand("list", "List the store's webhooks (secrets masked)");
    list->add_flag("--json", *json, "Print JSON");
    bind(list, [json](Env& env) { return run_list(env, *json); });

    auto id = std::make_shared<std::string>();
    for (bool on : {true, false}) {
        auto* sub =
            hooks->add_subcommand(on ? "enable" : "disable", on ? "Make a webhook deliver again"
                                                                : "Stop a webhook delivering");
        sub->add_option("id", *id, "Webhook id")->required();
        bind(sub, [id, on](Env& env) { return run_toggle(env, *id, on); });
    }

    auto delete_id = std::make_shared<std::optional<std::string>>();
    auto all = std::make_shared<bool>(false);
    auto* del = hooks->add_subcommand("delete", "Delete a webhook, or --all of kivals' webhooks");
    auto* id_opt = del->add_option("id", *delete_id, "Webhook id");
    del->add_flag("--all", *all, "Every webhook pointing at webhook.base_url")->excludes(id_opt);
    bind(del, [delete_id, all](Env& env) { return run_delete(env, *delete_id, *all); });

    auto reveal = std::make_shared<bool>(false);
    auto* url = hooks->add_subcommand("url", "Show the URL registered for each type");
    url->add_flag("--reveal", *reveal, "Show the secret (to register the webhooks by hand)");
    url->add_flag("--json", *json, "Print JSON");
    bind(url, Needs::db, [reveal, json](Env& env) { return run_url(env, *reveal, *json); });

    auto* test = hooks->add_subcommand(
        "test", "Send a probe delivery to kivals' URL and check that it reaches the spool");
    test->add_flag("--json", *json, "Print JSON");
    bind(test, Needs::db, [json](Env& env) { return run_test(env, *json); });
}

} // namespace kivals::cli
