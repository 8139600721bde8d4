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

bool order_exists(db::Db& db, const std::string& order_id) {
    auto stmt = db.prepare("SELECT 1 FROM order_lines WHERE order_id = ? LIMIT 1");
    stmt.bind_all(order_id);
    return stmt.step();
}

// The past tense stored in order_lines.state for a closing action.
const char* closed_state(OrderAction action) {
    return action == OrderAction::cancel ? "cancelled" : "fulfilled";
}

std::string line_ref(const std::string& order_id, std::int64_t line) {
    return fmt::format("{}:{}", order_id, line);
}

OrderResult refused(ErrorCode code, std::string message) {
    return OrderResult{false, {code, std::move(message), {}, {}}, {}};
}

// Refuse a reservation of a Kiva id that has no link: unknown to the catalogue, or not linked.
OrderResult refused_unlinked(db::Db& db, const std::string& ref, const std::string& kiva_id) {
    if (!kiva_product_known(db, kiva_id))
        return refused(ErrorCode::unknown_product,
                       fmt::format("order line {}: there is no Kiva product '{}'", ref, kiva_id));
    return refused(ErrorCode::not_linked,
                   fmt::format("order line {}: Kiva product '{}' is not linked to a "
                               "Lightspeed product",
                               ref, kiva_id));
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
    db::Txn txn(m_db);
    OrderResult result = apply_in(request);
    if (result.ok)
        txn.commit();
    return result;
}

OrderResult Orders::apply_in(const OrderRequest& request) {
    if (request.order_id.empty())
        return refused(ErrorCode::invalid_request, "an order id is required");
    if (!is_utf8(request.order_id) || !is_utf8(request.kiva_id))
        return refused(ErrorCode::invalid_request,
                       "the order id and the Kiva product id must be UTF-8 text");
    if (request.line && *request.line < 1)
        return refused(ErrorCode::invalid_request,
                       fmt::format("order {}: line numbers start at 1", request.order_id));
    OrderResult result =
        request.action == OrderAction::reserve ? reserve(request) : close_lines(request);
    if (!result.ok)
        return result;
    // Each line reports its product as the whole request left it.
    StockStore store(m_db, m_clock);
    for (LineResult& line : result.lines)
        line.after = store.load(line.lightspeed_id).value_or(line.after);
    return result;
}

OrderResult Orders::reserve(const OrderRequest& request) {
    std::int64_t line = request.line.value_or(1);
    std::string ref = line_ref(request.order_id, line);
    if (request.qty <= Qty())
        return refused(ErrorCode::invalid_quantity,
                       fmt::format("order line {}: the quantity must be above zero", ref));
    auto lightspeed_id = lightspeed_id_of(m_db, request.kiva_id);
    StockStore store(m_db, m_clock);
    auto before = lightspeed_id ? store.load(*lightspeed_id) : std::nullopt;
    if (!before)
        return refused_unlinked(m_db, ref, request.kiva_id);
    LineResult out{line, request.kiva_id, *lightspeed_id, request.qty, "reserved", false, *before};
    if (auto existing = find_line(m_db, request.order_id, line)) {
        if (existing->kiva_id != request.kiva_id || existing->qty != request.qty)
            return refused(ErrorCode::line_conflict,
                           fmt::format("order line {} already reserves {} x {}; a different "
                                       "reservation for the same line is refused",
                                       ref, existing->qty.str(), existing->kiva_id));
        if (existing->state != "reserved")
            return refused(ErrorCode::line_closed,
                           fmt::format("order line {} is already {}", ref, existing->state));
        return OrderResult{true, {}, {out}};
    }
    if (request.qty > before->available() && !request.allow_oversell) {
        OrderResult result = refused(
            ErrorCode::oversell,
            fmt::format("order line {}: only {} of Kiva product '{}' available, {} "
                        "requested",
                        ref, before->available().str(), request.kiva_id, request.qty.str()));
        result.refusal.available = before->available();
        result.refusal.requested = request.qty;
        return result;
    }
    std::string now = iso8601(m_clock.now());
    m_db.prepare("INSERT INTO order_lines(order_id, line, kiva_id, qty, state, created_at, "
                 "updated_at) VALUES (?, ?, ?, ?, 'reserved', ?, ?)")
        .bind_all(request.order_id, line, request.kiva_id, request.qty.milli(), now, now)
        .run();
    StockNumbers after = store.change(*lightspeed_id, *before, {"order", ref},
                                      [&](StockNumbers& n) { sync::reserve(n, request.qty); });
    out.changed = true;
    out.after = after;
    return OrderResult{true, {}, {out}};
}

OrderResult Orders::close_lines(const OrderRequest& request) {
    const char* target = closed_state(request.action);
    std::vector<StoredLine> lines = order_lines(m_db, request);
    if (lines.empty() && request.line && order_exists(m_db, request.order_id))
        return refused(
            ErrorCode::unknown_line,
            fmt::format("unknown order line {}", line_ref(request.order_id, *request.line)));
    if (lines.empty())
        return refused(ErrorCode::unknown_order, fmt::format("unknown order {}", request.order_id));
    OrderResult result{true, {}, {}};
    StockStore store(m_db, m_clock);
    for (const StoredLine& stored : lines) {
        std::string ref = line_ref(request.order_id, stored.line);
        bool other_closed = stored.state != "reserved" && stored.state != target;
        if (other_closed && request.line)
            return refused(ErrorCode::line_closed,
                           fmt::format("order line {} is already {}, it cannot be {}", ref,
                                       stored.state, target));
        if (other_closed)
            continue; // a whole-order request skips lines closed the other way
        auto lightspeed_id = lightspeed_id_of(m_db, stored.kiva_id);
        auto before = lightspeed_id ? store.load(*lightspeed_id) : std::nullopt;
        if (!before)
            return refused(ErrorCode::not_linked,
                           fmt::format("order line {}: Kiva product '{}' is no longer linked", ref,
                                       stored.kiva_id));
        LineResult out{stored.line,  stored.kiva_id, *lightspeed_id, stored.qty,
                       stored.state, false,          *before};
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
            out.state = target;
        }
        out.after = after;
        result.lines.push_back(out);
    }
    if (result.lines.empty())
        return refused(ErrorCode::line_closed, fmt::format("order {} has no line that can be {}",
                                                           request.order_id, target));
    return result;
}

} // namespace kivals::sync
