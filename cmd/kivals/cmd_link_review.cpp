// kivals link review: an interactive loop on a terminal, one product at a time.
#include "link_shared.hpp"

#include <iostream>
#include <unistd.h>

namespace kivals::cli {
namespace {

struct ReviewOptions {
    bool all = false;
    std::size_t top = 9;
    double min_score = 0.1;
};

struct Tally {
    std::size_t linked = 0, unlinked = 0, skipped = 0;
};

// Show one product, its link if it has one, and its numbered candidates.
void show(Env& env, const SuggestionSet& set, std::size_t l, std::size_t shown, std::size_t total) {
    const auto& p = set.ls[l];
    fmt::print("\n[{}/{}] {}  {}{}\n", shown, total, p.id, p.name,
               p.sku.empty() ? "" : fmt::format("  (sku {})", p.sku));
    if (auto kiva = catalog::linked_kiva_of(env.db(), p.id))
        fmt::print("  linked to {}\n", *kiva);
    if (set.lists[l].empty())
        fmt::print("  no candidates\n");
    for (std::size_t r = 0; r < set.lists[l].size(); ++r) {
        const auto& c = set.lists[l][r];
        const auto& k = set.kiva[c.kiva];
        auto owner = catalog::linked_ls_of(env.db(), k.id);
        std::string note = near_identical_note(set, l, r);
        fmt::print("  {}) {:.3f} {:<7} {}  {}{}{}\n", r + 1, c.score, link::reason_name(c.reason),
                   k.id, k.name, owner ? fmt::format("  (linked to {})", *owner) : "",
                   note.empty() ? "" : "  (" + note + ")");
    }
}

// Link product `l` to its candidate `r`; print what happened.
void choose(Env& env, const SuggestionSet& set, std::size_t l, std::size_t r, Tally& tally) {
    const std::string& ls_id = set.ls[l].id;
    const std::string& kiva_id = set.kiva[set.lists[l][r].kiva].id;
    if (catalog::set_link(env.db(), env.clock(), ls_id, kiva_id) ==
        catalog::SetOutcome::already_linked) {
        fmt::print("  already linked to {}\n", kiva_id);
        return;
    }
    ++tally.linked;
    LevelReads levels = pull_levels(env, make_level_pull(env), {ls_id});
    fmt::print("  linked {} to {}; {}\n", ls_id, kiva_id, levels_text(levels));
}

// Ask about product `l` until an answer moves on; return false to quit.
bool ask(Env& env, const SuggestionSet& set, std::size_t l, Tally& tally) {
    std::size_t n = set.lists[l].size();
    for (;;) {
        fmt::print("{}s(kip), u(nlink), q(uit)? ", n == 0   ? ""
                                                   : n == 1 ? "1, "
                                                            : fmt::format("1-{}, ", n));
        std::fflush(stdout);
        std::string line;
        if (!std::getline(std::cin, line))
            return false;
        std::string answer = line.substr(0, line.find_last_not_of(" \t\r") + 1);
        answer.erase(0, answer.find_first_not_of(" \t"));
        if (answer == "q" || answer == "quit")
            return false;
        if (answer == "s" || answer == "skip" || answer.empty()) {
            ++tally.skipped;
            return true;
        }
        if (answer == "u" || answer == "unlink") {
            if (auto removed = catalog::unset_link(env.db(), env.clock(), set.ls[l].id)) {
                ++tally.unlinked;
                fmt::print("  unlinked {} from {}\n", removed->lightspeed_id, removed->kiva_id);
            } else {
                fmt::print("  {} is not linked\n", set.ls[l].id);
            }
            continue;
        }
        if (answer.size() == 1 && answer[0] >= '1' && answer[0] <= '9' &&
            static_cast<std::size_t>(answer[0] - '0') <= n) {
            try {
                choose(env, set, l, static_cast<std::size_t>(answer[0] - '1'), tally);
                return true;
            } catch (const db::DbError&) {
                throw;
            } catch (const Error& e) {
                fmt::print("  {}\n", e.what());
                continue;
            }
        }
        fmt::print("  please answer {}s, u or q\n", n == 0 ? "" : fmt::format("1-{}, ", n));
    }
}

int run_review(Env& env, const ReviewOptions& opts) {
    if (isatty(STDIN_FILENO) != 1)
        fail(Exit::usage, "link review is interactive: run it on a terminal (scripts can use "
                          "link suggest, link auto and link import)");
    SuggestionSet set =
        compute_suggestions(env, opts.top, opts.min_score, default_threads(), opts.all);
    Tally tally;
    std::size_t total = set.ls.size(), shown = 0;
    for (std::size_t l = 0; l < total; ++l) {
        show(env, set, l, ++shown, total);
        if (!ask(env, set, l, tally))
            break;
    }
    fmt::print("\nReviewed {} of {} products: {} linked, {} unlinked, {} skipped\n", shown, total,
               tally.linked, tally.unlinked, tally.skipped);
    return 0;
}

} // namespace

void add_link_review_command(CLI::App& group, const Binder& bind) {
    auto opts = std::make_shared<ReviewOptions>();
    auto* sub = group.add_subcommand("review", "Go through unlinked products one by one on a "
                                               "terminal: 1-9 links, s skips, u unlinks, q quits");
    sub->add_flag("--all", opts->all, "Also show products that are already linked");
    sub->add_option("--top", opts->top, "Candidates shown per product (1-9, default 9)")
        ->check(CLI::Range(1, 9));
    sub->add_option("--min-score", opts->min_score, "Lowest score shown (default 0.1)")
        ->check(CLI::Range(0.0, 1.0));
    bind(sub, [opts](Env& env) { return run_review(env, *opts); });
}

} // namespace kivals::cli
