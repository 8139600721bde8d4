#pragma once

#include <kivals/link/catalogue.hpp>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Reading a links file (`kivals link import`, the format `kivals link export` writes). Pure:
// the caller reads the file and applies the rows.
namespace kivals::link {

// One row: link `lightspeed_id` to `kiva_id`, or unlink it when `kiva_id` is empty.
struct LinkRow {
    std::size_t line = 0;
    std::string lightspeed_id;
    std::string kiva_id;
};

// Every good row and every bad row of a links file.
struct ParsedLinks {
    std::vector<LinkRow> rows;
    std::vector<RowError> errors;
    bool fatal = false; // the file as a whole is unusable (errors holds why; rows is empty)
};

// Parse CSV with a header naming `lightspeed_id` and `kiva_id` (in any case, "Lightspeed ID"
// too; other columns ignored), fields separated by `delimiter`, else by the one
// detect_delimiter() finds. A row with too few fields or text that is not UTF-8 is one error
// on its line; a missing column or an unterminated quote makes the whole file fatal.
ParsedLinks parse_link_file(std::string_view text, std::optional<char> delimiter = std::nullopt);

} // namespace kivals::link
