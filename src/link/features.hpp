#pragma once

// The linker's internal data: flat sparse vectors and inverted lists (not a public API).
#include <kivals/link/linker.hpp>

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace kivals::link::detail {

// Rows of (term, weight) pairs stored flat: row i is [offsets[i], offsets[i+1]).
struct SparseRows {
    std::vector<std::uint32_t> offsets{0};
    std::vector<std::uint32_t> terms;
    std::vector<float> weights;

    std::size_t rows() const { return offsets.size() - 1; }
};

// Per-term posting lists over one side's rows (compressed sparse columns).
struct Postings {
    std::vector<std::uint32_t> offsets;
    std::vector<std::uint32_t> docs;
    std::vector<float> weights;
};

// Term ids shared by both sides, and the number of rows of either side holding each term.
struct Vocabulary {
    std::unordered_map<std::string, std::uint32_t> words;
    std::unordered_map<std::uint32_t, std::uint32_t> grams;
    std::vector<std::string> word_text;
    std::vector<std::uint32_t> word_df;
    std::vector<std::uint32_t> gram_df;
};

// A property a name states: a colour (kind 0, the colour's word id), a clothing size (kind
// 1, the size code's word id) or a measure (kind = 2 + the unit's word id, with its value). Two names stating the same kind of property
// with no value in common describe different products (or variants).
struct Attribute {
    std::uint32_t kind = 0;
    std::uint32_t word = 0;
    double value = 0.0;
};

// Return how many kinds of property both lists state without agreeing on any value.
int conflicts(const std::vector<Attribute>& a, const std::vector<Attribute>& b);

// One side's features, before weighting: term ids per row (repeats allowed).
struct RawSide {
    std::vector<std::vector<std::uint32_t>> words;
    std::vector<std::vector<std::uint32_t>> grams;
    std::vector<std::vector<std::uint32_t>> models; // word ids that look like model numbers
    std::vector<std::vector<Attribute>> attributes;
};

// Add the names' tokens and 3-grams to the vocabulary and return their ids.
RawSide extract(std::span<const Product> products, Vocabulary& vocab);

// Weight raw term ids by TF-IDF and L2-normalise each row.
SparseRows weigh(const std::vector<std::vector<std::uint32_t>>& rows,
                 const std::vector<std::uint32_t>& df, std::size_t total_docs);

// Invert rows into posting lists over `terms` terms.
Postings invert(const SparseRows& rows, std::size_t terms);

// Return the dot product of row `a` of `x` and row `b` of `y` (sorted terms).
float dot(const SparseRows& x, std::size_t a, const SparseRows& y, std::size_t b);

} // namespace kivals::link::detail
