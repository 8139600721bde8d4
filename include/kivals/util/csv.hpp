#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

// RFC 4180 CSV: reading records with their line numbers, and quoting fields for writing.
namespace kivals {

// One CSV record and the line it starts on (1-based).
struct CsvRecord {
    std::size_t line = 0;
    std::vector<std::string> fields;
    std::vector<bool> quoted; // quoted[i]: fields[i] was in quotes, so its blanks are data
};

// Split CSV text into records. Quoted fields may hold commas, doubled quotes and newlines;
// blanks outside the quotes of a quoted field are dropped; CRLF is accepted; blank lines are
// skipped. An unterminated quote ends at the end of text and sets `error` to a message naming
// the line it opened on.
std::vector<CsvRecord> parse_csv(std::string_view text, std::string* error = nullptr);

// Quote a field when it needs it (comma, quote, newline, leading/trailing space).
std::string csv_field(std::string_view value);

// Join fields into one CSV line without the newline.
std::string csv_line(const std::vector<std::string>& fields);

} // namespace kivals
