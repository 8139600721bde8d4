// Response helpers and query parsing shared by every route file.
#include "app.hpp"

#include <kivals/core/text.hpp>

#include <fmt/format.h>

namespace kivals::lssim {

using nlohmann::json;

void send_json(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json");
}

void send_error(httplib::Response& res, int status, const std::string& error,
                const std::string& message) {
    json body = {{"error", error}};
    if (!message.empty())
        body["message"] = message;
    send_json(res, status, body);
}

void send_result(httplib::Response& res, const Result& r) {
    switch (r.outcome) {
    case Outcome::ok:
        send_json(res, 200, r.data);
        return;
    case Outcome::created:
        send_json(res, 201, r.data);
        return;
    case Outcome::not_found:
        send_error(res, 404, r.message);
        return;
    case Outcome::conflict:
        send_error(res, 409, r.message);
        return;
    case Outcome::invalid:
        send_error(res, 422, "Unprocessable Entity", r.message);
        return;
    case Outcome::bad_request:
        send_error(res, 400, "Bad Request", r.message);
        return;
    }
}

std::optional<json> parse_body(const httplib::Request& req, httplib::Response& res) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
        send_error(res, 400, "Bad Request", "the body is not valid JSON");
        return std::nullopt;
    }
    return body;
}

std::optional<PageQuery> page_query(const httplib::Request& req, httplib::Response& res,
                                    std::size_t default_size, std::size_t max_size,
                                    const char* size_name) {
    PageQuery q;
    q.size = default_size;
    for (const char* name : {"after", "before", size_name}) {
        if (!req.has_param(name))
            continue;
        auto parsed = parse_int<std::int64_t>(req.get_param_value(name));
        if (!parsed || *parsed < 0) {
            send_error(res, 400, "Bad Request",
                       fmt::format("{} must be a non-negative integer", name));
            return std::nullopt;
        }
        std::int64_t v = *parsed;
        if (std::string_view(name) == "after")
            q.after = v;
        else if (std::string_view(name) == "before")
            q.before = v;
        else if (v > 0)
            // Never an error on a large page size: clamp it, as the notes recommend.
            q.size = std::min(static_cast<std::size_t>(v), max_size);
    }
    for (const char* name : {"deleted", "include_deleted"})
        if (req.has_param(name))
            q.include_deleted =
                req.get_param_value(name) == "true" || req.get_param_value(name) == "1";
    return q;
}

void RequestStats::count(const std::string& method, const std::string& path) {
    // Fold ids into {id} so that the counts are per endpoint.
    std::string key = method + " ";
    std::size_t start = 0;
    while (start <= path.size()) {
        std::size_t slash = path.find('/', start);
        std::string_view seg(path.data() + start,
                             (slash == std::string::npos ? path.size() : slash) - start);
        bool id = seg.size() == 36 && std::count(seg.begin(), seg.end(), '-') == 4;
        key += id ? std::string_view("{id}") : seg;
        if (slash == std::string::npos)
            break;
        key += '/';
        start = slash + 1;
    }
    std::lock_guard lock(m_mutex);
    ++m_counts[key];
}

json RequestStats::json() const {
    std::lock_guard lock(m_mutex);
    nlohmann::json out = nlohmann::json::object();
    long total = 0;
    for (const auto& [k, v] : m_counts) {
        out[k] = v;
        total += v;
    }
    return {{"total", total}, {"endpoints", out}};
}

void RequestStats::reset() {
    std::lock_guard lock(m_mutex);
    m_counts.clear();
}

} // namespace kivals::lssim
