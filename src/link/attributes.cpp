#include "features.hpp"

#include "words.hpp"

#include <kivals/link/normalize.hpp>

#include <algorithm>

namespace kivals::link::detail {
namespace {
// How one kind of property compares: stated by both and agreeing, stated by both and not,
// or not stated by one of them.
enum class Verdict { agree, conflict, silent };

Verdict bits_verdict(std::uint64_t a, std::uint64_t b) {
    if (a == 0 || b == 0)
        return Verdict::silent;
    // A conflict when each side says something the other does not ("Pro" vs "Standard").
    return (a & ~b) != 0 && (b & ~a) != 0 ? Verdict::conflict : Verdict::agree;
}

template <typename T, typename Same>
Verdict values_verdict(const std::vector<T>& a, const std::vector<T>& b, Same same) {
    if (a.empty() || b.empty())
        return Verdict::silent;
    for (const T& x : a)
        for (const T& y : b)
            if (same(x, y))
                return Verdict::agree;
    return Verdict::conflict;
}

void count(Verdict v, Comparison& out) {
    out.conflicts += v == Verdict::conflict;
    out.agreements += v == Verdict::agree;
}

} // namespace

bool same_number(double a, double b) {
    if (a == b)
        return true;
    double year = std::max(a, b), tail = std::min(a, b);
    return year >= 1990 && year <= 2099 && tail < 100 && static_cast<int>(year) % 100 == tail;
}

Attributes attributes_of(const std::vector<std::uint32_t>& tokens, const Vocabulary& vocab) {
    Attributes out;
    for (std::uint32_t id : tokens) {
        const std::string& text = vocab.word_text[id];
        const WordInfo& info = vocab.word_info[id];
        if (info.alpha) {
            out.colours |= info.colours;
            out.editions |= info.editions;
            out.platforms |= info.platforms;
            if (!size_code(text).empty())
                out.sizes.push_back(id);
        } else if (info.unit != 0 && vocab.word_text[info.unit - 1] == "pack") {
            out.pack = info.value;
        } else if (info.unit != 0) {
            out.measures.emplace_back(info.unit, info.value);
        } else if (info.number) {
            out.numbers.push_back(info.value);
        }
    }
    return out;
}

Comparison compare(const Attributes& a, const Attributes& b) {
    Comparison out;
    count(bits_verdict(a.colours, b.colours), out);
    count(bits_verdict(a.editions, b.editions), out);
    count(bits_verdict(a.platforms, b.platforms), out);
    count(values_verdict(a.sizes, b.sizes, std::equal_to<>()), out);
    count(values_verdict(a.numbers, b.numbers, same_number), out);
    if (!same_measure(a.pack, b.pack))
        ++out.conflicts;
    else if (a.pack > 1.0)
        ++out.agreements;
    for (std::size_t i = 0; i < a.measures.size(); ++i) {
        std::uint32_t unit = a.measures[i].first;
        bool first_of_unit =
            std::none_of(a.measures.begin(), a.measures.begin() + static_cast<std::ptrdiff_t>(i),
                         [unit](const auto& m) { return m.first == unit; });
        if (!first_of_unit)
            continue;
        std::vector<double> x, y;
        for (const auto& m : a.measures)
            if (m.first == unit)
                x.push_back(m.second);
        for (const auto& m : b.measures)
            if (m.first == unit)
                y.push_back(m.second);
        count(values_verdict(x, y, same_measure), out);
    }
    return out;
}

} // namespace kivals::link::detail
