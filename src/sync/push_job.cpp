// The background pusher's round: `kivals push` of every pending product.
#include <kivals/config/settings.hpp>
#include <kivals/lightspeed/factory.hpp>
#include <kivals/sync/background_pusher.hpp>
#include <kivals/sync/push.hpp>
#include <kivals/util/files.hpp>

#include <algorithm>
#include <memory>

namespace kivals::sync {
namespace {

// A cheap look (the stock_pending index) before anything heavier: most polls find nothing.
bool push_due(db::Db& db) {
    return db.scalar("SELECT EXISTS (SELECT 1 FROM stock WHERE reserved != synced) OR "
                     "EXISTS (SELECT 1 FROM push_inflight)") != 0;
}

PushRound push_round(db::Db& db, const Config& config, Logger& log, const Clock& clock) {
    if (!push_due(db))
        return {};
    std::optional<JobLock> lock;
    try {
        lock.emplace(JobLock::acquire(config.lock_dir, "push"));
    } catch (const Error& e) {
        if (e.code() != Exit::temporary)
            throw;
        return {PushRound::Next::soon, 0, e.what()};
    }
    Settings settings(db, clock);
    PushOptions options;
    options.outlet_id = settings.require("outlet_id");
    options.batch_size = static_cast<std::size_t>(std::clamp(config.push_batch_size, 1, 1000));
    // Built for each round, so that a new token or store URL is used at once.
    auto client = lightspeed::make_client(settings, config, log, clock);
    PushReport report = Pusher(db, *client, clock, log).run(options);
    auto pushed = static_cast<std::int64_t>(report.outcomes.size() - report.failed());
    if (report.failed() > 0 || report.unresolved > 0)
        return {PushRound::Next::back_off, pushed,
                fmt::format("{} push(es) failed, {} could not be checked", report.failed(),
                            report.unresolved)};
    return {PushRound::Next::when_triggered, pushed, ""};
}

} // namespace

BackgroundPusher::Job make_push_job(const Config& config, Logger& log, const Clock& clock) {
    auto db = std::make_shared<std::optional<db::Db>>();
    return [db, &config, &log, &clock]() -> PushRound {
        if (!*db)
            db->emplace(
                db::Db::open(config.database_path, db::OpenMode::read_write, config.busy_timeout));
        PushRound round = push_round(**db, config, log, clock);
        if (!round.error.empty())
            KIVALS_LOG(log, sync, "background push: {}", round.error);
        return round;
    };
}

} // namespace kivals::sync
