#include <kivals/core/redact.hpp>
#include <kivals/core/text.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/lightspeed/session.hpp>

#include <random>

namespace kivals::lightspeed {

using std::chrono::milliseconds;

namespace {

std::string_view reason_phrase(int status) {
    switch (status) {
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 422:
        return "Unprocessable Entity";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    default:
        return "";
    }
}

// Say what an unsuccessful answer was, with the server's words and what to check.
std::string describe(const HttpResponse& response, ApiErrorKind kind, int gave_up_after = 0) {
    std::string text;
    if (response.error) {
        text = fmt::format("{} error", transport_error_name(response.error->kind));
        if (!response.error->detail.empty())
            text += " (" + response.error->detail + ")";
    } else {
        text = fmt::format("HTTP {}", response.status);
        if (auto phrase = reason_phrase(response.status); !phrase.empty())
            text += fmt::format(" {}", phrase);
        if (auto excerpt = error_body_excerpt(response.body); !excerpt.empty())
            text += fmt::format(" ({})", excerpt);
    }
    if (gave_up_after > 0)
        text += fmt::format("; gave up after {} attempts", gave_up_after);
    if (auto advice = likely_cause(kind, response); !advice.empty())
        text += fmt::format(": {}", advice);
    return text;
}

std::optional<std::int64_t> header_int(const HttpResponse& response, const std::string& name) {
    auto value = response.header(name);
    if (!value)
        return std::nullopt;
    auto n = parse_int<std::int64_t>(trim(*value));
    return n ? std::optional(*n) : std::nullopt;
}

} // namespace

std::string retry_wait_message(ApiErrorKind kind, int status, int attempt, int attempts,
                               milliseconds wait) {
    if (kind == ApiErrorKind::rate_limited)
        return fmt::format("waiting {}: Lightspeed's rate limit", wait_text(wait));
    if (attempt == 0)
        return fmt::format("waiting {}: Lightspeed asked kivals to wait (HTTP {})", wait_text(wait),
                           status);
    std::string what;
    switch (kind) {
    case ApiErrorKind::connect:
        what = "store unreachable";
        break;
    case ApiErrorKind::timeout:
        what = "no answer from the store in time";
        break;
    default:
        what = status > 0 ? fmt::format("Lightspeed answered HTTP {}", status)
                          : fmt::format("{} error", traits(kind).name);
        break;
    }
    return fmt::format("{}, attempt {} of {}, next in {}", what, attempt, attempts,
                       wait_text(wait));
}

JitterSource random_jitter() {
    auto engine = std::make_shared<std::mt19937_64>(std::random_device{}());
    return [engine] { return std::uniform_real_distribution<double>(0.0, 1.0)(*engine); };
}

Session::Session(HttpTransport& transport, Sleeper& sleeper, const Clock& clock, Logger& log,
                 SessionOptions options, JitterSource jitter)
    : m_transport(transport), m_sleeper(sleeper), m_clock(clock), m_log(log),
      m_options(std::move(options)), m_jitter(std::move(jitter)),
      m_deadline(clock.now() + m_options.run_budget), m_not_before(clock.now()) {}

void Session::wait_until_allowed(const WaitCause& cause) {
    SysTime now = m_clock.now();
    if (now < m_not_before) {
        auto left = std::chrono::ceil<milliseconds>(m_not_before - now);
        m_progress->wait(left, retry_wait_message(cause.kind, cause.status, cause.attempt,
                                                  m_options.max_retries + 1, left));
    }
    // Loop: a sleep may end a little early against the wall clock, and the server's
    // Retry-After must never be anticipated.
    for (; now < m_not_before; now = m_clock.now())
        m_sleeper.sleep_for(std::chrono::ceil<milliseconds>(m_not_before - now));
}

void Session::note_rate_limit(const HttpResponse& response) {
    if (auto limit = header_int(response, "x-ratelimit-limit"))
        m_rate.limit = limit;
    if (auto remaining = header_int(response, "x-ratelimit-remaining"))
        m_rate.remaining = remaining;
}

HttpResponse Session::send_once(const HttpRequest& request) {
    auto started = std::chrono::steady_clock::now();
    HttpResponse response = m_transport.perform(request);
    ++m_requests;
    auto ms = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - started);
    note_rate_limit(response);
    if (response.error)
        KIVALS_LOG(m_log, http, "{} {} -> {} error ({} ms)", method_name(request.method),
                   redact_url(request.url), transport_error_name(response.error->kind), ms.count());
    else
        KIVALS_LOG(m_log, http, "{} {} -> {} ({} ms, rate limit {}/{})",
                   method_name(request.method), redact_url(request.url), response.status,
                   ms.count(), m_rate.remaining ? std::to_string(*m_rate.remaining) : "?",
                   m_rate.limit ? std::to_string(*m_rate.limit) : "?");
    return response;
}

nlohmann::json Session::call(Method method, const std::string& path_and_query,
                             const nlohmann::json* body, Replay replay) {
    HttpRequest request;
    request.method = method;
    request.url = m_options.store_url + path_and_query;
    request.headers = {{"Authorization", "Bearer " + m_options.token},
                       {"Accept", "application/json"},
                       {"User-Agent", m_options.user_agent}};
    if (body) {
        request.headers.emplace_back("Content-Type", "application/json");
        request.body = body->dump();
    }
    const std::string where = fmt::format("{} {}", method_name(method), redact_url(request.url));
    WaitCause cause = m_told_by; // before the first try: whatever an earlier answer asked for
    for (int attempt = 1;; ++attempt) {
        if (m_not_before > m_deadline)
            throw ApiError(ApiErrorKind::budget, 0, where,
                           fmt::format("Lightspeed asked kivals to wait until {}, past the run "
                                       "budget of {} s",
                                       iso8601(m_not_before), m_options.run_budget.count()));
        wait_until_allowed(cause);
        if (m_clock.now() > m_deadline)
            throw ApiError(
                ApiErrorKind::budget, 0, where,
                fmt::format("the run budget of {} s is used up", m_options.run_budget.count()));
        HttpResponse response = send_once(request);
        if (!response.error && response.status >= 200 && response.status < 300) {
            if (response.body.empty())
                return nullptr;
            auto parsed = nlohmann::json::parse(response.body, nullptr, false);
            if (parsed.is_discarded())
                throw ApiError(
                    ApiErrorKind::bad_response, response.status, where,
                    fmt::format("HTTP {} with a body that is not JSON", response.status));
            return parsed;
        }
        ApiErrorKind kind = response.error ? classify_transport(response.error->kind)
                                           : classify_status(response.status);
        bool retryable = replay == Replay::only_if_refused ? traits(kind).refused_before_acting
                                                           : traits(kind).retryable;
        std::optional<milliseconds> retry_after;
        if (auto header = response.header("retry-after"))
            retry_after = parse_retry_after(*header, m_clock.now());
        // The server's Retry-After holds for every later request of this session, whether or
        // not this one is retried: record it before anything below can throw.
        cause = {kind, response.status, attempt};
        if (retry_after && m_clock.now() + *retry_after > m_not_before) {
            m_not_before = m_clock.now() + *retry_after;
            m_told_by = {kind, response.status, 0};
        }
        if (!retryable)
            throw ApiError(kind, response.status, where, describe(response, kind));
        if (attempt > m_options.max_retries)
            throw ApiError(kind, response.status, where, describe(response, kind, attempt));
        milliseconds delay = retry_delay(attempt, retry_after, m_jitter(), m_options.backoff);
        SysTime resume = m_clock.now() + delay;
        if (resume > m_deadline)
            throw ApiError(ApiErrorKind::budget, response.status, where,
                           fmt::format("{}; the next try (at {}) would pass the run budget of {} s",
                                       describe(response, kind), iso8601(resume),
                                       m_options.run_budget.count()));
        KIVALS_LOG(m_log, http, "retry {} of {} in {} ms{}", attempt, m_options.max_retries,
                   delay.count(), retry_after ? " (Retry-After)" : "");
        m_not_before = std::max(m_not_before, resume);
    }
}

} // namespace kivals::lightspeed
