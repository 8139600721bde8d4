#include <kivals/catalog/fetch.hpp>
#include <kivals/catalog/ls_products.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/util/files.hpp>

#include <fmt/format.h>

namespace kivals::catalog {
namespace {

// Save one page in one transaction, with the cursor, so a crash loses at most a page.
// Return false when the limit was reached inside the page.
bool save_page(db::Db& db, Settings& settings, LsProductStore& store, SysTime now,
               std::span<const lightspeed::Product> page, FetchReport& tally, std::int64_t limit) {
    db::Txn txn(db);
    bool more = true;
    for (const auto& product : page) {
        if (limit > 0 && tally.fetched >= limit) {
            more = false;
            break;
        }
        ++tally.fetched;
        switch (store.save(product, now, std::max(tally.cursor, product.version))) {
        case Upsert::inserted:
            ++tally.inserted;
            break;
        case Upsert::updated:
            ++tally.updated;
            ++tally.skipped;
            break;
        case Upsert::skipped:
            ++tally.skipped;
            break;
        }
        if (!product.linkable())
            ++tally.not_linkable;
        tally.cursor = std::max(tally.cursor, product.version);
    }
    settings.set_state(state_keys::k_products_cursor, std::to_string(tally.cursor));
    txn.commit();
    return more && !(limit > 0 && tally.fetched >= limit);
}

} // namespace

FetchReport fetch_products(db::Db& db, lightspeed::Client& client,
                           const std::filesystem::path& lock_dir, const Clock& clock,
                           Progress& progress, const FetchOptions& options) {
    JobLock lock = JobLock::acquire(lock_dir, "fetch-products");
    Settings settings(db, clock);
    LsProductStore store(db);
    FetchReport tally;
    tally.cursor = options.full ? 0 : settings.state_int(state_keys::k_products_cursor);
    std::int64_t after = tally.cursor;
    lightspeed::WalkOptions walk_options;
    walk_options.page_size = options.page_size;
    try {
        lightspeed::WalkResult walk = client.walk_products(
            after,
            [&](std::span<const lightspeed::Product> page, const lightspeed::PageInfo& info) {
                bool more = save_page(db, settings, store, clock.now(), page, tally, options.limit);
                progress.step(
                    "Fetching products", tally.fetched, 0,
                    fmt::format("products ({} new), page {}", tally.inserted, info.number));
                return more ? lightspeed::WalkControl::more : lightspeed::WalkControl::stop;
            },
            walk_options);
        tally.complete = walk.complete;
    } catch (const lightspeed::ApiError& e) {
        progress.finish();
        fail(e.code(), "fetch-products stopped ({} saved so far, resume point after={}): {}",
             tally.fetched, tally.cursor, e.what());
    }
    progress.finish();
    tally.requests = client.requests();
    return tally;
}

std::string fetch_summary(const FetchReport& t) {
    std::string line = fmt::format("Fetched {} products: {} new, {} skipped, {} not linkable",
                                   t.fetched, t.inserted, t.skipped, t.not_linkable);
    if (t.updated > 0)
        line += fmt::format(" ({} of the skipped had changed and were updated)", t.updated);
    return line;
}

} // namespace kivals::catalog
