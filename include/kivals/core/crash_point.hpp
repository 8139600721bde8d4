#pragma once

#include <string_view>

namespace kivals {

// Crash points let the simulation test kill kivals at an exact place, so that a seed replays
// the same crash (a timed SIGKILL lands somewhere different on every run).
//
// With KIVALS_CRASH_AT=NAME or NAME:N in the environment, the N-th (default first) call of
// crash_point(NAME) sends the process SIGKILL: no destructor, atexit handler or buffered
// write runs, exactly as with `kill -9`. KIVALS_STOP_AT=NAME[:N] sends SIGSTOP instead, so a
// test can run another process while this one stands still there, then SIGCONT it.
// Without the variables a call only compares strings.
void crash_point(std::string_view name);

} // namespace kivals
