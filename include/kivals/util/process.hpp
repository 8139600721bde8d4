#pragma once

namespace kivals {

// Make this process write no core dump, and refuse ptrace by other processes of its user: a
// long-running process that holds the Lightspeed token (`kivals serve`) must not leave it in a
// core file. Throws nothing; a system that refuses leaves the defaults.
void forbid_core_dumps();

} // namespace kivals
