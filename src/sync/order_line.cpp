// `order apply` input: one JSON object per line, from the store.
#include <kivals/core/utf8.hpp>
#include <kivals/sync/orders.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kivals::sync {
namespace {

// What is wrong with a field, and the refusal code it gives.
struct Problem {
    std::string text;
    ErrorCode code = ErrorCode::invalid_request;
};

// A field's value, or what is wrong with it.
template <typename T> using Field = Expected<T, Problem>;

// Read an id that the store may send as a string or an integer; "" when absent.
Field<std::string> id_field(const nlohmann::json& doc, const char* key) {
    auto it = doc.find(key);
    if (it == doc.end() || it->is_null())
        return std::string();
    if (it->is_string())
        return it->get<std::string>();
    if (it->is_number_integer())
        return it->dump();
    return Unexpected(Problem{fmt::format("\"{}\" must be a string", key)});
}

Field<std::optional<std::int64_t>> line_field(const nlohmann::json& doc) {
    auto it = doc.find("line");
    if (it == doc.end() || it->is_null())
        return std::optional<std::int64_t>();
    if (!it->is_number_integer() ||
        (it->is_number_unsigned() && it->get<std::uint64_t>() > INT64_MAX))
        return Unexpected(Problem{"\"line\" must be an integer"});
    return std::optional<std::int64_t>(it->get<std::int64_t>());
}

Field<bool> oversell_field(const nlohmann::json& doc) {
    auto it = doc.find("allow_oversell");
    if (it == doc.end())
        return false;
    if (!it->is_boolean())
        return Unexpected(Problem{"\"allow_oversell\" must be true or false"});
    return it->get<bool>();
}

Field<Qty> qty_field(const nlohmann::json& doc) {
    auto it = doc.find("qty");
    std::optional<Qty> qty;
    if (it != doc.end() && it->is_string())
        qty = Qty::parse(it->get<std::string>());
    else if (it != doc.end() && it->is_number())
        qty = Qty::parse(it->dump());
    if (!qty)
        return Unexpected(Problem{"\"qty\" must be a number", ErrorCode::invalid_quantity});
    return *qty;
}

// Move a field's value into `out`, or keep its problem; return false on a problem.
template <typename T, typename U> bool take(Field<T> field, U& out, OrderRefusal& why) {
    if (!field) {
        Problem problem = std::move(field).error();
        why = {problem.code, std::move(problem.text), {}, {}};
        return false;
    }
    out = std::move(field).value();
    return true;
}

} // namespace

Expected<OrderRequest, OrderRefusal> parse_order_line(std::string_view text) {
    auto refused = [](ErrorCode code, std::string message) {
        return Unexpected(OrderRefusal{code, std::move(message), {}, {}});
    };
    if (text.size() > k_max_order_line_bytes)
        return refused(ErrorCode::invalid_json,
                       fmt::format("line longer than {} bytes", k_max_order_line_bytes));
    if (auto problem = utf8_problem(text); !problem.empty())
        return refused(ErrorCode::invalid_json, problem);
    auto doc = nlohmann::json::parse(strip_bom(text), nullptr, false);
    if (doc.is_discarded() || !doc.is_object())
        return refused(ErrorCode::invalid_json, "not a JSON object");
    auto action_it = doc.find("action");
    auto action = action_it != doc.end() && action_it->is_string()
                      ? parse_action(action_it->get<std::string>())
                      : std::nullopt;
    if (!action)
        return refused(ErrorCode::invalid_request,
                       "\"action\" must be \"reserve\", \"cancel\" or \"fulfill\"");
    OrderRequest request;
    request.action = *action;
    OrderRefusal why;
    if (!take(id_field(doc, "order_id"), request.order_id, why) ||
        !take(id_field(doc, "kiva_id"), request.kiva_id, why) ||
        !take(line_field(doc), request.line, why) ||
        !take(oversell_field(doc), request.allow_oversell, why))
        return Unexpected(std::move(why));
    if (request.action == OrderAction::reserve) {
        if (!take(qty_field(doc), request.qty, why))
            return Unexpected(std::move(why));
        if (!request.line)
            request.line = 1;
    }
    return request;
}

} // namespace kivals::sync
