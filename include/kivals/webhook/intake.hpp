#pragma once

#include <kivals/webhook/payload.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

// What kivals-webhook does with one request, apart from the CGI/FastCGI plumbing: check it,
// read at most CONTENT_LENGTH bytes, decode it, store it. The reading and the storing are
// passed in, so the decisions are tested without a web server.
namespace kivals::webhook {

// One request, as CGI/FastCGI variables plus a way to read the body.
struct IntakeRequest {
    std::string method;                        // REQUEST_METHOD
    std::string query;                         // QUERY_STRING
    std::optional<std::string> content_type;   // CONTENT_TYPE
    std::optional<std::string> content_length; // CONTENT_LENGTH
    // Read up to `size` body bytes into `buffer`; return the count, 0 at the end, -1 on error.
    std::function<long(char* buffer, std::size_t size)> read;
};

// What the intake needs to decide; the secret is nullopt when it could not be read.
struct IntakeLimits {
    std::int64_t max_body_bytes = 1024 * 1024;
    int max_json_depth = 64;
    std::optional<std::string> secret;
};

// Store a checked delivery durably (type name, raw body); throws kivals::Error on failure.
using StoreFn = std::function<void(std::string_view type, std::string_view body)>;

// The answer, and one diagnostic line for the web server's error log (empty: none).
// The diagnostic never contains the secret or the body.
struct IntakeResponse {
    int status = 200;
    std::string body;
    std::string diagnostic;
};

// Return the reason phrase of a status the intake uses ("Payload Too Large").
std::string_view status_text(int status);

// Handle one delivery: 200 stored, 400 malformed, 403 bad secret, 405 not POST, 413 too
// large, 415 wrong content type, 503 cannot store. A request refused before its body was
// read has the body read and discarded first, up to twice max_body_bytes, so that the web
// server hands the answer on (Apache drops it when a CGI program leaves its input unread).
IntakeResponse handle_delivery(const IntakeRequest& request, const IntakeLimits& limits,
                               const StoreFn& store);

} // namespace kivals::webhook
