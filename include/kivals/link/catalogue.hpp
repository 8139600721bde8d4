#pragma once

#include <kivals/link/linker.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Reading a store catalogue file (`kivals kiva import`). Pure: the caller reads the file.
namespace kivals::link {

// One product read from the file and the line it was on.
struct CatalogueRow {
    std::size_t line = 0;
    Product product;
};

// A row that was skipped, and why.
struct RowError {
    std::size_t line = 0;
    std::string message;
};

// Every good row and every bad row of a catalogue file.
struct ParsedCatalogue {
    std::vector<CatalogueRow> rows;
    std::vector<RowError> errors;
};

// Parse a catalogue: CSV with a header naming `id`, `name` and optionally `sku`, `barcode`
// (any order and case, blanks around names ignored, other columns ignored; fields separated
// by `delimiter`, else by the one detect_delimiter() finds), or JSON lines with those keys
// (chosen when the first non-blank character is `{`). A row without an id or a name, with a
// wrong field count, or repeating an earlier id, is reported with its line number and
// skipped. A missing header column fails the whole file: the result then holds one error at
// line 1, naming the columns the header has, and no rows.
ParsedCatalogue parse_catalogue(std::string_view text,
                                std::optional<char> delimiter = std::nullopt);

// Return the header's columns for a message: "'id;name;sku'" or "'ID', 'Title'".
std::string describe_header(const std::vector<std::string>& cells);

} // namespace kivals::link
