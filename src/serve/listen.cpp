#include <kivals/core/text.hpp>
#include <kivals/serve/listen.hpp>

#include <fmt/format.h>

#include <sys/un.h>

namespace kivals::serve {

std::string ListenAddress::str() const {
    if (kind == Kind::unix_socket)
        return "unix:" + path.string();
    if (host.find(':') != std::string::npos)
        return fmt::format("[{}]:{}", host, port);
    return fmt::format("{}:{}", host, port);
}

Expected<ListenAddress, std::string> parse_listen(std::string_view text) {
    ListenAddress out;
    if (text.starts_with("unix:")) {
        out.kind = ListenAddress::Kind::unix_socket;
        out.path = std::string(text.substr(5));
        if (!out.path.is_absolute())
            return Unexpected(
                std::string("a unix socket path must be absolute (unix:/run/kivals/store.sock)"));
        if (out.path.string().size() >= sizeof(sockaddr_un{}.sun_path))
            return Unexpected(fmt::format("a unix socket path must be shorter than {} bytes",
                                          sizeof(sockaddr_un{}.sun_path)));
        return out;
    }
    auto colon = text.rfind(':');
    if (colon == std::string_view::npos)
        return Unexpected(std::string("expected HOST:PORT (127.0.0.1:8787) or unix:/path"));
    std::string_view host = text.substr(0, colon), port = text.substr(colon + 1);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    auto number = parse_int<unsigned>(port); // digits only: no sign
    if (!number || *number > 65535)
        return Unexpected(fmt::format("'{}' is not a port (0 to 65535)", port));
    out.port = static_cast<int>(*number);
    // Only a literal loopback address or "localhost": a name that merely starts with "127."
    // could resolve anywhere.
    if (!is_loopback_host(host))
        return Unexpected(fmt::format(
            "'{}' is not a loopback address: the store API speaks plain HTTP, so it listens on "
            "127.0.0.1, ::1 or a unix socket (put a TLS web server in front to reach it from "
            "another host)",
            host));
    out.host = std::string(host);
    return out;
}

} // namespace kivals::serve
