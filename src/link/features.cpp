#include "features.hpp"

#include <kivals/link/normalize.hpp>

#include <algorithm>
#include <cmath>

namespace kivals::link::detail {
namespace {

std::uint32_t word_id(Vocabulary& vocab, const std::string& word) {
    auto [it, added] = vocab.words.try_emplace(word, static_cast<std::uint32_t>(vocab.words.size()));
    if (added) {
        vocab.word_text.push_back(word);
        vocab.word_df.push_back(0);
    }
    return it->second;
}

std::uint32_t gram_id(Vocabulary& vocab, std::uint32_t packed) {
    auto [it, added] = vocab.grams.try_emplace(packed, static_cast<std::uint32_t>(vocab.grams.size()));
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
        if (token[i] < '0' || token[i] > '9') {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < token.size() && token[j] >= '0' && token[j] <= '9')
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

void extract_one(const Product& product, Vocabulary& vocab, RawSide& side) {
    std::vector<std::string> tokens = name_tokens(product.name);
    std::vector<std::uint32_t> words, grams, models;
    std::vector<Attribute> attributes;
    std::vector<std::string> extra;
    for (const std::string& token : tokens) {
        std::uint32_t id = word_id(vocab, token);
        words.push_back(id);
        if (is_model_token(token)) {
            models.push_back(id);
            add_digit_runs(token, extra);
        }
        add_grams(token, vocab, grams);
        if (is_colour(token))
            attributes.push_back({0, id, 0.0});
        else if (std::string_view size = size_code(token); !size.empty())
            attributes.push_back({1, word_id(vocab, std::string(size)), 0.0});
        else if (auto m = measure_of(token))
            attributes.push_back({2 + word_id(vocab, std::string(m->unit)), id, m->value});
    }
    for (const std::string& token : extra)
        words.push_back(word_id(vocab, token));
    side.words.push_back(std::move(words));
    side.grams.push_back(std::move(grams));
    side.models.push_back(std::move(models));
    side.attributes.push_back(std::move(attributes));
}

} // namespace

RawSide extract(std::span<const Product> products, Vocabulary& vocab) {
    RawSide side;
    side.words.reserve(products.size());
    side.grams.reserve(products.size());
    side.models.reserve(products.size());
    for (const Product& product : products)
        extract_one(product, vocab, side);
    for (std::size_t i = 0; i < products.size(); ++i) {
        vocab.word_df.resize(vocab.word_text.size());
        vocab.gram_df.resize(vocab.grams.size());
        count_df(side.words[i], vocab.word_df);
        count_df(side.grams[i], vocab.gram_df);
    }
    return side;
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
            double w = (1.0 + std::log(static_cast<double>(j - i))) * idf;
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

int conflicts(const std::vector<Attribute>& a, const std::vector<Attribute>& b) {
    int n = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        bool first_of_kind = std::none_of(a.begin(), a.begin() + static_cast<std::ptrdiff_t>(i),
                                          [&](const Attribute& x) { return x.kind == a[i].kind; });
        if (!first_of_kind)
            continue;
        bool stated = false, agreed = false;
        for (const Attribute& y : b) {
            if (y.kind != a[i].kind)
                continue;
            stated = true;
            for (const Attribute& x : a)
                if (x.kind == y.kind &&
                    (x.kind <= 1 ? x.word == y.word : same_measure(x.value, y.value)))
                    agreed = true;
        }
        n += stated && !agreed ? 1 : 0;
    }
    return n;
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
