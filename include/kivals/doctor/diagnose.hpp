#pragma once

#include <kivals/doctor/facts.hpp>

#include <string>
#include <string_view>
#include <vector>

// "Why isn't stock updating?": the facts `kivals doctor` gathered (facts.hpp), judged by
// pure rules into findings, each with the one command that fixes it.
namespace kivals::doctor {

// How much a finding matters, mildest first. The exit code follows the worst one.
enum class Severity {
    ok,       // fine
    warning,  // worth a look; stock still updates as it should
    degraded, // stock updates only through the hourly pull-sync (the safety net), or late
    problem,  // stock does not update (or updates wrongly) until it is fixed
};

// One conclusion: what is wrong (or fine), and the command that fixes it.
struct Finding {
    std::string id; // stable, for scripts and the admin page: "webhooks.missing"
    Severity severity = Severity::ok;
    std::string check;   // the part of the path it is about: "webhooks"
    std::string message; // what is wrong and why it matters, in the merchant's words
    // The one command that fixes it, as typed (UPPER-CASE words are the administrator's own
    // values: "kivals config set webhook.base_url URL"); empty when nothing needs doing.
    std::string fix;
};

// Judge the facts: the findings of every rule, the worst first.
std::vector<Finding> diagnose(const Facts& facts);

// Judge a probe delivery: webhooks.path_ok, or webhooks.unreachable saying what most likely
// happened and the fix (`kivals webhooks test` prints it; diagnose includes it).
Finding probe_finding(const ProbeFacts& probe);

// Return "ok", "warning", "degraded" or "problem".
std::string_view severity_name(Severity severity);

// kivals doctor's exit code for these findings: 0 when none is worse than a warning, 3 when
// the worst leaves stock to the hourly safety net (degraded), 1 when one blocks sync.
int exit_code(const std::vector<Finding>& findings);

} // namespace kivals::doctor
