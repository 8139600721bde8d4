#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/core/progress.hpp>
#include <kivals/db/db.hpp>
#include <kivals/lightspeed/client.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Pull-sync: walk Lightspeed's inventory with the version cursor and correct the stored
// Lightspeed Count of linked products (the safety net for missed webhooks).
namespace kivals::sync {

// Below this many products moved to zero the zero guard never trips (small catalogues).
inline constexpr std::int64_t k_zero_guard_min = 10;

// The most rung products read one by one rather than by one incremental walk.
inline constexpr std::size_t k_reads_per_product = 2;

// How to run a pull.
struct PullOptions {
    bool full = false;  // walk from the start (resuming an interrupted full walk)
    bool force = false; // skip the zero guard
    double zero_guard_share = 0.2;
    std::string outlet_id;
    std::optional<int> page_size;   // records per request; unset: the largest the API documents
    std::string kind = "pull-sync"; // sync_runs.kind; "read-back" after a push, "queue-read"
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

    // Read the inventory of `products` in Lightspeed's own version space and apply it (the
    // webhook queue's doorbells, queue.hpp): newest API version wins, as in a pull. One walk
    // from the pull cursor costs at least two requests (a page, and the empty page that ends
    // it) and corrects every linked product it passes; a product's own read costs one, so up
    // to k_reads_per_product products are read one by one. Returns the requests made.
    std::int64_t refresh(const std::vector<std::string>& products, const std::string& outlet_id);

private:
    db::Db& m_db;
    lightspeed::Client& m_client;
    const Clock& m_clock;
    Logger& m_log;
    SilentProgress m_silent;
    Progress* m_progress = &m_silent;
};

} // namespace kivals::sync
