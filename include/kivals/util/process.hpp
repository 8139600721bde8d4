#pragma once

// Process-wide protections for the programs that hold a secret.
namespace kivals {

// Make this process write no core dump and refuse ptrace from other processes of its user:
// RLIMIT_CORE 0 (soft and hard) and PR_SET_DUMPABLE 0. kivals holds the API token,
// kivals-webhook the webhook secret and kivals-lssim its token; a core file would keep them
// on disk. Call it first thing in main(). Throws nothing: a failure leaves things as they were.
void disable_core_dumps();

} // namespace kivals
