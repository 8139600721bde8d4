#include <kivals/lightspeed/errors.hpp>

#include <nlohmann/json.hpp>

namespace kivals::lightspeed {

std::string_view api_error_name(ApiErrorKind kind) {
    switch (kind) {
    case ApiErrorKind::unauthorized:
        return "unauthorized";
    case ApiErrorKind::forbidden:
        return "forbidden";
    case ApiErrorKind::not_found:
        return "not_found";
    case ApiErrorKind::conflict:
        return "conflict";
    case ApiErrorKind::unprocessable:
        return "unprocessable";
    case ApiErrorKind::bad_request:
        return "bad_request";
    case ApiErrorKind::rate_limited:
        return "rate_limited";
    case ApiErrorKind::server:
        return "server";
    case ApiErrorKind::timeout:
        return "timeout";
    case ApiErrorKind::connect:
        return "connect";
    case ApiErrorKind::tls:
        return "tls";
    case ApiErrorKind::dns:
        return "dns";
    case ApiErrorKind::bad_response:
        return "bad_response";
    case ApiErrorKind::budget:
        return "budget";
    }
    return "unknown";
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

Exit exit_code_for(ApiErrorKind kind) {
    switch (kind) {
    case ApiErrorKind::unauthorized:
    case ApiErrorKind::forbidden:
    case ApiErrorKind::tls:
    case ApiErrorKind::dns:
        return Exit::config;
    case ApiErrorKind::rate_limited:
    case ApiErrorKind::server:
    case ApiErrorKind::timeout:
    case ApiErrorKind::connect:
    case ApiErrorKind::budget:
        return Exit::temporary;
    case ApiErrorKind::not_found:
    case ApiErrorKind::conflict:
    case ApiErrorKind::unprocessable:
    case ApiErrorKind::bad_request:
    case ApiErrorKind::bad_response:
        return Exit::failure;
    }
    return Exit::failure;
}

std::string_view advice_for(ApiErrorKind kind) {
    switch (kind) {
    case ApiErrorKind::unauthorized:
        return "the token was refused: check the token (kivals config set token)";
    case ApiErrorKind::forbidden:
        return "the token may not do this: check the token and its permissions";
    case ApiErrorKind::tls:
        return "the store's certificate is not trusted for this host name: check store_url "
               "(and http.ca_file for a private CA)";
    case ApiErrorKind::dns:
        return "the store's host name does not resolve: check store_url";
    case ApiErrorKind::connect:
        return "the store could not be reached: check the network (or store_url); try again later";
    case ApiErrorKind::timeout:
        return "the store did not answer in time: try again later";
    case ApiErrorKind::rate_limited:
        return "Lightspeed's rate limit: try again later";
    case ApiErrorKind::server:
        return "Lightspeed is failing: try again later";
    default:
        return "";
    }
}

ApiError::ApiError(ApiErrorKind kind, int status, std::string where, std::string detail)
    : Error(exit_code_for(kind), where.empty() ? detail : where + ": " + detail), m_kind(kind),
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
