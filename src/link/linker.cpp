#include <kivals/link/assign.hpp>
#include <kivals/link/linker.hpp>
#include <kivals/link/normalize.hpp>

#include "score.hpp"

#include <algorithm>
#include <atomic>
#include <thread>
#include <unordered_map>

namespace kivals::link {
namespace {

using namespace detail;

// The rough pass adds word and 3-gram TF-IDF products through the inverted lists.
constexpr float k_rough_word = 0.5f;
constexpr float k_rough_gram = 0.5f;
// Candidates rescored exactly per product, after the inverted lists' rough pass.
constexpr std::size_t k_rescore = 48;
constexpr std::size_t k_min_rescore = 12;
constexpr float k_rough_ratio = 0.5f;
// 3-grams held by more Kiva products than this are skipped in the rough pass: they add
// little to any score and would make every product a candidate.
constexpr std::size_t k_min_gram_cap = 400;
// Candidates per product that the one-to-one assignment may choose from.
constexpr std::size_t k_assign_pool = 10;

// Scratch space of one thread: one accumulator per Kiva product, and which were touched.
// The query's own weights are spread over dense per-term arrays so that scoring a
// candidate is one pass over the candidate's terms, not a merge of two lists.
struct Scratch {
    std::vector<float> acc;
    std::vector<std::uint32_t> touched;
    std::vector<float> query_words;
    std::vector<float> query_grams;
};

void spread(const SparseRows& rows, std::size_t row, std::vector<float>& dense, float scale) {
    for (std::uint32_t i = rows.offsets[row]; i < rows.offsets[row + 1]; ++i)
        dense[rows.terms[i]] = scale * rows.weights[i];
}

float dense_dot(const SparseRows& rows, std::size_t row, const std::vector<float>& dense) {
    float sum = 0.0f;
    for (std::uint32_t i = rows.offsets[row]; i < rows.offsets[row + 1]; ++i)
        sum += dense[rows.terms[i]] * rows.weights[i];
    return sum;
}

bool listed(const std::vector<Candidate>& out, std::uint32_t k) {
    return std::any_of(out.begin(), out.end(), [k](const Candidate& c) { return c.kiva == k; });
}

} // namespace

std::string_view reason_name(Reason reason) {
    switch (reason) {
    case Reason::sku:
        return "sku";
    case Reason::barcode:
        return "barcode";
    case Reason::name:
        return "name";
    }
    return "name";
}

struct Linker::Impl {
    Index ix;
    Postings word_post, gram_post;
    std::size_t gram_cap = 0;
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_sku, by_barcode;

    Impl(std::span<const Product> l, std::span<const Product> k) : ix(l, k) {
        word_post = invert(ix.kiva_words, ix.vocab.word_text.size());
        gram_post = invert(ix.kiva_grams, ix.vocab.gram_df.size());
        gram_cap = std::max(k_min_gram_cap, k.size() / 100);
        for (std::uint32_t i = 0; i < k.size(); ++i) {
            if (std::string s = normalize_sku(k[i].sku); !s.empty())
                by_sku[s].push_back(i);
            if (std::string b = normalize_barcode(k[i].barcode); !b.empty())
                by_barcode[b].push_back(i);
        }
    }

    Scratch scratch() const {
        return {std::vector<float>(ix.kiva.size(), 0.0f),
                {},
                std::vector<float>(ix.vocab.word_text.size(), 0.0f),
                std::vector<float>(ix.vocab.gram_df.size(), 0.0f)};
    }

    float name_score(std::size_t l, std::size_t k) const {
        return pair_score(ix, l, k, dot(ix.ls_words, l, ix.kiva_words, k),
                          dot(ix.ls_grams, l, ix.kiva_grams, k));
    }

    // Add one side of a query row to the accumulators through the posting lists.
    void accumulate(const SparseRows& rows, std::size_t l, const Postings& post, float weight,
                    Scratch& s) const {
        for (std::uint32_t i = rows.offsets[l]; i < rows.offsets[l + 1]; ++i) {
            std::uint32_t t = rows.terms[i];
            std::uint32_t begin = post.offsets[t], end = post.offsets[t + 1];
            if (end - begin > gram_cap)
                continue;
            float q = weight * rows.weights[i];
            if (q <= 0.0f)
                continue;
            for (std::uint32_t p = begin; p < end; ++p) {
                std::uint32_t d = post.docs[p];
                if (s.acc[d] == 0.0f)
                    s.touched.push_back(d);
                s.acc[d] += q * post.weights[p];
            }
        }
    }

    void exact(const std::unordered_map<std::string, std::vector<std::uint32_t>>& table,
               const std::string& key, Reason reason, std::vector<Candidate>& out) const {
        if (key.empty())
            return;
        auto it = table.find(key);
        if (it == table.end())
            return;
        for (std::uint32_t k : it->second)
            if (!listed(out, k))
                out.push_back({k, 1.0f, reason});
    }

    // Keep the rough pass's best candidates in s.touched[0, n) and return n: far behind the
    // leader a candidate cannot catch up, so only those within k_rough_ratio of it are
    // ranked (at least k_min_rescore when there are).
    std::size_t shortlist(Scratch& s) const {
        auto by_rough = [&s](std::uint32_t a, std::uint32_t b) {
            return s.acc[a] != s.acc[b] ? s.acc[a] > s.acc[b] : a < b;
        };
        float best = 0.0f;
        for (std::uint32_t d : s.touched)
            best = std::max(best, s.acc[d]);
        float floor = best * k_rough_ratio;
        auto near = std::partition(s.touched.begin(), s.touched.end(),
                                   [&s, floor](std::uint32_t d) { return s.acc[d] >= floor; });
        auto pool_end = static_cast<std::size_t>(near - s.touched.begin()) >= k_min_rescore
                            ? near
                            : s.touched.end();
        std::size_t pool = static_cast<std::size_t>(pool_end - s.touched.begin());
        std::size_t keep = std::min(k_rescore, pool);
        auto cut = s.touched.begin() + static_cast<std::ptrdiff_t>(keep);
        if (keep < pool)
            std::nth_element(s.touched.begin(), cut, pool_end, by_rough);
        std::sort(s.touched.begin(), cut, by_rough);
        while (keep > k_min_rescore && s.acc[s.touched[keep - 1]] < floor)
            --keep;
        return keep;
    }

    std::vector<Candidate> suggest(std::size_t l, std::size_t top, double min_score,
                                   Scratch& s) const {
        std::vector<Candidate> out;
        exact(by_sku, normalize_sku(ix.ls[l].sku), Reason::sku, out);
        exact(by_barcode, normalize_barcode(ix.ls[l].barcode), Reason::barcode, out);
        accumulate(ix.ls_words, l, word_post, k_rough_word, s);
        accumulate(ix.ls_grams, l, gram_post, k_rough_gram, s);
        std::size_t keep = shortlist(s);
        std::vector<Candidate> named;
        spread(ix.ls_words, l, s.query_words, 1.0f);
        spread(ix.ls_grams, l, s.query_grams, 1.0f);
        for (std::size_t i = 0; i < keep; ++i) {
            std::uint32_t k = s.touched[i];
            float score = pair_score(ix, l, k, dense_dot(ix.kiva_words, k, s.query_words),
                                     dense_dot(ix.kiva_grams, k, s.query_grams));
            if (static_cast<double>(score) >= min_score && !listed(out, k))
                named.push_back({k, score, Reason::name});
        }
        for (std::uint32_t d : s.touched)
            s.acc[d] = 0.0f;
        s.touched.clear();
        spread(ix.ls_words, l, s.query_words, 0.0f);
        spread(ix.ls_grams, l, s.query_grams, 0.0f);
        std::sort(named.begin(), named.end(), [](const Candidate& a, const Candidate& b) {
            return a.score != b.score ? a.score > b.score : a.kiva < b.kiva;
        });
        out.insert(out.end(), named.begin(), named.end());
        if (out.size() > top)
            out.resize(top);
        return out;
    }
};

Linker::Linker(std::span<const Product> lightspeed, std::span<const Product> kiva)
    : m_impl(std::make_unique<Impl>(lightspeed, kiva)) {}

Linker::~Linker() = default;

std::vector<Candidate> Linker::suggest(std::size_t ls, std::size_t top, double min_score) const {
    Scratch s = m_impl->scratch();
    return m_impl->suggest(ls, top, min_score, s);
}

std::vector<std::vector<Candidate>> Linker::suggest_all(const SuggestOptions& options) const {
    std::size_t n = m_impl->ix.ls.size();
    std::vector<std::vector<Candidate>> out(n);
    std::size_t pool = options.assign ? std::max(options.top, k_assign_pool) : options.top;
    unsigned threads = std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(n)));
    std::atomic<std::size_t> done{0};
    auto work = [&](unsigned t) {
        Scratch s = m_impl->scratch();
        for (std::size_t l = t; l < n; l += threads) {
            out[l] = m_impl->suggest(l, pool, options.assign ? 0.0 : options.min_score, s);
            std::size_t finished = done.fetch_add(1, std::memory_order_relaxed) + 1;
            // Only the calling thread reports: a Progress is not shared between threads.
            if (t == 0 && options.progress && l % 64 == 0)
                options.progress->step("Suggesting", static_cast<std::int64_t>(finished),
                                       static_cast<std::int64_t>(n), "products");
        }
    };
    std::vector<std::thread> workers;
    for (unsigned t = 1; t < threads; ++t)
        workers.emplace_back(work, t);
    work(0);
    for (auto& th : workers)
        th.join();
    if (options.progress)
        options.progress->finish();
    if (!options.assign)
        return out;
    // The assignment sees every candidate; the bar only trims what is shown.
    assign_globally(out, m_impl->ix.kiva.size());
    for (auto& list : out) {
        std::erase_if(list, [&](const Candidate& c) {
            return static_cast<double>(c.score) < options.min_score;
        });
        if (list.size() > options.top)
            list.resize(options.top);
    }
    return out;
}

double Linker::name_score(std::size_t ls, std::size_t kiva) const {
    return m_impl->name_score(ls, kiva);
}

} // namespace kivals::link
