// kivals fetch-products: import Lightspeed products into ls_products for linking.
// Reads only: nothing is ever created or changed on the store side.
#include "commands.hpp"

#include <kivals/catalog/ls_products.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/util/files.hpp>

namespace kivals::cli {
namespace {

struct FetchOptions {
    std::int64_t limit = 0; // 0: no limit
    int page_size = 1000;
    bool json = false;
    bool full = false;
};

struct Tally {
    std::int64_t fetched = 0;
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t skipped = 0; // already imported (updated ones included)
    std::int64_t not_linkable = 0;
    std::int64_t cursor = 0;
};

// Save one page in one transaction, with the cursor, so a crash loses at most a page.
// Return false when the limit was reached inside the page.
bool save_page(db::Db& db, Settings& settings, catalog::LsProductStore& store, SysTime now,
               std::span<const lightspeed::Product> page, Tally& tally, std::int64_t limit) {
    db::Txn txn(db);
    bool more = true;
    for (const auto& product : page) {
        if (limit > 0 && tally.fetched >= limit) {
            more = false;
            break;
        }
        ++tally.fetched;
        switch (store.save(product, now, std::max(tally.cursor, product.version))) {
        case catalog::Upsert::inserted:
            ++tally.inserted;
            break;
        case catalog::Upsert::updated:
            ++tally.updated;
            ++tally.skipped;
            break;
        case catalog::Upsert::skipped:
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

std::string summary(const Tally& t) {
    std::string line = fmt::format("Fetched {} products: {} new, {} skipped, {} not linkable",
                                   t.fetched, t.inserted, t.skipped, t.not_linkable);
    if (t.updated > 0)
        line += fmt::format(" ({} of the skipped had changed and were updated)", t.updated);
    return line;
}

int run_fetch_products(Env& env, const FetchOptions& opts) {
    const Config& cfg = env.config();
    JobLock lock = JobLock::acquire(cfg.lock_dir, "fetch-products");
    db::Db& db = env.db();
    Settings settings(db, env.clock());
    catalog::LsProductStore store(db);
    Tally tally;
    std::int64_t after = opts.full ? 0 : settings.state_int(state_keys::k_products_cursor);
    tally.cursor = after;
    Progress& progress = env.progress();
    lightspeed::Client& client = env.client();
    lightspeed::WalkResult walk;
    lightspeed::WalkOptions walk_options;
    walk_options.page_size = opts.page_size;
    try {
        walk = client.walk_products(
            after,
            [&](std::span<const lightspeed::Product> page, const lightspeed::PageInfo& info) {
                bool more =
                    save_page(db, settings, store, env.clock().now(), page, tally, opts.limit);
                progress.step(
                    "Fetching products", tally.fetched, 0,
                    fmt::format("products ({} new), page {}", tally.inserted, info.number));
                return more ? lightspeed::WalkControl::more : lightspeed::WalkControl::stop;
            },
            walk_options);
    } catch (const lightspeed::ApiError& e) {
        progress.finish();
        fail(e.code(), "fetch-products stopped ({} saved so far, resume point after={}): {}",
             tally.fetched, tally.cursor, e.what());
    }
    progress.finish();
    if (opts.json) {
        print_json(env, {{"fetched", tally.fetched},
                         {"new", tally.inserted},
                         {"updated", tally.updated},
                         {"skipped", tally.skipped},
                         {"not_linkable", tally.not_linkable},
                         {"requests", client.requests()},
                         {"cursor", tally.cursor},
                         {"complete", walk.complete}});
        return 0;
    }
    fmt::print("{}\n", summary(tally));
    return 0;
}

} // namespace

void add_fetch_products_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<FetchOptions>();
    auto* sub = app.add_subcommand(
        "fetch-products",
        "Import Lightspeed products for linking (reads only; each variant a row)");
    sub->add_option("--limit", opts->limit, "Stop after N products (the next run continues)")
        ->check(CLI::NonNegativeNumber);
    sub->add_option("--page-size", opts->page_size, "Products per request (default 1000)")
        ->check(CLI::Range(1, 5000));
    sub->add_flag("--full", opts->full, "Walk the whole catalogue again instead of only changes");
    sub->add_flag("--json", opts->json,
                  "Print JSON: fetched, new, updated, skipped, not_linkable, requests");
    bind(sub, [opts](Env& env) { return run_fetch_products(env, *opts); });
}

} // namespace kivals::cli
