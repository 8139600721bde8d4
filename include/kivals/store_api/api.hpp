#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/db/group_writer.hpp>
#include <kivals/db/pool.hpp>
#include <kivals/http/router.hpp>
#include <kivals/store_api/feed_watch.hpp>
#include <kivals/sync/background_pusher.hpp>

#include <chrono>
#include <cstddef>
#include <string_view>

// The store API (/v1/...): the online store reserves, cancels and fulfils order lines, reads
// stock, and follows the change feed, authenticated with the store key. Documented in
// docs/store-api.yaml.
namespace kivals::store_api {

// Limits of the API.
struct ApiOptions {
    std::chrono::seconds max_wait{60}; // longest long-poll of GET /v1/changes
    std::size_t max_waiting = 16;      // long-polls waiting at once; one more gets 503
    std::size_t max_page = 1000;       // largest page of /v1/stock and /v1/changes
};

// What the routes use of the process that serves them.
struct ApiContext {
    db::Pool& pool;          // readers
    db::GroupWriter& writer; // every write, grouped into shared transactions
    FeedWatcher& feed;
    sync::BackgroundPusher* pusher; // told after each change that needs a push; may be null
    const Clock& clock;
    Logger& log;
};

// Return the store API's answer for an error: {"error": {"code", "message"}} with the code's
// HTTP status (for the transport's own refusals, such as a body over the limit).
http::Response error_response(ErrorCode code, std::string_view message);

// Add the store API's routes, and its answer to unknown paths under /v1/, to `router`. The
// context must outlive the router.
void add_store_api(http::Router& router, const ApiContext& context, ApiOptions options = {});

} // namespace kivals::store_api
