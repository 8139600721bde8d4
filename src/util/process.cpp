#include <kivals/util/process.hpp>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace kivals {

void disable_core_dumps() {
    // Both: RLIMIT_CORE alone does not stop a core_pattern pipe, and a non-dumpable process
    // still dumps where fs.suid_dumpable is 2.
    struct rlimit none {};
    ::setrlimit(RLIMIT_CORE, &none);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

} // namespace kivals
