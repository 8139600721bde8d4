// /admin/: the Lightspeed page and its panels, each reading what its CLI command prints
// (`status`, `config list`, `webhooks list`, `webhooks url`) through the same functions.
#include "web.hpp"

#include <kivals/admin/status.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/lightspeed/factory.hpp>
#include <kivals/webhook/webhook_url.hpp>

#include <fmt/format.h>

namespace kivals::admin {
namespace {

// A form of one button that POSTs to /admin/actions/<action> with `fields` (hidden inputs).
std::string button(const Session& session, std::string_view action, std::string_view label,
                   std::string_view fields = "", std::string_view attributes = "") {
    return fmt::format("<form method=\"post\" action=\"/admin/actions/{}\" class=\"inline\"{}>"
                       "{}{}<button type=\"submit\">{}</button></form>",
                       action, attributes, csrf_field(session), fields, escape(label));
}

std::string hidden(std::string_view name, std::string_view value) {
    return fmt::format("<input type=\"hidden\" name=\"{}\" value=\"{}\">", name, escape(value));
}

std::string fact(std::string_view name, std::string_view value_html) {
    return fmt::format("<dt>{}</dt><dd>{}</dd>", escape(name), value_html);
}

std::string toggle_fact(const Session& session, std::string_view name, std::string_view what,
                        bool on) {
    return fact(name, fmt::format("<span class=\"{}\">{}</span> {}", on ? "on" : "off",
                                  on ? "enabled" : "disabled",
                                  button(session, on ? "disable" : "enable",
                                         on ? "Disable" : "Enable", hidden("what", what))));
}

std::string status_panel(const StatusView& s, const Session& session) {
    std::string facts =
        toggle_fact(session, "Feature", "feature", s.feature) +
        toggle_fact(session, "Webhook Processing", "webhook-processing", s.webhook_processing) +
        fact("Pending Webhooks", std::to_string(s.pending_webhooks)) +
        fact("Last Full Sync", escape(s.last_full_sync.value_or("never"))) +
        fact("Webhook Secret",
             escape(s.webhook_secret_masked.value_or("not set (run kivals init)"))) +
        fact("Outlet", escape(s.outlet_id.value_or("not set"))) +
        fact("Linked Products", std::to_string(s.linked_products)) +
        fact("Unlinked Products", std::to_string(s.unlinked_products)) +
        fact("Missed Webhooks",
             s.last_pull_corrected
                 ? fmt::format("{} corrected by the last pull-sync", *s.last_pull_corrected)
                 : std::string("no pull-sync yet"));
    if (s.pushes_in_flight > 0)
        facts += fact("Pushes In Flight", fmt::format("{} (answer lost; the next push checks them)",
                                                      s.pushes_in_flight));
    return fmt::format("<section class=\"panel\" id=\"status\"><h2>Status</h2>"
                       "<dl class=\"facts\">{}</dl></section>",
                       facts);
}

// One setting's form: the token's field is empty and of type password, whatever is stored.
std::string setting_form(const Session& session, const SettingRow& row, std::string_view label,
                         std::string_view placeholder) {
    std::string id = "setting-" + row.key;
    for (char& c : id)
        c = c == '.' || c == '_' ? '-' : c;
    std::string value = row.secret || row.origin != "database" ? "" : row.shown;
    std::string note =
        row.secret ? (row.origin == "database" ? "set; type a new one to replace it" : "not set")
                   : "";
    return fmt::format(
        "<form method=\"post\" action=\"/admin/actions/settings\" class=\"row\">{}{}"
        "<div><label for=\"{}\">{}{}</label><input type=\"{}\" id=\"{}\" name=\"value\" "
        "value=\"{}\" placeholder=\"{}\" autocomplete=\"off\"></div>"
        "<button type=\"submit\">Save</button></form>",
        csrf_field(session), hidden("key", row.key), id, escape(label),
        note.empty() ? "" : fmt::format(" <span class=\"hint\">({})</span>", note),
        row.secret ? "password" : "text", id, escape(value), escape(placeholder));
}

const SettingRow* find_row(const std::vector<SettingRow>& rows, std::string_view key) {
    for (const auto& row : rows)
        if (row.key == key)
            return &row;
    return nullptr;
}

std::string settings_panel(const std::vector<SettingRow>& rows, const Session& session) {
    std::string forms;
    const std::pair<std::string_view, std::pair<std::string_view, std::string_view>> fields[] = {
        {"store_url", {"Store URL", "https://yourstorename.retail.lightspeed.app"}},
        {"token", {"API Token", "lsxs_pt_..."}},
        {"outlet_id", {"Outlet ID", "auto-detected; set only if needed"}},
    };
    for (const auto& [key, text] : fields)
        if (const SettingRow* row = find_row(rows, key))
            forms += setting_form(session, *row, text.first, text.second);
    std::string table;
    for (const auto& row : rows)
        if (row.key != "admin.password")
            table += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                                 escape(row.key),
                                 row.secret ? (row.shown.empty() ? "-" : "set")
                                            : escape(row.shown.empty() ? "-" : row.shown),
                                 escape(row.origin));
    return fmt::format("<section class=\"panel\" id=\"settings\"><h2>Settings</h2>{}"
                       "<details><summary>Every setting (<code>kivals config list</code>)"
                       "</summary><div class=\"table-wrap\"><table><thead><tr><th>Setting</th>"
                       "<th>Value</th><th>From</th></tr></thead><tbody>{}</tbody></table></div>"
                       "</details></section>",
                       forms, table);
}

} // namespace

std::string status_and_settings(Admin& admin, const Session& session) {
    auto lease = admin.context.pool.read();
    StatusView status = read_status(lease.db(), admin.context.config, admin.context.clock);
    Settings settings(lease.db(), admin.context.clock);
    std::vector<SettingRow> rows = list_settings(settings, admin.context.config);
    return status_panel(status, session) + settings_panel(rows, session);
}

} // namespace kivals::admin
