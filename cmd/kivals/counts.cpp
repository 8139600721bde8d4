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

std::int64_t count_linkable_unlinked(db::Db& db) {
    return db.scalar("SELECT count(*) FROM ls_products p WHERE p.deleted_at IS NULL "
                     "AND p.has_inventory = 1 AND p.is_composite = 0 AND NOT EXISTS "
                     "(SELECT 1 FROM links l WHERE l.lightspeed_id = p.id)");
}

} // namespace kivals::cli
