#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/expected.hpp>
#include <kivals/db/db.hpp>
#include <kivals/link/linker.hpp>

#include <functional>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

// Links between Lightspeed products and Kiva products, with their rules (one to one; only
// stock-tracked, non-composite, live products).
namespace kivals::catalog {

// A Lightspeed product as the link rules and the linker need it.
struct LsProduct {
    std::string id;
    std::string name; // the family name with the variant's part (what the linker matches)
    std::string sku;
    std::string barcode;
    bool has_inventory = true;
    bool is_composite = false;
    bool deleted = false;
};

// One link with both products' names, for listing and export.
struct LinkRow {
    std::string lightspeed_id;
    std::string lightspeed_sku;
    std::string lightspeed_name;
    std::string kiva_id;
    std::string kiva_name;
    std::string linked_at;
};

// Check that a Lightspeed product can be linked; the error says why it cannot.
Expected<void, std::string> link_blocker(const LsProduct& product);

// Return the Lightspeed product `id`, or nullopt when it was never fetched.
std::optional<LsProduct> find_ls_product(db::Db& db, const std::string& id);

// Return the Lightspeed products that can be linked (tracked, not composite, not deleted),
// ordered by id; only those not linked yet when `unlinked_only`.
std::vector<LsProduct> load_linkable_ls_products(db::Db& db, bool unlinked_only);

// Return the Kiva product a Lightspeed product is linked to, or nullopt.
std::optional<std::string> linked_kiva_of(db::Db& db, const std::string& lightspeed_id);

// Return the Lightspeed product a Kiva product is linked to, or nullopt.
std::optional<std::string> linked_ls_of(db::Db& db, const std::string& kiva_id);

// Return every link, ordered by Lightspeed id.
std::vector<LinkRow> load_links(db::Db& db);

// Which side of a link an id is on.
enum class Side { lightspeed, kiva };

std::unordered_set<std::string> linked_ids(db::Db& db, Side side);

std::int64_t count_links(db::Db& db);

// Count the products of one side's catalogue (fetched from Lightspeed, imported from Kiva).
std::int64_t count_products(db::Db& db, Side side);

// Count Lightspeed products that could be linked (tracked, not composite, not deleted) but
// are not.
std::int64_t count_linkable_unlinked(db::Db& db);

// What set_link did.
enum class SetOutcome { linked, already_linked };

// Link two products, or fail (Exit::failure) with a message naming the rule broken: the
// product is unknown, untracked, composite or deleted, or either side is already linked to
// another product. Creates the product's stock row so that sync sees it.
SetOutcome set_link(db::Db& db, const Clock& clock, const std::string& lightspeed_id,
                    const std::string& kiva_id);

// Do set_link inside the caller's transaction (bulk runs commit once).
SetOutcome set_link_in(db::Db& db, const Clock& clock, const std::string& lightspeed_id,
                       const std::string& kiva_id);

// Remove the link of a product named by its Lightspeed or Kiva id; return the link removed,
// or nullopt when that product was not linked. Refuses (Exit::failure) while online orders
// hold units of it. The stock row goes; the ledger keeps its history.
std::optional<LinkRow> unset_link(db::Db& db, const Clock& clock, const std::string& id);

// Do unset_link inside the caller's transaction.
std::optional<LinkRow> unset_link_in(db::Db& db, const Clock& clock, const std::string& id);

// Reads a freshly linked product's level from Lightspeed and records it in `stock`
// (a one-product pull). Throws kivals::Error when Lightspeed cannot be read.
using LevelPull = std::function<void(const std::string& lightspeed_id)>;

} // namespace kivals::catalog
