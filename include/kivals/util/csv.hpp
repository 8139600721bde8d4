#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// CSV as spreadsheets write it (RFC 4180, and the semicolons and tabs of other locales):
// reading records with their line numbers, and quoting fields for writing.
namespace kivals {

// One CSV record and the line it starts on (1-based).
struct CsvRecord {
    std::size_t line = 0;
    std::vector<std::string> fields;
    std::vector<bool> quoted; // quoted[i]: fields[i] was in quotes, so its blanks are data
};

// Split CSV text into records, fields separated by `delimiter`. Quoted fields may hold
// delimiters, doubled quotes and newlines; blanks outside the quotes of a quoted field are
// dropped; a byte order mark and CRLF are accepted; blank lines are skipped. An unterminated
// quote ends at the end of text and sets `error` to a message naming the line it opened on.
std::vector<CsvRecord> parse_csv(std::string_view text, std::string* error = nullptr,
                                 char delimiter = ',');

// Guess the delimiter of CSV text from its first record: whichever of comma, semicolon and
// tab appears most often outside quotes (a comma when none does, or on a tie with it).
char detect_delimiter(std::string_view text);

// Read a delimiter as a person gives it: ",", ";", "tab" or a tab character; nullopt else.
std::optional<char> parse_delimiter(std::string_view text);

// Return a header cell as the column name it means: trimmed, lower case, and each run of
// spaces, dashes or underscores inside it one underscore ("Lightspeed ID" -> "lightspeed_id").
std::string header_key(std::string_view cell);

// Quote a field when it needs it (comma, quote, newline, leading/trailing space).
std::string csv_field(std::string_view value);

// Join fields into one CSV line without the newline.
std::string csv_line(const std::vector<std::string>& fields);

} // namespace kivals
