#include <kivals/link/normalize.hpp>

#include "words.hpp"

#include <algorithm>

namespace kivals::link {
namespace {

using namespace detail;

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

// Write a number one way: "9.0" and "9" are the same version, size or count.
std::string plain_number(std::string number) {
    if (auto dot = number.find('.'); dot != std::string::npos) {
        while (number.back() == '0')
            number.pop_back();
        if (number.back() == '.')
            number.pop_back();
    }
    return number;
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
    std::string_view unit = unit_of(s.substr(i));
    if (unit.empty())
        return false;
    out = plain_number(std::string(s.substr(0, i))) + std::string(unit);
    return true;
}

// Return true when chunk `i` starts a measure: "330ml", or "330" followed by "ml".
bool measure_at(const std::vector<std::string>& raw, std::size_t i) {
    std::string measure;
    if (i >= raw.size())
        return false;
    if (is_number(raw[i]))
        return i + 1 < raw.size() && !unit_of(raw[i + 1]).empty() && raw[i + 1] != "x";
    return split_measure(strip_joiners(raw[i]), measure);
}

void add_word(std::vector<std::string>& out, std::string word) {
    if (std::string_view mapped = word_alias(word); !mapped.empty())
        word = mapped;
    if (has_digit(word)) {
        out.push_back(std::move(word));
        return;
    }
    word = fold_plural(std::move(word));
    if (std::string_view size = size_code(word); !size.empty())
        word = size; // "Medium" and "M" are one size
    if (int roman = roman_value(word); roman > 0)
        word = std::to_string(roman); // "III" is version 3
    if (word.empty() || is_stopword(word))
        return;
    out.push_back(std::move(word));
}

// Read counts written around a number: "pack of 6", "6 x 330ml", "6x330ml". Return the
// number of chunks taken, 0 when chunk `i` starts none.
std::size_t read_count(std::vector<std::string>& raw, std::size_t i,
                       std::vector<std::string>& out) {
    const std::string& c = raw[i];
    if ((c == "pack" || c == "pk") && i + 2 < raw.size() && raw[i + 1] == "of" &&
        is_number(raw[i + 2])) {
        out.push_back(plain_number(raw[i + 2]) + "pk");
        return 3;
    }
    if (is_number(c) && i + 1 < raw.size() && raw[i + 1] == "x" && measure_at(raw, i + 2)) {
        out.push_back(plain_number(c) + "pk");
        return 2;
    }
    std::size_t x = c.find('x');
    if (x != std::string::npos && x > 0 && is_number(c.substr(0, x))) {
        std::vector<std::string> rest{c.substr(x + 1)};
        if (!rest[0].empty() && measure_at(rest, 0)) {
            out.push_back(plain_number(c.substr(0, x)) + "pk");
            raw[i] = rest[0]; // the measure is read on the next turn
            return 0;
        }
    }
    return 0;
}

// Two digits and a letter on either side: "w32", "32w".
bool sized(std::string_view c, char letter) {
    auto two_digits = [](std::string_view d) {
        return d.size() == 2 && is_digit(d[0]) && is_digit(d[1]);
    };
    return c.size() == 3 && ((c[0] == letter && two_digits(c.substr(1))) ||
                             (c[2] == letter && two_digits(c.substr(0, 2))));
}

// Read a waist and leg size, written "W32 L30", "32W 30L", "32/30" or "32x30", as the one
// token "32x30". Return the number of chunks taken, 0 when chunk `i` starts none.
std::size_t read_waist_leg(const std::vector<std::string>& raw, std::size_t i,
                           std::vector<std::string>& out) {
    const std::string& c = raw[i];
    auto digits = [](std::string_view t) {
        std::string d;
        for (char ch : t)
            if (is_digit(ch))
                d += ch;
        return d;
    };
    if (sized(c, 'w') && i + 1 < raw.size() && sized(raw[i + 1], 'l')) {
        out.push_back(digits(c) + "x" + digits(raw[i + 1]));
        return 2;
    }
    if (c.size() == 5 && (c[2] == 'x' || c[2] == '/') && is_digit(c[0]) && is_digit(c[1]) &&
        is_digit(c[3]) && is_digit(c[4])) {
        out.push_back(c.substr(0, 2) + "x" + c.substr(3));
        return 1;
    }
    return 0;
}

} // namespace

std::vector<std::string> name_tokens(std::string_view name) {
    std::vector<std::string> raw = chunks(name);
    std::vector<std::string> out;
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (std::size_t taken = read_waist_leg(raw, i, out); taken > 0) {
            i += taken - 1;
            continue;
        }
        if (std::size_t taken = read_count(raw, i, out); taken > 0) {
            i += taken - 1;
            continue;
        }
        const std::string& chunk = raw[i];
        bool number_next = i + 1 < raw.size() && is_number(raw[i + 1]);
        std::string measure;
        if (is_number(chunk)) {
            std::string_view unit = i + 1 < raw.size() ? unit_of(raw[i + 1]) : "";
            out.push_back(plain_number(chunk) + std::string(unit));
            i += unit.empty() ? 0u : 1u;
        } else if (chunk == "\"") {
            continue;
        } else if ((chunk == "version" || chunk == "ver" || chunk == "v") && number_next) {
            continue; // "Version 9", "Ver. 9" and "v9" are all version 9
        } else if (chunk.size() > 1 && (chunk[0] == 'v' || chunk[0] == 'x') &&
                   is_number(chunk.substr(1))) {
            // "v9" and "X10" are versions ("10x" stays a zoom or a count)
            out.push_back(plain_number(chunk.substr(1)));
        } else if ((chunk == "extra" || chunk == "x") && i + 1 < raw.size() &&
                   (raw[i + 1] == "small" || raw[i + 1] == "large")) {
            continue; // "Extra Small" is "XS": the size word reads the "extra"
        } else if ((chunk == "small" || chunk == "large") && i > 0 &&
                   (raw[i - 1] == "extra" || raw[i - 1] == "x")) {
            out.emplace_back(chunk == "small" ? "xs" : "xl");
        } else if (!size_code(chunk).empty()) {
            out.emplace_back(size_code(chunk)); // "2XL" is "XXL"
        } else if (chunk.starts_with("w/") && chunk.size() > 2) {
            raw.insert(raw.begin() + static_cast<std::ptrdiff_t>(i) + 1, chunk.substr(2));
        } else if (split_measure(strip_joiners(chunk), measure)) {
            out.push_back(measure);
        } else if (!word_alias(chunk).empty()) {
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
