#include <kivals/util/csv.hpp>

#include <fmt/format.h>

namespace kivals {

namespace {

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t") == std::string_view::npos;
}

} // namespace

std::vector<CsvRecord> parse_csv(std::string_view text, std::string* error) {
    std::vector<CsvRecord> out;
    std::size_t line = 1, i = 0;
    if (text.starts_with("\xEF\xBB\xBF"))
        i = 3; // a spreadsheet's byte order mark
    while (i < text.size()) {
        CsvRecord rec;
        rec.line = line;
        std::string field;
        // was_quoted: this field had quotes; closed: its closing quote has passed, so blanks
        // after it are outside the value (as blanks before the opening quote are).
        bool quoted = false, was_quoted = false, closed = false, any = false;
        auto end_field = [&] {
            rec.fields.push_back(std::move(field));
            rec.quoted.push_back(was_quoted);
            field.clear();
            was_quoted = closed = false;
        };
        for (; i < text.size(); ++i) {
            char c = text[i];
            if (quoted) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else if (c == '"') {
                    quoted = false;
                    closed = true;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field += c;
                }
            } else if (c == '"') {
                if (!was_quoted && blank(field))
                    field.clear();
                quoted = was_quoted = any = true;
            } else if (c == ',') {
                end_field();
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                    ++i;
                ++i;
                ++line;
                break;
            } else if (!(closed && (c == ' ' || c == '\t'))) {
                field += c;
                any = true;
            }
        }
        if (quoted && error)
            *error = fmt::format("line {}: unterminated quoted field", rec.line);
        if (!any && field.empty())
            continue;
        end_field();
        out.push_back(std::move(rec));
    }
    return out;
}

std::string csv_field(std::string_view value) {
    bool needs = value.find_first_of(",\"\r\n") != std::string_view::npos ||
                 (!value.empty() && (value.front() == ' ' || value.back() == ' '));
    if (!needs)
        return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"')
            out += '"';
        out += c;
    }
    out += '"';
    return out;
}

std::string csv_line(const std::vector<std::string>& fields) {
    std::string out;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        out += csv_field(fields[i]);
    }
    return out;
}

} // namespace kivals
