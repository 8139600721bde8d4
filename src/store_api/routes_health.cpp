// GET /v1/health: whether the service can read the database, and how the background push goes.
#include "routes.hpp"

#include <kivals/db/schema.hpp>
#include <kivals/sync/stock_feed.hpp>

namespace kivals::store_api {
namespace {

nlohmann::json push_json(const sync::BackgroundPusher* pusher) {
    if (!pusher)
        return nullptr;
    sync::BackgroundPushStatus status = pusher->status();
    return {{"rounds", status.rounds},
            {"pushed", status.pushed},
            {"last_round_at",
             status.last_round_at ? nlohmann::json(iso8601(*status.last_round_at)) : nullptr},
            {"last_error", status.last_error.empty() ? nlohmann::json(nullptr)
                                                     : nlohmann::json(status.last_error)},
            {"retrying", status.retrying}};
}

http::Response health(Api& api) {
    auto lease = api.context.pool.read();
    db::Db& db = lease.db();
    db::Txn txn(db, db::Txn::Kind::deferred);
    nlohmann::json out = {
        {"status", "ok"},
        {"version", KIVALS_VERSION},
        {"schema", db::schema_version(db)},
        {"cursor", sync::feed_head(db)},
        {"pending_pushes", db.scalar("SELECT count(*) FROM stock s JOIN links l USING "
                                     "(lightspeed_id) WHERE s.reserved != s.synced")},
        {"long_polls_waiting", api.waiting.load()},
        {"background_push", push_json(api.context.pusher)},
    };
    return json_response(200, out);
}

} // namespace

void add_health_route(http::Router& router, const std::shared_ptr<Api>& api) {
    router.add("GET", "/v1/health",
               guarded(api, [api](const http::Request&, const auto&) { return health(*api); }));
}

} // namespace kivals::store_api
