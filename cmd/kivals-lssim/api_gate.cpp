// The gate in front of /api: counting, bearer auth, the rate limit and injected faults; and
// the race fault, applied after an answer has been written.
#include "app.hpp"

#include <kivals/core/clock.hpp>
#include <kivals/core/redact.hpp>

#include <chrono>
#include <thread>

namespace kivals::lssim {

namespace {

// Records to sell one unit of once this thread's current answer has been written. The
// pre-routing handler, the route and the logger of one request run on the same thread.
thread_local std::vector<std::uint32_t> t_race;

std::string retry_after(SysTime at) {
    return http_date(std::chrono::ceil<std::chrono::seconds>(at));
}

bool authorised(const App& app, const httplib::Request& req) {
    std::string auth = req.get_header_value("Authorization");
    constexpr std::string_view k_prefix = "Bearer ";
    if (auth.size() <= k_prefix.size() || auth.compare(0, k_prefix.size(), k_prefix) != 0)
        return false;
    return constant_time_equal(std::string_view(auth).substr(k_prefix.size()), app.token);
}

httplib::Server::HandlerResponse gate(App& app, const httplib::Request& req,
                                      httplib::Response& res) {
    using HR = httplib::Server::HandlerResponse;
    t_race.clear();
    if (req.path.rfind("/api/", 0) != 0)
        return HR::Unhandled;
    app.stats.count(req.method, req.path);
    if (!authorised(app, req)) {
        send_error(res, 401, "Access token is not valid");
        return HR::Handled;
    }
    auto now = std::chrono::system_clock::now();
    RateLimiter::Decision d = app.limiter.take(app.token, now);
    res.set_header("X-RateLimit-Limit", std::to_string(d.limit));
    res.set_header("X-RateLimit-Remaining", std::to_string(d.remaining));
    if (!d.allowed) {
        res.set_header("Retry-After", retry_after(d.reset));
        send_error(res, 429, "Too Many Requests", "Rate limiting enforced");
        return HR::Handled;
    }
    FaultConfig cfg = app.faults.config();
    if (cfg.latency_ms > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(cfg.latency_ms));
    switch (app.faults.roll_api()) {
    case FaultPolicy::ApiFault::error:
        send_error(res, 500, "Internal Server Error", "Simulated failure");
        return HR::Handled;
    case FaultPolicy::ApiFault::throttle:
        res.set_header("Retry-After", retry_after(now + std::chrono::seconds(2)));
        send_error(res, 429, "Too Many Requests", "Rate limiting enforced");
        return HR::Handled;
    case FaultPolicy::ApiFault::none:
        break;
    }
    return HR::Unhandled;
}

} // namespace

void race_after_answer(App& app, const std::vector<std::uint32_t>& records) {
    for (std::uint32_t rec : records)
        if (app.faults.roll_race())
            t_race.push_back(rec);
}

void install_gate(httplib::Server& server, App& app) {
    server.set_pre_routing_handler([&app](const httplib::Request& req, httplib::Response& res) {
        return gate(app, req, res);
    });
    // httplib calls the logger once the response has been written: the race sale lands
    // after the client has its answer, just as a till sale between a read and a write would.
    server.set_logger([&app](const httplib::Request& req, const httplib::Response& res) {
        for (std::uint32_t rec : t_race)
            app.store.sale_on_record(rec, Qty::units(1));
        if (!t_race.empty())
            KIVALS_LOG(app.log, sim, "race: sold 1 unit on {} record(s) after {} {}", t_race.size(),
                       req.method, req.path);
        t_race.clear();
        KIVALS_LOG(app.log, http, "{} {} -> {}", req.method, req.path, res.status);
    });
    httplib::Server::HandlerWithResponse on_error = [](const httplib::Request&,
                                                       httplib::Response& res) {
        if (!res.body.empty())
            return httplib::Server::HandlerResponse::Unhandled;
        const char* title = res.status == 400   ? "Bad Request"
                            : res.status == 404 ? "Not Found"
                            : res.status == 405 ? "Method Not Allowed"
                            : res.status == 413 ? "Payload Too Large"
                                                : "Error";
        send_error(res, res.status, title);
        return httplib::Server::HandlerResponse::Handled;
    };
    server.set_error_handler(on_error);
}

} // namespace kivals::lssim
