#pragma once

#include <kivals/core/expected.hpp>

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// The one home of the small text helpers every module and program needs: trimming, integers,
// percent-encoding and URLs. Pure, tested as tables in tests/unit/test_core_text.cpp. Look
// here before writing one of these again.
namespace kivals {

// ---- trimming

// `text` without leading and trailing spaces, tabs, CRs and LFs.
std::string_view trim(std::string_view text);

// ---- integers

// Why a text is not the integer asked for.
enum class NumberError {
    empty,        // nothing to read
    not_a_number, // anything but digits (and a leading '-' for a signed type): no spaces, no '+'
    out_of_range, // digits that do not fit the type
};

std::string_view number_error_text(NumberError error);

// Read all of `text` as a decimal integer of type T. Strict: no spaces, no '+', no trailing
// characters, a '-' only for signed types (callers trim() first where spaces are allowed).
// Never throws, unlike std::stoll, std::atol and friends, which are not used in kivals.
template <std::integral T> Expected<T, NumberError> parse_int(std::string_view text);

extern template Expected<int, NumberError> parse_int<int>(std::string_view);
extern template Expected<long, NumberError> parse_int<long>(std::string_view);
extern template Expected<long long, NumberError> parse_int<long long>(std::string_view);
extern template Expected<unsigned, NumberError> parse_int<unsigned>(std::string_view);
extern template Expected<unsigned long, NumberError> parse_int<unsigned long>(std::string_view);
extern template Expected<unsigned long long, NumberError>
    parse_int<unsigned long long>(std::string_view);

// Read all of `text` as a decimal number ("1.5", "-2", "3e2"), with the rules of parse_int.
Expected<double, NumberError> parse_double(std::string_view text);

// ---- percent-encoding (RFC 3986)

// Encode every byte but the unreserved ones (letters, digits, "-._~") as %XX: safe in a path
// segment, a query value and an application/x-www-form-urlencoded body alike.
std::string percent_encode(std::string_view text);

// Decode %XX escapes and, as form and query encoding write a space, '+'; nullopt when a '%'
// is not followed by two hex digits.
std::optional<std::string> percent_decode(std::string_view text);

// ---- URLs

// The parts of an absolute http(s)-style URL kivals reads: scheme://host[:port][/path][?q][#f].
struct Url {
    std::string scheme;                // as written ("https")
    std::string host;                  // IPv6 without its brackets ("::1")
    std::optional<std::uint16_t> port; // absent when the URL names none
    std::string target;                // from the first '/', '?' or '#' on; "" when none
};

// Split a URL; the error says what is wrong. Refused: no "://", an empty host, user
// credentials ("user:pass@", which would leak into logs), spaces in the authority, anything
// after the host but ":digits" (a port of 1 to 65535).
Expected<Url, std::string> parse_url(std::string_view text);

// True when `host` (as parse_url gives it) is literally loopback: `localhost`, `::1`, or a
// dotted-quad in 127.0.0.0/8 without leading zeros (which some resolvers read as octal). A
// name that only starts like one (127.0.0.1.evil.example) is not.
bool is_loopback_host(std::string_view host);

// ---- words

// The number of single-character insertions, deletions, substitutions and swaps of two
// neighbours that turn `a` into `b` (optimal string alignment distance).
std::size_t edit_distance(std::string_view a, std::string_view b);

// Return the candidate nearest to `word` when it is at most `max_distance` edits away (the
// first of equals), for "did you mean ...?".
template <typename Range>
std::optional<std::string> nearest_word(std::string_view word, const Range& candidates,
                                        std::size_t max_distance = 2) {
    std::optional<std::string> best;
    std::size_t best_distance = max_distance + 1;
    for (const auto& candidate : candidates)
        if (std::size_t d = edit_distance(word, candidate); d < best_distance) {
            best = std::string(candidate);
            best_distance = d;
        }
    return best;
}

} // namespace kivals
