// /admin/login and /admin/logout: the password, the throttle and the session cookie.
#include "web.hpp"

#include <kivals/admin/password.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/core/redact.hpp>

#include <fmt/format.h>

#include <thread>

namespace kivals::admin {
namespace {

constexpr int k_login_token_age = 3600; // seconds a login form stays usable

std::string login_form(std::string_view token, std::string_view message) {
    std::string note =
        message.empty() ? ""
                        : fmt::format("<p class=\"error\" role=\"alert\">{}</p>", escape(message));
    return fmt::format(
        "{}<form method=\"post\" action=\"/admin/login\" class=\"login\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"{}\">"
        "<label for=\"password\">Password</label>"
        "<input type=\"password\" id=\"password\" name=\"password\" "
        "autocomplete=\"current-password\" required autofocus>"
        "<button type=\"submit\">Log in</button></form>"
        "<p class=\"hint\">The password is set with <code>kivals config set admin.password</code> "
        "(it is read from standard input).</p>",
        note, escape(token));
}

// The login page with a fresh form token in its cookie, or the cookie's token again.
http::Response login_page(const http::Request& request, int status, std::string_view message) {
    auto token = cookie(request, k_login_cookie);
    bool fresh = !token || token->size() != 64;
    std::string value = fresh ? random_hex(32) : *token;
    http::Response out = html_response(status, page("Log in", {}, login_form(value, message)));
    if (fresh)
        out.with_header("Set-Cookie",
                        set_cookie(request, k_login_cookie, value, k_login_token_age));
    return out;
}

std::optional<std::string> password_hash(Admin& admin) {
    auto lease = admin.context.pool.read();
    return Settings(lease.db(), admin.context.clock).stored(k_password_setting);
}

enum class Verdict { accepted, refused, throttled, no_password };

struct Attempt {
    Verdict verdict;
    std::chrono::milliseconds wait{0}; // for throttled
    std::string credential;            // for accepted: digest_hex of the hash
};

// Check a password under the login lock: the throttle first, then the hash.
Attempt try_password(Admin& admin, std::string_view password) {
    std::lock_guard lock(admin.login_mutex);
    SysTime now = admin.context.clock.now();
    if (auto wait = admin.throttle.wait(now); wait.count() > 0)
        return {Verdict::throttled, wait, {}};
    auto hash = password_hash(admin);
    if (!hash || hash->empty())
        return {Verdict::no_password, {}, {}};
    if (verify_password(*hash, password)) {
        admin.throttle.succeeded();
        return {Verdict::accepted, {}, digest_hex(*hash)};
    }
    // The wait runs from the answer, which leaves failure_delay later.
    admin.throttle.failed(admin.context.clock.now() + admin.options.failure_delay);
    return {Verdict::refused, {}, {}};
}

http::Response post_login(Admin& admin, const http::Request& request) {
    auto token = cookie(request, k_login_cookie);
    auto sent = form_value(request, "csrf");
    if (!token || !sent || token->size() != 64 || !constant_time_equal(*token, *sent))
        return login_page(request, 403,
                          "The login form is out of date (or cookies are off): try again.");
    auto password = form_value(request, "password").value_or("");
    Attempt attempt = try_password(admin, password);
    switch (attempt.verdict) {
    case Verdict::throttled: {
        auto seconds = std::chrono::ceil<std::chrono::seconds>(attempt.wait).count();
        return login_page(request, 429,
                          fmt::format("Too many wrong passwords: try again in {} s.", seconds))
            .with_header("Retry-After", std::to_string(seconds));
    }
    case Verdict::no_password:
        return login_page(request, 403,
                          "No admin password is set yet: run `kivals config set admin.password`.");
    case Verdict::refused:
        std::this_thread::sleep_for(admin.options.failure_delay);
        KIVALS_LOG(admin.context.log, serve, "admin login refused: wrong password");
        return login_page(request, 401, "Wrong password.");
    case Verdict::accepted:
        break;
    }
    NewSession session = admin.sessions.create(admin.context.clock.now(), attempt.credential);
    return redirect("/admin/")
        .with_header("Set-Cookie", set_cookie(request, k_session_cookie, session.id))
        .with_header("Set-Cookie", set_cookie(request, k_login_cookie, "", 0));
}

} // namespace

void add_login_routes(http::Router& router, const std::shared_ptr<Admin>& admin) {
    router.add("GET", "/admin/login",
               open_route([admin](const http::Request& request, const http::PathParams&) {
                   if (find_session(*admin, request))
                       return redirect("/admin/");
                   return login_page(request, 200, "");
               }));
    router.add("POST", "/admin/login",
               open_route([admin](const http::Request& request, const http::PathParams&) {
                   return post_login(*admin, request);
               }));
    router.add("POST", "/admin/logout",
               action_route(admin, [admin](const http::Request& request, const http::PathParams&,
                                           const Session&) {
                   if (auto id = cookie(request, k_session_cookie))
                       admin->sessions.remove(*id);
                   return redirect("/admin/login")
                       .with_header("Set-Cookie", set_cookie(request, k_session_cookie, "", 0));
               }));
}

} // namespace kivals::admin
