#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/lightspeed/sleeper.hpp>
#include <kivals/lightspeed/transport.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <vector>

namespace kivals::lightspeed {

// A clock that only moves when told to (tests).
class ManualClock final : public Clock {
public:
    explicit ManualClock(SysTime start) : m_now(start) {}
    SysTime now() const override { return m_now; }
    // Move time forward.
    void advance(std::chrono::milliseconds by) { m_now += by; }

private:
    SysTime m_now;
};

// A sleeper that records each wait and advances a ManualClock instead of sleeping.
class FakeSleeper final : public Sleeper {
public:
    explicit FakeSleeper(ManualClock& clock) : m_clock(clock) {}
    void sleep_for(std::chrono::milliseconds duration) override {
        m_waits.push_back(duration);
        m_clock.advance(duration);
    }
    // Return every wait so far.
    const std::vector<std::chrono::milliseconds>& waits() const { return m_waits; }

private:
    ManualClock& m_clock;
    std::vector<std::chrono::milliseconds> m_waits;
};

// A transport that answers from a script: queued responses first, then a handler.
// Every request is recorded, with the clock's time when it was sent.
class ScriptedTransport final : public HttpTransport {
public:
    using Handler = std::function<HttpResponse(const HttpRequest&)>;

    explicit ScriptedTransport(const Clock* clock = nullptr) : m_clock(clock) {}

    // Queue one answer.
    void push(HttpResponse response) { m_queue.push_back(std::move(response)); }
    // Queue an HTTP answer with a JSON body and optional headers.
    void push_json(int status, std::string body,
                   std::vector<std::pair<std::string, std::string>> headers = {});
    // Queue a transport failure.
    void push_error(TransportErrorKind kind, std::string detail = "scripted failure");
    // Answer with `handler` once the queue is empty.
    void set_handler(Handler handler) { m_handler = std::move(handler); }

    HttpResponse perform(const HttpRequest& request) override;

    // Return every request sent so far.
    const std::vector<HttpRequest>& requests() const { return m_requests; }
    // Return when each request was sent (the clock's time; epoch without a clock).
    const std::vector<SysTime>& sent_at() const { return m_sent_at; }

private:
    const Clock* m_clock;
    std::deque<HttpResponse> m_queue;
    Handler m_handler;
    std::vector<HttpRequest> m_requests;
    std::vector<SysTime> m_sent_at;
};

// Make a JSON answer (for handlers).
HttpResponse json_response(int status, std::string body,
                           std::vector<std::pair<std::string, std::string>> headers = {});

} // namespace kivals::lightspeed
