#pragma once

#include <kivals/db/db.hpp>
#include <kivals/sync/model.hpp>

#include <optional>
#include <string>
#include <vector>

// Read-only views of the stock numbers and the ledger, for `kivals stock`, `kivals history` and
// the queue's echo check.
namespace kivals::sync {

// One linked product and its four stored numbers.
struct StockRow {
    std::string kiva_id;
    std::string lightspeed_id;
    std::string name;
    StockNumbers numbers;
};

// List linked products with their numbers, ordered by Kiva id; only `kiva_id` when given,
// only those whose Available is below zero when `oversold_only`.
std::vector<StockRow> list_stock(db::Db& db, const std::optional<std::string>& kiva_id,
                                 bool oversold_only);

// List up to `limit` linked products with their numbers, ordered by Kiva id, starting after
// `after_kiva_id` (a page of the store API's GET /v1/stock).
std::vector<StockRow> list_stock_page(db::Db& db, const std::string& after_kiva_id,
                                      std::size_t limit);

// One ledger row. Quantities (fields L, R, S) are in thousandths; versions (v) as they are.
struct LedgerRow {
    std::int64_t id = 0;
    char field = '?';
    std::optional<std::int64_t> before;
    std::optional<std::int64_t> after;
    std::string source;
    std::string source_ref;
    std::optional<std::int64_t> ls_version;
    std::string at;
};

// How many linked products are oversold (Available below zero) and how many have a change
// pending for Lightspeed (R != S), for `status` and `doctor`.
struct StockCounts {
    std::int64_t oversold = 0;
    std::int64_t pending_push = 0;
};

StockCounts count_stock(db::Db& db);

// Count stock rows whose Lightspeed version is above `limit`: a version no read of
// Lightspeed's vouches for (doctor's "versions ran ahead").
std::int64_t count_versions_above(db::Db& db, std::int64_t limit);

// Return true when the Kiva catalogue holds `kiva_id` (linked or not): what tells an unknown
// product from an unlinked one in the answers of the CLI and the store API.
bool kiva_product_known(db::Db& db, const std::string& kiva_id);

// Return the Lightspeed id linked to a Kiva id, or nullopt when it is not linked.
std::optional<std::string> lightspeed_id_of(db::Db& db, const std::string& kiva_id);

// Return the ledger of one product, oldest first (a walk along the product's own rows: the
// ledger has no index by product, see schema.cpp).
std::vector<LedgerRow> ledger_of(db::Db& db, const std::string& lightspeed_id);

// Return true when a push recorded `version` in the product's ledger (its echo is no news).
bool push_recorded_version(db::Db& db, const std::string& lightspeed_id, std::int64_t version);

} // namespace kivals::sync
