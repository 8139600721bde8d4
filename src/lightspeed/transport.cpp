#include <kivals/lightspeed/sleeper.hpp>
#include <kivals/lightspeed/transport.hpp>

#include <thread>

namespace kivals::lightspeed {

std::string_view method_name(Method method) {
    switch (method) {
    case Method::get:
        return "GET";
    case Method::post:
        return "POST";
    case Method::put:
        return "PUT";
    case Method::del:
        return "DELETE";
    }
    return "GET";
}

std::string_view transport_error_name(TransportErrorKind kind) {
    switch (kind) {
    case TransportErrorKind::timeout:
        return "timeout";
    case TransportErrorKind::connect:
        return "connect";
    case TransportErrorKind::tls:
        return "tls";
    case TransportErrorKind::dns:
        return "dns";
    case TransportErrorKind::other:
        return "other";
    }
    return "other";
}

std::optional<std::string> HttpResponse::header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    if (it == headers.end())
        return std::nullopt;
    return it->second;
}

void SystemSleeper::sleep_for(std::chrono::milliseconds duration) {
    if (duration.count() > 0)
        std::this_thread::sleep_for(duration);
}

} // namespace kivals::lightspeed
