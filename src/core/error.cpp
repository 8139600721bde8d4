#include <kivals/core/error.hpp>

#include <array>
#include <utility>

namespace kivals {
namespace {

constexpr std::array k_names{
    std::pair{ErrorCode::failed, std::string_view("failed")},
    std::pair{ErrorCode::usage, std::string_view("usage")},
    std::pair{ErrorCode::config, std::string_view("config")},
    std::pair{ErrorCode::temporary, std::string_view("temporary")},
    std::pair{ErrorCode::internal, std::string_view("internal")},
    std::pair{ErrorCode::unauthorized, std::string_view("unauthorized")},
    std::pair{ErrorCode::not_found, std::string_view("not_found")},
    std::pair{ErrorCode::method_not_allowed, std::string_view("method_not_allowed")},
    std::pair{ErrorCode::unsupported_media_type, std::string_view("unsupported_media_type")},
    std::pair{ErrorCode::body_too_large, std::string_view("body_too_large")},
    std::pair{ErrorCode::invalid_json, std::string_view("invalid_json")},
    std::pair{ErrorCode::invalid_request, std::string_view("invalid_request")},
    std::pair{ErrorCode::unknown_field, std::string_view("unknown_field")},
    std::pair{ErrorCode::invalid_quantity, std::string_view("invalid_quantity")},
    std::pair{ErrorCode::invalid_cursor, std::string_view("invalid_cursor")},
    std::pair{ErrorCode::cursor_ahead, std::string_view("cursor_ahead")},
    std::pair{ErrorCode::unknown_product, std::string_view("unknown_product")},
    std::pair{ErrorCode::not_linked, std::string_view("not_linked")},
    std::pair{ErrorCode::unknown_order, std::string_view("unknown_order")},
    std::pair{ErrorCode::unknown_line, std::string_view("unknown_line")},
    std::pair{ErrorCode::oversell, std::string_view("oversell")},
    std::pair{ErrorCode::line_conflict, std::string_view("line_conflict")},
    std::pair{ErrorCode::line_closed, std::string_view("line_closed")},
};

} // namespace

std::string_view code_name(ErrorCode code) {
    for (const auto& [known, name] : k_names)
        if (known == code)
            return name;
    return "failed";
}

std::vector<ErrorCode> all_error_codes() {
    std::vector<ErrorCode> out;
    for (const auto& entry : k_names)
        out.push_back(entry.first);
    return out;
}

ErrorCode default_code(Exit exit) {
    switch (exit) {
    case Exit::usage:
        return ErrorCode::usage;
    case Exit::config:
        return ErrorCode::config;
    case Exit::temporary:
        return ErrorCode::temporary;
    case Exit::ok:
    case Exit::failure:
    case Exit::partial:
        break;
    }
    return ErrorCode::failed;
}

} // namespace kivals
