#include <kivals/webhook/intake.hpp>

#include <kivals/core/error.hpp>
#include <kivals/core/redact.hpp>
#include <kivals/core/text.hpp>
#include <kivals/core/utf8.hpp>

#include <fmt/format.h>

namespace kivals::webhook {
namespace {

IntakeResponse answer(int status, std::string_view text, std::string diagnostic = {}) {
    return IntakeResponse{status, fmt::format("{}\n", text), std::move(diagnostic)};
}

// CONTENT_LENGTH: digits only, no sign, no spaces. A number too long for int64 is still a
// length, just a huge one: it is reported as k_huge so that it gets 413, not 400.
constexpr std::int64_t k_huge = INT64_MAX;

std::optional<std::int64_t> parse_length(std::string_view text) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    auto value = parse_int<std::int64_t>(text);
    return value ? *value : k_huge; // digits only: the one error left is out of range
}

// Read exactly `length` bytes, never more; nullopt when the body ends early or fails.
std::optional<std::string> read_body(const IntakeRequest& request, std::int64_t length) {
    std::string body(static_cast<std::size_t>(length), '\0');
    std::size_t done = 0;
    while (done < body.size()) {
        long n = request.read(body.data() + done, body.size() - done);
        if (n <= 0)
            return std::nullopt;
        done += static_cast<std::size_t>(n);
    }
    return body;
}

// Read and discard what is left of a refused request's body, at most `limit` bytes (in
// small chunks: nothing is kept). Apache sends no answer at all when a CGI program exits
// without reading its input (AH00574), so a refusal must take the body in first; a body
// beyond `limit` is the web server's to refuse.
void drain_body(const IntakeRequest& request, std::int64_t limit) {
    std::int64_t left = limit;
    if (request.content_length)
        if (auto announced = parse_length(*request.content_length))
            left = std::min(*announced, limit);
    char buffer[64 * 1024];
    while (left > 0) {
        long n = request.read(
            buffer, static_cast<std::size_t>(std::min<std::int64_t>(left, sizeof buffer)));
        if (n <= 0)
            return;
        left -= n;
    }
}

// Decide and store; `body_taken` says whether the body was read (so none is left to drain).
IntakeResponse check_and_store(const IntakeRequest& request, const IntakeLimits& limits,
                               const StoreFn& store, bool& body_taken) {
    if (request.method != "POST")
        return answer(405, "only POST is accepted",
                      fmt::format("405 method {}", request.method.substr(0, 16)));
    if (!limits.secret || limits.secret->empty())
        return answer(503, "not configured", "503 the webhook secret cannot be read");
    auto secret = form_field(request.query, "secret");
    // Compare even when the secret is missing, so the time taken says nothing.
    bool good = constant_time_equal(secret ? *secret : std::string_view(), *limits.secret);
    if (!secret || !good)
        return answer(403, "forbidden", secret ? "403 wrong secret" : "403 missing secret");
    auto type_name = form_field(request.query, "type");
    auto type = type_name ? parse_event_type(*type_name) : std::nullopt;
    if (!type)
        return answer(400, "unknown or missing type in the URL", "400 unknown or missing type");
    if (!request.content_type || !is_form_content_type(*request.content_type))
        return answer(415, "expected application/x-www-form-urlencoded", "415 wrong content type");
    if (!request.content_length)
        return answer(400, "missing CONTENT_LENGTH", "400 missing CONTENT_LENGTH");
    auto length = parse_length(*request.content_length);
    if (!length)
        return answer(400, "bad CONTENT_LENGTH", "400 bad CONTENT_LENGTH");
    if (*length > limits.max_body_bytes)
        return answer(
            413, "body too large",
            fmt::format("413 body of {} bytes, limit {}", *length, limits.max_body_bytes));
    body_taken = true;
    auto body = read_body(request, *length);
    if (!body)
        return answer(400, "body shorter than CONTENT_LENGTH",
                      "400 body shorter than CONTENT_LENGTH");
    if (!is_utf8(*body))
        return answer(400, "body is not UTF-8", "400 body is not UTF-8");
    auto decoded = decode_delivery(*body, limits.max_json_depth);
    if (!decoded)
        return answer(400, body_error_text(decoded.error()),
                      fmt::format("400 {}", body_error_text(decoded.error())));
    try {
        store(event_type_name(*type), *body);
    } catch (const std::exception& e) {
        return answer(503, "cannot store the delivery, try again", fmt::format("503 {}", e.what()));
    }
    return answer(200, "stored");
}

} // namespace

std::string_view status_text(int status) {
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 405:
        return "Method Not Allowed";
    case 413:
        return "Payload Too Large";
    case 415:
        return "Unsupported Media Type";
    case 503:
        return "Service Unavailable";
    default:
        return "Error";
    }
}

IntakeResponse handle_delivery(const IntakeRequest& request, const IntakeLimits& limits,
                               const StoreFn& store) {
    bool body_taken = false;
    IntakeResponse response = check_and_store(request, limits, store, body_taken);
    if (!body_taken)
        drain_body(request, 2 * limits.max_body_bytes);
    return response;
}

} // namespace kivals::webhook
