#include "counts.hpp"

#include <filesystem>

namespace kivals::cli {

std::optional<std::int64_t> count_spooled(const Config& cfg) {
    std::error_code ec;
    std::int64_t n = 0;
    auto it = std::filesystem::directory_iterator(cfg.spool_dir / "new", ec);
    if (ec == std::errc::permission_denied)
        return std::nullopt;
    for (; !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
        ++n;
    return n;
}

} // namespace kivals::cli
