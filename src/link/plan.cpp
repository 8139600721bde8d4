#include <kivals/link/normalize.hpp>
#include <kivals/link/plan.hpp>

#include <algorithm>
#include <unordered_map>

namespace kivals::link {
namespace {

bool exact(const Candidate& c) {
    return c.reason != Reason::name;
}

// Whether `rival` competes with `c` within the margin: exact matches only with exact ones.
bool rivals(const Candidate& c, const Candidate& rival, double margin) {
    if (exact(c))
        return exact(rival) && rival.score >= c.score;
    return static_cast<double>(rival.score) > static_cast<double>(c.score) - margin;
}

void collect(std::span<const Product> products, const char* field,
             std::string (*normalize)(std::string_view), std::string Product::*member,
             std::vector<Duplicate>& out) {
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

std::string_view contest_name(Contest why) {
    switch (why) {
    case Contest::claimed:
        return "claimed";
    case Contest::tied:
        return "tied";
    case Contest::close:
        return "close";
    }
    return "claimed";
}

AutoPlan plan_auto_links(const std::vector<std::vector<Candidate>>& suggestions, double min_score,
                         double margin) {
    // Every product's claims, by Kiva product: (Lightspeed index, candidate).
    std::unordered_map<std::uint32_t, std::vector<std::pair<std::uint32_t, Candidate>>> claims;
    bool assigned = false;
    for (std::uint32_t l = 0; l < suggestions.size(); ++l)
        for (const Candidate& c : suggestions[l]) {
            claims[c.kiva].emplace_back(l, c);
            assigned = assigned || c.assigned;
        }
    AutoPlan plan;
    for (std::uint32_t l = 0; l < suggestions.size(); ++l) {
        const auto& list = suggestions[l];
        if (list.empty() || static_cast<double>(list[0].score) < min_score)
            continue;
        const Candidate& best = list[0];
        bool claimed = assigned && !best.assigned;
        for (const auto& [other, c] : claims[best.kiva])
            claimed = claimed || (other != l && rivals(best, c, margin));
        if (list.size() > 1 && rivals(best, list[1], margin))
            plan.contested.push_back(
                {l, best, list[1].score >= best.score ? Contest::tied : Contest::close});
        else if (claimed)
            plan.contested.push_back({l, best, Contest::claimed});
        else
            plan.accepted.push_back({l, best});
    }
    return plan;
}

bool near_identical(const std::vector<Candidate>& list, std::size_t r, double margin) {
    if (r >= list.size() || list.size() < 2)
        return false;
    const Candidate& other = r == 0 ? list[1] : list[0];
    double gap = static_cast<double>(list[0].score) -
                 static_cast<double>(r == 0 ? list[1].score : list[r].score);
    return other.reason == list[r].reason && gap < margin;
}

NameDifference name_difference(std::string_view first, std::string_view second) {
    std::vector<std::string> a = name_tokens(first), b = name_tokens(second);
    NameDifference out;
    for (const std::string& w : a)
        if (std::find(b.begin(), b.end(), w) == b.end() &&
            std::find(out.only_first.begin(), out.only_first.end(), w) == out.only_first.end())
            out.only_first.push_back(w);
    for (const std::string& w : b)
        if (std::find(a.begin(), a.end(), w) == a.end() &&
            std::find(out.only_second.begin(), out.only_second.end(), w) == out.only_second.end())
            out.only_second.push_back(w);
    return out;
}

std::vector<Duplicate> find_duplicates(std::span<const Product> products) {
    std::vector<Duplicate> out;
    collect(products, "sku", normalize_sku, &Product::sku, out);
    collect(products, "barcode", normalize_barcode, &Product::barcode, out);
    return out;
}

} // namespace kivals::link
