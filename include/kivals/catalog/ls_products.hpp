#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/db/db.hpp>
#include <kivals/lightspeed/types.hpp>

#include <optional>

namespace kivals::catalog {

// What saving one Lightspeed product did to the ls_products table.
enum class Upsert {
    inserted, // a product not seen before
    updated,  // already imported at an older version: its fields were refreshed
    skipped,  // already imported at this version or newer: left alone
};

// Saves Lightspeed products (one row per variant) for linking. Newest version wins, so a
// record repeated by a walk, or an old one arriving late, never overwrites a newer one.
// Linkability is not stored: it is derived (has_inventory AND NOT is_composite AND
// deleted_at IS NULL) wherever products are listed.
class LsProductStore {
public:
    explicit LsProductStore(db::Db& db);

    // Save `product`, read from Lightspeed's own API (the caller holds the transaction); return
    // what happened. `seen` is the highest product version Lightspeed's reads have shown: a
    // stored version beyond what that makes plausible (a bogus delivery's) gives way to the read.
    Upsert save(const lightspeed::Product& product, SysTime now, std::int64_t seen = 0);

    // Return the stored version of a product, or nullopt when it was never imported.
    std::optional<std::int64_t> stored_version(const std::string& id);

private:
    db::Stmt m_lookup;
    db::Stmt m_insert;
    db::Stmt m_update;
};

} // namespace kivals::catalog
