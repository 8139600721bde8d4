#pragma once

#include <kivals/core/error.hpp>
#include <kivals/lightspeed/transport.hpp>

#include <string>
#include <string_view>

namespace kivals::lightspeed {

// What went wrong with a Lightspeed call. HTTP statuses are told apart, never collapsed.
enum class ApiErrorKind {
    unauthorized,  // 401: the token was refused
    forbidden,     // 403: the token may not do this
    not_found,     // 404
    conflict,      // 409
    unprocessable, // 422
    bad_request,   // any other 4xx
    rate_limited,  // 429, still refused after the retries allowed
    server,        // 5xx, still failing after the retries allowed
    timeout,       // no answer in time, after the retries allowed
    connect,       // could not connect (refused, reset), after the retries allowed
    tls,           // certificate not trusted or wrong host name
    dns,           // the store's host name does not resolve
    bad_response,  // an answer kivals cannot read (not JSON, wrong shape, cursor stuck)
    budget,        // the run's time budget would be exceeded by the next wait
};

// What each kind means to the code that meets it: one row per kind, in one table
// (errors.cpp), so that the session, the push executors and the messages cannot disagree.
struct ApiErrorTraits {
    ApiErrorKind kind;
    std::string_view name; // "not_found"
    // 78 for token, TLS and DNS trouble (configuration), 75 for what may pass (rate limits,
    // 5xx, timeouts, refused connections, budget), 1 otherwise.
    Exit exit;
    // A read or an idempotent write may be sent again (Replay::safe).
    bool retryable;
    // Lightspeed refused before doing anything, so even a stock write may be sent again
    // (Replay::only_if_refused): only a 429.
    bool refused_before_acting;
    // A write that failed so may still have landed (no answer, a 5xx, an unreadable answer):
    // it stays in flight and is looked up before it is sent again.
    bool outcome_unknown;
    // The failure is about one item of a batch (404, 409, 422, 400): send the items one by one.
    bool item_specific;
    // No later request of the run can do better (rate limit, budget, token, TLS, DNS, the
    // network): stop sending and report the rest as not attempted.
    bool run_ending;
    // What the administrator should check, or "".
    std::string_view advice;
};

const ApiErrorTraits& traits(ApiErrorKind kind);

// What most likely happened, for the message of a failed call: the kind's advice, made
// sharper where the answer tells more (TLS refused by a port that speaks plain HTTP; a 404
// that is not Lightspeed's JSON, from a wrong store URL or API family). "" when none.
std::string_view likely_cause(ApiErrorKind kind, const HttpResponse& response);

// Map an HTTP status (4xx or 5xx) to its kind.
ApiErrorKind classify_status(int status);

// Map a transport failure to its kind.
ApiErrorKind classify_transport(TransportErrorKind kind);

// A failed Lightspeed call: the kind, the HTTP status (0 for transport errors), where
// (method and redacted URL) and what happened. Its message is one line, secret-free.
class ApiError : public Error {
public:
    ApiError(ApiErrorKind kind, int status, std::string where, std::string detail);

    ApiErrorKind kind() const { return m_kind; }
    // Return the HTTP status, or 0 when no answer arrived.
    int status() const { return m_status; }
    // Return "METHOD redacted-url".
    const std::string& where() const { return m_where; }
    const std::string& detail() const { return m_detail; }
    // Return the same error with `context` appended to the message (e.g. where a walk stopped).
    ApiError with_context(std::string_view context) const;

private:
    ApiErrorKind m_kind;
    int m_status;
    std::string m_where;
    std::string m_detail;
};

// Return a short, printable excerpt of an error body's "error"/"message" fields, or "".
std::string error_body_excerpt(std::string_view body);

} // namespace kivals::lightspeed
