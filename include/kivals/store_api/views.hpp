#pragma once

#include <kivals/core/error.hpp>
#include <kivals/db/db.hpp>
#include <kivals/sync/orders.hpp>
#include <kivals/sync/stock_feed.hpp>
#include <kivals/sync/stock_view.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

// The JSON the store sees, from the store API and from the CLI's --json alike (one shape per
// answer, counts as integers when whole). Described by docs/store-api.yaml and the schemas in
// docs/schemas/.
namespace kivals::store_api {

// Return one linked product's numbers: kiva_id, lightspeed_id, lightspeed_count, in_stock,
// reserved, available, pending_push, version.
nlohmann::json stock_json(const sync::StockRow& row);

// Return one change of the feed: the product's numbers after it, `linked`, `source`, `at` and
// its `cursor`.
nlohmann::json change_json(const sync::FeedEntry& change);

// Return a page of the change feed, as GET /v1/changes and `kivals stock --changes-since` print
// it: {"changes": [...], "cursor": the last change's (or `after`), "more": whether more
// follow}; nullopt when nothing follows `after` yet. Read in one transaction of its own.
// Throws Error (cursor_ahead) when `after` is beyond the newest change: a cursor of another
// database, or of one restored from a backup.
std::optional<nlohmann::json> changes_page(db::Db& db, std::int64_t after, std::size_t limit);

// Return the answer to an order request: order_id, action, and each line touched with the
// product's numbers after the request.
nlohmann::json order_json(const sync::OrderRequest& request, const sync::OrderResult& result);

// Return an error object: {"error": {"code": ..., "message": ...}}.
nlohmann::json error_json(ErrorCode code, std::string_view message);

// Return the error object of a refused order request (an oversell carries `available` and
// `requested`).
nlohmann::json refusal_json(const sync::OrderRefusal& refusal);

} // namespace kivals::store_api
