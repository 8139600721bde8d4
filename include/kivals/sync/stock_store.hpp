#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/db/db.hpp>
#include <kivals/sync/model.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace kivals::sync {

// Who changed the numbers, for the ledger: e.g. {"webhook", "event:42"},
// {"pull-sync", "run:7"}, {"push", "run:8"}, {"order", "A1001:1"}, {"link", ""}.
struct LedgerSource {
    std::string source;
    std::string ref;
};

// A product's numbers on both sides of one change.
struct StockChange {
    StockNumbers before;
    StockNumbers after;
};

// Reads and writes the `stock` rows of linked products, appends every change to the ledger,
// and every change the store can see (L, R or S; a link or unlink) to the change feed
// (`stock_changes`, see stock_feed.hpp). It is the only writer of `stock`, so that no change
// can miss the feed. The caller owns the transaction (so a change, its ledger rows and its
// feed row commit together).
class StockStore {
public:
    StockStore(db::Db& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    // Return the numbers of a product that has a stock row (linked), or nullopt.
    std::optional<StockNumbers> load(std::string_view lightspeed_id);

    // Give a newly linked product its stock row (all zero; kept when it exists, as when open
    // orders held units of it while it was unlinked) and announce the link in the feed.
    void create(std::string_view lightspeed_id);

    // Store `after` and append one ledger row per field that differs from `before`, chained to
    // the product's previous rows (see ledger_of in stock_view.hpp).
    void save(std::string_view lightspeed_id, const StockNumbers& before, const StockNumbers& after,
              const LedgerSource& source);

    // Let `edit` change a copy of `before` (numbers just loaded, and checked by the caller),
    // save it with its ledger rows, and return it.
    template <typename Edit>
    StockNumbers change(std::string_view lightspeed_id, const StockNumbers& before,
                        const LedgerSource& source, Edit&& edit) {
        StockNumbers after = before;
        edit(after);
        save(lightspeed_id, before, after, source);
        return after;
    }

    // Load a product's numbers, let `edit` change them, save; nullopt when it is not linked
    // (unlinked meanwhile, or never linked), and nothing is written then.
    template <typename Edit>
    std::optional<StockChange> update(std::string_view lightspeed_id, const LedgerSource& source,
                                      Edit&& edit) {
        auto before = load(lightspeed_id);
        if (!before)
            return std::nullopt;
        return StockChange{*before, change(lightspeed_id, *before, source, edit)};
    }

    // Apply an observation (webhook or pull row) to a linked product: newer versions win.
    // Return nullopt when the product is not linked, else what the model decided.
    std::optional<Observation> observe(std::string_view lightspeed_id, Qty level,
                                       std::int64_t version, const LedgerSource& source);

    // The link of `lightspeed_id` to `kiva_id` was removed: announce it in the feed and drop
    // the stock row, unless open orders still hold units (then it stays, so that R can still
    // be explained). The ledger keeps the product's history.
    void unlinked(std::string_view lightspeed_id, std::string_view kiva_id);

    // Apply a level read from Lightspeed's own API (a read-back, a fresh read): as observe(),
    // and a stored version that ran ahead of everything Lightspeed has shown gives way to it
    // (model.hpp: observe_read). Remembers the version as seen.
    std::optional<Observation> observe_read(std::string_view lightspeed_id, Qty level,
                                            std::int64_t version, const LedgerSource& source);

private:
    // Append the product's numbers to the feed when it is linked.
    void announce(std::string_view lightspeed_id, const StockNumbers& numbers,
                  std::string_view source);

    db::Db& m_db;
    const Clock& m_clock;
};

} // namespace kivals::sync
