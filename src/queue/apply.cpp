#include <kivals/queue/policy.hpp>
#include <kivals/queue/queue.hpp>

#include <kivals/config/settings.hpp>
#include <kivals/core/crash_point.hpp>
#include <kivals/sync/stock_gate.hpp>
#include <kivals/sync/stock_store.hpp>
#include <kivals/sync/stock_view.hpp>
#include <kivals/sync/versions.hpp>
#include <kivals/webhook/payload.hpp>

#include <fmt/format.h>

namespace kivals::queue {
namespace {

// A transaction holds at most this many events, and at most k_changes_per_txn of them that
// changed something (stock or a product): a crash undoes one transaction, so that is what a
// crash makes the next run apply again. Events that end ignored (stale, superseded, other
// outlet) cost a verdict each, so a backlog of 100,000 is 50 commits, not 1,000.
constexpr std::size_t k_events_per_txn = 2000;
constexpr int k_changes_per_txn = 100;
// A backlog larger than this is reported to the progress display every this many events.
constexpr std::size_t k_progress_every = 100;

// How one event ended; `status` "pending" means it was left for a later run.
struct Outcome {
    std::string status;
    std::optional<std::string> reason;
    std::string detail;
};

struct Due {
    std::int64_t id;
    std::string type;
    std::optional<std::string> product_id;
    std::optional<std::string> outlet_id;
    std::optional<std::int64_t> version;
    int attempts;
};

std::vector<Due> load_due(db::Db& db, const std::string& now) {
    auto stmt = db.prepare("SELECT id, type, product_id, outlet_id, version, attempts FROM events "
                           "WHERE status = 'pending' OR (status = 'failed' AND "
                           "(next_attempt_at IS NULL OR next_attempt_at <= ?)) ORDER BY id");
    stmt.bind_all(now);
    std::vector<Due> due;
    while (stmt.step())
        due.push_back(Due{stmt.int64(0), stmt.text(1), stmt.opt_text(2), stmt.opt_text(3),
                          stmt.opt_int64(4), static_cast<int>(stmt.int64(5))});
    return due;
}

std::string record_key(const Due& e) {
    if (!e.product_id)
        return {};
    return e.type == "inventory.update"
               ? fmt::format("{}\x1f{}\x1f{}", e.type, *e.product_id, e.outlet_id.value_or(""))
               : fmt::format("{}\x1f{}", e.type, *e.product_id);
}

std::string payload_of(db::Db& db, std::int64_t id) {
    auto& stmt = db.cached("SELECT payload FROM events WHERE id = ?");
    stmt.bind_all(id);
    std::string payload = stmt.step() ? stmt.text(0) : std::string();
    stmt.reset();
    return payload;
}

// A delivery with a version no read of Lightspeed's makes plausible is refused: applied, it
// would make every later observation of the record look stale (model.hpp).
std::optional<Outcome> implausible(std::int64_t version, std::int64_t seen) {
    if (sync::plausible_delivery_version(version, seen))
        return std::nullopt;
    return Outcome{"ignored", "implausible-version",
                   fmt::format("version {} is far beyond the highest Lightspeed's reads have "
                               "shown ({}); if it is real, `kivals pull-sync --full` and `kivals "
                               "queue retry` take it",
                               version, seen)};
}

// The highest versions Lightspeed's own reads have shown. Applying events never raises them and
// a transaction keeps other writers out, so they are read once per transaction.
struct VersionsSeen {
    std::int64_t inventory = 0;
    std::int64_t product = 0;
};

VersionsSeen versions_seen(db::Db& db, const Clock& clock) {
    Settings settings(db, clock);
    return {sync::inventory_versions_seen(settings), sync::product_versions_seen(settings)};
}

Outcome apply_inventory(db::Db& db, sync::StockStore& store, const Due& e,
                        const ApplyOptions& options, const VersionsSeen& seen) {
    if (!options.outlet_id)
        return {"pending", "no-outlet", ""};
    auto payload = nlohmann::json::parse(payload_of(db, e.id), nullptr, false);
    if (payload.is_object() && webhook::probe_nonce(payload))
        return {"ignored", "probe", "a probe delivery (kivals webhooks test)"};
    auto parsed = webhook::parse_inventory_update(payload);
    if (auto* error = std::get_if<std::string>(&parsed))
        return {"ignored", "malformed", *error};
    const auto& update = std::get<webhook::InventoryUpdate>(parsed);
    if (update.outlet_id != *options.outlet_id)
        return {"ignored", "other-outlet", fmt::format("outlet {}", update.outlet_id)};
    if (auto refused = implausible(update.version, seen.inventory))
        return *refused;
    auto result = store.observe(update.product_id, update.count, update.version,
                                {"webhook", fmt::format("event:{}", e.id)});
    if (!result)
        return {"ignored", "unlinked", ""};
    if (*result == sync::Observation::applied)
        return {
            "applied", std::nullopt,
            fmt::format("Lightspeed Count {} at version {}", update.count.str(), update.version)};
    if (sync::push_recorded_version(db, update.product_id, update.version))
        return {"ignored", "echo", fmt::format("version {} came from our push", update.version)};
    return {"ignored", "stale", fmt::format("version {} is not newer", update.version)};
}

Outcome apply_product(db::Db& db, const Clock& clock, const Due& e, const VersionsSeen& seen) {
    auto payload = nlohmann::json::parse(payload_of(db, e.id), nullptr, false);
    auto parsed = webhook::parse_product_update(payload);
    if (auto* error = std::get_if<std::string>(&parsed))
        return {"ignored", "malformed", *error};
    const auto& p = std::get<webhook::ProductUpdate>(parsed);
    if (auto refused = implausible(p.version, seen.product))
        return *refused;
    auto& known = db.cached("SELECT version FROM ls_products WHERE id = ?");
    known.bind_all(p.id);
    std::optional<std::int64_t> known_version;
    if (known.step())
        known_version = known.int64(0);
    known.reset();
    std::string now = iso8601(clock.now());
    if (known_version) {
        if (p.version <= *known_version)
            return {"ignored", "stale", fmt::format("version {} is not newer", p.version)};
        db.cached("UPDATE ls_products SET name = ?, variant_name = coalesce(?, variant_name), "
                  "sku = ?, handle = coalesce(?, handle), variant_parent_id = ?, "
                  "has_inventory = coalesce(?, has_inventory), "
                  "is_composite = coalesce(?, is_composite), active = ?, deleted_at = ?, "
                  "version = ?, updated_at = ? WHERE id = ?")
            .bind_all(p.name, p.variant_name, p.sku, p.handle, p.variant_parent_id, p.has_inventory,
                      p.is_composite, p.active, p.deleted_at, p.version, now, p.id)
            .run();
        return {"applied", std::nullopt, fmt::format("product refreshed at version {}", p.version)};
    }
    // Never seen: imported unlinked, for an admin to link; nothing goes live until then.
    db.cached("INSERT INTO ls_products(id, name, variant_name, sku, handle, variant_parent_id, "
              "has_inventory, is_composite, active, deleted_at, version, imported_at, updated_at) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(p.id, p.name, p.variant_name, p.sku, p.handle, p.variant_parent_id,
                  p.has_inventory.value_or(true), p.is_composite.value_or(false), p.active,
                  p.deleted_at, p.version, now, now)
        .run();
    return {"applied", std::nullopt, "imported as unlinked"};
}

Outcome failure(const Due& e, const ApplyOptions& options, const std::string& error) {
    int attempts = e.attempts + 1;
    if (exhausted(attempts, options.max_attempts))
        return {"dead", error, fmt::format("attempt {} failed, giving up: {}", attempts, error)};
    return {"failed", error, fmt::format("attempt {} failed: {}", attempts, error)};
}

void record(db::Db& db, const Clock& clock, const Due& e, const Outcome& outcome) {
    SysTime now = clock.now();
    std::optional<std::string> next;
    if (outcome.status == "failed")
        next = iso8601(now + retry_delay(e.attempts + 1));
    db.cached("UPDATE events SET status = ?, reason = ?, attempts = attempts + 1, "
              "next_attempt_at = ?, updated_at = ? WHERE id = ?")
        .bind_all(outcome.status, outcome.reason, next, iso8601(now), e.id)
        .run();
    std::string label = outcome.status == "ignored" && outcome.reason
                            ? fmt::format("ignored: {}", *outcome.reason)
                            : outcome.status;
    db.cached("INSERT INTO event_attempts(event_id, at, outcome, detail) VALUES (?, ?, ?, ?)")
        .bind_all(e.id, iso8601(now), label, outcome.detail)
        .run();
}

void count(ApplyStats& stats, const Outcome& outcome) {
    if (outcome.status == "applied")
        ++stats.applied;
    else if (outcome.status == "ignored") {
        ++stats.ignored;
        ++stats.ignored_by_reason[outcome.reason.value_or("")];
    } else if (outcome.status == "failed")
        ++stats.failed;
    else if (outcome.status == "dead")
        ++stats.dead;
    else
        ++stats.kept_pending;
}

// What one transaction of apply_pending works with.
struct Batch {
    db::Db& db;
    const Clock& clock;
    sync::StockStore& store;
    const ApplyOptions& options;
    VersionsSeen seen;
};

// Apply one event inside a savepoint, so that its failure undoes only its own changes.
Outcome apply_one(const Batch& batch, const Due& e, std::int64_t newer) {
    auto& [db, clock, store, options, seen] = batch;
    if (newer != 0)
        return {"ignored", "stale", fmt::format("superseded by event {} in the same run", newer)};
    db.cached("SAVEPOINT event").run();
    try {
        Outcome outcome =
            e.type == "inventory.update" ? apply_inventory(db, store, e, options, seen)
            : e.type == "product.update" ? apply_product(db, clock, e, seen)
                                         : Outcome{"ignored", "malformed", "unknown type"};
        db.cached("RELEASE event").run();
        return outcome;
    } catch (const std::exception& error) {
        db.exec("ROLLBACK TO event; RELEASE event");
        return failure(e, options, error.what());
    }
}

} // namespace

ApplyStats apply_pending(db::Db& db, const Clock& clock, const ApplyOptions& options,
                         Progress& progress) {
    ApplyStats stats;
    if (!options.processing_enabled) {
        db::Txn txn(db);
        db.prepare("UPDATE events SET reason = 'processing-disabled' WHERE status = 'pending' "
                   "AND reason IS NOT 'processing-disabled'")
            .run();
        txn.commit();
        stats.kept_pending = static_cast<int>(pending_count(db));
        return stats;
    }
    std::vector<Due> due = load_due(db, iso8601(clock.now()));
    std::vector<Candidate> candidates;
    candidates.reserve(due.size());
    for (const Due& e : due)
        candidates.push_back(Candidate{e.id, record_key(e), e.version.value_or(0)});
    std::vector<std::int64_t> newer = superseded_by(candidates);
    sync::StockStore store(db, clock);
    std::size_t next = 0;
    while (next < due.size()) {
        if (options.deadline && clock.now() >= *options.deadline)
            break;
        sync::ObservationTxn txn(db);
        Batch batch{db, clock, store, options, versions_seen(db, clock)};
        int changes = 0;
        for (std::size_t end = std::min(due.size(), next + k_events_per_txn);
             next < end && changes < k_changes_per_txn; ++next) {
            Outcome outcome = apply_one(batch, due[next], newer[next]);
            count(stats, outcome);
            if (outcome.status == "applied")
                ++changes;
            if (outcome.status == "pending")
                db.cached("UPDATE events SET reason = ? WHERE id = ?")
                    .bind_all(outcome.reason, due[next].id)
                    .run();
            else
                record(db, clock, due[next], outcome);
            if (due.size() > k_progress_every && (next + 1) % k_progress_every == 0)
                progress.step("Applying events", static_cast<std::int64_t>(next + 1),
                              static_cast<std::int64_t>(due.size()), "events");
        }
        txn.commit();
        crash_point("queue.committed");
    }
    progress.finish();
    stats.kept_pending += static_cast<int>(due.size() - next);
    return stats;
}

} // namespace kivals::queue
