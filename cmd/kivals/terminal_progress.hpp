#pragma once

#include <kivals/core/progress.hpp>

#include <chrono>
#include <cstdio>
#include <string>

namespace kivals::cli {

// Progress on a terminal: one line on `out` that each step or wait replaces, redrawn at most
// ten times a second (a wait always at once), cleared by finish() and on destruction, so that
// an error message after it starts on a clean line.
class TerminalProgress final : public Progress {
public:
    explicit TerminalProgress(std::FILE* out);
    ~TerminalProgress() override { finish(); }
    TerminalProgress(const TerminalProgress&) = delete;
    TerminalProgress& operator=(const TerminalProgress&) = delete;

    void step(std::string_view task, std::int64_t done, std::int64_t total,
              std::string_view unit) override;
    void wait(std::chrono::milliseconds duration, std::string_view message) override;
    void finish() override;

private:
    void show(std::string_view line);

    std::FILE* m_out;
    std::size_t m_width;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_last{};
};

} // namespace kivals::cli
