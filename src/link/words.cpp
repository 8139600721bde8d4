#include "words.hpp"

#include <kivals/core/text.hpp>
#include <kivals/link/normalize.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <string>
#include <utility>

namespace kivals::link {
namespace detail {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

// Units after a number, spelled one way: "16 GB" and "16gb" both become "16gb".
constexpr std::array k_units{
    Pair{"\"", "in"},        Pair{"'", "in"},         Pair{"''", "in"},
    Pair{"amp", "a"},        Pair{"amps", "a"},       Pair{"bag", "bag"},
    Pair{"bags", "bag"},     Pair{"count", "ct"},     Pair{"capsule", "cap"},
    Pair{"capsules", "cap"}, Pair{"ct", "ct"},        Pair{"cm", "cm"},
    Pair{"db", "db"},        Pair{"device", "dev"},   Pair{"devices", "dev"},
    Pair{"feet", "ft"},      Pair{"foot", "ft"},      Pair{"ft", "ft"},
    Pair{"g", "g"},          Pair{"gal", "gal"},      Pair{"gallon", "gal"},
    Pair{"gallons", "gal"},  Pair{"gb", "gb"},        Pair{"ghz", "ghz"},
    Pair{"gig", "gb"},       Pair{"gigabyte", "gb"},  Pair{"gigabytes", "gb"},
    Pair{"gram", "g"},       Pair{"grams", "g"},      Pair{"gr", "g"},
    Pair{"hz", "hz"},        Pair{"in", "in"},        Pair{"inch", "in"},
    Pair{"inches", "in"},    Pair{"kb", "kb"},        Pair{"kg", "kg"},
    Pair{"kilo", "kg"},      Pair{"kilos", "kg"},     Pair{"kw", "kw"},
    Pair{"l", "l"},          Pair{"lb", "lb"},        Pair{"lbs", "lb"},
    Pair{"liter", "l"},      Pair{"liters", "l"},     Pair{"litre", "l"},
    Pair{"litres", "l"},     Pair{"ltr", "l"},        Pair{"m", "m"},
    Pair{"mah", "mah"},      Pair{"mb", "mb"},        Pair{"megabyte", "mb"},
    Pair{"megabytes", "mb"}, Pair{"megapixel", "mp"}, Pair{"megapixels", "mp"},
    Pair{"meter", "m"},      Pair{"meters", "m"},     Pair{"metre", "m"},
    Pair{"metres", "m"},     Pair{"mhz", "mhz"},      Pair{"ml", "ml"},
    Pair{"mm", "mm"},        Pair{"month", "mo"},     Pair{"months", "mo"},
    Pair{"mp", "mp"},        Pair{"mpix", "mp"},      Pair{"mpx", "mp"},
    Pair{"oz", "oz"},        Pair{"ounce", "oz"},     Pair{"ounces", "oz"},
    Pair{"pack", "pk"},      Pair{"pair", "pr"},      Pair{"pairs", "pr"},
    Pair{"pc", "pc"},        Pair{"pcs", "pc"},       Pair{"piece", "pc"},
    Pair{"pieces", "pc"},    Pair{"pk", "pk"},        Pair{"pod", "pod"},
    Pair{"pods", "pod"},     Pair{"pound", "lb"},     Pair{"pounds", "lb"},
    Pair{"qt", "qt"},        Pair{"roll", "roll"},    Pair{"rolls", "roll"},
    Pair{"rpm", "rpm"},      Pair{"seat", "seat"},    Pair{"seats", "seat"},
    Pair{"tablet", "tab"},   Pair{"tablets", "tab"},  Pair{"tb", "tb"},
    Pair{"terabyte", "tb"},  Pair{"u", "user"},       Pair{"user", "user"},
    Pair{"users", "user"},   Pair{"v", "v"},          Pair{"volt", "v"},
    Pair{"volts", "v"},      Pair{"w", "w"},          Pair{"watt", "w"},
    Pair{"watts", "w"},      Pair{"x", "x"},          Pair{"y", "yr"},
    Pair{"yd", "yd"},        Pair{"year", "yr"},      Pair{"years", "yr"},
    Pair{"yr", "yr"},        Pair{"yrs", "yr"},
};

// Units that count what is inside: "80 ct", "80 tablets"; "3 users" and "3 devices" are
// both a licence for three. (A pack, "6 pk" or "3 pairs", counts the items sold together:
// another kind.)
constexpr std::array<std::string_view, 10> k_count_units{"ct",  "pc",  "user", "dev", "seat",
                                                         "bag", "tab", "cap",  "pod", "roll"};

// Abbreviations and variant spellings seen in shop catalogues, mapped to one word.
constexpr std::array k_words{
    Pair{"accy", "accessory"}, Pair{"asst", "assorted"},   Pair{"blk", "black"},
    Pair{"blu-ray", "bluray"}, Pair{"blue-ray", "bluray"}, Pair{"brn", "brown"},
    Pair{"colour", "color"},   Pair{"dbl", "double"},      Pair{"e-mail", "email"},
    Pair{"grey", "gray"},      Pair{"grn", "green"},       Pair{"gry", "gray"},
    Pair{"hi-def", "hd"},      Pair{"lrg", "large"},       Pair{"macos", "mac"},
    Pair{"med", "medium"},     Pair{"mic", "microphone"},  Pair{"org", "organic"},
    Pair{"osx", "mac"},        Pair{"pnk", "pink"},        Pair{"prpl", "purple"},
    Pair{"sgl", "single"},     Pair{"slv", "silver"},      Pair{"slvr", "silver"},
    Pair{"sml", "small"},      Pair{"spkr", "speaker"},    Pair{"stnls", "stainless"},
    Pair{"sys", "system"},     Pair{"television", "tv"},   Pair{"wht", "white"},
    Pair{"wi-fi", "wifi"},     Pair{"x-large", "xl"},      Pair{"xlarge", "xl"},
    Pair{"xx-large", "xxl"},   Pair{"x-small", "xs"},      Pair{"yel", "yellow"},
};

constexpr std::array<std::string_view, 13> k_stopwords{"a",  "an", "and", "by", "for",  "in", "of",
                                                       "on", "or", "the", "to", "with", "w"};

// Colour words: two names that state different colours describe different variants.
constexpr std::array<std::string_view, 41> k_colours{
    "beige",    "black",     "blue",   "bronze", "brown",  "burgundy", "charcoal",
    "chrome",   "clear",     "copper", "coral",  "cream",  "cyan",     "gold",
    "graphite", "gray",      "green",  "ivory",  "khaki",  "lime",     "magenta",
    "maroon",   "mint",      "navy",   "olive",  "orange", "pink",     "platinum",
    "plum",     "purple",    "red",    "rose",   "silver", "tan",      "teal",
    "titanium", "turquoise", "violet", "white",  "yellow", "aqua"};

// Editions and licence tiers of one product line.
constexpr std::array<std::string_view, 14> k_editions{
    "standard", "professional", "ultimate",   "deluxe", "premium", "premier", "basic",
    "plus",     "essential",    "enterprise", "lite",   "express", "starter", "elite"};

// Platforms a program or a game is made for, as name_tokens() writes them ("windows" has
// lost its plural); a "PC" program is a Windows one.
constexpr std::array<std::string_view, 7> k_platforms{"window", "mac",  "linux",      "android",
                                                      "ios",    "xbox", "playstation"};
constexpr std::array k_platform_aliases{Pair{"pc", "window"}, Pair{"win", "window"}};

// Clothing sizes, written many ways (variants differ by them).
constexpr std::array k_sizes{
    Pair{"xxs", "xxs"}, Pair{"xs", "xs"},       Pair{"s", "s"},       Pair{"sm", "s"},
    Pair{"small", "s"}, Pair{"m", "m"},         Pair{"medium", "m"},  Pair{"l", "l"},
    Pair{"large", "l"}, Pair{"xl", "xl"},       Pair{"xlarge", "xl"}, Pair{"xxl", "xxl"},
    Pair{"2xl", "xxl"}, Pair{"xxlarge", "xxl"}, Pair{"xxxl", "xxxl"}, Pair{"3xl", "xxxl"},
};

constexpr std::array<std::string_view, 17> k_romans{"ii",  "iii",  "iv",    "vi",   "vii", "viii",
                                                    "ix",  "xi",   "xii",   "xiii", "xiv", "xv",
                                                    "xvi", "xvii", "xviii", "xix",  "xx"};
constexpr std::array<int, 17> k_roman_values{2,  3,  4,  6,  7,  8,  9,  11, 12,
                                             13, 14, 15, 16, 17, 18, 19, 20};

template <std::size_t N>
std::string_view lookup(const std::array<Pair, N>& table, std::string_view key) {
    for (const auto& [from, to] : table)
        if (from == key)
            return to;
    return {};
}

template <std::size_t N>
std::uint64_t bits_of(const std::array<std::string_view, N>& words, std::string_view token) {
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < N; ++i)
        if (words[i] == token || abbreviates(token, words[i]))
            bits |= std::uint64_t{1} << i;
    return bits;
}

} // namespace

bool has_digit(std::string_view s) {
    return std::any_of(s.begin(), s.end(), is_digit);
}
bool has_alpha(std::string_view s) {
    return std::any_of(s.begin(), s.end(), is_alpha);
}
bool all_alpha(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), is_alpha);
}

bool is_number(std::string_view s) {
    if (s.empty() || !is_digit(s.front()) || !is_digit(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c) || c == '.'; }) &&
           std::count(s.begin(), s.end(), '.') <= 1;
}

std::string_view unit_of(std::string_view word) {
    if (std::string_view unit = lookup(k_units, word); !unit.empty() || word.size() < 3)
        return unit;
    // A shop's abbreviation of a unit's name: "3 dev", "12 mths", "500 grm".
    for (const auto& [from, to] : k_units)
        if (from.size() > 3 && abbreviates(word, from))
            return to;
    return {};
}

std::string_view word_alias(std::string_view word) {
    return lookup(k_words, word);
}

bool is_stopword(std::string_view word) {
    return std::find(k_stopwords.begin(), k_stopwords.end(), word) != k_stopwords.end();
}

int roman_value(std::string_view word) {
    auto it = std::find(k_romans.begin(), k_romans.end(), word);
    return it == k_romans.end() ? 0
                                : k_roman_values[static_cast<std::size_t>(it - k_romans.begin())];
}

std::uint64_t table_bits(Table table, std::string_view token) {
    switch (table) {
    case Table::colour:
        return bits_of(k_colours, token);
    case Table::edition:
        return bits_of(k_editions, token);
    case Table::platform: {
        std::string_view alias = lookup(k_platform_aliases, token);
        return bits_of(k_platforms, alias.empty() ? token : alias);
    }
    }
    return 0;
}

std::string_view variant_word(std::string_view token) {
    if (std::string_view alias = lookup(k_platform_aliases, token); !alias.empty())
        return alias;
    std::uint64_t bits = bits_of(k_editions, token);
    if (bits == 0 || (bits & (bits - 1)) != 0)
        return {};
    std::string_view word = k_editions[static_cast<std::size_t>(std::countr_zero(bits))];
    return word == token ? std::string_view{} : word;
}

} // namespace detail

using namespace detail;

bool abbreviates(std::string_view abbr, std::string_view word) {
    if (abbr.size() < 3 || word.size() <= abbr.size() || abbr[0] != word[0] || !all_alpha(abbr))
        return false;
    if (word.starts_with(abbr))
        return true;
    // Otherwise the shop kept consonants ("blk", "dlx"): a word with vowels after its first
    // letter ("men", "tea") is a word of its own, not an abbreviation.
    if (abbr.find_first_of("aeiou", 1) != std::string_view::npos)
        return false;
    std::size_t j = 0;
    for (char c : word)
        if (j < abbr.size() && c == abbr[j])
            ++j;
    return j == abbr.size();
}

bool is_colour(std::string_view token) {
    return std::find(k_colours.begin(), k_colours.end(), token) != k_colours.end();
}

std::string_view size_code(std::string_view token) {
    return lookup(k_sizes, token);
}

std::optional<Measure> measure_of(std::string_view token) {
    std::size_t i = 0;
    while (i < token.size() && (is_digit(token[i]) || token[i] == '.'))
        ++i;
    // More than 15 digits is no quantity (a double no longer holds it exactly).
    if (i == 0 || i > 15 || i == token.size() || !is_number(token.substr(0, i)))
        return std::nullopt;
    std::string_view unit = token.substr(i);
    // Only canonical unit spellings (what name_tokens() writes) count; "4x" is a zoom.
    bool known = std::any_of(k_units.begin(), k_units.end(),
                             [unit](const Pair& p) { return p.second == unit; });
    if (!known || unit == "x")
        return std::nullopt;
    auto parsed = parse_double(token.substr(0, i));
    if (!parsed)
        return std::nullopt;
    double value = *parsed;
    // One unit per quantity, so that 1 kg is 1000 g and 12 months a year.
    if (unit == "kg" || unit == "l")
        return Measure{value * 1000.0, unit == "kg" ? "g" : "ml"};
    if (unit == "mo")
        return Measure{value / 12.0, "yr"};
    if (std::find(k_count_units.begin(), k_count_units.end(), unit) != k_count_units.end())
        return Measure{value, "count"};
    if (unit == "pk" || unit == "pr")
        return Measure{value, "pack"};
    return Measure{value, unit};
}

bool same_measure(double a, double b) {
    double hi = std::max(a, b), lo = std::min(a, b);
    return hi <= 0.0 || (hi - lo) <= 0.1 * hi;
}

bool is_model_token(std::string_view token) {
    bool digits = has_digit(token), letters = has_alpha(token);
    if (digits && letters)
        return token.size() >= 4 && !std::all_of(token.begin(), token.end(),
                                                 [](char c) { return is_digit(c) || c == '.'; });
    return digits && token.size() >= 5 && is_number(token) && token.find('.') == std::string::npos;
}

double model_similarity(std::string_view a, std::string_view b) {
    if (a == b)
        return 1.0;
    std::string_view shorter = a.size() <= b.size() ? a : b;
    std::string_view longer = a.size() <= b.size() ? b : a;
    if (shorter.size() >= 4 && has_digit(shorter) && longer.find(shorter) != std::string::npos)
        return 0.5 + 0.4 * static_cast<double>(shorter.size()) / static_cast<double>(longer.size());
    std::size_t common = 0;
    while (common < shorter.size() && shorter[common] == longer[common])
        ++common;
    bool digit_in_common = has_digit(shorter.substr(0, common));
    if (common >= 5 && digit_in_common)
        return 0.3 + 0.5 * static_cast<double>(common) / static_cast<double>(longer.size());
    return 0.0;
}

} // namespace kivals::link
