#pragma once

#include "command.hpp"

#include <kivals/doctor/diagnose.hpp>

namespace kivals::cli {

// Gather what `kivals doctor` judges: the database, the settings, the intake's files and the
// spool, the job locks; and unless `offline`, what Lightspeed says about the outlet and the
// webhooks (when the store URL and token are set) and a probe sent down the web path (when
// webhook.base_url is).
doctor::Facts gather_doctor_facts(Env& env, bool offline);

// Return a finding as JSON: id, severity, check, message, fix.
nlohmann::json finding_json(const doctor::Finding& finding);

// Print a finding for a person: its severity, check and message, then its fix.
void print_finding(const doctor::Finding& finding);

} // namespace kivals::cli
