#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/error.hpp>
#include <kivals/core/expected.hpp>
#include <kivals/core/qty.hpp>
#include <kivals/db/db.hpp>
#include <kivals/sync/model.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The store's side of the model: online order lines reserve, cancel and fulfil units of
// linked products. Every action is idempotent per (order_id, line), because the store retries.
namespace kivals::sync {

enum class OrderAction { reserve, cancel, fulfill };

// Return "reserve", "cancel" or "fulfill".
std::string_view action_name(OrderAction action);

// Parse "reserve", "cancel" or "fulfill"; nullopt otherwise.
std::optional<OrderAction> parse_action(std::string_view text);

// One request from the store. `line` is required for reserve (default 1 by the CLI); for
// cancel and fulfill an empty `line` means every line of the order.
struct OrderRequest {
    OrderAction action = OrderAction::reserve;
    std::string order_id;
    std::optional<std::int64_t> line;
    std::string kiva_id; // reserve only
    Qty qty;             // reserve only
    bool allow_oversell = false;
};

// What happened to one order line.
struct LineResult {
    std::int64_t line = 0;
    std::string kiva_id;
    std::string lightspeed_id;
    Qty qty;
    std::string state;    // reserved, cancelled or fulfilled (after the request)
    bool changed = false; // false: a retry of something already done
    StockNumbers after;   // the product's numbers when the request was done
};

// Why a request was refused: a stable code, one line for the store and the operator, and for
// an oversell the numbers behind it.
struct OrderRefusal {
    ErrorCode code = ErrorCode::failed;
    std::string message;
    std::optional<Qty> available; // oversell: what could be had
    std::optional<Qty> requested; // oversell: what was asked for
};

// The longest line `order apply` reads: the store's input is untrusted.
inline constexpr std::size_t k_max_order_line_bytes = 64 * 1024;

// Read one JSON line of `order apply` into a request, checking the type of every field it
// uses ("action", "order_id", "line", "kiva_id", "qty", "allow_oversell"); the refusal says
// which field is wrong (invalid_json, invalid_request or invalid_quantity). Pure, so that one
// bad line is one error and never stops a batch.
Expected<OrderRequest, OrderRefusal> parse_order_line(std::string_view text);

// The outcome of one request: the lines it touched, or the reason it was refused.
struct OrderResult {
    bool ok = false;
    OrderRefusal refusal; // when !ok
    std::vector<LineResult> lines;
};

// Applies order requests to the `order_lines` table and the stock numbers, with ledger rows,
// each request in one transaction. Refusals are returned as values, not thrown.
class Orders {
public:
    Orders(db::Db& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    // Apply one request in its own write transaction.
    OrderResult apply(const OrderRequest& request);

    // Apply one request inside the caller's write transaction (a savepoint of a group
    // commit). A refused request may have written part of its lines: the caller rolls its
    // savepoint back.
    OrderResult apply_in(const OrderRequest& request);

private:
    OrderResult reserve(const OrderRequest& request);
    OrderResult close_lines(const OrderRequest& request);

    db::Db& m_db;
    const Clock& m_clock;
};

} // namespace kivals::sync
