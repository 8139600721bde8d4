#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/db/db.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// The `events` table as the administrator sees it: `queue list|show|retry|purge`, and the
// counts `queue process`, `status` and `doctor` report. The queue's own work (ingest, apply)
// is in queue.hpp.
namespace kivals::queue {

// Every status an event can have (schema.cpp's CHECK), in lifecycle order.
inline constexpr const char* k_event_statuses[] = {"pending", "applied", "ignored", "failed",
                                                   "dead"};

// One event as listed.
struct EventRow {
    std::int64_t id = 0;
    std::string status;
    std::string type;
    std::optional<std::string> product_id;
    std::optional<std::string> outlet_id;
    std::optional<std::int64_t> version;
    std::int64_t attempts = 0;
    std::string received_at;
    std::optional<std::string> reason;
};

// One attempt to apply an event.
struct EventAttempt {
    std::string at;
    std::string outcome;
    std::optional<std::string> detail;
};

// One event with its payload and every attempt, for `queue show`.
struct EventDetail {
    EventRow row;
    std::optional<std::string> next_attempt_at;
    std::optional<std::string> spool_name;
    std::string payload;
    std::string updated_at;
    std::vector<EventAttempt> history;
};

class EventStore {
public:
    EventStore(db::Db& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    // Newest first; of one status when given.
    std::vector<EventRow> list(const std::optional<std::string>& status, std::int64_t limit);
    std::optional<EventDetail> find(std::int64_t id);

    // Make an event pending again with a fresh attempt budget; false when there is no such
    // event. The caller owns the transaction, as for the others that write.
    bool retry(std::int64_t id);
    // Make every failed and dead event pending again; return how many.
    std::int64_t retry_failed();
    // Delete applied and ignored events last changed before `cutoff`; return how many.
    std::int64_t purge(SysTime cutoff);

    std::int64_t count(std::string_view status);
    // Inventory events kept pending because outlet_id is not set.
    std::int64_t count_waiting_for_outlet();
    std::optional<SysTime> oldest_pending();
    // Return true when a probe delivery carrying `nonce` was taken in (and ignored).
    bool probe_seen(std::string_view nonce);

private:
    db::Db& m_db;
    const Clock& m_clock;
};

} // namespace kivals::queue
