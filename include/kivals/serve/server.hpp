#pragma once

#include <kivals/core/error.hpp>
#include <kivals/core/log.hpp>
#include <kivals/http/router.hpp>
#include <kivals/serve/listen.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string_view>

// The HTTP transport of `kivals serve`: cpp-httplib on a loopback TCP port or a unix socket,
// turning each request into an http::Request for the Router and its answer back. The only
// code that includes <httplib.h> (it is its own library, linked by `kivals` alone).
namespace kivals::serve {

// Renders an error the transport finds before any route sees the request (a body over the
// limit, a request line it cannot parse), in the API's format.
using ErrorRenderer = std::function<http::Response(ErrorCode code, std::string_view message)>;

// Limits of the transport.
struct ServerOptions {
    std::size_t threads = 64;           // requests served at once (keep-alive ones included)
    std::size_t max_body_bytes = 16384; // larger bodies: 413, nothing read past the limit
    std::chrono::seconds read_timeout{10};
    std::chrono::seconds keep_alive_timeout{2};
    ErrorRenderer render_error;
};

// Serves a Router until stop().
class Server {
public:
    Server(const http::Router& router, ServerOptions options, Logger& log);
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;
    ~Server();

    // Bind `address`. A unix socket is created with mode 0660 (its group: the directory's
    // when that is setgid, so the store's group can be given access); a stale socket left by
    // a killed server is replaced, a live one or any other file is refused. Throws Error.
    void bind(const ListenAddress& address);

    // Return the address bound, with the port the system chose for port 0.
    const ListenAddress& bound() const { return m_bound; }

    // Serve until stop() (from another thread or a signal handler's thread); removes the unix
    // socket when it returns.
    void run();

    // Make run() return: no new connections; requests in progress finish.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    ListenAddress m_bound;
};

} // namespace kivals::serve
