#include <kivals/link/linker.hpp>
#include <kivals/link/normalize.hpp>

#include "features.hpp"

#include <algorithm>
#include <thread>
#include <unordered_map>

namespace kivals::link {
namespace {

using namespace detail;

// The blend of the name similarity: word TF-IDF cosine, character 3-gram TF-IDF cosine and
// the best model-number agreement. They sum to 1 so that a name score stays in 0..1.
constexpr float k_word_weight = 0.40f;
constexpr float k_gram_weight = 0.40f;
constexpr float k_model_weight = 0.20f;
// Taken off a name score for each property (colour, a measure's unit) both names state
// with no value in common: "Tee Red L" is not "Tee Blue L", nor 16 GB 32 GB.
constexpr float k_conflict_penalty = 0.10f;
// Candidates rescored exactly per product, after the inverted lists' rough pass.
constexpr std::size_t k_rescore = 48;
constexpr std::size_t k_min_rescore = 12;
constexpr float k_rough_ratio = 0.5f;
// 3-grams held by more Kiva products than this are skipped in the rough pass: they add
// little to any score and would make every product a candidate.
constexpr std::size_t k_min_gram_cap = 400;

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
    std::span<const Product> ls, kiva;
    Vocabulary vocab;
    RawSide ls_raw, kiva_raw;
    SparseRows ls_words, ls_grams, kiva_words, kiva_grams;
    Postings word_post, gram_post;
    std::size_t gram_cap = 0;
    std::unordered_map<std::string, std::vector<std::uint32_t>> by_sku, by_barcode;

    Impl(std::span<const Product> l, std::span<const Product> k) : ls(l), kiva(k) {
        ls_raw = extract(ls, vocab);
        kiva_raw = extract(kiva, vocab);
        std::size_t n = ls.size() + kiva.size();
        ls_words = weigh(ls_raw.words, vocab.word_df, n);
        kiva_words = weigh(kiva_raw.words, vocab.word_df, n);
        ls_grams = weigh(ls_raw.grams, vocab.gram_df, n);
        kiva_grams = weigh(kiva_raw.grams, vocab.gram_df, n);
        word_post = invert(kiva_words, vocab.word_text.size());
        gram_post = invert(kiva_grams, vocab.gram_df.size());
        gram_cap = std::max(k_min_gram_cap, kiva.size() / 100);
        for (std::uint32_t i = 0; i < kiva.size(); ++i) {
            if (std::string s = normalize_sku(kiva[i].sku); !s.empty())
                by_sku[s].push_back(i);
            if (std::string b = normalize_barcode(kiva[i].barcode); !b.empty())
                by_barcode[b].push_back(i);
        }
    }

    float model_score(std::size_t l, std::size_t k) const {
        float best = 0.0f;
        for (std::uint32_t a : ls_raw.models[l])
            for (std::uint32_t b : kiva_raw.models[k]) {
                if (a == b)
                    return 1.0f;
                best = std::max(best, static_cast<float>(model_similarity(vocab.word_text[a],
                                                                          vocab.word_text[b])));
            }
        return best;
    }

    Scratch scratch() const {
        return {std::vector<float>(kiva.size(), 0.0f),
                {},
                std::vector<float>(vocab.word_text.size(), 0.0f),
                std::vector<float>(vocab.gram_df.size(), 0.0f)};
    }

    // Blend the cosines with the model-number agreement. When either name has no model
    // number there is nothing to agree on, so the cosines carry the whole score.
    float blend(std::size_t l, std::size_t k, float cosines) const {
        float score = ls_raw.models[l].empty() || kiva_raw.models[k].empty()
                          ? cosines / (k_word_weight + k_gram_weight)
                          : cosines + k_model_weight * model_score(l, k);
        int n = conflicts(ls_raw.attributes[l], kiva_raw.attributes[k]);
        return std::max(0.0f, score - k_conflict_penalty * static_cast<float>(n));
    }

    // The name score with the query's weights already spread into `s`.
    float name_score(std::size_t l, std::size_t k, const Scratch& s) const {
        return blend(l, k,
                     dense_dot(kiva_words, k, s.query_words) +
                         dense_dot(kiva_grams, k, s.query_grams));
    }

    float name_score(std::size_t l, std::size_t k) const {
        return blend(l, k,
                     k_word_weight * dot(ls_words, l, kiva_words, k) +
                         k_gram_weight * dot(ls_grams, l, kiva_grams, k));
    }

    // Add one side of a query row to the accumulators through the posting lists.
    void accumulate(const SparseRows& rows, std::size_t l, const Postings& post, float weight,
                    std::size_t cap, Scratch& s) const {
        for (std::uint32_t i = rows.offsets[l]; i < rows.offsets[l + 1]; ++i) {
            std::uint32_t t = rows.terms[i];
            std::uint32_t begin = post.offsets[t], end = post.offsets[t + 1];
            if (end - begin > cap)
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
            if (std::none_of(out.begin(), out.end(),
                             [k](const Candidate& c) { return c.kiva == k; }))
                out.push_back({k, 1.0f, reason});
    }

    std::vector<Candidate> suggest(std::size_t l, std::size_t top, double min_score,
                                   Scratch& s) const {
        std::vector<Candidate> out;
        exact(by_sku, normalize_sku(ls[l].sku), Reason::sku, out);
        exact(by_barcode, normalize_barcode(ls[l].barcode), Reason::barcode, out);
        accumulate(ls_words, l, word_post, k_word_weight, gram_cap, s);
        accumulate(ls_grams, l, gram_post, k_gram_weight, gram_cap, s);
        auto by_rough = [&s](std::uint32_t a, std::uint32_t b) {
            return s.acc[a] != s.acc[b] ? s.acc[a] > s.acc[b] : a < b;
        };
        // Far behind the leader in the rough pass, a candidate cannot catch up: only those
        // within k_rough_ratio of it are ranked (at least k_min_rescore when there are).
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
        std::vector<Candidate> named;
        spread(ls_words, l, s.query_words, k_word_weight);
        spread(ls_grams, l, s.query_grams, k_gram_weight);
        for (std::size_t i = 0; i < keep; ++i) {
            std::uint32_t k = s.touched[i];
            float score = name_score(l, k, s);
            if (static_cast<double>(score) >= min_score &&
                std::none_of(out.begin(), out.end(),
                             [k](const Candidate& c) { return c.kiva == k; }))
                named.push_back({k, score, Reason::name});
        }
        for (std::uint32_t d : s.touched)
            s.acc[d] = 0.0f;
        s.touched.clear();
        spread(ls_words, l, s.query_words, 0.0f);
        spread(ls_grams, l, s.query_grams, 0.0f);
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
    std::size_t n = m_impl->ls.size();
    std::vector<std::vector<Candidate>> out(n);
    unsigned threads = std::max(1u, std::min<unsigned>(options.threads, static_cast<unsigned>(n)));
    auto work = [&](unsigned t) {
        Scratch s = m_impl->scratch();
        for (std::size_t l = t; l < n; l += threads)
            out[l] = m_impl->suggest(l, options.top, options.min_score, s);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t)
        pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool)
        th.join();
    return out;
}

double Linker::name_score(std::size_t ls, std::size_t kiva) const {
    return m_impl->name_score(ls, kiva);
}

} // namespace kivals::link
