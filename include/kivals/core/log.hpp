#pragma once

#include <fmt/format.h>

#include <cstdio>
#include <string>
#include <string_view>

namespace kivals {

// The named debug categories, enabled with --debug=http,sync or KIVALS_DEBUG.
enum class LogCategory : unsigned {
    http = 1u << 0,
    sync = 1u << 1,
    db = 1u << 2,
    queue = 1u << 3,
    link = 1u << 4,
    intake = 1u << 5,
    sim = 1u << 6,
    serve = 1u << 7,
};

// Diagnostic logging, kept apart from the command's output (always stderr or a file).
// Callers must never pass a secret: redact URLs with redact_url() first.
class Logger {
public:
    explicit Logger(std::FILE* sink = stderr) : m_sink(sink) {}

    // Enable the categories named in a comma-separated list ("http,sync", "all").
    // Return the names that are not categories (empty when all were understood).
    std::string enable(std::string_view list);

    // Return true when `category` is enabled.
    bool enabled(LogCategory category) const {
        return (m_mask & static_cast<unsigned>(category)) != 0;
    }

    // Write one line in `category`.
    void write(LogCategory category, std::string_view message) const;

private:
    unsigned m_mask = 0;
    std::FILE* m_sink;
};

// Return the name of a category ("http").
std::string_view category_name(LogCategory category);

} // namespace kivals

// Log a fmt-formatted line when its category is on; the arguments are not evaluated otherwise.
#define KIVALS_LOG(logger, category, ...)                                                          \
    do {                                                                                           \
        if ((logger).enabled(::kivals::LogCategory::category))                                     \
            (logger).write(::kivals::LogCategory::category, ::fmt::format(__VA_ARGS__));           \
    } while (0)
