#include "features.hpp"

#include "words.hpp"

#include <kivals/core/text.hpp>
#include <kivals/link/normalize.hpp>

#include <algorithm>
#include <cmath>

namespace kivals::link::detail {
namespace {

// BM25's term-frequency saturation: a word said twice counts a little more, not twice.
constexpr double k_saturation = 1.2;
// How much a word only one catalogue ever writes weighs in coverage: a store's boilerplate
// ("activation code by email", "free returns") cannot tell the other side's products apart,
// however rare it is. Words that state a variant ("pc", "std", "3u") keep their weight: the
// other side states the same thing in its own words.
constexpr double k_one_sided = 0.25;

std::uint32_t word_id(Vocabulary& vocab, const std::string& word) {
    auto found = vocab.words.find(word);
    if (found != vocab.words.end())
        return found->second;
    auto id = static_cast<std::uint32_t>(vocab.word_text.size());
    vocab.words.emplace(word, id);
    vocab.word_text.push_back(word);
    vocab.word_info.emplace_back();
    WordInfo info;
    info.alpha = all_alpha(word);
    info.model = is_model_token(word);
    if (info.alpha) {
        info.colours = table_bits(Table::colour, word);
        info.editions = table_bits(Table::edition, word);
        info.platforms = table_bits(Table::platform, word);
    }
    if (auto m = measure_of(word)) {
        info.model = false; // "16gb" is a capacity, not a model number
        info.value = m->value;
        info.unit = 1 + word_id(vocab, std::string(m->unit));
    } else if (is_number(word) && word.size() <= 5 &&
               std::count(word.begin(), word.end(), '.') <= 1 &&
               std::count_if(word.begin(), word.end(), is_digit) <= 4) {
        auto value = parse_double(word);
        info.number = value.has_value();
        info.value = value.value_or(0.0);
    }
    vocab.word_info[id] = info; // word_id(unit) above may have grown the table
    return id;
}

std::uint32_t gram_id(Vocabulary& vocab, std::uint32_t packed) {
    auto [it, added] =
        vocab.grams.try_emplace(packed, static_cast<std::uint32_t>(vocab.grams.size()));
    if (added)
        vocab.gram_df.push_back(0);
    return it->second;
}

// Count each term once per row towards its document frequency.
void count_df(std::vector<std::uint32_t> ids, std::vector<std::uint32_t>& df) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (std::uint32_t id : ids)
        ++df[id];
}

// Runs of 3 or more digits inside a model number ("coolpixp6000bk" -> "6000"), so that
// catalogues that spell the series differently still share the number.
void add_digit_runs(const std::string& token, std::vector<std::string>& out) {
    std::size_t i = 0;
    while (i < token.size()) {
        if (!is_digit(token[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < token.size() && is_digit(token[j]))
            ++j;
        if (j - i >= 3 && j - i < token.size())
            out.push_back(token.substr(i, j - i));
        i = j;
    }
}

// Add the 3-grams of one token padded with a space each side, so that word order does not
// change a name's grams ("harmony 890" and "890 harmony" share all of them).
void add_grams(const std::string& token, Vocabulary& vocab, std::vector<std::uint32_t>& grams) {
    auto byte = [&](std::size_t k) -> std::uint32_t {
        if (k == 0 || k == token.size() + 1)
            return ' ';
        return static_cast<unsigned char>(token[k - 1]);
    };
    for (std::size_t i = 0; i + 3 <= token.size() + 2; ++i)
        grams.push_back(gram_id(vocab, byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2)));
}

// Write editions and platforms one way ("Pro" and "Professional", "PC" and "Windows").
void spell_variants(std::vector<std::uint32_t>& ids, Vocabulary& vocab) {
    for (std::uint32_t& id : ids)
        if (vocab.word_info[id].alpha)
            if (std::string_view word = variant_word(vocab.word_text[id]); !word.empty())
                id = word_id(vocab, std::string(word));
}

// Join two neighbouring words when some name writes them as one ("hand held" -> "handheld").
void join_compounds(std::vector<std::uint32_t>& ids, const Vocabulary& vocab) {
    std::vector<std::uint32_t> out;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (i + 1 < ids.size() && vocab.word_info[ids[i]].alpha &&
            vocab.word_info[ids[i + 1]].alpha) {
            auto joined = vocab.words.find(vocab.word_text[ids[i]] + vocab.word_text[ids[i + 1]]);
            if (joined != vocab.words.end()) {
                out.push_back(joined->second);
                ++i;
                continue;
            }
        }
        out.push_back(ids[i]);
    }
    ids = std::move(out);
}

void build_row(std::vector<std::uint32_t> ids, Vocabulary& vocab, RawSide& side) {
    std::vector<std::uint32_t> grams, models;
    std::vector<std::string> extra;
    for (std::uint32_t id : ids) {
        std::string text = vocab.word_text[id]; // a copy: the table may grow below
        if (vocab.word_info[id].model) {
            models.push_back(id);
            add_digit_runs(text, extra);
        }
        add_grams(text, vocab, grams);
    }
    std::vector<std::uint32_t> words = ids;
    for (const std::string& token : extra)
        words.push_back(word_id(vocab, token));
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    side.attributes.push_back(attributes_of(ids, vocab));
    side.words.push_back(std::move(words));
    side.tokens.push_back(std::move(ids));
    side.grams.push_back(std::move(grams));
    side.models.push_back(std::move(models));
}

} // namespace

void extract(std::span<const Product> ls, std::span<const Product> kiva, Vocabulary& vocab,
             RawSide& ls_side, RawSide& kiva_side) {
    vocab.words.reserve((ls.size() + kiva.size()) * 2);
    std::vector<std::vector<std::uint32_t>> ids;
    ids.reserve(ls.size() + kiva.size());
    for (std::span<const Product> side : {ls, kiva})
        for (const Product& product : side) {
            std::vector<std::uint32_t> row;
            for (const std::string& token : name_tokens(product.name))
                row.push_back(word_id(vocab, token));
            ids.push_back(std::move(row));
        }
    for (std::size_t i = 0; i < ids.size(); ++i) {
        join_compounds(ids[i], vocab);
        spell_variants(ids[i], vocab);
        build_row(std::move(ids[i]), vocab, i < ls.size() ? ls_side : kiva_side);
    }
    std::vector<std::uint32_t> ls_df(vocab.word_text.size(), 0);
    vocab.word_df.assign(vocab.word_text.size(), 0);
    vocab.gram_df.assign(vocab.grams.size(), 0);
    for (std::size_t i = 0; i < ls_side.words.size(); ++i)
        count_df(ls_side.words[i], ls_df);
    for (const RawSide* side : {&ls_side, &kiva_side})
        for (std::size_t i = 0; i < side->words.size(); ++i) {
            count_df(side->words[i], vocab.word_df);
            count_df(side->grams[i], vocab.gram_df);
        }
    double n = static_cast<double>(ls.size() + kiva.size());
    vocab.word_cover.resize(vocab.word_df.size());
    for (std::size_t t = 0; t < vocab.word_df.size(); ++t) {
        double idf = std::log((1.0 + n) / (1.0 + vocab.word_df[t])) + 1.0;
        const WordInfo& info = vocab.word_info[t];
        bool states = info.names_table_word() || info.unit != 0 || info.number; // "pc", "3u"
        bool one_sided = !states && (ls_df[t] == 0 || ls_df[t] == vocab.word_df[t]);
        vocab.word_cover[t] = static_cast<float>(one_sided ? k_one_sided * idf : idf);
    }
}

SparseRows weigh(const std::vector<std::vector<std::uint32_t>>& rows,
                 const std::vector<std::uint32_t>& df, std::size_t total_docs) {
    SparseRows out;
    out.offsets.reserve(rows.size() + 1);
    double n = static_cast<double>(total_docs);
    for (std::vector<std::uint32_t> ids : rows) {
        std::sort(ids.begin(), ids.end());
        std::size_t start = out.terms.size();
        double norm = 0.0;
        for (std::size_t i = 0; i < ids.size();) {
            std::size_t j = i;
            while (j < ids.size() && ids[j] == ids[i])
                ++j;
            double idf = std::log((1.0 + n) / (1.0 + df[ids[i]])) + 1.0;
            double tf = static_cast<double>(j - i);
            double w = tf * (k_saturation + 1.0) / (tf + k_saturation) * idf;
            out.terms.push_back(ids[i]);
            out.weights.push_back(static_cast<float>(w));
            norm += w * w;
            i = j;
        }
        float scale = norm > 0.0 ? static_cast<float>(1.0 / std::sqrt(norm)) : 0.0f;
        for (std::size_t k = start; k < out.weights.size(); ++k)
            out.weights[k] *= scale;
        out.offsets.push_back(static_cast<std::uint32_t>(out.terms.size()));
    }
    return out;
}

Postings invert(const SparseRows& rows, std::size_t terms) {
    Postings p;
    p.offsets.assign(terms + 1, 0);
    for (std::uint32_t t : rows.terms)
        ++p.offsets[t + 1];
    for (std::size_t t = 0; t < terms; ++t)
        p.offsets[t + 1] += p.offsets[t];
    p.docs.resize(rows.terms.size());
    p.weights.resize(rows.terms.size());
    std::vector<std::uint32_t> fill(p.offsets.begin(), p.offsets.end() - 1);
    for (std::size_t r = 0; r < rows.rows(); ++r)
        for (std::uint32_t k = rows.offsets[r]; k < rows.offsets[r + 1]; ++k) {
            std::uint32_t at = fill[rows.terms[k]]++;
            p.docs[at] = static_cast<std::uint32_t>(r);
            p.weights[at] = rows.weights[k];
        }
    return p;
}

float dot(const SparseRows& x, std::size_t a, const SparseRows& y, std::size_t b) {
    std::uint32_t i = x.offsets[a], ie = x.offsets[a + 1];
    std::uint32_t j = y.offsets[b], je = y.offsets[b + 1];
    float sum = 0.0f;
    while (i < ie && j < je) {
        if (x.terms[i] < y.terms[j])
            ++i;
        else if (x.terms[i] > y.terms[j])
            ++j;
        else
            sum += x.weights[i++] * y.weights[j++];
    }
    return sum;
}

} // namespace kivals::link::detail
