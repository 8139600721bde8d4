#include <kivals/core/utf8.hpp>
#include <kivals/link/catalogue.hpp>
#include <kivals/util/csv.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <unordered_map>

namespace kivals::link {
namespace {

std::string trim(std::string_view s) {
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos)
        return {};
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

// Return why a row's text cannot be stored, or an empty string.
std::string encoding_problem(const Product& p) {
    const std::pair<const char*, const std::string*> fields[] = {
        {"id", &p.id}, {"name", &p.name}, {"sku", &p.sku}, {"barcode", &p.barcode}};
    for (const auto& [name, value] : fields)
        if (auto problem = utf8_problem(*value); !problem.empty())
            return fmt::format("{}: {}", name, problem);
    return {};
}

// Check one row (its fields already trimmed as its format says) and add it, or say why it
// was skipped.
void accept(ParsedCatalogue& out, std::unordered_map<std::string, std::size_t>& seen,
            CatalogueRow row) {
    const Product& p = row.product;
    if (auto problem = encoding_problem(p); !problem.empty()) {
        out.errors.push_back({row.line, problem});
        return;
    }
    if (p.id.empty()) {
        out.errors.push_back({row.line, "missing id"});
        return;
    }
    if (p.name.empty()) {
        out.errors.push_back({row.line, fmt::format("product {} has no name", p.id)});
        return;
    }
    auto [it, added] = seen.try_emplace(p.id, row.line);
    if (!added) {
        out.errors.push_back({row.line, fmt::format("id {} repeats line {}", p.id, it->second)});
        return;
    }
    out.rows.push_back(std::move(row));
}

std::optional<std::string> json_text(const nlohmann::json& obj, const char* key) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null())
        return std::string();
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_number_integer())
        return std::to_string(it->get<long long>());
    return std::nullopt;
}

ParsedCatalogue parse_json_lines(std::string_view text) {
    ParsedCatalogue out;
    std::unordered_map<std::string, std::size_t> seen;
    std::size_t line = 0, start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        ++line;
        std::string_view raw = text.substr(start, end - start);
        start = end + 1;
        if (trim(raw).empty())
            continue;
        if (auto problem = utf8_problem(raw); !problem.empty()) {
            out.errors.push_back({line, problem});
            continue;
        }
        nlohmann::json obj = nlohmann::json::parse(raw, nullptr, false);
        if (obj.is_discarded() || !obj.is_object()) {
            out.errors.push_back({line, "not a JSON object"});
            continue;
        }
        auto id = json_text(obj, "id"), name = json_text(obj, "name");
        auto sku = json_text(obj, "sku"), barcode = json_text(obj, "barcode");
        if (!id || !name || !sku || !barcode) {
            out.errors.push_back({line, "id, name, sku and barcode must be strings"});
            continue;
        }
        accept(out, seen, {line, {trim(*id), trim(*name), trim(*sku), trim(*barcode)}});
    }
    return out;
}

ParsedCatalogue parse_csv_catalogue(std::string_view text, char delimiter) {
    ParsedCatalogue out;
    std::string error;
    std::vector<CsvRecord> records = parse_csv(text, &error, delimiter);
    std::size_t broken_line = 0;
    if (!error.empty() && records.size() > 1) {
        broken_line = records.back().line; // its quote swallowed the rest of the file
        records.pop_back();
    }
    if (records.empty()) {
        out.errors.push_back({1, "the file is empty (a header with id,name is needed)"});
        return out;
    }
    std::unordered_map<std::string, std::size_t> column;
    for (std::size_t i = 0; i < records[0].fields.size(); ++i)
        column.try_emplace(header_key(records[0].fields[i]), i);
    for (const char* required : {"id", "name"})
        if (!column.count(required)) {
            out.errors.push_back(
                {records[0].line, fmt::format("the header has no '{}' column (it has {})", required,
                                              describe_header(records[0].fields))});
            return out;
        }
    // Blanks around an unquoted value are padding; inside quotes they are part of it.
    auto field = [&](const CsvRecord& r, const char* key) -> std::string {
        auto it = column.find(key);
        if (it == column.end() || it->second >= r.fields.size())
            return "";
        const std::string& value = r.fields[it->second];
        return r.quoted[it->second] ? value : trim(value);
    };
    std::unordered_map<std::string, std::size_t> seen;
    std::size_t width = records[0].fields.size();
    for (std::size_t i = 1; i < records.size(); ++i) {
        const CsvRecord& r = records[i];
        if (r.fields.size() != width) {
            out.errors.push_back(
                {r.line, fmt::format("{} fields, the header has {}", r.fields.size(), width)});
            continue;
        }
        accept(out, seen,
               {r.line, {field(r, "id"), field(r, "name"), field(r, "sku"), field(r, "barcode")}});
    }
    if (broken_line != 0)
        out.errors.push_back({broken_line, "unterminated quoted field (the rest of the file "
                                           "was not read)"});
    return out;
}

} // namespace

ParsedCatalogue parse_catalogue(std::string_view text, std::optional<char> delimiter) {
    text = strip_bom(text);
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '{')
        return parse_json_lines(text);
    return parse_csv_catalogue(text, delimiter.value_or(detect_delimiter(text)));
}

std::string describe_header(const std::vector<std::string>& cells) {
    std::string out;
    for (std::size_t i = 0; i < cells.size() && i < 8; ++i)
        out += fmt::format("{}'{}'", i ? ", " : "", trim(cells[i]));
    if (cells.size() > 8)
        out += fmt::format(" and {} more", cells.size() - 8);
    return out.empty() ? "no columns" : out;
}

} // namespace kivals::link
