#include "fakes.hpp"

namespace kivals::testing {

using lightspeed::HttpRequest;
using lightspeed::HttpResponse;
using lightspeed::TransportError;
using lightspeed::TransportErrorKind;

HttpResponse json_response(int status, std::string body, Headers headers) {
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

void ScriptedTransport::push_json(int status, std::string body, Headers headers) {
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

} // namespace kivals::testing
