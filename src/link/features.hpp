#pragma once

// The linker's internal data: flat sparse vectors, inverted lists and what each name states
// (not a public API).
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

// What a word token is, beside its text: a measure (unit id, value) or a bare number.
struct WordInfo {
    std::uint32_t unit = 0; // 0: not a measure; else 1 + the unit's word id
    double value = 0.0;     // the measure's value, or the bare number's
    bool number = false;    // a bare number (a version, a year, a series)
    bool alpha = false;     // letters only: may be an abbreviation
    bool model = false;     // looks like a model number
    // The table words it names (table_bits(): colours, editions, platforms).
    std::uint64_t colours = 0, editions = 0, platforms = 0;

    bool names_table_word() const { return (colours | editions | platforms) != 0; }
};

// Term ids shared by both sides, and the number of rows of either side holding each term.
struct Vocabulary {
    std::unordered_map<std::string, std::uint32_t> words;
    std::unordered_map<std::uint32_t, std::uint32_t> grams;
    std::vector<std::string> word_text;
    std::vector<WordInfo> word_info;
    std::vector<std::uint32_t> word_df;
    std::vector<std::uint32_t> gram_df;
    std::vector<float> word_cover; // a word's weight in coverage: its IDF, less if one-sided
};

// What a name states about its variant: colours, editions and platforms (as table bits),
// clothing sizes (word ids), measures (unit id, value) and bare numbers.
struct Attributes {
    std::uint64_t colours = 0, editions = 0, platforms = 0;
    std::vector<std::uint32_t> sizes;
    std::vector<std::pair<std::uint32_t, double>> measures;
    std::vector<double> numbers;
    double pack = 1.0; // items sold together: a name that says no pack sells one
};

// How two names' properties compare: how many kinds of property both state and agree on,
// and how many both state differently ("Tee Red L" is not "Tee Blue L", nor 16 GB 32 GB, nor
// Pro Standard). A property stated by one name only is neither, except a pack: "Cola 330ml"
// is a single can, not "Cola 330ml 6-Pack".
struct Comparison {
    int agreements = 0;
    int conflicts = 0;
};

// Compare what two names state.
Comparison compare(const Attributes& a, const Attributes& b);

// Return true when two bare numbers say the same: equal, or a year and its last two digits.
bool same_number(double a, double b);

// Read what a name's tokens state.
Attributes attributes_of(const std::vector<std::uint32_t>& tokens, const Vocabulary& vocab);

// One side's features, before weighting: term ids per row.
struct RawSide {
    std::vector<std::vector<std::uint32_t>> words;  // tokens and model-number digit runs
    std::vector<std::vector<std::uint32_t>> tokens; // the name's own tokens, sorted, unique
    std::vector<std::vector<std::uint32_t>> grams;
    std::vector<std::vector<std::uint32_t>> models; // tokens that look like model numbers
    std::vector<Attributes> attributes;
};

// Tokenise both sides into one vocabulary: words written apart on one name and together on
// another ("hand held", "handheld") become the one word; then count document frequencies
// and set the IDF of every word.
void extract(std::span<const Product> ls, std::span<const Product> kiva, Vocabulary& vocab,
             RawSide& ls_side, RawSide& kiva_side);

// Weight raw term ids by TF-IDF with saturated term frequency and L2-normalise each row.
SparseRows weigh(const std::vector<std::vector<std::uint32_t>>& rows,
                 const std::vector<std::uint32_t>& df, std::size_t total_docs);

// Invert rows into posting lists over `terms` terms.
Postings invert(const SparseRows& rows, std::size_t terms);

// Return the dot product of row `a` of `x` and row `b` of `y` (sorted terms).
float dot(const SparseRows& x, std::size_t a, const SparseRows& y, std::size_t b);

} // namespace kivals::link::detail
