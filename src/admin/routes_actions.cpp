// POST /admin/actions/<name>: each button of the page, doing what its CLI command does.
#include "web.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/core/text.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kivals::admin {
namespace {

bool wants_json(const http::Request& request) {
    auto accept = request.header("Accept");
    return accept && accept->find("application/json") != std::string::npos;
}

http::Response json_answer(int status, std::string body) {
    http::Response out = html_response(status, std::move(body));
    out.content_type = "application/json";
    return out;
}

// Apply `work` to a connection of its own (settings are written rarely; the page's readers
// meet it in SQLite's lock as they meet the CLI's).
template <class Work> auto with_writer(Admin& admin, Work work) {
    const Config& cfg = admin.context.config;
    db::Db db = db::Db::open(cfg.database_path, db::OpenMode::read_write, cfg.busy_timeout);
    Settings settings(db, admin.context.clock);
    return work(settings);
}

http::Response set_setting(Admin& admin, const http::Request& request, const Session& session) {
    auto key = form_value(request, "key");
    auto value = form_value(request, "value");
    if (!key || !value)
        return home_page(admin, session, 400, {"A setting and its value are needed.", true});
    // A pasted value often brings a space or a line end with it, which no setting may hold.
    auto applied = with_writer(admin, [&](Settings& settings) {
        return apply_setting(settings, *key, std::string(trim(*value)));
    });
    if (!applied)
        return home_page(admin, session, 400, {applied.error(), true});
    std::string text = fmt::format("Saved {}.", *key);
    if (*applied)
        text += " " + **applied;
    return home_page(admin, session, 200, {text, false});
}

http::Response toggle(Admin& admin, const http::Request& request, const Session& session, bool on) {
    auto what = form_value(request, "what").value_or("");
    auto setting = toggle_setting(what);
    if (!setting)
        return home_page(admin, session, 400,
                         {"Choose feature or webhook-processing to turn on or off.", true});
    with_writer(admin, [&](Settings& settings) {
        settings.set(*setting, on ? "on" : "off");
        return 0;
    });
    return redirect("/admin/#status");
}

http::Response start_job(Admin& admin, const std::string& kind, const http::Request& request,
                         const Session& session) {
    auto work = action_work(admin, kind, request);
    if (!work)
        return error_page(404, "No such action", "There is no action " + kind + ".",
                          {&session, ""});
    auto started = admin.jobs.start(kind, std::move(*work));
    if (wants_json(request))
        return started ? json_answer(202, job_json(*started))
                       : json_answer(409, nlohmann::json{{"error", started.error()}}.dump());
    if (!started)
        return home_page(admin, session, 409, {started.error(), true});
    return redirect("/admin/#actions");
}

} // namespace

std::string job_json(const JobState& job) {
    nlohmann::json out = {{"kind", job.kind},
                          {"number", job.number},
                          {"phase", phase_name(job.phase)},
                          {"progress", job.progress},
                          {"result", job.result},
                          {"started", iso8601(job.started)},
                          {"ended", job.ended ? nlohmann::json(iso8601(*job.ended)) : nullptr}};
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void add_action_routes(http::Router& router, const std::shared_ptr<Admin>& admin) {
    router.add("POST", "/admin/actions/{name}",
               action_route(admin, [admin](const http::Request& request,
                                           const http::PathParams& params, const Session& session) {
                   const std::string& name = params.at("name");
                   if (name == "settings")
                       return set_setting(*admin, request, session);
                   if (name == "enable" || name == "disable")
                       return toggle(*admin, request, session, name == "enable");
                   return start_job(*admin, name, request, session);
               }));
    router.add(
        "GET", "/admin/jobs",
        page_route(admin, [admin](const http::Request&, const http::PathParams&, const Session&) {
            std::string body = "[";
            for (const JobState& job : admin->jobs.all())
                body += (body.size() > 1 ? "," : "") + job_json(job);
            return json_answer(200, body + "]");
        }));
}

} // namespace kivals::admin
