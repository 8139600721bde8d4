#pragma once

#include <kivals/config/config.hpp>
#include <kivals/core/clock.hpp>
#include <kivals/db/db.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

// The Status panel: what `kivals status` prints and the admin page shows, read once by both.
namespace kivals::admin {

struct StatusView {
    bool feature = true;
    bool webhook_processing = true;
    std::int64_t pending_webhooks = 0; // in the queue, plus the spool's when it is readable
    bool spool_readable = true;        // false: this user may not list the spool's new/
    std::optional<std::string> last_full_sync;
    std::optional<std::string> webhook_secret_masked; // nullopt: not set
    std::optional<std::string> outlet_id;
    std::int64_t linked_products = 0;
    std::int64_t unlinked_products = 0;
    std::optional<std::int64_t> last_pull_corrected; // nullopt: no pull-sync yet
    std::int64_t pushes_in_flight = 0;
};

// Count complete deliveries waiting in the spool (not yet taken into the database); nullopt
// when this user may not list it (only the kivals user can: docs/PERMISSIONS.md).
std::optional<std::int64_t> count_spooled(const Config& cfg);

// Read the Status panel from the database and the spool.
StatusView read_status(db::Db& db, const Config& cfg, const Clock& clock);

// Return the panel as `kivals status --json` prints it (docs/schemas/status.schema.json).
nlohmann::json status_json(const StatusView& status);

} // namespace kivals::admin
