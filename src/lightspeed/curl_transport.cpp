// The libcurl transport: the only file of kivals that includes <curl/curl.h> (the programs
// hold a CurlGlobal for the global init).
#include <kivals/lightspeed/curl_transport.hpp>

#include <curl/curl.h>

#include <fmt/format.h>

namespace kivals::lightspeed {

namespace {

struct EasyDeleter {
    void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

struct Sink {
    std::string* body;
    std::map<std::string, std::string>* headers;
    std::size_t max_bytes;
    bool too_large = false;
};

extern "C" std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    std::size_t n = size * count;
    if (sink->body->size() + n > sink->max_bytes) {
        sink->too_large = true;
        return 0; // makes curl stop with CURLE_WRITE_ERROR
    }
    sink->body->append(data, n);
    return n;
}

extern "C" std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    std::size_t n = size * count;
    std::string_view line(data, n);
    if (line.starts_with("HTTP/"))
        sink->headers->clear(); // a new response (e.g. after 100 Continue)
    auto colon = line.find(':');
    if (colon == std::string_view::npos)
        return n;
    std::string name;
    for (char c : line.substr(0, colon))
        name += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.remove_prefix(1);
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' '))
        value.remove_suffix(1);
    (*sink->headers)[name] = std::string(value);
    return n;
}

TransportErrorKind classify(CURLcode code) {
    switch (code) {
    case CURLE_OPERATION_TIMEDOUT:
        return TransportErrorKind::timeout;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return TransportErrorKind::dns;
    case CURLE_COULDNT_CONNECT:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_PARTIAL_FILE:
        return TransportErrorKind::connect;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CRL_BADFILE:
    case CURLE_USE_SSL_FAILED:
        return TransportErrorKind::tls;
    default:
        return TransportErrorKind::other;
    }
}

class CurlTransport final : public HttpTransport {
public:
    explicit CurlTransport(CurlOptions options) : m_options(std::move(options)) {
        m_handle.reset(curl_easy_init());
        if (!m_handle)
            throw std::runtime_error("curl_easy_init failed");
    }

    HttpResponse perform(const HttpRequest& request) override;

private:
    void set_common(CURL* h, Sink& sink, char* error_buffer);

    CurlOptions m_options;
    EasyHandle m_handle;
};

void CurlTransport::set_common(CURL* h, Sink& sink, char* error_buffer) {
    // Reset per request, so no option from the previous request leaks into this one; the
    // connection cache survives a reset, so the kept-alive connection is reused.
    curl_easy_reset(h);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L); // a redirect would carry the token away
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(m_options.connect_timeout.count()));
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(m_options.request_timeout.count()));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!m_options.ca_file.empty())
        curl_easy_setopt(h, CURLOPT_CAINFO, m_options.ca_file.c_str());
    curl_easy_setopt(h, CURLOPT_USERAGENT, m_options.user_agent.c_str());
    if (m_options.compression)
        curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); // any encoding curl can decode
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &sink);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, error_buffer);
}

HttpResponse CurlTransport::perform(const HttpRequest& request) {
    CURL* h = m_handle.get();
    HttpResponse response;
    Sink sink{&response.body, &response.headers, m_options.max_body_bytes};
    char error_buffer[CURL_ERROR_SIZE] = {};
    set_common(h, sink, error_buffer);
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());

    Slist headers;
    for (const auto& [name, value] : request.headers) {
        if (name == "User-Agent")
            continue; // set through CURLOPT_USERAGENT
        std::string line = name + ": " + value;
        curl_slist* grown = curl_slist_append(headers.get(), line.c_str());
        if (!grown)
            throw std::bad_alloc();
        headers.release();
        headers.reset(grown);
    }
    // curl adds "Expect: 100-continue" to large bodies; Lightspeed does not need the round trip.
    curl_slist* grown = curl_slist_append(headers.get(), "Expect:");
    if (!grown)
        throw std::bad_alloc();
    headers.release();
    headers.reset(grown);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers.get());

    switch (request.method) {
    case Method::get:
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
        break;
    case Method::del:
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "DELETE");
        break;
    case Method::post:
    case Method::put:
        curl_easy_setopt(h, CURLOPT_POST, 1L);
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
        if (request.method == Method::put)
            curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, "PUT");
        break;
    }

    CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK) {
        TransportErrorKind kind = sink.too_large ? TransportErrorKind::other : classify(code);
        std::string detail =
            sink.too_large ? fmt::format("answer larger than {} bytes", m_options.max_body_bytes)
                           : (error_buffer[0] ? error_buffer : curl_easy_strerror(code));
        response.error = TransportError{kind, detail};
        response.body.clear();
        return response;
    }
    long status = 0;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    return response;
}

} // namespace

CurlGlobal::CurlGlobal() {
    curl_global_init(CURL_GLOBAL_DEFAULT);
}

CurlGlobal::~CurlGlobal() {
    curl_global_cleanup();
}

std::unique_ptr<HttpTransport> make_curl_transport(const CurlOptions& options) {
    return std::make_unique<CurlTransport>(options);
}

} // namespace kivals::lightspeed
