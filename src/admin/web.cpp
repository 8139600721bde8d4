// The admin page's request helpers, layout and session wrappers.
#include "web.hpp"

#include <kivals/admin/password.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/core/redact.hpp>
#include <kivals/core/text.hpp>
#include <kivals/webhook/payload.hpp>

#include <fmt/format.h>

namespace kivals::admin {
namespace {

constexpr std::string_view k_csp = "default-src 'self'; img-src 'self' data:; "
                                   "frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

http::Response with_admin_headers(http::Response out) {
    out.with_header("Cache-Control", "no-store")
        .with_header("Content-Security-Policy", std::string(k_csp))
        .with_header("X-Frame-Options", "DENY")
        .with_header("X-Content-Type-Options", "nosniff")
        .with_header("Referrer-Policy", "same-origin");
    return out;
}

// Answer a handler's failure without its details (they go to the service's log).
http::Response internal_error(const http::Request& request, const std::exception& e) {
    fmt::print(stderr, "kivals serve: {} {}: {}\n", request.method, request.path, e.what());
    return error_page(500, "Internal error", "Something went wrong; the service's log says what.",
                      {});
}

template <class Body> http::Response caught(const http::Request& request, Body&& body) {
    try {
        return body();
    } catch (const std::exception& e) {
        return internal_error(request, e);
    }
}

} // namespace

std::optional<std::string> cookie(const http::Request& request, std::string_view name) {
    for (auto [it, end] = request.headers.equal_range("Cookie"); it != end; ++it) {
        std::string_view rest = it->second;
        while (!rest.empty()) {
            auto semi = rest.find(';');
            std::string_view pair = trim(rest.substr(0, semi));
            rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
            auto eq = pair.find('=');
            if (eq != std::string_view::npos && pair.substr(0, eq) == name)
                return std::string(pair.substr(eq + 1));
        }
    }
    return std::nullopt;
}

std::optional<std::string> form_value(const http::Request& request, std::string_view name) {
    auto field = webhook::form_field(request.body, name);
    if (!field)
        return std::nullopt;
    return *std::move(field);
}

std::optional<std::string> current_credential(Admin& admin) {
    auto lease = admin.context.pool.read();
    auto hash = Settings(lease.db(), admin.context.clock).stored(k_password_setting);
    if (!hash || hash->empty())
        return std::nullopt;
    return digest_hex(*hash);
}

std::optional<Session> find_session(Admin& admin, const http::Request& request) {
    auto id = cookie(request, k_session_cookie);
    if (!id)
        return std::nullopt;
    auto session = admin.sessions.find(*id, admin.context.clock.now());
    if (!session)
        return std::nullopt;
    auto credential = current_credential(admin);
    if (!credential || !constant_time_equal(*credential, session->credential)) {
        admin.sessions.remove(*id);
        return std::nullopt;
    }
    return session;
}

bool behind_tls(const http::Request& request) {
    auto proto = request.header("X-Forwarded-Proto");
    return proto && trim(*proto) == "https";
}

std::string set_cookie(const http::Request& request, std::string_view name, std::string_view value,
                       std::optional<int> max_age) {
    std::string out = fmt::format("{}={}; Path=/admin; HttpOnly; SameSite=Strict", name, value);
    if (max_age)
        out += fmt::format("; Max-Age={}", *max_age);
    if (behind_tls(request))
        out += "; Secure";
    return out;
}

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        case '\'':
            out += "&#39;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string csrf_field(const Session& session) {
    return fmt::format("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", escape(session.csrf));
}

std::string page(std::string_view title, const Visitor& visitor, std::string_view main) {
    std::string nav;
    if (visitor.session) {
        auto link = [&](std::string_view path, std::string_view name) {
            return fmt::format("<a href=\"{}\"{}>{}</a>", path,
                               visitor.current == path ? " aria-current=\"page\"" : "", name);
        };
        nav = fmt::format("<nav>{}<form method=\"post\" action=\"/admin/logout\">{}"
                          "<button type=\"submit\">Log out</button></form></nav>",
                          link("/admin/", "Lightspeed"), csrf_field(*visitor.session));
    }
    return fmt::format(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<title>{} · kivals</title><link rel=\"stylesheet\" href=\"/admin/static/admin.css\">"
        "<script src=\"/admin/static/admin.js\" defer></script></head>\n"
        "<body><header><p class=\"crumb\">Products › Lightspeed</p>{}</header>\n"
        "<main><h1>{}</h1>\n{}</main></body></html>\n",
        escape(title), nav, escape(title), main);
}

http::Response html_response(int status, std::string body) {
    http::Response out;
    out.status = status;
    out.content_type = "text/html; charset=utf-8";
    out.body = std::move(body);
    return with_admin_headers(std::move(out));
}

http::Response redirect(std::string_view location) {
    http::Response out = html_response(303, "");
    out.with_header("Location", std::string(location));
    return out;
}

http::Response error_page(int status, std::string_view title, std::string_view message,
                          const Visitor& visitor) {
    return html_response(
        status, page(title, visitor,
                     fmt::format("<p class=\"error\" role=\"alert\">{}</p>"
                                 "<p><a href=\"/admin/\">Back to the Lightspeed page</a></p>",
                                 escape(message))));
}

http::Handler open_route(http::Handler handler) {
    return [handler = std::move(handler)](const http::Request& request,
                                          const http::PathParams& params) {
        return caught(request, [&] { return handler(request, params); });
    };
}

http::Handler page_route(const std::shared_ptr<Admin>& admin, SessionHandler handler) {
    return [admin, handler = std::move(handler)](const http::Request& request,
                                                 const http::PathParams& params) {
        return caught(request, [&] {
            auto session = find_session(*admin, request);
            if (!session)
                return redirect("/admin/login");
            return handler(request, params, *session);
        });
    };
}

http::Handler action_route(const std::shared_ptr<Admin>& admin, SessionHandler handler) {
    return [admin, handler = std::move(handler)](const http::Request& request,
                                                 const http::PathParams& params) {
        return caught(request, [&] {
            auto session = find_session(*admin, request);
            if (!session)
                return error_page(401, "Log in first",
                                  "This needs a login: open /admin/login and log in.", {});
            auto token = request.header("X-CSRF-Token");
            if (!token)
                token = form_value(request, "csrf");
            if (!token || !constant_time_equal(*token, session->csrf))
                return error_page(403, "Refused",
                                  "The form's CSRF token is missing or out of date: reload the "
                                  "page and try again.",
                                  {&*session, ""});
            return handler(request, params, *session);
        });
    };
}

} // namespace kivals::admin
