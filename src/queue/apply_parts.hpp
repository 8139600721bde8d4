#pragma once

// The parts of apply_pending shared by its files (apply.cpp: the run and the deliveries
// applied directly; doorbell.cpp: the deliveries that ring for a read).
#include <kivals/core/clock.hpp>
#include <kivals/core/qty.hpp>
#include <kivals/db/db.hpp>
#include <kivals/queue/queue.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kivals::queue::detail {

// One event due to be applied.
struct Due {
    std::int64_t id;
    std::string type;
    std::optional<std::string> product_id;
    std::optional<std::string> outlet_id;
    std::optional<std::int64_t> version;
    int attempts;
};

// How one event ended; `status` "pending" means it was left for a later run (with
// `next_attempt_at` when it must wait until then).
struct Outcome {
    std::string status;
    std::optional<std::string> reason;
    std::string detail;
    std::optional<SysTime> next_attempt_at = std::nullopt;
};

// An inventory.update at the configured outlet for a linked product, waiting for the read.
struct Rung {
    Due event;
    Qty told;                        // the level its delivery told
    std::int64_t payload_version;    // in the webhook's own space: never compared with the API's
    std::int64_t version_before = 0; // the stored API version before the read
};

// Write an event's outcome and its attempt row (the caller's transaction).
void record(db::Db& db, const Clock& clock, const Due& e, const Outcome& outcome);

// Add an outcome to the run's statistics.
void count(ApplyStats& stats, const Outcome& outcome);

// After the read: judge each rung event, record it, and learn the version space from echoes.
void settle_doorbells(db::Db& db, const Clock& clock, const std::vector<Rung>& rung,
                      const ApplyOptions& options, ApplyStats& stats);

} // namespace kivals::queue::detail
