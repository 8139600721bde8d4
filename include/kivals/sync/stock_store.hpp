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

// Reads and writes the `stock` rows of linked products and appends every change to the
// ledger. The caller owns the transaction (so a change and its ledger rows commit together).
class StockStore {
public:
    StockStore(db::Db& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    // Return the numbers of a product that has a stock row (linked), or nullopt.
    std::optional<StockNumbers> load(std::string_view lightspeed_id);

    // Create the stock row of a newly linked product (all zero); no-op when it exists.
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

    // Apply a level read from Lightspeed's own API (a read-back, a fresh read): as observe(),
    // and a stored version that ran ahead of everything Lightspeed has shown gives way to it
    // (model.hpp: observe_read). Remembers the version as seen.
    std::optional<Observation> observe_read(std::string_view lightspeed_id, Qty level,
                                            std::int64_t version, const LedgerSource& source);

private:
    db::Db& m_db;
    const Clock& m_clock;
};

} // namespace kivals::sync
