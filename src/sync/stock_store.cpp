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

db::Stmt& StockStore::cached(std::optional<db::Stmt>& slot, std::string_view sql) {
    if (!slot)
        slot.emplace(m_db.prepare(sql));
    slot->reset();
    return *slot;
}

std::optional<StockNumbers> StockStore::load(std::string_view lightspeed_id) {
    auto& stmt = cached(
        m_load, "SELECT ls_count, ls_version, reserved, synced FROM stock WHERE lightspeed_id = ?");
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
    cached(m_update, "UPDATE stock SET ls_count = ?, ls_version = ?, reserved = ?, synced = ?, "
                     "updated_at = ?, observed_at = CASE WHEN ? THEN ? ELSE observed_at END "
                     "WHERE lightspeed_id = ?")
        .bind_all(after.ls_count.milli(), after.version, after.reserved.milli(),
                  after.synced.milli(), now, after.version != before.version, now, lightspeed_id)
        .run();
    auto& ledger = cached(m_ledger, "INSERT INTO ledger(lightspeed_id, field, before, after, "
                                    "source, source_ref, ls_version, at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    for (const FieldChange& change : changes) {
        ledger.bind_all(lightspeed_id, std::string(1, change.field), change.before, change.after,
                        source.source, source.ref, after.version, now);
        ledger.run();
    }
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
    cached(m_feed, "INSERT INTO stock_changes(kiva_id, lightspeed_id, linked, ls_count, reserved, "
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
