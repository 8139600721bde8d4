#include "apply_parts.hpp"

#include <kivals/config/state_keys.hpp>
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

#include <algorithm>

namespace kivals::queue {
namespace {

using detail::Due;
using detail::Outcome;
using detail::Rung;

// A transaction holds at most this many events, and at most k_changes_per_txn of them that
// changed something (stock or a product): a crash undoes one transaction, so that is what a
// crash makes the next run apply again. Events that end ignored (stale, superseded, other
// outlet) or ring for a read cost a verdict each, so a backlog of 100,000 is 50 commits, not
// 1,000. The rung deliveries are settled after the read, in one transaction of their own.
constexpr std::size_t k_events_per_txn = 2000;
constexpr int k_changes_per_txn = 100;
// A backlog larger than this is reported to the progress display every this many events.
constexpr std::size_t k_progress_every = 100;

// Pending events wait for their next_attempt_at too (a doorbell to read again).
std::vector<Due> load_due(db::Db& db, const std::string& now) {
    auto stmt = db.prepare("SELECT id, type, product_id, outlet_id, version, attempts FROM events "
                           "WHERE status IN ('pending', 'failed') AND "
                           "(next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY id");
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

// The highest versions Lightspeed's own reads have shown. Applying events never raises them (the
// doorbells' read comes after the run) and a transaction keeps other writers out, so they are
// read once per transaction.
struct VersionsSeen {
    std::int64_t inventory = 0;
    std::int64_t product = 0;
};

VersionsSeen versions_seen(db::Db& db, const Clock& clock) {
    Settings settings(db, clock);
    return {sync::inventory_versions_seen(settings), sync::product_versions_seen(settings)};
}

// What one run knows before it applies anything, and what one transaction of it works with.
struct RunContext {
    db::Db& db;
    const Clock& clock;
    sync::StockStore& store;
    const ApplyOptions& options;
    VersionSpace space; // what echoes proved of the webhook's version counter
    std::vector<Rung>& rung;
    VersionsSeen seen{}; // refreshed for each transaction
};

// Apply an inventory.update's payload as an observation: only where the webhook's counter is
// proven the API's (VersionSpace::same), so that its version may be ordered against reads.
Outcome apply_payload(RunContext& run, const Due& e, const webhook::InventoryUpdate& update) {
    if (auto refused = implausible(update.version, run.seen.inventory))
        return *refused;
    auto result = run.store.observe(update.product_id, update.count, update.version,
                                    {"webhook", fmt::format("event:{}", e.id)});
    if (*result == sync::Observation::applied)
        return {
            "applied", std::nullopt,
            fmt::format("Lightspeed Count {} at version {}", update.count.str(), update.version)};
    if (sync::push_recorded_version(run.db, update.product_id, update.version))
        return {"ignored", "echo", fmt::format("version {} came from our push", update.version)};
    return {"ignored", "stale", fmt::format("version {} is not newer", update.version)};
}

// Settle what needs no read (malformed, other outlets, unlinked products); apply the payload
// where the counter is proven one; otherwise ring: nullopt, the event joins `run.rung`.
std::optional<Outcome> apply_inventory(RunContext& run, const Due& e) {
    if (!run.options.outlet_id)
        return Outcome{"pending", "no-outlet", ""};
    auto payload = nlohmann::json::parse(payload_of(run.db, e.id), nullptr, false);
    if (payload.is_object() && webhook::probe_nonce(payload))
        return Outcome{"ignored", "probe", "a probe delivery (kivals webhooks test)"};
    auto parsed = webhook::parse_inventory_update(payload);
    if (!parsed)
        return Outcome{"ignored", "malformed", parsed.error()};
    const webhook::InventoryUpdate& update = *parsed;
    if (update.outlet_id != *run.options.outlet_id)
        return Outcome{"ignored", "other-outlet", fmt::format("outlet {}", update.outlet_id)};
    auto stock = run.store.load(update.product_id);
    if (!stock)
        return Outcome{"ignored", "unlinked", ""};
    if (run.space == VersionSpace::same)
        return apply_payload(run, e, update);
    run.rung.push_back(Rung{e, update.count, update.version, stock->version});
    return std::nullopt;
}

Outcome apply_product(db::Db& db, const Clock& clock, const Due& e, const VersionsSeen& seen) {
    auto payload = nlohmann::json::parse(payload_of(db, e.id), nullptr, false);
    auto parsed = webhook::parse_product_update(payload);
    if (!parsed)
        return {"ignored", "malformed", parsed.error()};
    const webhook::ProductUpdate& p = *parsed;
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

// Apply one event inside a savepoint, so that its failure undoes only its own changes;
// nullopt when it rang for a read.
std::optional<Outcome> apply_one(RunContext& run, const Due& e, std::int64_t newer) {
    if (newer != 0)
        return Outcome{"ignored", "stale",
                       fmt::format("superseded by event {} in the same run", newer)};
    db::Db& db = run.db;
    db.cached("SAVEPOINT event").run();
    try {
        std::optional<Outcome> outcome = e.type == "inventory.update" ? apply_inventory(run, e)
                                         : e.type == "product.update"
                                             ? apply_product(db, run.clock, e, run.seen)
                                             : Outcome{"ignored", "malformed", "unknown type"};
        db.cached("RELEASE event").run();
        return outcome;
    } catch (const std::exception& error) {
        db.exec("ROLLBACK TO event; RELEASE event");
        return failure(e, run.options, error.what());
    }
}

VersionSpace known_space(db::Db& db, const Clock& clock) {
    Settings settings(db, clock);
    return space_from_name(settings.state(state_keys::k_webhook_versions).value_or(""));
}

// Read the rung products once, together, then settle their events.
void ring(db::Db& db, const Clock& clock, const std::vector<Rung>& rung,
          const ApplyOptions& options, ApplyStats& stats) {
    if (rung.empty())
        return;
    if (!options.read || (options.deadline && clock.now() >= *options.deadline)) {
        stats.kept_pending += static_cast<int>(rung.size());
        return;
    }
    std::vector<std::string> products;
    for (const Rung& r : rung)
        products.push_back(*r.event.product_id);
    std::sort(products.begin(), products.end());
    products.erase(std::unique(products.begin(), products.end()), products.end());
    options.read(products);
    stats.products_read += static_cast<int>(products.size());
    detail::settle_doorbells(db, clock, rung, options, stats);
}

} // namespace

namespace detail {

void record(db::Db& db, const Clock& clock, const Due& e, const Outcome& outcome) {
    SysTime now = clock.now();
    if (outcome.status == "pending" && !outcome.next_attempt_at) {
        db.cached("UPDATE events SET reason = ? WHERE id = ?").bind_all(outcome.reason, e.id).run();
        return;
    }
    std::optional<std::string> next;
    if (outcome.next_attempt_at)
        next = iso8601(*outcome.next_attempt_at);
    else if (outcome.status == "failed")
        next = iso8601(now + retry_delay(e.attempts + 1));
    db.cached("UPDATE events SET status = ?, reason = ?, attempts = attempts + 1, "
              "next_attempt_at = ?, updated_at = ? WHERE id = ?")
        .bind_all(outcome.status, outcome.reason, next, iso8601(now), e.id)
        .run();
    std::string label = outcome.status == "ignored" && outcome.reason
                            ? fmt::format("ignored: {}", *outcome.reason)
                        : outcome.status == "pending" ? outcome.reason.value_or("pending")
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

} // namespace detail

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
    std::vector<Rung> rung;
    RunContext run{db, clock, store, options, known_space(db, clock), rung};
    std::size_t next = 0;
    while (next < due.size()) {
        if (options.deadline && clock.now() >= *options.deadline)
            break;
        sync::ObservationTxn txn(db);
        run.seen = versions_seen(db, clock);
        int changes = 0;
        for (std::size_t end = std::min(due.size(), next + k_events_per_txn);
             next < end && changes < k_changes_per_txn; ++next) {
            if (due.size() > k_progress_every && next > 0 && next % k_progress_every == 0)
                progress.step("Applying events", static_cast<std::int64_t>(next),
                              static_cast<std::int64_t>(due.size()), "events");
            std::optional<Outcome> outcome = apply_one(run, due[next], newer[next]);
            if (!outcome)
                continue; // rang: settled after the read
            detail::count(stats, *outcome);
            if (outcome->status == "applied")
                ++changes;
            detail::record(db, clock, due[next], *outcome);
        }
        txn.commit();
        crash_point("queue.committed");
    }
    progress.finish();
    stats.kept_pending += static_cast<int>(due.size() - next);
    ring(db, clock, rung, options, stats);
    return stats;
}

} // namespace kivals::queue
