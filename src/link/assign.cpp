#include <kivals/link/assign.hpp>

#include <algorithm>
#include <numeric>

namespace kivals::link {
namespace {

// An exact SKU or barcode match is assigned before any name.
constexpr float k_exact_first = 10.0f;

// The mean of the `size` best of `scores` (0 when there are none).
float top_mean(std::vector<float>& scores, std::size_t size) {
    if (scores.empty())
        return 0.0f;
    std::size_t n = std::min(size, scores.size());
    std::partial_sort(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(n), scores.end(),
                      std::greater<>());
    return std::accumulate(scores.begin(), scores.begin() + static_cast<std::ptrdiff_t>(n), 0.0f) /
           static_cast<float>(n);
}

struct Edge {
    float priority = 0.0f;
    std::uint32_t ls = 0;
    std::uint32_t rank = 0;
};

} // namespace

void assign_globally(std::vector<std::vector<Candidate>>& lists, std::size_t kiva_count,
                     const AssignOptions& options) {
    std::vector<std::vector<float>> received(kiva_count);
    std::vector<float> hub_ls(lists.size()), hub_kiva(kiva_count);
    for (std::size_t l = 0; l < lists.size(); ++l) {
        std::vector<float> own;
        for (const Candidate& c : lists[l]) {
            received[c.kiva].push_back(c.score);
            own.push_back(c.score);
        }
        hub_ls[l] = top_mean(own, options.hub_size);
    }
    for (std::size_t k = 0; k < kiva_count; ++k)
        hub_kiva[k] = top_mean(received[k], options.hub_size);
    std::vector<Edge> edges;
    auto w = static_cast<float>(options.hub_weight);
    for (std::uint32_t l = 0; l < lists.size(); ++l)
        for (std::uint32_t r = 0; r < lists[l].size(); ++r) {
            const Candidate& c = lists[l][r];
            bool exact = c.reason != Reason::name;
            if (!exact && static_cast<double>(c.score) < options.floor)
                continue;
            float priority = c.score - w * 0.5f * (hub_ls[l] + hub_kiva[c.kiva]);
            edges.push_back({exact ? k_exact_first + c.score : priority, l, r});
        }
    std::sort(edges.begin(), edges.end(), [](const Edge& a, const Edge& b) {
        return a.priority != b.priority ? a.priority > b.priority
                                        : (a.ls != b.ls ? a.ls < b.ls : a.rank < b.rank);
    });
    std::vector<bool> kiva_taken(kiva_count, false), ls_taken(lists.size(), false);
    for (const Edge& e : edges) {
        Candidate& c = lists[e.ls][e.rank];
        if (ls_taken[e.ls] || kiva_taken[c.kiva])
            continue;
        ls_taken[e.ls] = kiva_taken[c.kiva] = true;
        c.assigned = true;
    }
    for (auto& list : lists)
        std::stable_partition(list.begin(), list.end(),
                              [](const Candidate& c) { return c.assigned; });
}

} // namespace kivals::link
