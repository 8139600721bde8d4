#include "rules.hpp"

#include <kivals/core/error.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace kivals::doctor {
namespace {

using Rule = void (*)(const Facts&, Findings&);

// Every rule, in the order of the path a stock change travels: the database and settings,
// Lightspeed and its webhooks, the intake and the queue, then the links and the jobs.
constexpr std::array<Rule, 11> k_rules{
    database_rule, settings_rule, toggles_rule,   lightspeed_rule, webhooks_rule, intake_rule,
    queue_rule,    links_rule,    pull_sync_rule, push_rule,       locks_rule,
};

} // namespace

std::string age(SysTime now, SysTime then) {
    auto m = std::chrono::duration_cast<std::chrono::minutes>(now - then).count();
    if (m < 2)
        return "just now";
    if (m < 120)
        return fmt::format("{} minutes ago", m);
    if (m < 48 * 60)
        return fmt::format("{} hours ago", m / 60);
    return fmt::format("{} days ago", m / (60 * 24));
}

std::vector<Finding> diagnose(const Facts& facts) {
    Findings out;
    for (Rule rule : k_rules)
        rule(facts, out);
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
        return static_cast<int>(a.severity) > static_cast<int>(b.severity);
    });
    return out;
}

std::string_view severity_name(Severity severity) {
    switch (severity) {
    case Severity::ok:
        return "ok";
    case Severity::warning:
        return "warning";
    case Severity::degraded:
        return "degraded";
    case Severity::problem:
        return "problem";
    }
    return "?";
}

int exit_code(const std::vector<Finding>& findings) {
    Severity worst = Severity::ok;
    for (const auto& finding : findings)
        worst = std::max(worst, finding.severity);
    if (worst == Severity::problem)
        return to_int(Exit::failure);
    return worst == Severity::degraded ? to_int(Exit::partial) : to_int(Exit::ok);
}

} // namespace kivals::doctor
