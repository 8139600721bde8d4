#include <kivals/util/process.hpp>

#include <sys/prctl.h>
#include <sys/resource.h>

namespace kivals {

void forbid_core_dumps() {
    rlimit none{0, 0};
    ::setrlimit(RLIMIT_CORE, &none);
    ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

} // namespace kivals
