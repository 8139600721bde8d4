#pragma once
// Shared by the admin page's route files (not a public interface): the page's state, its
// request helpers, the HTML layout, and the wrappers that demand a session and a CSRF token.

#include <kivals/admin/admin.hpp>
#include <kivals/admin/jobs.hpp>
#include <kivals/http/router.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace kivals::admin {

inline constexpr std::string_view k_session_cookie = "kivals_admin";
inline constexpr std::string_view k_login_cookie = "kivals_login"; // the login form's CSRF pair

// The admin page's state, shared by its handlers.
struct Admin {
    Admin(const AdminContext& c, AdminOptions o)
        : context(c), options(o), sessions(o.sessions), throttle(o.throttle), jobs(c.clock) {}
    AdminContext context;
    AdminOptions options;
    SessionStore sessions;
    std::mutex login_mutex; // one password check at a time (Argon2id takes 64 MiB each)
    LoginThrottle throttle; // guarded by login_mutex
    JobRunner jobs;         // last: its destructor waits for the actions, which use the rest
};

// ---- the long actions (work.cpp): each runs the CLI command's code on its own connection

// The action `kind` ("pull-sync", "push", "fetch-products", "webhooks-create") with the
// fields of its form, or nullopt when there is no such action or a field is wrong.
std::optional<JobRunner::Work> action_work(Admin& admin, std::string_view kind,
                                           const http::Request& request);

// ---- requests

// Return the value of cookie `name`, or nullopt.
std::optional<std::string> cookie(const http::Request& request, std::string_view name);
// Return the value of field `name` of a form body, or nullopt (missing or badly encoded).
std::optional<std::string> form_value(const http::Request& request, std::string_view name);
// Return true when the merchant's web server says the browser came over TLS
// (X-Forwarded-Proto: https, set by the documented proxy snippets): cookies are Secure then.
bool behind_tls(const http::Request& request);
// Return a Set-Cookie value: HttpOnly, SameSite=Strict, Path=/admin, Secure behind TLS;
// `max_age` 0 removes the cookie, nullopt makes it last until the browser closes.
std::string set_cookie(const http::Request& request, std::string_view name, std::string_view value,
                       std::optional<int> max_age = std::nullopt);

// Return digest_hex of the admin password's stored hash, or nullopt when none is set.
std::optional<std::string> current_credential(Admin& admin);
// Return the session the request's cookie names, when it is live and its password is still
// the admin password.
std::optional<Session> find_session(Admin& admin, const http::Request& request);

// ---- responses

// Escape text for HTML content and attribute values.
std::string escape(std::string_view text);

// What a page's layout needs to know of the visitor.
struct Visitor {
    const Session* session = nullptr; // null on the login page
    std::string_view current;         // the path of the page, to mark its link in the nav
};

// Return the hidden csrf field of a state-changing form of `session`.
std::string csrf_field(const Session& session);

// Return a whole page: the layout, the navigation (with the logout form when logged in) and
// `main` (HTML already escaped where it must be).
std::string page(std::string_view title, const Visitor& visitor, std::string_view main);
// Return an HTML answer with the admin page's headers (no caching, no framing, CSP 'self').
http::Response html_response(int status, std::string body);
// Return a 303 See Other to `location` (a path under /admin/), with the admin headers.
http::Response redirect(std::string_view location);
// Return a page saying what went wrong, with a link back.
http::Response error_page(int status, std::string_view title, std::string_view message,
                          const Visitor& visitor);

// ---- route wrappers

using SessionHandler =
    std::function<http::Response(const http::Request&, const http::PathParams&, const Session&)>;

// A route open to anyone (the login form, the stylesheet): failures become a 500 page.
http::Handler open_route(http::Handler handler);
// A page (GET): without a session, a redirect to /admin/login.
http::Handler page_route(const std::shared_ptr<Admin>& admin, SessionHandler handler);
// A state-changing request (POST): without a session 401, without the session's CSRF token (the
// `csrf` form field or the X-CSRF-Token header) 403; nothing is done in either case.
http::Handler action_route(const std::shared_ptr<Admin>& admin, SessionHandler handler);

// A notice shown at the top of a page after an action.
struct Notice {
    std::string text;
    bool error = false;
};

// Return the Lightspeed page (/admin/) with its panels, as `session` sees it.
http::Response home_page(Admin& admin, const Session& session, int status = 200,
                         const Notice& notice = {});

// Return the action's state as JSON for the page's script: kind, number, phase, progress,
// result, started, ended.
std::string job_json(const JobState& job);

// The panels (panels.cpp, panels_sync.cpp).
std::string status_and_settings(Admin& admin, const Session& session);
std::string actions_panel(Admin& admin, const Session& session);
std::string webhooks_panel(Admin& admin, const Session& session);
std::string dev_tools_panel(Admin& admin, const Session& session);

// The routes of each file.
void add_login_routes(http::Router& router, const std::shared_ptr<Admin>& admin);
void add_home_routes(http::Router& router, const std::shared_ptr<Admin>& admin);
void add_static_routes(http::Router& router);
void add_action_routes(http::Router& router, const std::shared_ptr<Admin>& admin);

} // namespace kivals::admin
