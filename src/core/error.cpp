#include <kivals/core/error.hpp>

namespace kivals {

std::string_view code_name(ErrorCode code) {
    switch (code) {
    case ErrorCode::failed:
        return "failed";
    case ErrorCode::usage:
        return "usage";
    case ErrorCode::config:
        return "config";
    case ErrorCode::temporary:
        return "temporary";
    case ErrorCode::internal:
        return "internal";
    case ErrorCode::unauthorized:
        return "unauthorized";
    case ErrorCode::not_found:
        return "not_found";
    case ErrorCode::method_not_allowed:
        return "method_not_allowed";
    case ErrorCode::unsupported_media_type:
        return "unsupported_media_type";
    case ErrorCode::body_too_large:
        return "body_too_large";
    case ErrorCode::invalid_json:
        return "invalid_json";
    case ErrorCode::invalid_request:
        return "invalid_request";
    case ErrorCode::unknown_field:
        return "unknown_field";
    case ErrorCode::invalid_quantity:
        return "invalid_quantity";
    case ErrorCode::invalid_cursor:
        return "invalid_cursor";
    case ErrorCode::cursor_ahead:
        return "cursor_ahead";
    case ErrorCode::unknown_product:
        return "unknown_product";
    case ErrorCode::not_linked:
        return "not_linked";
    case ErrorCode::unknown_order:
        return "unknown_order";
    case ErrorCode::unknown_line:
        return "unknown_line";
    case ErrorCode::oversell:
        return "oversell";
    case ErrorCode::line_conflict:
        return "line_conflict";
    case ErrorCode::line_closed:
        return "line_closed";
    }
    return "failed";
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
