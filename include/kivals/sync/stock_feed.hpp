#pragma once

#include <kivals/db/db.hpp>
#include <kivals/sync/model.hpp>

#include <cstdint>
#include <string>
#include <vector>

// The change feed: every change of a linked product's numbers that the store can see, oldest
// first, each with a cursor that only grows (written by StockStore in the transaction of the
// change; the table is `stock_changes`). Read by GET /v1/changes and
// `kivals stock --changes-since`.
namespace kivals::sync {

// One entry of the feed: a change as the store sees it. `numbers` holds L, R and S after it
// (the version is not kept: the store never sees it); `linked` is false when the change is the
// removal of the product's link.
struct FeedEntry {
    std::int64_t cursor = 0;
    std::string kiva_id;
    std::string lightspeed_id;
    bool linked = true;
    StockNumbers numbers;
    std::string source; // who changed it: webhook, pull-sync, push, order, link, upgrade
    std::string at;
};

// Return up to `limit` changes with a cursor above `after`, oldest first.
std::vector<FeedEntry> changes_after(db::Db& db, std::int64_t after, std::size_t limit);

// Return the cursor of the newest change (0 when the feed is empty).
std::int64_t feed_head(db::Db& db);

} // namespace kivals::sync
