#include "link_shared.hpp"

#include <kivals/catalog/kiva_products.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/link/plan.hpp>
#include <kivals/sync/stock_gate.hpp>
#include <kivals/sync/stock_store.hpp>

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
    set.lists = linker.suggest_all({top, min_score, threads});
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

std::size_t pull_levels(Env& env, const catalog::LevelPull& pull,
                        const std::vector<std::string>& lightspeed_ids) {
    if (lightspeed_ids.empty())
        return 0;
    if (!pull) {
        fmt::print(
            stderr,
            "note: kivals is not connected to Lightspeed yet (store_url, token): "
            "the first `kivals pull-sync` will read the level of {} newly linked product{}\n",
            lightspeed_ids.size(), lightspeed_ids.size() == 1 ? "" : "s");
        return 0;
    }
    // One request per product: past a few dozen, one full pull-sync (a page per thousand
    // records) spends less of the store's rate limit than a request per product.
    std::size_t pulled = std::min(lightspeed_ids.size(), k_max_pulls);
    std::size_t failed = 0;
    for (std::size_t i = 0; i < pulled; ++i) {
        try {
            pull(lightspeed_ids[i]);
        } catch (const Error& e) {
            ++failed;
            fmt::print(stderr,
                       "warning: linked {}, but its level could not be read now: {}; "
                       "run `kivals pull-sync --full` to read it\n",
                       lightspeed_ids[i], e.what());
        }
    }
    if (pulled < lightspeed_ids.size())
        fmt::print(stderr,
                   "note: read the levels of {} newly linked products; run `kivals "
                   "pull-sync --full` to read the other {}\n",
                   pulled, lightspeed_ids.size() - pulled);
    KIVALS_LOG(env.log(), link, "pulled {} levels, {} failed", pulled, failed);
    return failed;
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

} // namespace kivals::cli
