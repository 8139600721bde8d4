#pragma once

#include <kivals/core/expected.hpp>

#include <filesystem>
#include <string>
#include <string_view>

// Where `kivals serve` listens: a loopback TCP address or a unix socket.
namespace kivals::serve {

struct ListenAddress {
    enum class Kind { tcp, unix_socket };
    Kind kind = Kind::tcp;
    std::string host;           // tcp: a loopback host ("127.0.0.1", "::1", "localhost")
    int port = 0;               // tcp: 0 lets the system choose (the chosen port is printed)
    std::filesystem::path path; // unix_socket: an absolute path

    // Return the address as it is written: "127.0.0.1:8787", "[::1]:8787", "unix:/run/x.sock".
    std::string str() const;
};

// Parse "127.0.0.1:PORT", "localhost:PORT", "[::1]:PORT" or "unix:/absolute/path". Only
// loopback hosts are taken: the API speaks plain HTTP and carries the store key, so another
// host reaches it through a TLS web server in front. Return the address or why it is refused.
Expected<ListenAddress, std::string> parse_listen(std::string_view text);

} // namespace kivals::serve
