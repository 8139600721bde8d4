#pragma once

// The linker's word tables and character classes, shared by the tokenizer and the features
// (not a public API).
#include <cstdint>
#include <string_view>

namespace kivals::link::detail {

inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
inline bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
}
inline bool is_word_char(char c) {
    return is_digit(c) || is_alpha(c);
}
inline bool is_joiner(char c) {
    return c == '-' || c == '/' || c == '.';
}
inline char ascii_lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}
bool has_digit(std::string_view s);
bool has_alpha(std::string_view s);
bool all_alpha(std::string_view s);

// Return true for a number: digits with at most one decimal point ("16", "2.7").
bool is_number(std::string_view s);

// Return the canonical spelling of a unit written after a number ("gigabytes" -> "gb"), or
// an empty view.
std::string_view unit_of(std::string_view word);

// Return the one spelling of an abbreviation or variant word ("blk" -> "black"), or empty.
std::string_view word_alias(std::string_view word);

// Return true for a filler word that carries no identity ("the", "with").
bool is_stopword(std::string_view word);

// Return the value of a Roman numeral from II to XX ("iv" -> 4), or 0. I, V and X alone are
// left alone: they are letters, a unit and a times sign far more often than numbers.
int roman_value(std::string_view word);

// Which of a table's words a token names, as bits: the word itself, or a shop's abbreviation
// of it (abbreviates()). Colours, editions (licence tiers) and platforms have a table each.
enum class Table : std::uint8_t { colour, edition, platform };
std::uint64_t table_bits(Table table, std::string_view token);

// Return the edition or platform a token unambiguously abbreviates or stands for ("pro" ->
// "professional", "dlx" -> "deluxe", "pc" -> "window"), or an empty view: so that both
// catalogues write the word that tells siblings apart the same way. ("prem" may be premium
// or premier, and stays.)
std::string_view variant_word(std::string_view token);

} // namespace kivals::link::detail
