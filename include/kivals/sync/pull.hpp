#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/core/progress.hpp>
#include <kivals/db/db.hpp>
#include <kivals/lightspeed/client.hpp>

#include <cstdint>
#include <optional>
#include <string>

// Pull-sync: walk Lightspeed's inventory with the version cursor and correct the stored
// Lightspeed Count of linked products (the safety net for missed webhooks).
namespace kivals::sync {

// Below this many products moved to zero the zero guard never trips (small catalogues).
inline constexpr std::int64_t k_zero_guard_min = 10;

// How to run a pull.
struct PullOptions {
    bool full = false;  // walk from the start (resuming an interrupted full walk)
    bool force = false; // skip the zero guard
    double zero_guard_share = 0.2;
    std::string outlet_id;
    std::optional<int> page_size;   // records per request; unset: the largest the API documents
    std::string kind = "pull-sync"; // sync_runs.kind; "read-back" after a push
};

// What a pull did.
struct PullReport {
    std::int64_t run_id = 0;
    std::int64_t pages = 0;
    std::int64_t seen = 0;         // records at our outlet of linked products
    std::int64_t first_levels = 0; // linked products whose level was not known yet
    std::int64_t corrected = 0;    // linked products whose known count differed: missed webhooks
    std::int64_t requests = 0;
    std::int64_t cursor_from = 0;
    std::int64_t cursor_to = 0;
};

// Return true when moving `zeros` of `linked` products to zero must stop for --force.
bool zero_guard_trips(std::int64_t zeros, std::int64_t linked, double share);

// Runs pulls. Each page commits by itself, with the cursor in the same transaction, so a
// crash or an exhausted retry loses nothing and the next run resumes where this one stopped.
// The next page is fetched while one is applied (Prefetch::one_page); the database is used
// on the calling thread only.
class Puller {
public:
    Puller(db::Db& db, lightspeed::Client& client, const Clock& clock, Logger& log)
        : m_db(db), m_client(client), m_clock(clock), m_log(log) {}

    // Say how far each run is to `progress` (which must outlive the Puller).
    Puller& report_to(Progress& progress) {
        m_progress = &progress;
        return *this;
    }

    // Walk and apply; throws Error (after recording the run as failed) when the walk fails
    // or the zero guard trips.
    PullReport run(const PullOptions& options);

private:
    db::Db& m_db;
    lightspeed::Client& m_client;
    const Clock& m_clock;
    Logger& m_log;
    SilentProgress m_silent;
    Progress* m_progress = &m_silent;
};

} // namespace kivals::sync
