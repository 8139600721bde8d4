#include "prompt.hpp"

#include <kivals/core/error.hpp>

#include <cstdio>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace kivals::cli {
namespace {

// Turns terminal echo off for its lifetime.
class NoEcho {
public:
    NoEcho() {
        if (tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
    }
    ~NoEcho() {
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    NoEcho(const NoEcho&) = delete;
    NoEcho& operator=(const NoEcho&) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

std::string read_secret_line(const std::string& prompt) {
    std::string line;
    if (isatty(STDIN_FILENO)) {
        fmt::print(stderr, "{}", prompt);
        std::fflush(stderr);
        NoEcho no_echo;
        std::getline(std::cin, line);
        fmt::print(stderr, "\n");
    } else {
        std::getline(std::cin, line);
    }
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    if (line.empty())
        fail(Exit::usage, "no value was given on standard input");
    return line;
}

} // namespace kivals::cli
