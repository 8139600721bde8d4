#include <kivals/lightspeed/errors.hpp>

#include <kivals/core/text.hpp>

#include <nlohmann/json.hpp>

#include <iterator>

namespace kivals::lightspeed {

namespace {

using K = ApiErrorKind;

// clang-format off
// kind               name              exit             retry  refused unknown item   ends   advice
constexpr ApiErrorTraits k_traits[] = {
    {K::unauthorized,  "unauthorized",  Exit::config,    false, false,  false,  false, true,
     "the token was refused: check the token (kivals config set token)"},
    {K::forbidden,     "forbidden",     Exit::config,    false, false,  false,  false, true,
     "the token may not do this: check the token and its permissions"},
    {K::not_found,     "not_found",     Exit::failure,   false, false,  false,  true,  false, ""},
    {K::conflict,      "conflict",      Exit::failure,   false, false,  false,  true,  false, ""},
    {K::unprocessable, "unprocessable", Exit::failure,   false, false,  false,  true,  false, ""},
    {K::bad_request,   "bad_request",   Exit::failure,   false, false,  false,  true,  false, ""},
    {K::rate_limited,  "rate_limited",  Exit::temporary, true,  true,   false,  false, true,
     "Lightspeed's rate limit: try again later"},
    {K::server,        "server",        Exit::temporary, true,  false,  true,   false, false,
     "Lightspeed is failing: try again later"},
    {K::timeout,       "timeout",       Exit::temporary, true,  false,  true,   false, true,
     "the store did not answer in time: try again later"},
    {K::connect,       "connect",       Exit::temporary, true,  false,  true,   false, true,
     "the store could not be reached: check the network (or store_url); try again later"},
    {K::tls,           "tls",           Exit::config,    false, false,  false,  false, true,
     "the store's certificate is not trusted for this host name: check store_url "
     "(and http.ca_file for a private CA)"},
    {K::dns,           "dns",           Exit::config,    false, false,  false,  false, true,
     "the store's host name does not resolve: check store_url"},
    {K::bad_response,  "bad_response",  Exit::failure,   false, false,  true,   false, false, ""},
    {K::budget,        "budget",        Exit::temporary, false, false,  false,  false, true,  ""},
};
// clang-format on

constexpr bool table_in_enum_order() {
    for (std::size_t i = 0; i < std::size(k_traits); ++i)
        if (static_cast<std::size_t>(k_traits[i].kind) != i)
            return false;
    return std::size(k_traits) == static_cast<std::size_t>(K::budget) + 1;
}
static_assert(table_in_enum_order(), "k_traits needs one row per ApiErrorKind, in enum order");

} // namespace

const ApiErrorTraits& traits(ApiErrorKind kind) {
    return k_traits[static_cast<std::size_t>(kind)];
}

std::string_view likely_cause(ApiErrorKind kind, const HttpResponse& response) {
    if (kind == K::tls && response.error &&
        response.error->detail.find("wrong version number") != std::string::npos)
        return "the port answered in plain HTTP, not TLS: check store_url (https:// to an "
               "http:// port?)";
    std::string_view body = trim(response.body);
    if (kind == K::not_found && !response.error && (body.empty() || body.front() != '{'))
        return "this is not Lightspeed's API answering: check store_url (the store's own "
               "address, https://STORE.retail.lightspeed.app) and api.version";
    return traits(kind).advice;
}

ApiErrorKind classify_status(int status) {
    switch (status) {
    case 401:
        return ApiErrorKind::unauthorized;
    case 403:
        return ApiErrorKind::forbidden;
    case 404:
        return ApiErrorKind::not_found;
    case 409:
        return ApiErrorKind::conflict;
    case 422:
        return ApiErrorKind::unprocessable;
    case 429:
        return ApiErrorKind::rate_limited;
    default:
        break;
    }
    if (status >= 500)
        return ApiErrorKind::server;
    if (status >= 400)
        return ApiErrorKind::bad_request;
    // 1xx and 3xx never reach kivals as success: redirects are not followed, because
    // following one would send the token to another host.
    return ApiErrorKind::bad_response;
}

ApiErrorKind classify_transport(TransportErrorKind kind) {
    switch (kind) {
    case TransportErrorKind::timeout:
        return ApiErrorKind::timeout;
    case TransportErrorKind::connect:
        return ApiErrorKind::connect;
    case TransportErrorKind::tls:
        return ApiErrorKind::tls;
    case TransportErrorKind::dns:
        return ApiErrorKind::dns;
    case TransportErrorKind::other:
        return ApiErrorKind::bad_response;
    }
    return ApiErrorKind::bad_response;
}

ApiError::ApiError(ApiErrorKind kind, int status, std::string where, std::string detail)
    : Error(traits(kind).exit, where.empty() ? detail : where + ": " + detail), m_kind(kind),
      m_status(status), m_where(std::move(where)), m_detail(std::move(detail)) {}

ApiError ApiError::with_context(std::string_view context) const {
    return ApiError(m_kind, m_status, m_where, m_detail + "; " + std::string(context));
}

std::string error_body_excerpt(std::string_view body) {
    if (body.empty() || body.size() > 64 * 1024)
        return "";
    auto parsed = nlohmann::json::parse(body, nullptr, false);
    if (parsed.is_discarded() || !parsed.is_object())
        return "";
    std::string out;
    for (const char* key : {"error", "message", "details"}) {
        auto it = parsed.find(key);
        if (it == parsed.end() || !it->is_string())
            continue;
        std::string text = it->get<std::string>();
        if (text.empty() || out.find(text) != std::string::npos)
            continue;
        out += (out.empty() ? "" : ": ") + text;
    }
    std::string clean;
    for (char c : out.substr(0, 160))
        clean += static_cast<unsigned char>(c) < 0x20 ? ' ' : c;
    return clean;
}

} // namespace kivals::lightspeed
