#include <kivals/link/normalize.hpp>

#include <algorithm>
#include <array>
#include <utility>

namespace kivals::link {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

// Units after a number, spelled one way: "16 GB" and "16gb" both become "16gb".
constexpr std::array k_units{
    Pair{"\"", "in"},       Pair{"'", "in"},          Pair{"''", "in"},
    Pair{"amp", "a"},       Pair{"amps", "a"},        Pair{"count", "ct"},
    Pair{"ct", "ct"},       Pair{"cm", "cm"},         Pair{"db", "db"},
    Pair{"feet", "ft"},     Pair{"foot", "ft"},       Pair{"ft", "ft"},
    Pair{"g", "g"},         Pair{"gal", "gal"},       Pair{"gallon", "gal"},
    Pair{"gallons", "gal"}, Pair{"gb", "gb"},         Pair{"ghz", "ghz"},
    Pair{"gig", "gb"},      Pair{"gigabyte", "gb"},   Pair{"gigabytes", "gb"},
    Pair{"gram", "g"},      Pair{"grams", "g"},       Pair{"hz", "hz"},
    Pair{"in", "in"},       Pair{"inch", "in"},       Pair{"inches", "in"},
    Pair{"kb", "kb"},       Pair{"kg", "kg"},         Pair{"kw", "kw"},
    Pair{"l", "l"},         Pair{"lb", "lb"},         Pair{"lbs", "lb"},
    Pair{"liter", "l"},     Pair{"liters", "l"},      Pair{"litre", "l"},
    Pair{"litres", "l"},    Pair{"m", "m"},           Pair{"mah", "mah"},
    Pair{"mb", "mb"},       Pair{"megabyte", "mb"},   Pair{"megabytes", "mb"},
    Pair{"megapixel", "mp"}, Pair{"megapixels", "mp"}, Pair{"meter", "m"},
    Pair{"meters", "m"},    Pair{"metre", "m"},       Pair{"metres", "m"},
    Pair{"mhz", "mhz"},     Pair{"ml", "ml"},         Pair{"mm", "mm"},
    Pair{"mp", "mp"},       Pair{"mpix", "mp"},       Pair{"mpx", "mp"},
    Pair{"oz", "oz"},       Pair{"ounce", "oz"},      Pair{"ounces", "oz"},
    Pair{"pack", "pk"},     Pair{"pc", "pc"},         Pair{"pcs", "pc"},
    Pair{"piece", "pc"},    Pair{"pieces", "pc"},     Pair{"pk", "pk"},
    Pair{"pound", "lb"},    Pair{"pounds", "lb"},     Pair{"qt", "qt"},
    Pair{"rpm", "rpm"},     Pair{"tb", "tb"},         Pair{"terabyte", "tb"},
    Pair{"v", "v"},         Pair{"volt", "v"},        Pair{"volts", "v"},
    Pair{"w", "w"},         Pair{"watt", "w"},        Pair{"watts", "w"},
    Pair{"x", "x"},         Pair{"yd", "yd"},
};

// Abbreviations and variant spellings seen in shop catalogues, mapped to one word.
constexpr std::array k_words{
    Pair{"accy", "accessory"}, Pair{"asst", "assorted"},   Pair{"blk", "black"},
    Pair{"blu-ray", "bluray"}, Pair{"blue-ray", "bluray"}, Pair{"brn", "brown"},
    Pair{"colour", "color"},   Pair{"dbl", "double"},      Pair{"e-mail", "email"},
    Pair{"grey", "gray"},      Pair{"grn", "green"},       Pair{"gry", "gray"},
    Pair{"hi-def", "hd"},      Pair{"lrg", "large"},       Pair{"med", "medium"},
    Pair{"mic", "microphone"}, Pair{"org", "organic"},     Pair{"pnk", "pink"},
    Pair{"prpl", "purple"},    Pair{"sgl", "single"},      Pair{"slv", "silver"},
    Pair{"slvr", "silver"},    Pair{"sml", "small"},       Pair{"spkr", "speaker"},
    Pair{"stnls", "stainless"}, Pair{"sys", "system"},     Pair{"television", "tv"},
    Pair{"wht", "white"},      Pair{"wi-fi", "wifi"},      Pair{"x-large", "xl"},
    Pair{"xlarge", "xl"},      Pair{"xx-large", "xxl"},    Pair{"x-small", "xs"},
    Pair{"yel", "yellow"},
};

// Filler words that carry no identity.
constexpr std::array<std::string_view, 13> k_stopwords{"a",  "an", "and", "by",  "for",  "in", "of",
                                                       "on", "or", "the", "to", "with", "w"};

// Colour words: two names that both give a colour and share none are different variants.
constexpr std::array<std::string_view, 41> k_colours{
    "beige",  "black",    "blue",   "bronze", "brown",   "burgundy", "charcoal", "chrome",
    "clear",  "copper",   "coral",  "cream",  "cyan",    "gold",     "graphite", "gray",
    "green",  "ivory",    "khaki",  "lime",   "magenta", "maroon",   "mint",     "navy",
    "olive",  "orange",   "pink",   "platinum", "plum",  "purple",   "red",      "rose",
    "silver", "tan",      "teal",   "titanium", "turquoise", "violet", "white",  "yellow",
    "aqua"};

// Clothing sizes, written many ways (variants differ by them).
constexpr std::array k_sizes{
    Pair{"xxs", "xxs"}, Pair{"xs", "xs"},     Pair{"s", "s"},          Pair{"sm", "s"},
    Pair{"small", "s"}, Pair{"m", "m"},       Pair{"medium", "m"},     Pair{"l", "l"},
    Pair{"large", "l"},   Pair{"xl", "xl"},        Pair{"xlarge", "xl"},
    Pair{"xxl", "xxl"}, Pair{"2xl", "xxl"},   Pair{"xxlarge", "xxl"},  Pair{"xxxl", "xxxl"},
    Pair{"3xl", "xxxl"},
};

template <std::size_t N>
std::string_view lookup(const std::array<Pair, N>& table, std::string_view key) {
    for (const auto& [from, to] : table)
        if (from == key)
            return to;
    return {};
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80; }
bool is_word_char(char c) { return is_digit(c) || is_alpha(c); }
bool is_joiner(char c) { return c == '-' || c == '/' || c == '.'; }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool has_digit(std::string_view s) { return std::any_of(s.begin(), s.end(), is_digit); }
bool has_alpha(std::string_view s) { return std::any_of(s.begin(), s.end(), is_alpha); }

// A number: digits with at most one decimal point ("16", "2.7").
bool is_number(std::string_view s) {
    if (s.empty() || !is_digit(s.front()) || !is_digit(s.back()))
        return false;
    return std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c) || c == '.'; }) &&
           std::count(s.begin(), s.end(), '.') <= 1;
}

std::string strip_joiners(std::string_view s) {
    std::string out;
    for (char c : s)
        if (!is_joiner(c))
            out += c;
    return out;
}

// Fold a plural: "speakers" -> "speaker", "batteries" -> "battery"; "glass" stays.
std::string fold_plural(std::string word) {
    if (word.size() > 4 && word.ends_with("ies"))
        return word.substr(0, word.size() - 3) + "y";
    if (word.size() > 3 && word.back() == 's' && !word.ends_with("ss") && !word.ends_with("us"))
        word.pop_back();
    return word;
}

// The raw pieces of a name: runs of letters, digits and inner joiners, and inch marks.
std::vector<std::string> chunks(std::string_view name) {
    std::vector<std::string> out;
    std::string cur;
    auto flush = [&] {
        while (!cur.empty() && is_joiner(cur.back()))
            cur.pop_back();
        std::size_t start = 0;
        while (start < cur.size() && is_joiner(cur[start]))
            ++start;
        if (start < cur.size())
            out.push_back(cur.substr(start));
        cur.clear();
    };
    for (std::size_t i = 0; i < name.size(); ++i) {
        char c = ascii_lower(name[i]);
        char next = i + 1 < name.size() ? ascii_lower(name[i + 1]) : '\0';
        if (is_word_char(c) || (is_joiner(c) && !cur.empty())) {
            cur += c;
        } else if (c == '\'' && !cur.empty() && is_alpha(cur.back()) && is_alpha(next)) {
            continue; // "men's" -> "mens"
        } else {
            flush();
            if (c == '"' || c == '\'')
                out.emplace_back(1, '"');
        }
    }
    flush();
    return out;
}

// Split "16gb" into its number and unit when the letters are a known unit.
bool split_measure(std::string_view s, std::string& out) {
    std::size_t i = 0;
    while (i < s.size() && (is_digit(s[i]) || s[i] == '.'))
        ++i;
    if (i == 0 || i == s.size() || !is_number(s.substr(0, i)))
        return false;
    std::string_view unit = lookup(k_units, s.substr(i));
    if (unit.empty())
        return false;
    out = std::string(s.substr(0, i)) + std::string(unit);
    return true;
}

} // namespace

std::string_view size_code(std::string_view token) {
    for (const auto& [from, to] : k_sizes)
        if (from == token)
            return to;
    return {};
}

namespace {

void add_word(std::vector<std::string>& out, std::string word) {
    if (std::string_view mapped = lookup(k_words, word); !mapped.empty())
        word = mapped;
    if (has_digit(word)) {
        out.push_back(std::move(word));
        return;
    }
    word = fold_plural(std::move(word));
    if (std::string_view size = size_code(word); !size.empty())
        word = size; // "Medium" and "M" are one size
    if (word.empty() ||
        std::find(k_stopwords.begin(), k_stopwords.end(), word) != k_stopwords.end())
        return;
    out.push_back(std::move(word));
}

} // namespace

std::vector<std::string> name_tokens(std::string_view name) {
    std::vector<std::string> raw = chunks(name);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const std::string& chunk = raw[i];
        std::string measure;
        if (is_number(chunk)) {
            std::string_view unit = i + 1 < raw.size() ? lookup(k_units, raw[i + 1]) : "";
            out.push_back(chunk + std::string(unit));
            i += unit.empty() ? 0u : 1u;
        } else if (chunk == "\"") {
            continue;
        } else if (chunk.starts_with("w/") && chunk.size() > 2) {
            raw.insert(raw.begin() + static_cast<std::ptrdiff_t>(i) + 1, chunk.substr(2));
        } else if (split_measure(strip_joiners(chunk), measure)) {
            out.push_back(measure);
        } else if (!lookup(k_words, chunk).empty()) {
            add_word(out, chunk);
        } else if (has_digit(chunk) && chunk.find('/') != std::string::npos && !has_alpha(chunk)) {
            out.push_back(chunk); // a fraction or a date: keep its slash
        } else if (has_digit(chunk)) {
            out.push_back(strip_joiners(chunk)); // a model number: "kdl-40v4100" -> "kdl40v4100"
        } else {
            std::size_t start = 0;
            for (std::size_t j = 0; j <= chunk.size(); ++j)
                if (j == chunk.size() || is_joiner(chunk[j])) {
                    if (j > start)
                        add_word(out, chunk.substr(start, j - start));
                    start = j + 1;
                }
        }
    }
    return out;
}

std::string normalize_name(std::string_view name) {
    std::string out;
    for (const std::string& token : name_tokens(name)) {
        if (!out.empty())
            out += ' ';
        out += token;
    }
    return out;
}

bool is_model_token(std::string_view token) {
    bool digits = has_digit(token), letters = has_alpha(token);
    if (digits && letters)
        return token.size() >= 4 && !std::all_of(token.begin(), token.end(), [](char c) {
            return is_digit(c) || c == '.';
        });
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

bool is_colour(std::string_view token) {
    return std::find(k_colours.begin(), k_colours.end(), token) != k_colours.end();
}

std::optional<Measure> measure_of(std::string_view token) {
    std::size_t i = 0;
    while (i < token.size() && (is_digit(token[i]) || token[i] == '.'))
        ++i;
    if (i == 0 || i == token.size() || !is_number(token.substr(0, i)))
        return std::nullopt;
    std::string_view unit = token.substr(i);
    // Only canonical unit spellings (what name_tokens() writes) count; "4x" is a zoom.
    bool known = std::any_of(k_units.begin(), k_units.end(),
                             [unit](const Pair& p) { return p.second == unit; });
    if (!known || unit == "x")
        return std::nullopt;
    return Measure{std::stod(std::string(token.substr(0, i))), unit};
}

bool same_measure(double a, double b) {
    double hi = std::max(a, b), lo = std::min(a, b);
    return hi <= 0.0 || (hi - lo) <= 0.1 * hi;
}

std::string normalize_sku(std::string_view sku) {
    std::string out;
    for (char c : sku)
        if (c != ' ' && c != '\t' && c != '-')
            out += ascii_lower(c);
    return out;
}

std::string normalize_barcode(std::string_view barcode) {
    std::string digits;
    for (char c : barcode)
        if (c != ' ' && c != '-')
            digits += c;
    if (digits.empty() || !std::all_of(digits.begin(), digits.end(), is_digit))
        return normalize_sku(barcode);
    std::size_t start = digits.find_first_not_of('0');
    return start == std::string::npos ? "0" : digits.substr(start);
}

std::string variant_display_name(std::string_view name, std::string_view variant_name) {
    if (variant_name.empty() || variant_name == name)
        return std::string(name);
    if (variant_name.starts_with(name))
        return std::string(variant_name);
    return std::string(name) + " " + std::string(variant_name);
}

} // namespace kivals::link
