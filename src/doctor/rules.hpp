#pragma once

#include <kivals/doctor/diagnose.hpp>

#include <vector>

// The rules of `kivals doctor`, one function per part of the path; diagnose.cpp lists them
// in one table. Each adds its findings (an ok one when its part is fine and was checked).
namespace kivals::doctor {

using Findings = std::vector<Finding>;

// Return how long ago `then` was, in words: "just now", "12 minutes ago", "3 hours ago".
std::string age(SysTime now, SysTime then);

void database_rule(const Facts& f, Findings& out);
void settings_rule(const Facts& f, Findings& out);
void toggles_rule(const Facts& f, Findings& out);
void lightspeed_rule(const Facts& f, Findings& out);
void webhooks_rule(const Facts& f, Findings& out);
void intake_rule(const Facts& f, Findings& out);
void queue_rule(const Facts& f, Findings& out);
void links_rule(const Facts& f, Findings& out);
void pull_sync_rule(const Facts& f, Findings& out);
void push_rule(const Facts& f, Findings& out);
void locks_rule(const Facts& f, Findings& out);

} // namespace kivals::doctor
