// The only file that includes <httplib.h>.
#include <kivals/serve/server.hpp>

#include <httplib.h>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace kivals::serve {
namespace {

// cpp-httplib 0.11.4 listens with a backlog of 5 (compiled into the library): a sixth client
// connecting at once is refused on a unix socket and waits a second for a SYN retransmission
// on TCP. listen() again on the bound socket raises it (Linux takes the new backlog); the
// socket is the library's protected member, so this subclass is the way to it.
class Listener : public httplib::Server {
public:
    void raise_backlog(int backlog) { ::listen(svr_sock_, backlog); }
};

constexpr int k_backlog = 512;

// Our routes are short; httplib matches its catch-all pattern with std::regex, whose stack
// use grows with the path's length, so longer paths are refused before it runs.
constexpr std::size_t k_max_path = 2048;

bool takes_body(const std::string& method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

bool announces_body(const httplib::Request& r) {
    return r.has_header("Transfer-Encoding") ||
           (r.has_header("Content-Length") && r.get_header_value("Content-Length") != "0");
}

http::Request to_request(const httplib::Request& r, std::string body) {
    http::Request out;
    out.method = r.method;
    out.path = r.path;
    for (const auto& [name, value] : r.params)
        out.query.emplace(name, value);
    for (const auto& [name, value] : r.headers)
        out.headers.emplace(name, value);
    out.body = std::move(body);
    return out;
}

void to_httplib(const http::Response& in, httplib::Response& out) {
    out.status = in.status;
    for (const auto& [name, value] : in.headers)
        out.set_header(name, value);
    out.set_content(in.body, in.content_type.c_str());
}

// The file at `path` as (device, inode), or nullopt when there is none.
std::optional<std::pair<dev_t, ino_t>> file_id(const std::filesystem::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0)
        return std::nullopt;
    return std::pair(st.st_dev, st.st_ino);
}

// Make room for a unix socket at `path`: nothing there, or a socket nobody listens on.
void clear_stale_socket(const std::filesystem::path& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) {
        if (errno == ENOENT)
            return;
        fail(Exit::failure, "cannot use {}: {}", path.string(), std::strerror(errno));
    }
    if (!S_ISSOCK(st.st_mode))
        fail(Exit::failure, "{} exists and is not a socket: remove it or choose another path",
             path.string());
    int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof(addr.sun_path) - 1);
    bool live = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
    int error = errno;
    ::close(fd);
    if (live)
        fail(Exit::temporary, "another server is listening on {}", path.string());
    if (error != ECONNREFUSED)
        fail(Exit::failure, "cannot use {}: {}", path.string(), std::strerror(error));
    if (::unlink(path.c_str()) != 0)
        fail(Exit::failure, "cannot remove the stale socket {}: {}", path.string(),
             std::strerror(errno));
}

} // namespace

struct Server::Impl {
    Impl(const http::Router& r, ServerOptions o, Logger& l)
        : router(r), options(std::move(o)), log(l) {}

    // Answer with an error of the API's shape; the connection is closed after it when the
    // request's body was not read to its end.
    void answer_error(httplib::Response& res, ErrorCode code, std::string_view message,
                      bool close) {
        to_httplib(options.render_error(code, message), res);
        if (close)
            res.set_header("Connection", "close");
    }

    httplib::Server::HandlerResponse before_routing(const httplib::Request& req,
                                                    httplib::Response& res) {
        if (req.path.size() > k_max_path) {
            answer_error(res, ErrorCode::not_found, "the path is too long", announces_body(req));
            return httplib::Server::HandlerResponse::Handled;
        }
        if (takes_body(req.method) && announces_body(req))
            return httplib::Server::HandlerResponse::Unhandled; // read in with_body()
        if (announces_body(req)) {
            answer_error(res, ErrorCode::invalid_request,
                         fmt::format("a {} request takes no body", req.method), true);
            return httplib::Server::HandlerResponse::Handled;
        }
        to_httplib(router.dispatch(to_request(req, "")), res);
        return httplib::Server::HandlerResponse::Handled;
    }

    void with_body(const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader& reader) {
        std::string body;
        bool too_large = false;
        bool complete = reader([&](const char* data, std::size_t size) {
            if (body.size() + size > options.max_body_bytes) {
                too_large = true;
                return false; // stop reading: nothing past the limit is taken in
            }
            body.append(data, size);
            return true;
        });
        // httplib refuses a Content-Length over the limit itself (status 413) before reading.
        if (too_large || (!complete && res.status == 413))
            return answer_error(
                res, ErrorCode::body_too_large,
                fmt::format("the body is larger than {} bytes", options.max_body_bytes), true);
        if (!complete)
            return answer_error(res, ErrorCode::invalid_request, "the body ended early", true);
        to_httplib(router.dispatch(to_request(req, std::move(body))), res);
    }

    const http::Router& router;
    ServerOptions options;
    Logger& log;
    Listener http;
    std::optional<std::pair<dev_t, ino_t>> socket_id; // the unix socket this server made
};

Server::Server(const http::Router& router, ServerOptions options, Logger& log)
    : m_impl(std::make_unique<Impl>(router, std::move(options), log)) {
    Impl& impl = *m_impl;
    httplib::Server& http = impl.http;
    std::size_t threads = std::max<std::size_t>(impl.options.threads, 2);
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_read_timeout(impl.options.read_timeout.count());
    http.set_write_timeout(impl.options.read_timeout.count());
    http.set_keep_alive_timeout(impl.options.keep_alive_timeout.count());
    http.set_keep_alive_max_count(100);
    http.set_payload_max_length(impl.options.max_body_bytes);
    // The header and the body go out in two writes: without TCP_NODELAY the second waits for
    // the client's delayed ACK, 40 ms a request.
    http.set_tcp_nodelay(true);
    http.set_pre_routing_handler([&impl](const httplib::Request& req, httplib::Response& res) {
        return impl.before_routing(req, res);
    });
    auto body_handler = [&impl](const httplib::Request& req, httplib::Response& res,
                                const httplib::ContentReader& reader) {
        impl.with_body(req, res, reader);
    };
    http.Post(".*", body_handler);
    http.Put(".*", body_handler);
    http.Patch(".*", body_handler);
    http.Delete(".*", body_handler);
    // httplib's own refusals (a request line it cannot parse, a URI too long) get the API's
    // error shape; answers that already have a body are left alone.
    http.set_error_handler(httplib::Server::HandlerWithResponse(
        [&impl](const httplib::Request&, httplib::Response& res) {
            if (!res.body.empty())
                return httplib::Server::HandlerResponse::Unhandled;
            ErrorCode code = res.status == 413   ? ErrorCode::body_too_large
                             : res.status == 404 ? ErrorCode::not_found
                                                 : ErrorCode::invalid_request;
            impl.answer_error(res, code, fmt::format("HTTP {}", res.status), true);
            return httplib::Server::HandlerResponse::Handled;
        }));
    http.set_exception_handler(
        [&impl](const httplib::Request& req, httplib::Response& res, std::exception_ptr) {
            fmt::print(stderr, "kivals serve: {} {}: internal error\n", req.method, req.path);
            impl.answer_error(res, ErrorCode::internal, "internal error", true);
        });
    http.set_logger([&impl](const httplib::Request& req, const httplib::Response& res) {
        KIVALS_LOG(impl.log, serve, "{} {} {}", req.method, req.path, res.status);
    });
}

Server::~Server() = default;

void Server::bind(const ListenAddress& address) {
    Listener& http = m_impl->http;
    m_bound = address;
    if (address.kind == ListenAddress::Kind::tcp) {
        http.set_address_family(address.host.find(':') != std::string::npos ? AF_INET6 : AF_INET);
        if (address.port == 0) {
            m_bound.port = http.bind_to_any_port(address.host);
            if (m_bound.port <= 0)
                fail(Exit::failure, "cannot listen on {}", address.str());
        } else if (!http.bind_to_port(address.host, address.port)) {
            fail(Exit::temporary, "cannot listen on {}: {}", address.str(),
                 "the port is in use, or the address is not this machine's");
        }
        http.raise_backlog(k_backlog);
        return;
    }
    clear_stale_socket(address.path);
    http.set_address_family(AF_UNIX);
    mode_t old_mask = ::umask(0117);                       // the socket is born 0660, never wider
    bool ok = http.bind_to_port(address.path.string(), 1); // the port is not used for AF_UNIX
    ::umask(old_mask);
    if (!ok)
        fail(Exit::failure,
             "cannot listen on {} (does its directory exist, and may kivals write "
             "it?)",
             address.str());
    ::chmod(address.path.c_str(), 0660);
    http.raise_backlog(k_backlog);
    m_impl->socket_id = file_id(address.path);
}

void Server::run() {
    m_impl->http.listen_after_bind();
    if (m_impl->socket_id && file_id(m_bound.path) == m_impl->socket_id)
        ::unlink(m_bound.path.c_str());
}

void Server::stop() {
    m_impl->http.stop();
}

} // namespace kivals::serve
