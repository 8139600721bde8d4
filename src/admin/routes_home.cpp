// /admin/: the Lightspeed page, its panels in the order of Kiva Logic's documentation.
#include "web.hpp"

#include <fmt/format.h>

namespace kivals::admin {
namespace {

// The linker and queue pages are not served yet: the panel names the terminal commands that
// do their work meanwhile.
std::string page_links_panel() {
    return "<section class=\"panel\" id=\"page-links\"><h2>Page Links</h2><ul>"
           "<li>Product Linking — match Lightspeed products to Kiva Logic products: "
           "<code>kivals link review</code> in a terminal</li>"
           "<li>Webhook Queue/Processing — view and troubleshoot incoming webhook events: "
           "<code>kivals queue list</code>, <code>kivals queue show</code></li></ul></section>";
}

bool any_running(const Admin& admin) {
    for (const JobState& job : admin.jobs.all())
        if (job.phase == JobState::Phase::running)
            return true;
    return false;
}

} // namespace

http::Response home_page(Admin& admin, const Session& session, int status, const Notice& notice) {
    std::string main;
    if (!notice.text.empty())
        main += fmt::format("<p class=\"{}\" role=\"alert\">{}</p>",
                            notice.error ? "error" : "notice", escape(notice.text));
    // Without the script, the page reloads itself while an action runs, to show its progress.
    if (any_running(admin))
        main += "<noscript><p class=\"hint\">An action is running; this page reloads every 2 s."
                "</p><meta http-equiv=\"refresh\" content=\"2\"></noscript>";
    main += "<div class=\"panels\">" + page_links_panel() + actions_panel(admin, session) +
            status_and_settings(admin, session) + webhooks_panel(admin, session) +
            dev_tools_panel(admin, session) + "</div>";
    return html_response(status, page("Lightspeed", {&session, "/admin/"}, main));
}

void add_home_routes(http::Router& router, const std::shared_ptr<Admin>& admin) {
    router.add(
        "GET", "/admin/",
        page_route(admin, [admin](const http::Request&, const http::PathParams&,
                                  const Session& session) { return home_page(*admin, session); }));
    router.add("GET", "/admin",
               [](const http::Request&, const http::PathParams&) { return redirect("/admin/"); });
}

} // namespace kivals::admin
