#pragma once

#include <kivals/lightspeed/transport.hpp>

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

namespace kivals::lightspeed {

// How the libcurl transport connects. TLS verification is always on; there is no switch.
struct CurlOptions {
    std::chrono::milliseconds connect_timeout{10000};
    std::chrono::milliseconds request_timeout{60000};
    std::string ca_file;    // extra trust anchors (PEM); empty: the system store
    std::string user_agent; // e.g. "kivals/0.1.0"
    std::size_t max_body_bytes = 64u * 1024u * 1024u;
    bool compression = true; // ask for gzip/deflate (off for loopback: pure CPU cost there)
};

// libcurl's global state, held by main for the life of the program (made before any thread
// starts), so that no program includes <curl/curl.h>: this file's .cpp is the only one.
class CurlGlobal {
public:
    CurlGlobal();
    ~CurlGlobal();
    CurlGlobal(const CurlGlobal&) = delete;
    CurlGlobal& operator=(const CurlGlobal&) = delete;
};

// Make the libcurl transport: one easy handle (and so one kept-alive connection) reused
// for every request of the run. A CurlGlobal must be alive.
std::unique_ptr<HttpTransport> make_curl_transport(const CurlOptions& options);

} // namespace kivals::lightspeed
