// kivals push: send pending changes to Lightspeed.
#include "commands.hpp"

namespace kivals::cli {

int push_products(Env &, const std::vector<std::string> &) {
    fail(Exit::failure, "push is not available in this build yet");
}

} // namespace kivals::cli
