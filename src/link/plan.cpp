#include <kivals/link/normalize.hpp>
#include <kivals/link/plan.hpp>

#include <unordered_map>

namespace kivals::link {
namespace {

bool reaches(const Candidate& c, double min_score) {
    return static_cast<double>(c.score) >= min_score;
}

void collect(std::span<const Product> products, const char* field,
             std::string (*normalize)(std::string_view),
             std::string Product::*member, std::vector<Duplicate>& out) {
    std::unordered_map<std::string, std::size_t> first; // key -> index in out, or npos
    std::unordered_map<std::string, std::uint32_t> owner;
    for (std::uint32_t i = 0; i < products.size(); ++i) {
        std::string key = normalize(products[i].*member);
        if (key.empty())
            continue;
        auto [it, added] = owner.try_emplace(key, i);
        if (added)
            continue;
        auto [dup, fresh] = first.try_emplace(key, out.size());
        if (fresh)
            out.push_back({field, products[it->second].*member, {it->second}});
        out[dup->second].products.push_back(i);
    }
}

} // namespace

AutoPlan plan_auto_links(const std::vector<std::vector<Candidate>>& suggestions,
                         double min_score) {
    std::unordered_map<std::uint32_t, std::uint32_t> claims; // Kiva index -> claimants
    for (const auto& list : suggestions)
        for (const Candidate& c : list)
            if (reaches(c, min_score))
                ++claims[c.kiva];
    AutoPlan plan;
    for (std::uint32_t l = 0; l < suggestions.size(); ++l) {
        const auto& list = suggestions[l];
        if (list.empty() || !reaches(list[0], min_score))
            continue;
        if (list.size() > 1 && list[1].score >= list[0].score)
            plan.contested.push_back({l, list[0], Contest::tied});
        else if (claims[list[0].kiva] > 1)
            plan.contested.push_back({l, list[0], Contest::claimed});
        else
            plan.accepted.push_back({l, list[0]});
    }
    return plan;
}

std::vector<Duplicate> find_duplicates(std::span<const Product> products) {
    std::vector<Duplicate> out;
    collect(products, "sku", normalize_sku, &Product::sku, out);
    collect(products, "barcode", normalize_barcode, &Product::barcode, out);
    return out;
}

} // namespace kivals::link
