#pragma once

#include <fmt/format.h>

#include <stdexcept>
#include <string>

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

// Abandon the current command: the message is shown to the user as one line on stderr
// and the process exits with `code`. Expected, per-item failures are returned as values
// instead; this is for "stop here".
class Error : public std::runtime_error {
public:
    Error(Exit code, const std::string& message) : std::runtime_error(message), m_code(code) {}

    Exit code() const { return m_code; }

private:
    Exit m_code;
};

// Throw an Error with a fmt-formatted message.
template <typename... Args>
[[noreturn]] void fail(Exit code, fmt::format_string<Args...> format, Args&&... args) {
    throw Error(code, fmt::format(format, std::forward<Args>(args)...));
}

} // namespace kivals
