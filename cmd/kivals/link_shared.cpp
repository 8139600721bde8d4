#include "link_shared.hpp"

#include <kivals/catalog/kiva_products.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/lightspeed/errors.hpp>
#include <kivals/link/plan.hpp>
#include <kivals/sync/stock_gate.hpp>
#include <kivals/sync/stock_store.hpp>
#include <kivals/util/csv.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>
#include <unordered_set>

namespace kivals::cli {
namespace {

// Levels read one by one after a bulk link; past that, a full pull-sync is cheaper.
constexpr std::size_t k_max_pulls = 50;

std::vector<link::Product> as_products(const std::vector<catalog::LsProduct>& ls) {
    std::vector<link::Product> out;
    out.reserve(ls.size());
    for (const auto& p : ls)
        out.push_back({p.id, p.name, p.sku, p.barcode});
    return out;
}

void warn_duplicates(const char* side, std::span<const link::Product> products) {
    for (const auto& dup : link::find_duplicates(products)) {
        std::string ids;
        for (std::size_t i = 0; i < dup.products.size() && i < 5; ++i)
            ids += (i ? ", " : "") + products[dup.products[i]].id;
        if (dup.products.size() > 5)
            ids += fmt::format(" and {} more", dup.products.size() - 5);
        fmt::print(stderr, "warning: {} {} '{}' is on {} products: {}\n", side, dup.field,
                   dup.value, dup.products.size(), ids);
    }
}

} // namespace

SuggestionSet compute_suggestions(Env& env, std::size_t top, double min_score, unsigned threads,
                                  bool include_linked) {
    using Steady = std::chrono::steady_clock;
    auto since = [](Steady::time_point t) {
        return std::chrono::duration<double>(Steady::now() - t).count();
    };
    auto t0 = Steady::now();
    db::Db& db = env.db();
    std::vector<catalog::LsProduct> all_ls = catalog::load_linkable_ls_products(db, false);
    std::vector<link::Product> all_kiva = catalog::load_kiva_products(db, false);
    warn_duplicates("Lightspeed", as_products(all_ls));
    warn_duplicates("Kiva", all_kiva);
    std::unordered_set<std::string> ls_linked, kiva_linked;
    if (!include_linked) {
        ls_linked = catalog::linked_ids(db, catalog::Side::lightspeed);
        kiva_linked = catalog::linked_ids(db, catalog::Side::kiva);
    }
    SuggestionSet set;
    for (auto& p : all_ls)
        if (!ls_linked.count(p.id))
            set.ls.push_back(std::move(p));
    for (auto& p : all_kiva)
        if (!kiva_linked.count(p.id))
            set.kiva.push_back(std::move(p));
    std::vector<link::Product> ls_products = as_products(set.ls);
    double t_load = since(t0);
    auto t1 = Steady::now();
    link::Linker linker(ls_products, set.kiva);
    double t_index = since(t1);
    auto t2 = Steady::now();
    set.lists = linker.suggest_all({top, min_score, threads, true, &env.progress()});
    KIVALS_LOG(env.log(), link,
               "{} Lightspeed x {} Kiva products: loaded in {:.2f} s, indexed in {:.2f} s, "
               "suggested in {:.2f} s ({} threads)",
               set.ls.size(), set.kiva.size(), t_load, t_index, since(t2), threads);
    return set;
}

catalog::LevelPull make_level_pull(Env& env) {
    Settings settings(env.db(), env.clock());
    if (!settings.get("store_url") || !settings.get("token"))
        return {}; // not connected to Lightspeed yet: the first pull-sync reads the levels
    return [&env](const std::string& lightspeed_id) {
        Settings current(env.db(), env.clock());
        std::string outlet = current.require("outlet_id");
        std::vector<lightspeed::InventoryRecord> records =
            env.client().product_inventory(lightspeed_id);
        auto at_outlet = std::find_if(records.begin(), records.end(), [&](const auto& r) {
            return r.outlet_id == outlet && !r.deleted_at;
        });
        if (at_outlet == records.end())
            fail(Exit::failure, "Lightspeed has no inventory record for it at outlet {}", outlet);
        sync::ObservationTxn txn(env.db());
        auto outcome =
            sync::StockStore(env.db(), env.clock())
                .observe_read(lightspeed_id, at_outlet->level, at_outlet->version, {"link", ""});
        txn.commit();
        KIVALS_LOG(env.log(), link, "pulled {}: level {} at version {} ({})", lightspeed_id,
                   at_outlet->level.str(), at_outlet->version,
                   outcome == sync::Observation::applied ? "applied" : "already known");
    };
}

LevelReads pull_levels(Env& env, const catalog::LevelPull& pull,
                       const std::vector<std::string>& lightspeed_ids) {
    LevelReads reads;
    if (lightspeed_ids.empty())
        return reads;
    reads.not_read = lightspeed_ids.size();
    if (!pull) {
        reads.why_not = "kivals is not connected to Lightspeed yet (store_url, token)";
        return reads;
    }
    auto outlet = Settings(env.db(), env.clock()).get("outlet_id");
    if (!outlet || outlet->empty()) {
        reads.why_not = "no outlet is chosen (run `kivals outlet detect`)";
        return reads;
    }
    for (std::size_t i = 0; i < lightspeed_ids.size() && i < k_max_pulls; ++i) {
        try {
            pull(lightspeed_ids[i]);
            ++reads.read;
        } catch (const lightspeed::ApiError& e) {
            if (lightspeed::traits(e.kind()).run_ending) {
                reads.why_not = fmt::format("Lightspeed could not be read: {}", e.what());
                break;
            }
            ++reads.failed;
            fmt::print(stderr, "warning: linked {}, but its level could not be read: {}\n",
                       lightspeed_ids[i], e.what());
        } catch (const Error& e) {
            ++reads.failed;
            fmt::print(stderr, "warning: linked {}, but its level could not be read: {}\n",
                       lightspeed_ids[i], e.what());
        }
    }
    reads.not_read = lightspeed_ids.size() - reads.read - reads.failed;
    KIVALS_LOG(env.log(), link, "read {} levels, {} failed, {} left", reads.read, reads.failed,
               reads.not_read);
    return reads;
}

std::string levels_text(const LevelReads& reads) {
    std::string text = fmt::format("levels read: {}", reads.read);
    if (reads.failed > 0)
        text += fmt::format(", {} could not be read", reads.failed);
    if (reads.not_read == 0 && reads.failed == 0)
        return text;
    std::string rest = reads.read + reads.failed == 0 ? "" : "the other ";
    if (!reads.why_not.empty())
        return fmt::format("{}; {}{} not read: {}; `kivals pull-sync --full` reads them", text,
                           rest, reads.not_read + reads.failed, reads.why_not);
    return fmt::format("{}; `kivals pull-sync --full` reads the other {}", text,
                       reads.not_read + reads.failed);
}

std::size_t near_identical_to(const SuggestionSet& set, std::size_t l, std::size_t r) {
    return link::near_identical(set.lists[l], r) ? (r == 0 ? 2 : 1) : 0;
}

std::string near_identical_note(const SuggestionSet& set, std::size_t l, std::size_t r) {
    std::size_t other = near_identical_to(set, l, r);
    if (other == 0)
        return "";
    const auto& list = set.lists[l];
    auto diff =
        link::name_difference(set.kiva[list[r].kiva].name, set.kiva[list[other - 1].kiva].name);
    auto words = [](const std::vector<std::string>& w) {
        std::string out;
        for (const std::string& word : w)
            out += (out.empty() ? "" : " ") + word;
        return out.empty() ? std::string("-") : out;
    };
    if (diff.only_first.empty() && diff.only_second.empty())
        return fmt::format("near-identical to {}: the same words", other);
    return fmt::format("near-identical to {}: {} vs {}", other, words(diff.only_first),
                       words(diff.only_second));
}

double rounded_score(float score) {
    return std::round(static_cast<double>(score) * 10000.0) / 10000.0;
}

unsigned default_threads() {
    return std::clamp(std::thread::hardware_concurrency(), 1u, 2u);
}

void add_delimiter_option(CLI::App* sub, std::optional<char>& delimiter) {
    sub->add_option_function<std::string>(
           "--delimiter",
           [&delimiter](const std::string& text) { delimiter = parse_delimiter(text); },
           "Field separator of a CSV file: , ; or tab (default: found from the header)")
        ->check([](const std::string& text) {
            return parse_delimiter(text) ? std::string() : "must be , ; or tab";
        });
}

} // namespace kivals::cli
