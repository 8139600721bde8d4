#include <kivals/lightspeed/fake_transport.hpp>
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

HttpResponse json_response(int status, std::string body,
                           std::vector<std::pair<std::string, std::string>> headers) {
    HttpResponse response;
    response.status = status;
    response.body = std::move(body);
    response.headers["content-type"] = "application/json";
    for (auto& [name, value] : headers) {
        std::string lower;
        for (char c : name)
            lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        response.headers[lower] = value;
    }
    return response;
}

void ScriptedTransport::push_json(int status, std::string body,
                                  std::vector<std::pair<std::string, std::string>> headers) {
    m_queue.push_back(json_response(status, std::move(body), std::move(headers)));
}

void ScriptedTransport::push_error(TransportErrorKind kind, std::string detail) {
    HttpResponse response;
    response.error = TransportError{kind, std::move(detail)};
    m_queue.push_back(std::move(response));
}

HttpResponse ScriptedTransport::perform(const HttpRequest& request) {
    m_requests.push_back(request);
    m_sent_at.push_back(m_clock ? m_clock->now() : SysTime{});
    if (!m_queue.empty()) {
        HttpResponse response = std::move(m_queue.front());
        m_queue.pop_front();
        return response;
    }
    if (m_handler)
        return m_handler(request);
    HttpResponse response;
    response.error = TransportError{TransportErrorKind::other, "unscripted request"};
    return response;
}

} // namespace kivals::lightspeed
