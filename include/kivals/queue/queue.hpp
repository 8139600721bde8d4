#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/progress.hpp>
#include <kivals/db/db.hpp>
#include <kivals/webhook/spool_reader.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The webhook queue: deliveries taken from the spool into the `events` table, then applied
// in order, each ending applied, ignored (with a reason) or failed (with the error).
namespace kivals::queue {

// The `events` row made from one spool file.
struct SpoolEvent {
    std::string type = "unknown";
    std::string received_at;
    std::string payload;
    std::optional<std::string> product_id;
    std::optional<std::string> outlet_id;
    std::optional<std::int64_t> version;
    std::string status = "pending";
    std::optional<std::string> reason;
};

// Decode a spool file's text into its row (pure). A file that is not a valid delivery becomes
// an ignored row that keeps the raw text, so nothing the intake acknowledged disappears
// unexplained; `now` is its received_at when the file does not say.
SpoolEvent event_from_spool_file(std::string_view text, std::string now, int max_json_depth);

// What ingest_spool did.
struct IngestResult {
    int taken = 0;     // spool files now in the database (and removed from the spool)
    int malformed = 0; // of which could not be read as a delivery (kept as ignored events)
    std::vector<webhook::QuarantineEntry> quarantined; // odd entries moved out of the way
};

// Take every complete delivery in the spool into `events`, in arrival order, in batches:
// each batch commits before its files are handed to spool.remove() (which unlinks them while
// the caller goes on; see SpoolReader::finish_removals), and a file already taken (a crash
// between commit and unlink) is recognised by its name and only unlinked. Whatever in the spool
// is not a delivery (spool_reader.hpp) is quarantined and the deliveries behind it are still
// taken. A backlog of more than one batch is reported to `progress`.
IngestResult ingest_spool(db::Db& db, webhook::SpoolReader& spool, const Clock& clock,
                          int max_json_depth, Progress& progress);

// Read Lightspeed's inventory of these products in its own version space and apply it to
// stock (cmd/ passes sync::Puller::refresh); throws Error when Lightspeed cannot be read.
using ReadProducts = std::function<void(const std::vector<std::string>& product_ids)>;

// How apply_pending runs.
struct ApplyOptions {
    bool processing_enabled = true;       // feature and webhook processing both on
    std::optional<std::string> outlet_id; // the configured outlet; unset keeps inventory pending
    int max_attempts = 8;                 // failures before an event is dead
    std::optional<SysTime> deadline;      // stop starting new events after this time
    ReadProducts read;                    // for doorbells; unset keeps them pending
    std::chrono::seconds recheck_after{
        30}; // before a doorbell that found another level rings again
};

// What apply_pending did, for the summary and the exit code.
struct ApplyStats {
    int applied = 0;
    int ignored = 0;
    int failed = 0;
    int dead = 0;
    int kept_pending = 0;  // processing disabled, no outlet set, out of time, or to re-read
    int products_read = 0; // products rung by inventory.update deliveries and read
    std::map<std::string, int> ignored_by_reason;
};

// Apply due events (pending, and failed or waiting whose time has come) in id order: one
// step, cheap enough for `queue follow` to call in a loop after ingest_spool. Several events
// for one record collapse to the newest (in the webhook's own version order); the rest are
// ignored as stale. product.update refreshes the catalogue. An inventory.update is a doorbell
// (policy.hpp): the products rung in this step are read once, together, through
// `options.read`, and each delivery is judged by what the read showed; only where echoes
// proved the webhook's counter the API's (VersionSpace::same) is its payload applied
// directly. Stock changes only through the StockStore and never plans a push. Throws what
// `options.read` throws, after committing every other outcome (the doorbells stay pending).
// A backlog of more than one batch is reported to `progress`.
ApplyStats apply_pending(db::Db& db, const Clock& clock, const ApplyOptions& options,
                         Progress& progress);

// Return how many events wait to be applied (pending or failed).
std::int64_t pending_count(db::Db& db);

// How one step of the queue runs: `queue process` runs one, `queue follow` one each time
// deliveries land (the caller holds the queue job lock).
struct StepOptions {
    std::filesystem::path spool_dir;
    std::size_t max_file_bytes = 0; // larger spool files are quarantined
    int max_json_depth = 64;
    int max_attempts = 8;
    std::optional<SysTime> deadline;        // stop starting new events after this time
    std::chrono::seconds recheck_after{30}; // ApplyOptions::recheck_after
    // Read these products at this outlet for the doorbells (cmd/ passes sync::Puller::refresh);
    // unset keeps them pending.
    std::function<void(const std::vector<std::string>& product_ids, const std::string& outlet_id)>
        read;
};

// What a step did.
struct StepResult {
    IngestResult taken;
    ApplyStats stats;
    bool processing_enabled = true;
    bool outlet_set = true;
    std::int64_t waiting_for_outlet = 0; // inventory events kept until outlet_id is set
    std::int64_t left = 0;               // events still pending or failed afterwards
};

// Take the spool in, then apply what is due with the settings as they are now (processing
// switches, outlet; the doorbells read through `options.read`), and record the run in the
// state. Throws what the read throws, after committing every other outcome. The spool files taken
// in are unlinked while the events are applied, and are all gone (new/ fsynced) when it returns.
StepResult run_step(db::Db& db, const Clock& clock, const StepOptions& options, Progress& progress);

} // namespace kivals::queue
