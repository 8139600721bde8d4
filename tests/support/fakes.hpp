#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/lightspeed/sleeper.hpp>
#include <kivals/lightspeed/transport.hpp>

#include <chrono>
#include <deque>
#include <functional>
#include <string>
#include <utility>
#include <vector>

// Fakes for the unit tests: a clock that moves only when told, a sleeper that advances it
// instead of sleeping, and a transport that answers from a script. Built into
// kivals_test_support, never into kivals_core.
namespace kivals::testing {

class ManualClock final : public Clock {
public:
    explicit ManualClock(SysTime start) : m_now(start) {}
    SysTime now() const override { return m_now; }
    void advance(std::chrono::milliseconds by) { m_now += by; }

private:
    SysTime m_now;
};

// Records each wait and advances the clock by it, so a test sees the waits and the time
// they took without taking it.
class FakeSleeper final : public lightspeed::Sleeper {
public:
    explicit FakeSleeper(ManualClock& clock) : m_clock(clock) {}
    void sleep_for(std::chrono::milliseconds duration) override {
        m_waits.push_back(duration);
        m_clock.advance(duration);
    }
    const std::vector<std::chrono::milliseconds>& waits() const { return m_waits; }

private:
    ManualClock& m_clock;
    std::vector<std::chrono::milliseconds> m_waits;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// Answers queued responses first, then the handler; with neither, a transport error.
// Every request is recorded with the clock's time when it was sent (epoch without a clock).
class ScriptedTransport final : public lightspeed::HttpTransport {
public:
    using Handler = std::function<lightspeed::HttpResponse(const lightspeed::HttpRequest&)>;

    explicit ScriptedTransport(const Clock* clock = nullptr) : m_clock(clock) {}

    void push(lightspeed::HttpResponse response) { m_queue.push_back(std::move(response)); }
    void push_json(int status, std::string body, Headers headers = {});
    void push_error(lightspeed::TransportErrorKind kind, std::string detail = "scripted failure");
    void set_handler(Handler handler) { m_handler = std::move(handler); }

    lightspeed::HttpResponse perform(const lightspeed::HttpRequest& request) override;

    const std::vector<lightspeed::HttpRequest>& requests() const { return m_requests; }
    const std::vector<SysTime>& sent_at() const { return m_sent_at; }

private:
    const Clock* m_clock;
    std::deque<lightspeed::HttpResponse> m_queue;
    Handler m_handler;
    std::vector<lightspeed::HttpRequest> m_requests;
    std::vector<SysTime> m_sent_at;
};

// A JSON answer with header names in lower case, as the real transport stores them.
lightspeed::HttpResponse json_response(int status, std::string body, Headers headers = {});

} // namespace kivals::testing
