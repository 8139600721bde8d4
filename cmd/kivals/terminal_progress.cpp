#include "terminal_progress.hpp"

#include <fmt/format.h>

#include <sys/ioctl.h>

namespace kivals::cli {
namespace {

constexpr std::chrono::milliseconds k_redraw{100};

// Return the terminal's width in columns (80 when it does not say).
std::size_t columns(std::FILE* out) {
    struct winsize size {};
    if (::ioctl(fileno(out), TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
        return size.ws_col;
    return 80;
}

} // namespace

TerminalProgress::TerminalProgress(std::FILE* out) : m_out(out), m_width(columns(out)) {}

void TerminalProgress::step(std::string_view task, std::int64_t done, std::int64_t total,
                            std::string_view unit) {
    auto now = std::chrono::steady_clock::now();
    bool last = total > 0 && done >= total;
    if (m_shown && now - m_last < k_redraw && !last)
        return;
    m_last = now;
    show(step_text(task, done, total, unit));
}

void TerminalProgress::wait(std::chrono::milliseconds, std::string_view message) {
    m_last = std::chrono::steady_clock::now();
    show(message);
}

void TerminalProgress::finish() {
    if (!m_shown)
        return;
    fmt::print(m_out, "\r\033[K");
    std::fflush(m_out);
    m_shown = false;
}

void TerminalProgress::show(std::string_view line) {
    // A line that wraps could not be replaced: "\r" only goes back to the start of its last row.
    if (line.size() >= m_width)
        line = line.substr(0, m_width - 1);
    fmt::print(m_out, "\r\033[K{}", line);
    std::fflush(m_out);
    m_shown = true;
}

} // namespace kivals::cli
