#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kivals {

// The documented exit codes of every kivals program (see man/kivals.1, EXIT STATUS).
enum class Exit : int {
    ok = 0,
    failure = 1,    // the command could not do what was asked
    usage = 2,      // bad command line
    partial = 3,    // a bulk run finished, but some items failed
    temporary = 75, // try again later: lock held, rate limited, service unavailable
    config = 78,    // configuration is missing, malformed or refers to nothing usable
};

// Return the exit code as the integer a process returns.
constexpr int to_int(Exit e) {
    return static_cast<int>(e);
}

// Why something failed, as a stable name that scripts and the store act on: the `code` of
// every JSON error the CLI (`--json`) and the store API print. The list is documented in
// kivals(1) and docs/store-api.yaml; names are never renamed or reused.
enum class ErrorCode {
    failed,                 // the command could not do what was asked (no finer code)
    usage,                  // a bad command line
    config,                 // configuration missing, malformed or unusable
    temporary,              // try again later: a lock held, the database busy, rate limited
    internal,               // an unexpected error (a bug)
    unauthorized,           // no store key, or the wrong one
    not_found,              // no such path
    method_not_allowed,     // the path exists, the method does not
    unsupported_media_type, // a request body that is not application/json
    body_too_large,         // a request body over the limit
    invalid_json,           // a body that is not one JSON object (or nests too deep)
    invalid_request,        // a field or parameter of the wrong type, missing or out of range
    unknown_field,          // a body field the operation does not take
    invalid_quantity,       // a quantity that is not a whole number of units above zero
    invalid_cursor,         // a change-feed cursor that is not a whole number >= 0
    cursor_ahead,           // a cursor beyond the feed's newest change (another database?)
    unknown_product,        // no Kiva product with that id
    not_linked,             // the Kiva product is not linked to a Lightspeed product
    unknown_order,          // no order with that id
    unknown_line,           // no line with that number in the order
    oversell,               // fewer units available than requested
    line_conflict,          // the order line already reserves something else
    line_closed,            // the order line is already cancelled or fulfilled
};

// Return the stable name of a code ("oversell", "not_linked", ...).
std::string_view code_name(ErrorCode code);

// Return every code, in the order of the enum.
std::vector<ErrorCode> all_error_codes();

// Return the code a failure with this exit code has when nothing finer is known.
ErrorCode default_code(Exit exit);

// Abandon the current command: the message is shown to the user as one line on stderr (or as
// a JSON error object under --json) and the process exits with `code`. Expected, per-item
// failures are returned as values instead; this is for "stop here".
class Error : public std::runtime_error {
public:
    Error(Exit code, const std::string& message)
        : std::runtime_error(message), m_code(code), m_error_code(default_code(code)) {}
    Error(Exit code, ErrorCode error_code, const std::string& message)
        : std::runtime_error(message), m_code(code), m_error_code(error_code) {}

    Exit code() const { return m_code; }
    // Return why it failed, for JSON error objects.
    ErrorCode error_code() const { return m_error_code; }

private:
    Exit m_code;
    ErrorCode m_error_code;
};

// Throw an Error with a fmt-formatted message.
template <typename... Args>
[[noreturn]] void fail(Exit code, fmt::format_string<Args...> format, Args&&... args) {
    throw Error(code, fmt::format(format, std::forward<Args>(args)...));
}

// Throw an Error with a finer code than the exit code's default.
template <typename... Args>
[[noreturn]] void fail(Exit code, ErrorCode error_code, fmt::format_string<Args...> format,
                       Args&&... args) {
    throw Error(code, error_code, fmt::format(format, std::forward<Args>(args)...));
}

} // namespace kivals
