#pragma once

#include <kivals/core/error.hpp>
#include <kivals/core/expected.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

// Reading the store's requests: JSON bodies, path segments and query parameters, each checked
// for type, range and encoding before anything is done with it. Pure (no database), so bad
// input is tested as tables and fuzzed (tests/fuzz/fuzz_store_api_body.cpp).
namespace kivals::store_api {

// Why a request cannot be taken: the code and message of its 4xx answer.
struct Problem {
    ErrorCode code = ErrorCode::invalid_request;
    std::string message;
};

template <typename T> using Parsed = Expected<T, Problem>;

// The deepest nesting a request body may have (bodies are flat objects).
inline constexpr int k_max_body_depth = 8;

// The body of a reservation: {"kiva_id": "K1", "qty": 2}.
struct ReserveBody {
    std::string kiva_id;
    std::int64_t qty = 0; // whole units, 1 .. k_max_qty
};

// The most units one order line may reserve.
inline constexpr std::int64_t k_max_qty = 1'000'000;

// The optional body of a cancel or fulfil: {} or empty for the whole order, {"line": 2} for one.
struct CloseBody {
    std::optional<std::int64_t> line;
};

// Parse a reservation body: a JSON object with exactly the fields kiva_id (a valid id) and qty
// (a whole number of units above zero; 2.0 counts as 2).
Parsed<ReserveBody> parse_reserve_body(std::string_view body);

// Parse the body of a cancel or fulfil: empty, {} or {"line": N}.
Parsed<CloseBody> parse_close_body(std::string_view body);

// Parse a JSON body as one object no deeper than k_max_body_depth whose fields are all in
// `allowed`.
Parsed<nlohmann::json> parse_object(std::string_view body,
                                    std::initializer_list<std::string_view> allowed);

// Check an order id or Kiva id from a path or a body: 1 to 128 bytes of UTF-8 without control
// characters. `what` names it in the message ("order id").
std::optional<Problem> check_id(std::string_view what, std::string_view id);

// Parse an order line number (a path segment): a whole number from 1 to 2^31 - 1.
Parsed<std::int64_t> parse_line_number(std::string_view text);

// Parse a whole number from `min` (0 or more) to `max` written in decimal digits (a query parameter
// named `what`); `code` is the error code when it is not one.
Parsed<std::int64_t> parse_count(std::string_view what, std::string_view text, std::int64_t min,
                                 std::int64_t max, ErrorCode code = ErrorCode::invalid_request);

} // namespace kivals::store_api
