// The Sync Actions, Webhooks and Dev Tools panels of /admin/.
#include "web.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/lightspeed/factory.hpp>
#include <kivals/webhook/webhook_url.hpp>

#include <fmt/format.h>

namespace kivals::admin {
namespace {

// A job's button: its form says which job it starts, so the script can follow it.
std::string job_button(const Session& session, std::string_view kind, std::string_view label,
                       std::string_view limit = "") {
    return fmt::format("<form method=\"post\" action=\"/admin/actions/{}\" class=\"inline\" "
                       "data-job=\"{}\">{}{}<button type=\"submit\">{}</button></form>",
                       kind, kind, csrf_field(session),
                       limit.empty() ? ""
                                     : fmt::format("<input type=\"hidden\" name=\"limit\" "
                                                   "value=\"{}\">",
                                                   limit),
                       escape(label));
}

// The newest run of `kind` in words, in an element the script updates while it runs.
std::string job_line(Admin& admin, std::string_view kind) {
    auto job = admin.jobs.last(std::string(kind));
    std::string text;
    std::string phase = "idle";
    if (job) {
        phase = std::string(phase_name(job->phase));
        text = job->phase == JobState::Phase::running
                   ? fmt::format("Running since {}{}", iso8601(job->started),
                                 job->progress.empty() ? "…" : ": " + job->progress)
                   : fmt::format("{} at {}: {}",
                                 job->phase == JobState::Phase::succeeded ? "Done" : "Failed",
                                 iso8601(job->ended.value_or(job->started)), job->result);
    }
    return fmt::format("<p class=\"job {}\" data-job-state=\"{}\" role=\"status\">{}</p>", phase,
                       kind, escape(text));
}

std::string webhooks_table(Admin& admin) {
    try {
        auto lease = admin.context.pool.read();
        Settings settings(lease.db(), admin.context.clock);
        auto client = lightspeed::make_client(settings, admin.context.config, admin.context.log,
                                              admin.context.clock);
        auto hooks = client->list_webhooks();
        if (hooks.empty())
            return "<p>No Webhooks Found. Click Create Webhooks (set the Store URL, the API "
                   "Token and the webhook base URL under Dev Tools first).</p>";
        std::string rows;
        for (const auto& w : hooks)
            rows += fmt::format("<tr><td>{}</td><td class=\"{}\">{}</td><td><code>{}</code></td>"
                                "</tr>",
                                escape(w.type), w.active ? "on" : "off",
                                w.active ? "active" : "inactive",
                                escape(webhook::mask_url_secret(w.url)));
        return "<div class=\"table-wrap\"><table><thead><tr><th>Type</th><th>Status</th>"
               "<th>URL</th></tr></thead><tbody>" +
               rows + "</tbody></table></div>";
    } catch (const std::exception& e) {
        return fmt::format("<p class=\"error\">Unable to list webhooks: {}</p>", escape(e.what()));
    }
}

} // namespace

std::string actions_panel(Admin& admin, const Session& session) {
    return fmt::format(
        "<section class=\"panel\" id=\"actions\"><h2>Sync Actions</h2>"
        "<div class=\"actions\">{}</div>{}"
        "<div class=\"actions\">{}</div>{}"
        "<div class=\"actions\">{}{}{}</div>{}"
        "<p class=\"hint\">Push sends the available counts of every linked product (reading "
        "Lightspeed first); the full sync only updates linked products; fetching skips "
        "products already imported.</p></section>",
        job_button(session, "push", "Push Inventory to Lightspeed"), job_line(admin, "push"),
        job_button(session, "pull-sync", "Pull Full Sync from Lightspeed"),
        job_line(admin, "pull-sync"),
        job_button(session, "fetch-products", "Fetch All Products", "all"),
        job_button(session, "fetch-products", "10", "10"),
        job_button(session, "fetch-products", "1", "1"), job_line(admin, "fetch-products"));
}

std::string webhooks_panel(Admin& admin, const Session& session) {
    return fmt::format("<section class=\"panel\" id=\"webhooks\"><h2>Webhooks</h2>{}"
                       "<div class=\"actions\">{}</div>{}</section>",
                       webhooks_table(admin),
                       job_button(session, "webhooks-create", "Create Webhooks"),
                       job_line(admin, "webhooks-create"));
}

std::string dev_tools_panel(Admin& admin, const Session& session) {
    auto lease = admin.context.pool.read();
    Settings settings(lease.db(), admin.context.clock);
    auto base = settings.get("webhook.base_url").value_or("");
    auto secret = settings.stored("webhook.secret");
    std::string urls;
    if (!base.empty() && secret)
        for (const char* type : {"product.update", "inventory.update"})
            urls += fmt::format(
                "<li>{}: <code>{}</code></li>", type,
                escape(webhook::mask_url_secret(webhook::url_for({base, *secret}, type))));
    return fmt::format(
        "<section class=\"panel\" id=\"dev-tools\"><h2>Dev Tools</h2>"
        "<p>Webhook URLs registered with Lightspeed:</p><ul>{}</ul>"
        "<form method=\"post\" action=\"/admin/actions/settings\" class=\"row\">{}"
        "<input type=\"hidden\" name=\"key\" value=\"webhook.base_url\">"
        "<div><label for=\"setting-webhook-base-url\">Webhook base URL (e.g. an ngrok URL for "
        "testing)</label><input type=\"url\" id=\"setting-webhook-base-url\" name=\"value\" "
        "value=\"{}\" placeholder=\"https://shop.example/cgi-bin/kivals-webhook\"></div>"
        "<button type=\"submit\">Save</button></form></section>",
        urls.empty() ? "<li>none yet: set the base URL below</li>" : urls, csrf_field(session),
        escape(base));
}

} // namespace kivals::admin
