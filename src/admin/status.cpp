#include <kivals/admin/status.hpp>
#include <kivals/catalog/links.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/core/redact.hpp>
#include <kivals/core/text.hpp>
#include <kivals/queue/queue.hpp>
#include <kivals/sync/push_inflight.hpp>

#include <filesystem>

namespace kivals::admin {

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

StatusView read_status(db::Db& db, const Config& cfg, const Clock& clock) {
    Settings settings(db, clock);
    StatusView out;
    out.feature = settings.enabled("feature");
    out.webhook_processing = settings.enabled("webhook_processing");
    std::optional<std::int64_t> spooled = count_spooled(cfg);
    out.spool_readable = spooled.has_value();
    out.pending_webhooks = spooled.value_or(0) + queue::pending_count(db);
    out.last_full_sync = settings.state(state_keys::k_last_full_sync);
    // Products the last finished pull-sync corrected: each one is a webhook that was missed.
    if (auto text = settings.state(state_keys::k_last_pull_corrected))
        if (auto n = parse_int<std::int64_t>(*text))
            out.last_pull_corrected = *n;
    if (auto secret = settings.stored("webhook.secret"))
        out.webhook_secret_masked = mask_secret(*secret);
    out.outlet_id = settings.get("outlet_id");
    out.linked_products = catalog::count_links(db);
    out.unlinked_products = catalog::count_linkable_unlinked(db);
    out.pushes_in_flight = sync::InflightStore(db, clock).count();
    return out;
}

nlohmann::json status_json(const StatusView& s) {
    auto or_null = [](const auto& value) {
        return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
    };
    return {{"feature", s.feature},
            {"webhook_processing", s.webhook_processing},
            {"pending_webhooks", s.pending_webhooks},
            {"spool_readable", s.spool_readable},
            {"last_full_sync", or_null(s.last_full_sync)},
            {"webhook_secret_set", s.webhook_secret_masked.has_value()},
            {"outlet_id", or_null(s.outlet_id)},
            {"linked_products", s.linked_products},
            {"unlinked_products", s.unlinked_products},
            {"last_pull_sync_corrected", or_null(s.last_pull_corrected)},
            {"pushes_in_flight", s.pushes_in_flight}};
}

} // namespace kivals::admin
