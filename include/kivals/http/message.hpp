#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// HTTP requests and responses as plain values, apart from any server library: handlers take
// a Request and return a Response, so they are tested without a socket, and the transport
// (src/serve) is the only code that knows cpp-httplib.
namespace kivals::http {

// Header names compare case-insensitively (RFC 9110).
struct HeaderLess {
    bool operator()(std::string_view a, std::string_view b) const;
    using is_transparent = void;
};

using Headers = std::multimap<std::string, std::string, HeaderLess>;

// One request as the transport received it: the path already percent-decoded, the query split
// into decoded name/value pairs, the body complete (the transport enforces its size limit).
struct Request {
    std::string method; // "GET", "POST", ...
    std::string path;
    std::multimap<std::string, std::string> query;
    Headers headers;
    std::string body;

    // Return a header's first value, or nullopt.
    std::optional<std::string> header(std::string_view name) const;
    // Return a query parameter's first value, or nullopt.
    std::optional<std::string> param(std::string_view name) const;
};

// One response: status, headers and a complete body.
struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;

    // Add a header (Content-Type and Content-Length are the transport's).
    Response& with_header(std::string name, std::string value) {
        headers.emplace_back(std::move(name), std::move(value));
        return *this;
    }
};

} // namespace kivals::http
