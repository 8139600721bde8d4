#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kivals::lightspeed {

// The HTTP methods kivals sends.
enum class Method { get, post, put, del };

// Return the method as it goes on the wire ("GET").
std::string_view method_name(Method method);

// One HTTP request, fully formed (absolute URL, every header).
struct HttpRequest {
    Method method = Method::get;
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body; // sent only for POST and PUT
};

// Why no HTTP answer arrived.
enum class TransportErrorKind {
    timeout, // connect or whole-request timeout
    connect, // refused, reset, or the connection broke mid-answer
    tls,     // certificate not trusted, wrong host name, handshake failure
    dns,     // the host name did not resolve
    other,   // anything else (answer too large, internal curl error)
};

// Return a short name for a transport error kind ("timeout").
std::string_view transport_error_name(TransportErrorKind kind);

// A transport failure: its kind and the library's words for it (never holds secrets).
struct TransportError {
    TransportErrorKind kind = TransportErrorKind::other;
    std::string detail;
};

// The outcome of one request: an HTTP answer (any status), or a transport error.
struct HttpResponse {
    int status = 0;
    std::map<std::string, std::string> headers; // names in lower case
    std::string body;
    std::optional<TransportError> error;

    // Return the header `lower_name`, or nullopt.
    std::optional<std::string> header(const std::string& lower_name) const;
};

// Sends requests. Implementations: the libcurl transport, and the scripted fake in
// tests/support.
class HttpTransport {
public:
    virtual ~HttpTransport() = default;
    // Send one request and wait for its answer; never throws for network failures.
    virtual HttpResponse perform(const HttpRequest& request) = 0;
};

} // namespace kivals::lightspeed
