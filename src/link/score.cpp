#include "score.hpp"

#include "words.hpp"

#include <kivals/link/normalize.hpp>

#include <algorithm>
#include <array>

namespace kivals::link::detail {
namespace {

// How much an abbreviation ("choc", "dlx") or a near model number counts, against 1 for
// the same word.
constexpr float k_abbreviation = 0.8f;
constexpr float k_same_number = 0.9f;
// Words per name compared softly; past that a name is boilerplate anyway.
constexpr std::size_t k_soft_max = 24;
// The coverage of the better-covered name counts most: a terse name is wholly inside its
// twin's longer one, whatever vendor prefix or boilerplate the longer one adds.
constexpr float k_cover_best = 0.7f;

// How far two different words are the same, 0..1.
float soft_match(const Vocabulary& vocab, std::uint32_t x, std::uint32_t y) {
    const WordInfo& a = vocab.word_info[x];
    const WordInfo& b = vocab.word_info[y];
    if (a.alpha && b.alpha) {
        const std::string& s = vocab.word_text[x];
        const std::string& t = vocab.word_text[y];
        bool same_table_word = ((a.colours & b.colours) | (a.editions & b.editions) |
                                (a.platforms & b.platforms)) != 0;
        return abbreviates(s, t) || abbreviates(t, s) || same_table_word ? k_abbreviation : 0.0f;
    }
    if (a.unit != 0 && a.unit == b.unit)
        return same_measure(a.value, b.value) ? 1.0f : 0.0f;
    if (a.number && b.number)
        return same_number(a.value, b.value) ? k_same_number : 0.0f;
    if (a.model && b.model)
        return static_cast<float>(model_similarity(vocab.word_text[x], vocab.word_text[y]));
    return 0.0f;
}

float model_score(const Index& ix, std::size_t l, std::size_t k) {
    float best = 0.0f;
    for (std::uint32_t a : ix.ls_raw.models[l])
        for (std::uint32_t b : ix.kiva_raw.models[k]) {
            if (a == b)
                return 1.0f;
            best = std::max(best, static_cast<float>(model_similarity(ix.vocab.word_text[a],
                                                                      ix.vocab.word_text[b])));
        }
    return best;
}

} // namespace

Index::Index(std::span<const Product> l, std::span<const Product> k) : ls(l), kiva(k) {
    extract(ls, kiva, vocab, ls_raw, kiva_raw);
    std::size_t n = ls.size() + kiva.size();
    ls_words = weigh(ls_raw.words, vocab.word_df, n);
    kiva_words = weigh(kiva_raw.words, vocab.word_df, n);
    ls_grams = weigh(ls_raw.grams, vocab.gram_df, n);
    kiva_grams = weigh(kiva_raw.grams, vocab.gram_df, n);
}

std::pair<float, float> coverage(const Index& ix, std::size_t l, std::size_t k) {
    const auto& a = ix.ls_raw.tokens[l];
    const auto& b = ix.kiva_raw.tokens[k];
    const auto& idf = ix.vocab.word_cover;
    std::array<std::uint32_t, k_soft_max> left_a{}, left_b{};
    std::size_t na = 0, nb = 0;
    float total_a = 0.0f, total_b = 0.0f, shared = 0.0f;
    std::size_t i = 0, j = 0;
    while (i < a.size() || j < b.size()) {
        if (j == b.size() || (i < a.size() && a[i] < b[j])) {
            total_a += idf[a[i]];
            if (na < k_soft_max)
                left_a[na++] = a[i];
            ++i;
        } else if (i == a.size() || b[j] < a[i]) {
            total_b += idf[b[j]];
            if (nb < k_soft_max)
                left_b[nb++] = b[j];
            ++j;
        } else {
            total_a += idf[a[i]];
            total_b += idf[b[j]];
            shared += idf[a[i]];
            ++i;
            ++j;
        }
    }
    float got_a = shared, got_b = shared;
    std::array<float, k_soft_max> best_b{};
    for (std::size_t x = 0; x < na; ++x) {
        float best = 0.0f;
        for (std::size_t y = 0; y < nb; ++y) {
            float m = soft_match(ix.vocab, left_a[x], left_b[y]);
            best = std::max(best, m);
            best_b[y] = std::max(best_b[y], m);
        }
        got_a += best * idf[left_a[x]];
    }
    for (std::size_t y = 0; y < nb; ++y)
        got_b += best_b[y] * idf[left_b[y]];
    return {total_a > 0.0f ? got_a / total_a : 0.0f, total_b > 0.0f ? got_b / total_b : 0.0f};
}

float pair_score(const Index& ix, std::size_t l, std::size_t k, float word_cosine,
                 float gram_cosine, const Blend& blend) {
    auto [cover_ls, cover_kiva] = coverage(ix, l, k);
    float cover = k_cover_best * std::max(cover_ls, cover_kiva) +
                  (1.0f - k_cover_best) * std::min(cover_ls, cover_kiva);
    float score = blend.word * word_cosine + blend.gram * gram_cosine + blend.coverage * cover;
    if (!ix.ls_raw.models[l].empty() && !ix.kiva_raw.models[k].empty())
        score = (1.0f - blend.model) * score + blend.model * model_score(ix, l, k);
    Comparison c = compare(ix.ls_raw.attributes[l], ix.kiva_raw.attributes[k]);
    score += blend.agreement * static_cast<float>(c.agreements) -
             blend.conflict * static_cast<float>(c.conflicts);
    return std::clamp(score, 0.0f, 1.0f);
}

} // namespace kivals::link::detail
