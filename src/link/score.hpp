#pragma once

// Scoring one pair of names (not a public API).
#include "features.hpp"

#include <span>

namespace kivals::link::detail {

// Both catalogues' features: the vocabulary, each side's raw rows and weighted rows.
struct Index {
    std::span<const Product> ls, kiva;
    Vocabulary vocab;
    RawSide ls_raw, kiva_raw;
    SparseRows ls_words, ls_grams, kiva_words, kiva_grams;

    Index(std::span<const Product> l, std::span<const Product> k);
};

// The blend of the name similarity (its weights sum to 1, so a score stays in 0..1).
struct Blend {
    float word = 0.20f;      // word TF-IDF cosine
    float gram = 0.35f;      // character 3-gram TF-IDF cosine
    float coverage = 0.45f;  // weighted coverage of one name's words by the other's
    float model = 0.20f;     // share given to model-number agreement when both names have one
    float conflict = 0.20f;  // taken off for each property the names state differently
    float agreement = 0.03f; // added for each property both names state alike
};

// Return how much of each name's IDF weight the other name covers, exactly or softly (an
// abbreviation, the same measure written another way, a close model number): {ls, kiva}.
std::pair<float, float> coverage(const Index& index, std::size_t l, std::size_t k);

// Return the name similarity (0..1) of Lightspeed product `l` and Kiva product `k`, given
// their word and 3-gram cosines.
float pair_score(const Index& index, std::size_t l, std::size_t k, float word_cosine,
                 float gram_cosine, const Blend& blend = {});

} // namespace kivals::link::detail
