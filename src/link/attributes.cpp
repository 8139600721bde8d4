#include "features.hpp"

#include "words.hpp"

#include <kivals/link/normalize.hpp>

#include <algorithm>

namespace kivals::link::detail {
namespace {

// Each side says something the other does not.
bool differ(std::uint64_t a, std::uint64_t b) {
    return (a & ~b) != 0 && (b & ~a) != 0;
}

template <typename T, typename Same>
bool disjoint(const std::vector<T>& a, const std::vector<T>& b, Same same) {
    if (a.empty() || b.empty())
        return false;
    for (const T& x : a)
        for (const T& y : b)
            if (same(x, y))
                return false;
    return true;
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
            out.colours |= table_bits(Table::colour, text);
            out.editions |= table_bits(Table::edition, text);
            out.platforms |= table_bits(Table::platform, text);
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

int conflicts(const Attributes& a, const Attributes& b) {
    int n = differ(a.colours, b.colours) + differ(a.editions, b.editions) +
            differ(a.platforms, b.platforms);
    n += disjoint(a.sizes, b.sizes, std::equal_to<>());
    n += disjoint(a.numbers, b.numbers, same_number);
    n += !same_measure(a.pack, b.pack);
    for (std::size_t i = 0; i < a.measures.size(); ++i) {
        std::uint32_t unit = a.measures[i].first;
        bool first_of_unit =
            std::none_of(a.measures.begin(), a.measures.begin() + static_cast<std::ptrdiff_t>(i),
                         [unit](const auto& m) { return m.first == unit; });
        if (!first_of_unit)
            continue;
        bool stated = false, agreed = false;
        for (const auto& y : b.measures) {
            if (y.first != unit)
                continue;
            stated = true;
            for (const auto& x : a.measures)
                agreed = agreed || (x.first == unit && same_measure(x.second, y.second));
        }
        n += stated && !agreed;
    }
    return n;
}

} // namespace kivals::link::detail
