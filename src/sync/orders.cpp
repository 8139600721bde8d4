#include <kivals/core/utf8.hpp>
#include <kivals/sync/orders.hpp>
#include <kivals/sync/stock_store.hpp>
#include <kivals/sync/stock_view.hpp>

#include <fmt/format.h>

namespace kivals::sync {
namespace {

struct StoredLine {
    std::int64_t line;
    std::string kiva_id;
    Qty qty;
    std::string state;
};

std::optional<StoredLine> find_line(db::Db& db, const std::string& order_id, std::int64_t line) {
    auto stmt = db.prepare(
        "SELECT line, kiva_id, qty, state FROM order_lines WHERE order_id = ? AND line = ?");
    stmt.bind_all(order_id, line);
    if (!stmt.step())
        return std::nullopt;
    return StoredLine{stmt.int64(0), stmt.text(1), Qty::from_milli(stmt.int64(2)), stmt.text(3)};
}

std::vector<StoredLine> order_lines(db::Db& db, const OrderRequest& request) {
    std::vector<StoredLine> out;
    if (request.line) {
        if (auto found = find_line(db, request.order_id, *request.line))
            out.push_back(*found);
        return out;
    }
    auto stmt = db.prepare(
        "SELECT line, kiva_id, qty, state FROM order_lines WHERE order_id = ? ORDER BY line");
    stmt.bind_all(request.order_id);
    while (stmt.step())
        out.push_back({stmt.int64(0), stmt.text(1), Qty::from_milli(stmt.int64(2)), stmt.text(3)});
    return out;
}

// The past tense stored in order_lines.state for a closing action.
const char* closed_state(OrderAction action) {
    return action == OrderAction::cancel ? "cancelled" : "fulfilled";
}

std::string line_ref(const std::string& order_id, std::int64_t line) {
    return fmt::format("{}:{}", order_id, line);
}

OrderResult refused(std::string message) {
    return OrderResult{false, std::move(message), {}};
}

} // namespace

std::string_view action_name(OrderAction action) {
    switch (action) {
    case OrderAction::reserve:
        return "reserve";
    case OrderAction::cancel:
        return "cancel";
    case OrderAction::fulfill:
        return "fulfill";
    }
    return "?";
}

std::optional<OrderAction> parse_action(std::string_view text) {
    for (OrderAction a : {OrderAction::reserve, OrderAction::cancel, OrderAction::fulfill})
        if (text == action_name(a))
            return a;
    return std::nullopt;
}

OrderResult Orders::apply(const OrderRequest& request) {
    if (request.order_id.empty())
        return refused("an order id is required");
    if (!is_utf8(request.order_id) || !is_utf8(request.kiva_id))
        return refused("the order id and the Kiva product id must be UTF-8 text");
    if (request.line && *request.line < 1)
        return refused(fmt::format("order {}: line numbers start at 1", request.order_id));
    db::Txn txn(m_db);
    OrderResult result =
        request.action == OrderAction::reserve ? reserve(request) : close_lines(request);
    if (result.ok)
        txn.commit();
    return result;
}

OrderResult Orders::reserve(const OrderRequest& request) {
    std::int64_t line = request.line.value_or(1);
    std::string ref = line_ref(request.order_id, line);
    if (request.qty <= Qty())
        return refused(fmt::format("order line {}: the quantity must be above zero", ref));
    auto lightspeed_id = lightspeed_id_of(m_db, request.kiva_id);
    if (!lightspeed_id)
        return refused(fmt::format("order line {}: Kiva product '{}' is not linked to a "
                                   "Lightspeed product",
                                   ref, request.kiva_id));
    StockStore store(m_db, m_clock);
    auto before = store.load(*lightspeed_id);
    if (!before)
        return refused(fmt::format("order line {}: Kiva product '{}' has no stock record", ref,
                                   request.kiva_id));
    LineResult out{line, request.kiva_id, *lightspeed_id, request.qty, false, {}, {}};
    if (auto existing = find_line(m_db, request.order_id, line)) {
        if (existing->kiva_id != request.kiva_id || existing->qty != request.qty)
            return refused(fmt::format("order line {} already reserves {} x {}; a different "
                                       "reservation for the same line is refused",
                                       ref, existing->qty.str(), existing->kiva_id));
        if (existing->state != "reserved")
            return refused(fmt::format("order line {} is already {}", ref, existing->state));
        out.available_after = before->available();
        out.pending_after = before->pending_push();
        return OrderResult{true, "", {out}};
    }
    if (request.qty > before->available() && !request.allow_oversell)
        return refused(fmt::format("order line {}: only {} of Kiva product '{}' available, {} "
                                   "requested (use --allow-oversell to reserve anyway)",
                                   ref, before->available().str(), request.kiva_id,
                                   request.qty.str()));
    std::string now = iso8601(m_clock.now());
    m_db.prepare("INSERT INTO order_lines(order_id, line, kiva_id, qty, state, created_at, "
                 "updated_at) VALUES (?, ?, ?, ?, 'reserved', ?, ?)")
        .bind_all(request.order_id, line, request.kiva_id, request.qty.milli(), now, now)
        .run();
    StockNumbers after = store.change(*lightspeed_id, *before, {"order", ref},
                                      [&](StockNumbers& n) { sync::reserve(n, request.qty); });
    out.changed = true;
    out.available_after = after.available();
    out.pending_after = after.pending_push();
    return OrderResult{true, "", {out}};
}

OrderResult Orders::close_lines(const OrderRequest& request) {
    const char* target = closed_state(request.action);
    std::vector<StoredLine> lines = order_lines(m_db, request);
    if (lines.empty())
        return refused(request.line ? fmt::format("unknown order line {}",
                                                  line_ref(request.order_id, *request.line))
                                    : fmt::format("unknown order {}", request.order_id));
    OrderResult result{true, "", {}};
    StockStore store(m_db, m_clock);
    for (const StoredLine& stored : lines) {
        std::string ref = line_ref(request.order_id, stored.line);
        bool other_closed = stored.state != "reserved" && stored.state != target;
        if (other_closed && request.line)
            return refused(fmt::format("order line {} is already {}, it cannot be {}", ref,
                                       stored.state, target));
        if (other_closed)
            continue; // a whole-order request skips lines closed the other way
        auto lightspeed_id = lightspeed_id_of(m_db, stored.kiva_id);
        auto before = lightspeed_id ? store.load(*lightspeed_id) : std::nullopt;
        if (!before)
            return refused(fmt::format("order line {}: Kiva product '{}' is no longer linked", ref,
                                       stored.kiva_id));
        LineResult out{stored.line, stored.kiva_id, *lightspeed_id, stored.qty, false, {}, {}};
        StockNumbers after = *before;
        if (stored.state == "reserved") {
            m_db.prepare("UPDATE order_lines SET state = ?, updated_at = ? WHERE order_id = ? "
                         "AND line = ?")
                .bind_all(target, iso8601(m_clock.now()), request.order_id, stored.line)
                .run();
            after = store.change(*lightspeed_id, *before, {"order", ref}, [&](StockNumbers& n) {
                if (request.action == OrderAction::cancel)
                    sync::cancel(n, stored.qty);
                else
                    sync::fulfill(n, stored.qty);
            });
            out.changed = true;
        }
        out.available_after = after.available();
        out.pending_after = after.pending_push();
        result.lines.push_back(out);
    }
    if (result.lines.empty())
        return refused(
            fmt::format("order {} has no line that can be {}", request.order_id, target));
    return result;
}

} // namespace kivals::sync
