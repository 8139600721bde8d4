#pragma once

#include "delivery.hpp"
#include "faults.hpp"
#include "ratelimit.hpp"
#include "store.hpp"

#include <kivals/core/log.hpp>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace kivals::lssim {

// Requests counted per endpoint ("GET /api/2.0/products/{id}") for /_sim/requests.
class RequestStats {
public:
    // Count one request.
    void count(const std::string& method, const std::string& path);
    // Return the counts as a JSON object, with a "total".
    nlohmann::json json() const;
    // Forget every count.
    void reset();

private:
    mutable std::mutex m_mutex;
    std::map<std::string, long> m_counts;
};

// Everything the routes share.
struct App {
    Store& store;
    FaultPolicy& faults;
    RateLimiter& limiter;
    Deliverer& deliverer;
    RequestStats& stats;
    Logger& log;
    std::string token;
};

// Send a JSON body with a status.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
// Send {"error": error, "message": message}.
void send_error(httplib::Response& res, int status, const std::string& error,
                const std::string& message = "");
// Send a store Result: its data on success, {"error": ...} otherwise.
void send_result(httplib::Response& res, const Result& result);
// Parse a JSON request body; on failure answer 400 and return nullopt.
std::optional<nlohmann::json> parse_body(const httplib::Request& req, httplib::Response& res);
// Read the version-cursor query (after, before, page_size, deleted); answer 400 on a bad value.
std::optional<PageQuery> page_query(const httplib::Request& req, httplib::Response& res,
                                    std::size_t default_size, std::size_t max_size,
                                    const char* size_name = "page_size");

// Install authentication, rate limiting, fault injection and counting for /api.
void install_gate(httplib::Server& server, App& app);
// Remember to sell one unit of these records once the current answer has been sent.
void race_after_answer(App& app, const std::vector<std::uint32_t>& records);

// Add the read endpoints (outlets, retailer, products, inventory) of both families.
void add_read_routes(httplib::Server& server, App& app);
// Add the write endpoints (product PUT, stock adjustments, custom reasons).
void add_write_routes(httplib::Server& server, App& app);
// Add webhook CRUD under both families.
void add_webhook_routes(httplib::Server& server, App& app);
// Add the /_sim control endpoints.
void add_control_routes(httplib::Server& server, App& app);

} // namespace kivals::lssim
