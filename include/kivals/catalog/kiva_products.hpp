#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/db/db.hpp>
#include <kivals/link/catalogue.hpp>

#include <cstddef>
#include <span>
#include <string>
#include <vector>

// The store's catalogue as kept in the database (`kiva_products`).
namespace kivals::catalog {

// A link dropped because its Kiva product left the catalogue.
struct DroppedLink {
    std::string lightspeed_id;
    std::string kiva_id;
};

// What an import changed.
struct ImportSummary {
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::size_t removed = 0;
    std::vector<DroppedLink> dropped_links;
};

// Upsert the rows by id in one transaction; with `replace`, also delete every product the
// rows do not name, and the links to them.
ImportSummary import_kiva_products(db::Db& db, const Clock& clock,
                                   std::span<const link::CatalogueRow> rows, bool replace);

// Return the Kiva products, ordered by id; only those not linked when `unlinked_only`.
std::vector<link::Product> load_kiva_products(db::Db& db, bool unlinked_only);

} // namespace kivals::catalog
