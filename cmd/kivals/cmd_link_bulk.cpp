// kivals link auto|export|import: linking many products at once.
#include "link_shared.hpp"

#include <kivals/link/link_file.hpp>
#include <kivals/link/plan.hpp>
#include <kivals/util/csv.hpp>
#include <kivals/util/files.hpp>

#include <iostream>
#include <iterator>
#include <unordered_map>

namespace kivals::cli {
namespace {

struct AutoOptions {
    double min_score = link::default_auto_bar;
    double margin = link::default_margin;
    bool dry_run = false;
    bool json = false;
};

const char* contest_text(link::Contest why) {
    switch (why) {
    case link::Contest::tied:
        return "another candidate scores the same";
    case link::Contest::close:
        return "another candidate is near-identical";
    case link::Contest::claimed:
        break;
    }
    return "another product claims it";
}

nlohmann::json plan_json(const SuggestionSet& set, const link::AutoPlan& plan, bool dry_run) {
    nlohmann::json linked = nlohmann::json::array(), contested = nlohmann::json::array();
    for (const auto& a : plan.accepted)
        linked.push_back({{"lightspeed_id", set.ls[a.ls].id},
                          {"kiva_id", set.kiva[a.candidate.kiva].id},
                          {"score", rounded_score(a.candidate.score)},
                          {"reason", link::reason_name(a.candidate.reason)}});
    for (const auto& c : plan.contested)
        contested.push_back({{"lightspeed_id", set.ls[c.ls].id},
                             {"kiva_id", set.kiva[c.candidate.kiva].id},
                             {"score", rounded_score(c.candidate.score)},
                             {"why", link::contest_name(c.why)}});
    return {{"dry_run", dry_run}, {"linked", linked}, {"contested", contested}};
}

// Say what `link auto` did in one line that `link list` bears out: linked, left for review
// (every linkable Lightspeed product still unlinked, what `link list --unlinked` lists),
// and what became of the new links' levels.
void print_auto_summary(Env& env, const link::AutoPlan& plan, bool dry_run,
                        const LevelReads& levels) {
    std::size_t unlinked = catalog::load_linkable_ls_products(env.db(), true).size();
    if (dry_run)
        unlinked -= plan.accepted.size();
    fmt::print(
        "{} {} products; {} left for review{} (`kivals link review`){}\n",
        dry_run ? "Would link" : "Linked", plan.accepted.size(), unlinked,
        plan.contested.empty() ? "" : fmt::format(", {} of them contested", plan.contested.size()),
        dry_run ? "" : "; " + levels_text(levels));
}

int run_auto(Env& env, const AutoOptions& opts) {
    // Every candidate takes part, whatever the bar: a rival just below it still contests.
    SuggestionSet set = compute_suggestions(env, 5, 0.0, default_threads());
    link::AutoPlan plan = link::plan_auto_links(set.lists, opts.min_score, opts.margin);
    std::vector<std::string> linked;
    if (!opts.dry_run) {
        db::Txn txn(env.db());
        for (const auto& a : plan.accepted) {
            catalog::set_link_in(env.db(), env.clock(), set.ls[a.ls].id,
                                 set.kiva[a.candidate.kiva].id);
            linked.push_back(set.ls[a.ls].id);
        }
        txn.commit();
    }
    if (opts.json) {
        print_json(env, plan_json(set, plan, opts.dry_run));
    } else {
        for (const auto& a : plan.accepted)
            fmt::print("{} {} -> {}  {:.3f} {}  ({} -> {})\n",
                       opts.dry_run ? "would link" : "linked", set.ls[a.ls].id,
                       set.kiva[a.candidate.kiva].id, a.candidate.score,
                       link::reason_name(a.candidate.reason), set.ls[a.ls].name,
                       set.kiva[a.candidate.kiva].name);
        for (const auto& c : plan.contested)
            fmt::print("contested {} -> {}  {:.3f}  ({})\n", set.ls[c.ls].id,
                       set.kiva[c.candidate.kiva].id, c.candidate.score, contest_text(c.why));
    }
    LevelReads levels = pull_levels(env, make_level_pull(env), linked);
    if (!opts.json)
        print_auto_summary(env, plan, opts.dry_run, levels);
    return 0;
}

int run_export(Env& env, const std::string& file) {
    std::string out = "lightspeed_id,lightspeed_sku,lightspeed_name,kiva_id,kiva_name,linked_at\n";
    auto links = catalog::load_links(env.db());
    for (const auto& l : links)
        out += csv_line({l.lightspeed_id, l.lightspeed_sku, l.lightspeed_name, l.kiva_id,
                         l.kiva_name, l.linked_at}) +
               "\n";
    if (file == "-") {
        std::fwrite(out.data(), 1, out.size(), stdout);
        return 0;
    }
    write_file_atomic(file, out, 0644);
    fmt::print(stderr, "Exported {} links to {}\n", links.size(), file);
    return 0;
}

// Apply one row of a links file: a Kiva id links, an empty one unlinks. Return what it did.
const char* apply_row(Env& env, const std::string& ls_id, const std::string& kiva_id,
                      std::vector<std::string>& linked) {
    if (kiva_id.empty())
        return catalog::unset_link_in(env.db(), env.clock(), ls_id) ? "unlinked" : "unchanged";
    auto current = catalog::linked_kiva_of(env.db(), ls_id);
    if (current && *current != kiva_id)
        catalog::unset_link_in(env.db(), env.clock(), ls_id); // the file says where it belongs now
    if (catalog::set_link_in(env.db(), env.clock(), ls_id, kiva_id) ==
        catalog::SetOutcome::already_linked)
        return "unchanged";
    linked.push_back(ls_id);
    return "linked";
}

int run_import(Env& env, const std::string& file, std::optional<char> delimiter) {
    std::string name = file == "-" ? "<stdin>" : file;
    std::string text;
    if (file == "-")
        text.assign(std::istreambuf_iterator<char>(std::cin), {});
    else if (auto content = read_file(file))
        text = *content;
    else
        fail(Exit::failure, "{}: no such file", file);
    link::ParsedLinks parsed = link::parse_link_file(text, delimiter);
    if (parsed.fatal)
        fail(Exit::failure, "{}:{}: {}", name, parsed.errors[0].line, parsed.errors[0].message);
    for (const auto& e : parsed.errors)
        fmt::print(stderr, "{}:{}: {} (row skipped)\n", name, e.line, e.message);
    std::unordered_map<std::string, std::size_t> counts;
    std::vector<std::string> linked;
    std::size_t bad = parsed.errors.size();
    db::Txn txn(env.db());
    for (const link::LinkRow& row : parsed.rows) {
        // A savepoint per row, so that a row that fails half-way (unlinked, then refused
        // the new link) leaves nothing behind.
        db::Savepoint step(env.db(), "link_row");
        try {
            ++counts[apply_row(env, row.lightspeed_id, row.kiva_id, linked)];
            step.release();
        } catch (const db::DbError&) {
            throw;
        } catch (const Error& e) {
            step.rollback();
            fmt::print(stderr, "{}:{}: {} (row skipped)\n", name, row.line, e.what());
            ++bad;
        }
    }
    txn.commit();
    LevelReads levels = pull_levels(env, make_level_pull(env), linked);
    fmt::print("{}: {} linked, {} unlinked, {} unchanged, {} rows skipped{}\n", name,
               counts["linked"], counts["unlinked"], counts["unchanged"], bad,
               linked.empty() ? "" : "; " + levels_text(levels));
    return bad == 0 ? 0 : to_int(Exit::partial);
}

} // namespace

void add_link_bulk_commands(CLI::App& group, const Binder& bind) {
    auto opts = std::make_shared<AutoOptions>();
    auto* autolink = group.add_subcommand(
        "auto", "Accept every suggestion at or above a score that wins clearly: by a margin "
                "over its next candidate and over every other product's claim");
    autolink
        ->add_option(
            "--min-score", opts->min_score,
            fmt::format("Lowest score accepted, 0 to 1 (default {})", link::default_auto_bar))
        ->check(CLI::Range(0.0, 1.0));
    autolink
        ->add_option("--margin", opts->margin,
                     fmt::format("How far ahead of any rival a link must be, 0 to 1 (default {})",
                                 link::default_margin))
        ->check(CLI::Range(0.0, 1.0));
    autolink->add_flag("--dry-run", opts->dry_run, "Show what would be linked; change nothing");
    autolink->add_flag("--json", opts->json, "Print JSON");
    bind(autolink, [opts](Env& env) { return run_auto(env, *opts); });

    auto file = std::make_shared<std::string>();
    auto* exp = group.add_subcommand("export", "Write the links to a CSV file for review");
    exp->add_option("file", *file, "CSV file, or - for standard output")->required();
    bind(exp, [file](Env& env) { return run_export(env, *file); });

    auto* imp = group.add_subcommand(
        "import", "Apply a CSV of links (lightspeed_id,kiva_id; an empty kiva_id unlinks)");
    imp->add_option("file", *file, "CSV file, or - for standard input")->required();
    auto delimiter = std::make_shared<std::optional<char>>();
    add_delimiter_option(imp, *delimiter);
    bind(imp, [file, delimiter](Env& env) { return run_import(env, *file, *delimiter); });
}

} // namespace kivals::cli
