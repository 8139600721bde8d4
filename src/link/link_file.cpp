#include <kivals/core/utf8.hpp>
#include <kivals/link/link_file.hpp>
#include <kivals/util/csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

namespace kivals::link {
namespace {

ParsedLinks fatal(std::size_t line, std::string message) {
    ParsedLinks out;
    out.errors.push_back({line, std::move(message)});
    out.fatal = true;
    return out;
}

} // namespace

ParsedLinks parse_link_file(std::string_view text, std::optional<char> delimiter) {
    std::string error;
    std::vector<CsvRecord> records =
        parse_csv(text, &error, delimiter.value_or(detect_delimiter(text)));
    if (!error.empty())
        return fatal(records.empty() ? 1 : records.back().line, "unterminated quoted field");
    std::unordered_map<std::string, std::size_t> column;
    for (std::size_t i = 0; !records.empty() && i < records[0].fields.size(); ++i)
        column.try_emplace(header_key(records[0].fields[i]), i);
    if (!column.count("lightspeed_id") || !column.count("kiva_id"))
        return fatal(records.empty() ? 1 : records[0].line,
                     fmt::format("the header needs lightspeed_id and kiva_id columns (it has {})",
                                 describe_header(records.empty() ? std::vector<std::string>{}
                                                                 : records[0].fields)));
    std::size_t ls_col = column["lightspeed_id"], kiva_col = column["kiva_id"];
    ParsedLinks out;
    for (std::size_t i = 1; i < records.size(); ++i) {
        const CsvRecord& r = records[i];
        if (r.fields.size() <= std::max(ls_col, kiva_col)) {
            out.errors.push_back({r.line, "too few fields"});
            continue;
        }
        LinkRow row{r.line, r.fields[ls_col], r.fields[kiva_col]};
        std::string problem = utf8_problem(row.lightspeed_id);
        if (problem.empty())
            problem = utf8_problem(row.kiva_id);
        if (!problem.empty()) {
            out.errors.push_back({r.line, problem});
            continue;
        }
        out.rows.push_back(std::move(row));
    }
    return out;
}

} // namespace kivals::link
