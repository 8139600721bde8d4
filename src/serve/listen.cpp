#include <kivals/serve/listen.hpp>

#include <fmt/format.h>

#include <arpa/inet.h>
#include <charconv>
#include <sys/un.h>

namespace kivals::serve {
namespace {

// Only a literal loopback address or "localhost": a name that merely starts with "127." could
// resolve anywhere.
bool loopback_literal(std::string_view host) {
    std::string text(host);
    in_addr v4{};
    if (::inet_pton(AF_INET, text.c_str(), &v4) == 1)
        return (ntohl(v4.s_addr) >> 24) == 127;
    return host == "::1" || host == "localhost";
}

} // namespace

std::string ListenAddress::str() const {
    if (kind == Kind::unix_socket)
        return "unix:" + path.string();
    if (host.find(':') != std::string::npos)
        return fmt::format("[{}]:{}", host, port);
    return fmt::format("{}:{}", host, port);
}

std::variant<ListenAddress, std::string> parse_listen(std::string_view text) {
    ListenAddress out;
    if (text.starts_with("unix:")) {
        out.kind = ListenAddress::Kind::unix_socket;
        out.path = std::string(text.substr(5));
        if (!out.path.is_absolute())
            return std::string("a unix socket path must be absolute (unix:/run/kivals/store.sock)");
        if (out.path.string().size() >= sizeof(sockaddr_un{}.sun_path))
            return fmt::format("a unix socket path must be shorter than {} bytes",
                               sizeof(sockaddr_un{}.sun_path));
        return out;
    }
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos)
        return std::string("expected HOST:PORT (127.0.0.1:8787) or unix:/path");
    std::string_view host = text.substr(0, colon), port = text.substr(colon + 1);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), out.port);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || out.port < 0 ||
        out.port > 65535)
        return fmt::format("'{}' is not a port (0 to 65535)", port);
    if (!loopback_literal(host))
        return fmt::format("'{}' is not a loopback address: the store API speaks plain HTTP, so "
                           "it listens on 127.0.0.1, ::1 or a unix socket (put a TLS web server "
                           "in front to reach it from another host)",
                           host);
    out.host = std::string(host);
    return out;
}

} // namespace kivals::serve
