#include <kivals/sync/stock_store.hpp>
#include <kivals/sync/versions.hpp>

namespace kivals::sync {
namespace {

// Return true when the store could see the change: L, R or S moved (a version alone does not
// change any number the store shows).
bool visible_change(const StockNumbers& before, const StockNumbers& after) {
    return before.ls_count != after.ls_count || before.reserved != after.reserved ||
           before.synced != after.synced;
}

} // namespace

std::optional<StockNumbers> StockStore::load(std::string_view lightspeed_id) {
    auto& stmt = m_db.cached(
        "SELECT ls_count, ls_version, reserved, synced FROM stock WHERE lightspeed_id = ?");
    stmt.bind_all(lightspeed_id);
    if (!stmt.step())
        return std::nullopt;
    StockNumbers out{Qty::from_milli(stmt.int64(0)), stmt.int64(1), Qty::from_milli(stmt.int64(2)),
                     Qty::from_milli(stmt.int64(3))};
    stmt.reset(); // release the read so the statement does not hold the table open
    return out;
}

void StockStore::create(std::string_view lightspeed_id) {
    m_db.prepare("INSERT INTO stock(lightspeed_id, updated_at) VALUES (?, ?) "
                 "ON CONFLICT(lightspeed_id) DO NOTHING")
        .bind_all(lightspeed_id, iso8601(m_clock.now()))
        .run();
    if (auto numbers = load(lightspeed_id))
        announce(lightspeed_id, *numbers, "link");
}

void StockStore::save(std::string_view lightspeed_id, const StockNumbers& before,
                      const StockNumbers& after, const LedgerSource& source) {
    auto changes = diff(before, after);
    if (changes.empty())
        return;
    std::string now = iso8601(m_clock.now());
    // The ledger rows are appended first, each naming the product's previous row, so that the
    // stock row can point at the newest in the same update that stores the numbers.
    auto& head = m_db.cached("SELECT ledger_last FROM stock WHERE lightspeed_id = ?");
    head.bind_all(lightspeed_id);
    std::int64_t prev = head.step() ? head.opt_int64(0).value_or(0) : 0; // rowids start at 1
    head.reset();
    auto& ledger = m_db.cached("INSERT INTO ledger(lightspeed_id, field, before, after, "
                               "source, source_ref, ls_version, at, prev) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, nullif(?, 0))");
    for (const FieldChange& change : changes) {
        ledger.bind_all(lightspeed_id, std::string(1, change.field), change.before, change.after,
                        source.source, source.ref, after.version, now, prev);
        ledger.run();
        prev = m_db.last_insert_rowid();
    }
    m_db.cached("UPDATE stock SET ls_count = ?, ls_version = ?, reserved = ?, synced = ?, "
                "updated_at = ?, observed_at = CASE WHEN ? THEN ? ELSE observed_at END, "
                "ledger_last = ? WHERE lightspeed_id = ?")
        .bind_all(after.ls_count.milli(), after.version, after.reserved.milli(),
                  after.synced.milli(), now, after.version != before.version, now, prev,
                  lightspeed_id)
        .run();
    if (visible_change(before, after))
        announce(lightspeed_id, after, source.source);
}

std::optional<Observation> StockStore::observe(std::string_view lightspeed_id, Qty level,
                                               std::int64_t version, const LedgerSource& source) {
    Observation result = Observation::stale;
    auto changed = update(lightspeed_id, source, [&](StockNumbers& numbers) {
        result = sync::observe(numbers, level, version);
    });
    return changed ? std::optional(result) : std::nullopt;
}

void StockStore::unlinked(std::string_view lightspeed_id, std::string_view kiva_id) {
    StockNumbers last = load(lightspeed_id).value_or(StockNumbers{});
    m_db.prepare("INSERT INTO stock_changes(kiva_id, lightspeed_id, linked, ls_count, reserved, "
                 "synced, source, at) VALUES (?, ?, 0, ?, ?, ?, 'link', ?)")
        .bind_all(kiva_id, lightspeed_id, last.ls_count.milli(), last.reserved.milli(),
                  last.synced.milli(), iso8601(m_clock.now()))
        .run();
    m_db.prepare("DELETE FROM stock WHERE lightspeed_id = ? AND reserved = 0")
        .bind_all(lightspeed_id)
        .run();
}

void StockStore::announce(std::string_view lightspeed_id, const StockNumbers& numbers,
                          std::string_view source) {
    // A stock row whose link is gone (kept for the units open orders hold) is not in the feed:
    // the insert selects nothing.
    m_db.cached("INSERT INTO stock_changes(kiva_id, lightspeed_id, linked, ls_count, reserved, "
                "synced, source, at) SELECT kiva_id, lightspeed_id, 1, ?, ?, ?, ?, ? "
                "FROM links WHERE lightspeed_id = ?")
        .bind_all(numbers.ls_count.milli(), numbers.reserved.milli(), numbers.synced.milli(),
                  source, iso8601(m_clock.now()), lightspeed_id)
        .run();
}

std::optional<Observation> StockStore::observe_read(std::string_view lightspeed_id, Qty level,
                                                    std::int64_t version,
                                                    const LedgerSource& source) {
    Settings settings(m_db, m_clock);
    note_inventory_version(settings, version);
    std::int64_t seen = inventory_versions_seen(settings);
    Observation result = Observation::stale;
    auto changed = update(lightspeed_id, source, [&](StockNumbers& numbers) {
        result = sync::observe_read(numbers, level, version, seen);
    });
    return changed ? std::optional(result) : std::nullopt;
}

} // namespace kivals::sync
