// kivals serve: the store API (orders, stock, the change feed) on a loopback port or a unix
// socket, with a background push of what the store reserves.
#include "commands.hpp"
#include "daemon.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/db/group_writer.hpp>
#include <kivals/db/pool.hpp>
#include <kivals/serve/server.hpp>
#include <kivals/store_api/api.hpp>
#include <kivals/store_api/feed_watch.hpp>
#include <kivals/sync/background_pusher.hpp>

namespace kivals::cli {
namespace {

struct ServeOptions {
    std::optional<std::string> listen;
    bool no_push = false;
};

serve::ListenAddress listen_address(const Config& cfg, const ServeOptions& opts) {
    std::string text = opts.listen.value_or(cfg.serve_listen);
    auto parsed = serve::parse_listen(text);
    if (!parsed)
        fail(opts.listen ? Exit::usage : Exit::config, "--listen {}: {}", text, parsed.error());
    return *std::move(parsed);
}

int run_serve(Env& env, const ServeOptions& opts) {
    const Config& cfg = env.config();
    if (!Settings(env.db(), env.clock()).stored("store.key"))
        fail(Exit::config, "there is no store key yet: run `kivals init`");
    serve::ListenAddress address = listen_address(cfg, opts);
    SignalStop::block(); // before any thread starts: they all inherit the mask

    db::CommitGate gate; // this process's readers and its commits never meet in SQLite's lock
    db::Pool pool(cfg.database_path, cfg.busy_timeout, &gate);
    db::GroupWriter writer(cfg.database_path, cfg.busy_timeout, &gate);
    http::Router router;
    serve::ServerOptions server_options;
    server_options.threads = static_cast<std::size_t>(cfg.serve_threads);
    server_options.max_body_bytes = static_cast<std::size_t>(cfg.serve_max_body_bytes);
    server_options.render_error = store_api::error_response;
    serve::Server server(router, server_options, env.log());
    server.bind(address);

    store_api::FeedWatcher feed(pool, cfg.database_path);
    std::optional<sync::BackgroundPusher> pusher;
    if (!opts.no_push) {
        sync::BackgroundPushOptions push_options;
        push_options.delay = cfg.serve_push_delay;
        pusher.emplace(sync::make_push_job(cfg, env.log(), env.clock()), push_options, env.clock(),
                       report_push_rounds("kivals serve"));
    }
    store_api::ApiOptions api_options;
    api_options.max_waiting = std::max<std::size_t>(1, server_options.threads / 4);
    store_api::add_store_api(
        router, {pool, writer, feed, pusher ? &*pusher : nullptr, env.clock(), env.log()},
        api_options);

    // Paths outside every route family get the store API's error shape too.
    router.on_miss("/", [](const http::Request&, http::Miss, const std::vector<std::string>&) {
        return store_api::error_response(ErrorCode::not_found, "no such path (the store API is "
                                                               "under /v1/)");
    });

    fmt::print(stderr, "kivals serve: listening on {}\n", server.bound().str());
    {
        // run() may not have started listening when the signal comes: stop is called until
        // it has returned.
        SignalStop stop([&server, &feed] {
            feed.stop();
            server.stop();
        });
        server.run();
    }
    feed.stop();
    fmt::print(stderr, "kivals serve: stopped\n");
    return 0;
}

} // namespace

void add_serve_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<ServeOptions>();
    auto* sub = app.add_subcommand("serve", "Serve the store API (orders, stock, change feed) "
                                            "on a loopback port or a unix socket");
    sub->add_option("--listen", opts->listen,
                    "127.0.0.1:PORT, [::1]:PORT or unix:/path (default: serve.listen)");
    sub->add_flag("--no-push", opts->no_push,
                  "Do not push reservations in the background (cron's `kivals push` does)");
    bind(sub, [opts](Env& env) { return run_serve(env, *opts); });
}

} // namespace kivals::cli
