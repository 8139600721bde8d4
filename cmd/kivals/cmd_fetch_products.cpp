// kivals fetch-products: import Lightspeed products into ls_products for linking.
// Reads only: nothing is ever created or changed on the store side.
#include "commands.hpp"

#include <kivals/catalog/fetch.hpp>

namespace kivals::cli {
namespace {

struct FetchCliOptions {
    catalog::FetchOptions fetch;
    bool json = false;
};

int run_fetch_products(Env& env, const FetchCliOptions& opts) {
    catalog::FetchReport r = catalog::fetch_products(env.db(), env.client(), env.config().lock_dir,
                                                     env.clock(), env.progress(), opts.fetch);
    if (opts.json) {
        print_json(env, {{"fetched", r.fetched},
                         {"new", r.inserted},
                         {"updated", r.updated},
                         {"skipped", r.skipped},
                         {"not_linkable", r.not_linkable},
                         {"requests", r.requests},
                         {"cursor", r.cursor},
                         {"complete", r.complete}});
        return 0;
    }
    fmt::print("{}\n", catalog::fetch_summary(r));
    return 0;
}

} // namespace

void add_fetch_products_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<FetchCliOptions>();
    auto* sub = app.add_subcommand(
        "fetch-products",
        "Import Lightspeed products for linking (reads only; each variant a row)");
    sub->add_option("--limit", opts->fetch.limit, "Stop after N products (the next run continues)")
        ->check(CLI::NonNegativeNumber);
    sub->add_option("--page-size", opts->fetch.page_size, "Products per request (default 1000)")
        ->check(CLI::Range(1, 5000));
    sub->add_flag("--full", opts->fetch.full,
                  "Walk the whole catalogue again instead of only changes");
    sub->add_flag("--json", opts->json,
                  "Print JSON: fetched, new, updated, skipped, not_linkable, requests");
    bind(sub, [opts](Env& env) { return run_fetch_products(env, *opts); });
}

} // namespace kivals::cli
