// The admin page's long actions: the same functions, job locks and ledger as `kivals pull-sync
// --full`, `kivals push --all` and `kivals fetch-products`, each on a database connection and
// a Lightspeed client of its own (built from the settings at the time of the click).
#include "web.hpp"

#include <kivals/admin/webhooks.hpp>
#include <kivals/catalog/fetch.hpp>
#include <kivals/config/settings.hpp>
#include <kivals/core/text.hpp>
#include <kivals/doctor/diagnose.hpp>
#include <kivals/lightspeed/factory.hpp>
#include <kivals/sync/jobs.hpp>

#include <fmt/format.h>

namespace kivals::admin {
namespace {

// What one action's work holds while it runs.
struct Connection {
    explicit Connection(const AdminContext& c)
        : db(db::Db::open(c.config.database_path, db::OpenMode::read_write,
                          c.config.busy_timeout)) {}
    db::Db db;
};

template <class Run> JobRunner::Work with_client(const AdminContext& c, Run run) {
    return [&c, run = std::move(run)](Progress& progress) {
        Connection conn(c);
        Settings settings(conn.db, c.clock);
        auto client = lightspeed::make_client(settings, c.config, c.log, c.clock);
        client->session().report_to(progress);
        return run(conn.db, *client, progress);
    };
}

JobRunner::Work pull_sync(const AdminContext& c) {
    return with_client(c, [&c](db::Db& db, lightspeed::Client& client, Progress& progress) {
        return sync::pull_summary(
            sync::run_pull_sync_job({db, client, c.config, c.clock, c.log, progress}, true, false));
    });
}

JobRunner::Work push(const AdminContext& c) {
    return with_client(c, [&c](db::Db& db, lightspeed::Client& client, Progress& progress) {
        sync::PushReport report =
            sync::run_push_job({db, client, c.config, c.clock, c.log, progress}, {}, true);
        std::string out = sync::push_summary(report);
        for (const auto& o : report.outcomes)
            if (!o.ok)
                out += fmt::format(" {} ({}): {}.", o.push.kiva_id, o.push.lightspeed_id, o.error);
        if (report.failed() > 0 || report.unresolved > 0)
            fail(Exit::partial, "{}", out);
        return out;
    });
}

JobRunner::Work fetch_products(const AdminContext& c, std::int64_t limit) {
    return with_client(c, [&c, limit](db::Db& db, lightspeed::Client& client, Progress& progress) {
        catalog::FetchOptions options;
        options.limit = limit;
        return catalog::fetch_summary(catalog::fetch_products(db, client, c.config.lock_dir,
                                                              c.clock, progress, options)) +
               ".";
    });
}

// `kivals webhooks create`: register, then send the probe down the URL (a registration
// proves nothing about the path a delivery takes).
JobRunner::Work create_webhooks(const AdminContext& c) {
    return with_client(c, [&c](db::Db& db, lightspeed::Client& client, Progress&) {
        Settings settings(db, c.clock);
        webhook::UrlParts parts = webhook_url_parts(settings);
        std::vector<std::string> warnings;
        auto steps = register_webhooks(client, parts,
                                       [&](std::string warning) { warnings.push_back(warning); });
        std::string out;
        for (const auto& step : steps)
            out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", step.type, step.result);
        out += ".";
        for (const auto& warning : warnings)
            out += " " + warning + ".";
        doctor::Finding probe = doctor::probe_finding(send_probe(c.config, db, c.clock, parts));
        if (probe.severity != doctor::Severity::ok)
            fail(Exit::partial, "{} The webhooks are registered, but {}{}", out, probe.message,
                 probe.fix.empty() ? "" : fmt::format("; fix: {}", probe.fix));
        if (!warnings.empty())
            fail(Exit::partial, "{}", out);
        return out + " A probe delivery reached the spool.";
    });
}

} // namespace

std::optional<JobRunner::Work> action_work(Admin& admin, std::string_view kind,
                                           const http::Request& request) {
    const AdminContext& c = admin.context;
    if (kind == "pull-sync")
        return pull_sync(c);
    if (kind == "push")
        return push(c);
    if (kind == "webhooks-create")
        return create_webhooks(c);
    if (kind == "fetch-products") {
        std::string limit = form_value(request, "limit").value_or("all");
        if (limit == "all")
            return fetch_products(c, 0);
        auto n = parse_int<std::int64_t>(limit);
        if (!n || *n < 1)
            return std::nullopt;
        return fetch_products(c, *n);
    }
    return std::nullopt;
}

} // namespace kivals::admin
