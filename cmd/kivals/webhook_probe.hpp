#pragma once

#include "command.hpp"

#include <kivals/doctor/facts.hpp>
#include <kivals/webhook/webhook_url.hpp>

namespace kivals::cli {

// Send a probe delivery to kivals' inventory.update URL (made from `parts`), the way
// Lightspeed would, and see whether it reached this installation's spool (or was already
// taken in by queue process, which ignores it as a probe).
doctor::ProbeFacts send_probe(Env& env, const webhook::UrlParts& parts);

} // namespace kivals::cli
