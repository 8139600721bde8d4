#include <kivals/core/crash_point.hpp>
#include <kivals/core/text.hpp>

#include <csignal>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace kivals {
namespace {

struct Target {
    std::string name; // empty: no point armed
    long remaining = 0;
};

Target read_target(const char* variable) {
    const char* spec = std::getenv(variable);
    if (!spec || !*spec)
        return {};
    std::string_view text(spec);
    Target target{std::string(text), 1};
    if (auto colon = text.rfind(':'); colon != std::string_view::npos) {
        auto n = parse_int<long>(text.substr(colon + 1));
        if (n && *n > 0)
            target = {std::string(text.substr(0, colon)), *n};
    }
    return target;
}

bool reached(Target& target, std::string_view name) {
    return !target.name.empty() && name == target.name && --target.remaining == 0;
}

} // namespace

void crash_point(std::string_view name) {
    static Target crash = read_target("KIVALS_CRASH_AT");
    static Target stop = read_target("KIVALS_STOP_AT");
    if (reached(stop, name))
        ::kill(::getpid(), SIGSTOP);
    if (reached(crash, name))
        ::kill(::getpid(), SIGKILL);
}

} // namespace kivals
