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

// Return the level pull to run after linking: read the product's inventory at the
// configured outlet and apply it to `stock` as an observation (ledger source "link").
// Empty when kivals is not connected to Lightspeed yet (no store_url or token).
catalog::LevelPull make_level_pull(Env& env);

// What reading the levels of freshly linked products did.
struct LevelReads {
    std::size_t read = 0;     // levels read and applied
    std::size_t failed = 0;   // products whose level could not be read (each warned about)
    std::size_t not_read = 0; // products left to the next `kivals pull-sync --full`
    std::string why_not;      // why they were left ("" when none was, or there were too many)
};

// Read the levels of freshly linked products, at most 50 per run (past that one full
// pull-sync is cheaper). Nothing is tried when kivals is not connected or no outlet is
// chosen; the reads stop at a failure that later requests cannot escape (token, network).
// A link always stays. Warns on stderr for each product that failed.
LevelReads pull_levels(Env& env, const catalog::LevelPull& pull,
                       const std::vector<std::string>& lightspeed_ids);

// Say what pull_levels() did in one sentence: "levels read: 4" or "levels not read yet: no
// outlet is chosen (run `kivals outlet detect`, then `kivals pull-sync --full`)".
std::string levels_text(const LevelReads& reads);

// Return the rank (1-based) of the candidate that candidate `r` of product `l` is
// near-identical to (link::near_identical()), or 0 when it is not.
std::size_t near_identical_to(const SuggestionSet& set, std::size_t l, std::size_t r);

// Return the note shown after a near-identical candidate: which one it is close to and the
// words that tell them apart, e.g. "near-identical to 2: professional vs standard"; empty
// for other candidates.
std::string near_identical_note(const SuggestionSet& set, std::size_t l, std::size_t r);

// Return a score rounded to 4 decimals, for JSON.
double rounded_score(float score);

// Return the default number of suggester threads (2, or 1 on a single core).
unsigned default_threads();

// Add `--delimiter` (",", ";" or "tab") for a CSV file the command reads; unset, the file's
// header tells (detect_delimiter()).
void add_delimiter_option(CLI::App* sub, std::optional<char>& delimiter);

} // namespace kivals::cli

namespace kivals::cli {

// Add `link auto`, `link export` and `link import` to the `link` group.
void add_link_bulk_commands(CLI::App& group, const Binder& bind);

// Add `link review` to the `link` group.
void add_link_review_command(CLI::App& group, const Binder& bind);

} // namespace kivals::cli
