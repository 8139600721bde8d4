// kivals link suggest|set|unset|list: linking Lightspeed products to their Kiva twins
// (auto, export and import are in cmd_link_bulk.cpp, review in cmd_link_review.cpp).
#include "commands.hpp"
#include "link_shared.hpp"

#include <kivals/catalog/kiva_products.hpp>
#include <kivals/util/csv.hpp>

namespace kivals::cli {
namespace {

struct SuggestOptions {
    std::size_t top = 3;
    double min_score = 0.2;
    bool json = false;
    bool csv = false;
    unsigned threads = default_threads();
};

std::string score_text(float score) {
    return fmt::format("{:.4f}", score);
}

void print_suggestions_csv(const SuggestionSet& set) {
    std::string out =
        "lightspeed_id,lightspeed_sku,kiva_id,rank,score,reason,assigned,near_identical_to\n";
    for (std::size_t l = 0; l < set.ls.size(); ++l)
        for (std::size_t r = 0; r < set.lists[l].size(); ++r) {
            const link::Candidate& c = set.lists[l][r];
            std::size_t near = near_identical_to(set, l, r);
            out +=
                csv_line({set.ls[l].id, set.ls[l].sku, set.kiva[c.kiva].id, std::to_string(r + 1),
                          score_text(c.score), std::string(link::reason_name(c.reason)),
                          c.assigned ? "1" : "0", near == 0 ? "" : std::to_string(near)});
            out += '\n';
        }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

nlohmann::json suggestions_json(const SuggestionSet& set) {
    nlohmann::json out = nlohmann::json::array();
    for (std::size_t l = 0; l < set.ls.size(); ++l) {
        nlohmann::json candidates = nlohmann::json::array();
        for (std::size_t r = 0; r < set.lists[l].size(); ++r) {
            const link::Candidate& c = set.lists[l][r];
            nlohmann::json candidate = {{"kiva_id", set.kiva[c.kiva].id},
                                        {"name", set.kiva[c.kiva].name},
                                        {"rank", r + 1},
                                        {"score", rounded_score(c.score)},
                                        {"reason", link::reason_name(c.reason)},
                                        {"assigned", c.assigned}};
            if (std::size_t near = near_identical_to(set, l, r); near != 0) {
                candidate["near_identical_to"] = near;
                candidate["note"] = near_identical_note(set, l, r);
            }
            candidates.push_back(std::move(candidate));
        }
        out.push_back({{"lightspeed_id", set.ls[l].id},
                       {"sku", set.ls[l].sku},
                       {"name", set.ls[l].name},
                       {"candidates", candidates}});
    }
    return out;
}

int run_suggest(Env& env, const SuggestOptions& opts) {
    if (opts.json && opts.csv)
        fail(Exit::usage, "--json and --csv cannot be used together");
    SuggestionSet set = compute_suggestions(env, opts.top, opts.min_score, opts.threads);
    if (opts.csv) {
        print_suggestions_csv(set);
        return 0;
    }
    if (opts.json) {
        print_json(env, suggestions_json(set));
        return 0;
    }
    for (std::size_t l = 0; l < set.ls.size(); ++l) {
        const auto& p = set.ls[l];
        fmt::print("{}  {}{}\n", p.id, p.name,
                   p.sku.empty() ? "" : fmt::format("  [sku {}]", p.sku));
        if (set.lists[l].empty())
            fmt::print("    (no candidate)\n");
        for (std::size_t r = 0; r < set.lists[l].size(); ++r) {
            const link::Candidate& c = set.lists[l][r];
            std::string note = near_identical_note(set, l, r);
            fmt::print("    {}. {:.3f} {:<7} {}  {}{}{}\n", r + 1, c.score,
                       link::reason_name(c.reason), set.kiva[c.kiva].id, set.kiva[c.kiva].name,
                       c.assigned ? "  [assigned]" : "", note.empty() ? "" : "  (" + note + ")");
        }
    }
    fmt::print("{} unlinked Lightspeed products, {} unlinked Kiva products\n", set.ls.size(),
               set.kiva.size());
    return 0;
}

int run_set(Env& env, const std::string& ls_id, const std::string& kiva_id) {
    auto outcome = catalog::set_link(env.db(), env.clock(), ls_id, kiva_id);
    if (outcome == catalog::SetOutcome::already_linked) {
        fmt::print("{} is already linked to {}\n", ls_id, kiva_id);
        return 0;
    }
    LevelReads levels = pull_levels(env, make_level_pull(env), {ls_id});
    fmt::print("Linked {} to {}; {}\n", ls_id, kiva_id, levels_text(levels));
    return 0;
}

int run_unset(Env& env, const std::string& id) {
    auto removed = catalog::unset_link(env.db(), env.clock(), id);
    if (!removed)
        fail(Exit::failure, "{} is not linked", id);
    fmt::print("Unlinked {} from {}\n", removed->lightspeed_id, removed->kiva_id);
    return 0;
}

int run_list_unlinked(Env& env, bool json) {
    auto ls = catalog::load_linkable_ls_products(env.db(), true);
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& p : ls)
            out.push_back({{"lightspeed_id", p.id}, {"sku", p.sku}, {"name", p.name}});
        print_json(env, out);
        return 0;
    }
    for (const auto& p : ls)
        fmt::print("{}  {}  {}\n", p.id, p.sku.empty() ? "-" : p.sku, p.name);
    fmt::print("{} unlinked Lightspeed products, {} unlinked Kiva products\n", ls.size(),
               catalog::load_kiva_products(env.db(), true).size());
    return 0;
}

int run_list(Env& env, bool unlinked, bool json) {
    if (unlinked)
        return run_list_unlinked(env, json);
    auto links = catalog::load_links(env.db());
    if (json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& l : links)
            out.push_back({{"lightspeed_id", l.lightspeed_id},
                           {"lightspeed_sku", l.lightspeed_sku},
                           {"lightspeed_name", l.lightspeed_name},
                           {"kiva_id", l.kiva_id},
                           {"kiva_name", l.kiva_name},
                           {"linked_at", l.linked_at}});
        print_json(env, out);
        return 0;
    }
    for (const auto& l : links)
        fmt::print("{}  {}  <->  {}  {}\n", l.lightspeed_id, l.lightspeed_name, l.kiva_id,
                   l.kiva_name);
    fmt::print("{} links\n", links.size());
    return 0;
}

void add_suggest(CLI::App& group, const Binder& bind) {
    auto opts = std::make_shared<SuggestOptions>();
    auto* sub = group.add_subcommand("suggest", "Suggest Kiva twins for unlinked products");
    sub->add_option("--top", opts->top, "Candidates per product (default 3)")
        ->check(CLI::Range(1, 100));
    sub->add_option("--min-score", opts->min_score, "Lowest score shown, 0 to 1 (default 0.2)")
        ->check(CLI::Range(0.0, 1.0));
    sub->add_flag("--json", opts->json, "Print JSON");
    sub->add_flag("--csv", opts->csv,
                  "Print CSV: lightspeed_id,lightspeed_sku,kiva_id,rank,score,reason,assigned,"
                  "near_identical_to");
    sub->add_option("--threads", opts->threads, "Threads to use (default 2)")
        ->check(CLI::Range(1, 64));
    bind(sub, [opts](Env& env) { return run_suggest(env, *opts); });
}

} // namespace

void add_link_command(CLI::App& app, const Binder& bind) {
    auto* group = app.add_subcommand("link", "Link Lightspeed products to Kiva products");
    group->require_subcommand(1);
    add_suggest(*group, bind);

    auto ids = std::make_shared<std::array<std::string, 2>>();
    auto* set = group->add_subcommand("set", "Link a Lightspeed product to a Kiva product");
    set->add_option("lightspeed_id", (*ids)[0], "Lightspeed product id")->required();
    set->add_option("kiva_id", (*ids)[1], "Kiva product id")->required();
    bind(set, [ids](Env& env) { return run_set(env, (*ids)[0], (*ids)[1]); });

    auto* unset = group->add_subcommand("unset", "Remove a product's link");
    unset->add_option("id", (*ids)[0], "Lightspeed or Kiva product id")->required();
    bind(unset, [ids](Env& env) { return run_unset(env, (*ids)[0]); });

    auto flags = std::make_shared<std::array<bool, 2>>();
    auto* list = group->add_subcommand("list", "List links, or the products still unlinked");
    list->add_flag("--unlinked", (*flags)[0], "List linkable Lightspeed products with no link");
    list->add_flag("--json", (*flags)[1], "Print JSON");
    bind(list, [flags](Env& env) { return run_list(env, (*flags)[0], (*flags)[1]); });

    add_link_bulk_commands(*group, bind);
    add_link_review_command(*group, bind);
}

} // namespace kivals::cli
