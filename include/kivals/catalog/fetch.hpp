#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/progress.hpp>
#include <kivals/db/db.hpp>
#include <kivals/lightspeed/client.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

// `kivals fetch-products` ("Fetch All Products / 10 / 1"), for the CLI and the admin page
// alike: Lightspeed's products into ls_products under the fetch-products job lock, a page per
// transaction with the resume cursor. Reads only: nothing changes on the store side.
namespace kivals::catalog {

struct FetchOptions {
    std::int64_t limit = 0; // stop after this many products (the next run continues); 0: all
    int page_size = 1000;
    bool full = false; // walk the whole catalogue again instead of only changes
};

struct FetchReport {
    std::int64_t fetched = 0;
    std::int64_t inserted = 0;
    std::int64_t updated = 0;
    std::int64_t skipped = 0; // already imported (updated ones included)
    std::int64_t not_linkable = 0;
    std::int64_t cursor = 0;
    std::int64_t requests = 0;
    bool complete = false; // the walk reached the end of the catalogue
};

// Fetch; throws Error (the API error's exit code, saying what was saved and where it resumes)
// when Lightspeed fails, LockHeld when another fetch runs.
FetchReport fetch_products(db::Db& db, lightspeed::Client& client,
                           const std::filesystem::path& lock_dir, const Clock& clock,
                           Progress& progress, const FetchOptions& options);

// Return the report as one line: "Fetched 12 products: 10 new, 2 skipped, 0 not linkable".
std::string fetch_summary(const FetchReport& report);

} // namespace kivals::catalog
