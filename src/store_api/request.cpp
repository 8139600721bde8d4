#include <kivals/core/text.hpp>
#include <kivals/core/utf8.hpp>
#include <kivals/store_api/request.hpp>
#include <kivals/webhook/payload.hpp>

#include <fmt/format.h>

#include <cmath>

namespace kivals::store_api {
namespace {

constexpr std::size_t k_max_id_bytes = 128;

Unexpected<Problem> problem(ErrorCode code, std::string message) {
    return Unexpected(Problem{code, std::move(message)});
}

// Read a JSON number as whole units: an integer, or a float with no fractional part.
std::optional<std::int64_t> whole_number(const nlohmann::json& value) {
    if (value.is_number_unsigned()) { // too large for int64 too: say "too many"
        auto units = value.get<std::uint64_t>();
        return units > static_cast<std::uint64_t>(k_max_qty) ? k_max_qty + 1
                                                             : static_cast<std::int64_t>(units);
    }
    if (value.is_number_integer())
        return value.get<std::int64_t>();
    if (value.is_number_float()) {
        double d = value.get<double>();
        if (!std::isfinite(d) || std::floor(d) != d || std::fabs(d) > 1e15)
            return std::nullopt;
        return static_cast<std::int64_t>(d);
    }
    return std::nullopt;
}

} // namespace

Parsed<nlohmann::json> parse_object(std::string_view body,
                                    std::initializer_list<std::string_view> allowed) {
    if (!webhook::json_depth_within(body, k_max_body_depth))
        return problem(ErrorCode::invalid_json,
                       fmt::format("the body nests deeper than {} levels", k_max_body_depth));
    auto doc = nlohmann::json::parse(body, nullptr, false);
    if (doc.is_discarded())
        return problem(ErrorCode::invalid_json, "the body is not JSON (or not UTF-8)");
    if (!doc.is_object())
        return problem(ErrorCode::invalid_json, "the body must be a JSON object");
    for (const auto& item : doc.items()) {
        bool known = false;
        for (std::string_view name : allowed)
            known = known || item.key() == name;
        if (!known) {
            std::string names;
            for (std::string_view name : allowed)
                names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
            return problem(ErrorCode::unknown_field,
                           fmt::format("unknown field \"{}\" (this request takes: {})",
                                       item.key().substr(0, 64), names.empty() ? "none" : names));
        }
    }
    return doc;
}

Parsed<ReserveBody> parse_reserve_body(std::string_view body) {
    auto parsed = parse_object(body, {"kiva_id", "qty"});
    if (!parsed)
        return Unexpected(parsed.error());
    const auto& doc = *parsed;
    if (!doc.contains("kiva_id") || !doc["kiva_id"].is_string())
        return problem(ErrorCode::invalid_request, "\"kiva_id\" must be a string");
    ReserveBody out;
    out.kiva_id = doc["kiva_id"].get<std::string>();
    if (auto bad = check_id("kiva_id", out.kiva_id))
        return Unexpected(*bad);
    if (!doc.contains("qty"))
        return problem(ErrorCode::invalid_quantity, "\"qty\" is required");
    auto qty = whole_number(doc["qty"]);
    if (!qty || *qty < 1 || *qty > k_max_qty)
        return problem(
            ErrorCode::invalid_quantity,
            fmt::format("\"qty\" must be a whole number of units from 1 to {}", k_max_qty));
    out.qty = *qty;
    return out;
}

Parsed<CloseBody> parse_close_body(std::string_view body) {
    if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
        return CloseBody{};
    auto parsed = parse_object(body, {"line"});
    if (!parsed)
        return Unexpected(parsed.error());
    const auto& doc = *parsed;
    CloseBody out;
    if (doc.contains("line")) {
        const auto& line = doc["line"];
        if (!line.is_number_integer() || line.get<std::int64_t>() < 1 ||
            line.get<std::int64_t>() > 2147483647)
            return problem(ErrorCode::invalid_request,
                           "\"line\" must be a whole number from 1 to 2147483647");
        out.line = line.get<std::int64_t>();
    }
    return out;
}

std::optional<Problem> check_id(std::string_view what, std::string_view id) {
    if (id.empty() || id.size() > k_max_id_bytes)
        return Problem{ErrorCode::invalid_request,
                       fmt::format("the {} must be 1 to {} bytes long", what, k_max_id_bytes)};
    if (!is_utf8(id))
        return Problem{ErrorCode::invalid_request, fmt::format("the {} is not valid UTF-8", what)};
    for (char c : id)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return Problem{ErrorCode::invalid_request,
                           fmt::format("the {} must not contain control characters", what)};
    return std::nullopt;
}

Parsed<std::int64_t> parse_line_number(std::string_view text) {
    return parse_count("line number", text, 1, 2147483647);
}

Parsed<std::int64_t> parse_count(std::string_view what, std::string_view text, std::int64_t min,
                                 std::int64_t max, ErrorCode code) {
    // Unsigned: digits only, no sign (min is never below zero).
    auto value = parse_int<std::uint64_t>(text);
    if (!value || *value < static_cast<std::uint64_t>(min) ||
        *value > static_cast<std::uint64_t>(max))
        return problem(code,
                       fmt::format("the {} must be a whole number from {} to {}", what, min, max));
    return static_cast<std::int64_t>(*value);
}

} // namespace kivals::store_api
