#pragma once

// What the `link` subcommands share: building suggestions from the database, and making
// links with the level pull that follows them.
#include "command.hpp"

#include <kivals/catalog/links.hpp>
#include <kivals/link/linker.hpp>

#include <string>
#include <vector>

namespace kivals::cli {

// The unlinked products of both sides and the linker's suggestions for each Lightspeed one.
struct SuggestionSet {
    std::vector<catalog::LsProduct> ls;
    std::vector<link::Product> kiva;
    std::vector<std::vector<link::Candidate>> lists; // lists[i]: for ls[i], best first
};

// Suggest Kiva products for every unlinked, linkable Lightspeed product; warn on stderr
// about SKUs and barcodes that are not unique on either side. With `include_linked`, linked
// products on both sides take part too (for `link review --all`).
SuggestionSet compute_suggestions(Env& env, std::size_t top, double min_score, unsigned threads,
                                  bool include_linked = false);

// Return the level pull to run after linking, or an empty function when this build has no
// Lightspeed client (then the next sync reads the level).
catalog::LevelPull make_level_pull(Env& env);

// Pull the levels of freshly linked products; a failure is a warning, the link stays.
// Return the number of products whose level could not be read.
std::size_t pull_levels(Env& env, const catalog::LevelPull& pull,
                        const std::vector<std::string>& lightspeed_ids);

// Return a score rounded to 4 decimals, for JSON.
double rounded_score(float score);

// Return the default number of suggester threads (2, or 1 on a single core).
unsigned default_threads();

} // namespace kivals::cli

namespace kivals::cli {

// Add `link auto`, `link export` and `link import` to the `link` group.
void add_link_bulk_commands(CLI::App& group, const Binder& bind);

// Add `link review` to the `link` group.
void add_link_review_command(CLI::App& group, const Binder& bind);

} // namespace kivals::cli
