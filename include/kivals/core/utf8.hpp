#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

// UTF-8 checks for every entrance of outside text (catalogue files, link files, order lines,
// spool files, settings), so that no invalid byte reaches the database or a JSON answer.
namespace kivals {

// Return the offset of the first byte of `text` that is not well-formed UTF-8 (RFC 3629: no
// overlong forms, no surrogates, nothing above U+10FFFF), or nullopt when all of it is.
std::optional<std::size_t> invalid_utf8_at(std::string_view text);

// Return true when `text` is well-formed UTF-8.
inline bool is_utf8(std::string_view text) {
    return !invalid_utf8_at(text);
}

// Return `text` without a leading UTF-8 byte order mark (spreadsheets write one).
std::string_view strip_bom(std::string_view text);

// Say where `text` stops being UTF-8, for an error message that already names the file and
// line: "byte 0xe9 at column 7 is not UTF-8". Empty when `text` is well-formed.
std::string utf8_problem(std::string_view text);

} // namespace kivals
