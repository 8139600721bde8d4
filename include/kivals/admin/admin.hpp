#pragma once

#include <kivals/admin/login_throttle.hpp>
#include <kivals/admin/sessions.hpp>
#include <kivals/config/config.hpp>
#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/db/pool.hpp>
#include <kivals/http/router.hpp>

#include <chrono>

// The merchant's admin page (/admin/...): the panels of Kiva Logic's "Products > Lightspeed"
// page in a browser, beside the store API on `kivals serve`, with its own login (the
// admin.password hash, a session cookie, a CSRF token on every form). Documented in
// kivals-serve(1).
namespace kivals::admin {

// Limits of the admin page.
struct AdminOptions {
    ThrottleOptions throttle;
    SessionOptions sessions;
    // A wrong password is answered this much later (on top of the throttle's wait).
    std::chrono::milliseconds failure_delay{1000};
};

// What the routes use of the process that serves them.
struct AdminContext {
    db::Pool& pool; // readers
    const Config& config;
    const Clock& clock;
    Logger& log;
};

// Add the admin page's routes, and its answer to unknown paths under /admin/, to `router`.
// The context must outlive the router.
void add_admin(http::Router& router, const AdminContext& context, AdminOptions options = {});

} // namespace kivals::admin
