#include <kivals/util/csv.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace kivals {

namespace {

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t") == std::string_view::npos;
}

} // namespace

std::vector<CsvRecord> parse_csv(std::string_view text, std::string* error, char delimiter) {
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
            } else if (c == delimiter) {
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

char detect_delimiter(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    text.remove_prefix(std::min(text.size(), text.find_first_not_of("\r\n")));
    int comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"')
            quoted = !quoted; // a doubled quote toggles twice: still inside
        else if (quoted)
            continue;
        else if (c == '\n' || c == '\r')
            break;
        else if (c == ',')
            ++comma;
        else if (c == ';')
            ++semicolon;
        else if (c == '\t')
            ++tab;
    }
    if (semicolon > comma && semicolon >= tab)
        return ';';
    if (tab > comma && tab > semicolon)
        return '\t';
    return ',';
}

std::optional<char> parse_delimiter(std::string_view text) {
    if (text == "," || text == ";" || text == "\t")
        return text[0];
    if (text == "tab" || text == "TAB" || text == "\\t")
        return '\t';
    return std::nullopt;
}

std::string header_key(std::string_view cell) {
    std::string out;
    bool gap = false;
    for (char c : cell) {
        if (c == ' ' || c == '\t' || c == '-' || c == '_' || c == '\r' || c == '\n') {
            gap = true;
            continue;
        }
        if (gap && !out.empty())
            out += '_';
        gap = false;
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
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
