// kivals init: create or upgrade the database and lay out what the intake reads.
#include "commands.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/db/schema.hpp>
#include <kivals/util/dirs.hpp>
#include <kivals/util/files.hpp>
#include <kivals/webhook/spool.hpp>

#include <sys/stat.h>

namespace kivals::cli {
namespace {

struct InitOptions {
    bool quiet = false;
};

// Refuse paths that another user could redirect: init never follows a link it did not make
// and never writes below a directory that someone else owns or may change.
void check_paths(const Config& cfg) {
    auto web = group_id(cfg.web_group);
    auto db_dir = cfg.database_path.parent_path().empty() ? std::filesystem::path(".")
                                                          : cfg.database_path.parent_path();
    for (const auto& [path, self] : {std::pair{db_dir, true}, std::pair{cfg.database_path, true},
                                     std::pair{cfg.spool_dir, false}})
        if (auto trusted = untrusted_component(path, self, web); !trusted)
            fail(Exit::config, "kivals init refuses: {}", trusted.error());
}

// Write the webhook secret where the intake can read it: mode 0640, group = the web server's.
void write_secret_file(const Config& cfg, const std::string& secret) {
    make_directory(cfg.secret_file.parent_path(), 0755, false);
    write_file_atomic(cfg.secret_file, secret + "\n", 0640);
    set_group(cfg.secret_file, cfg.web_group);
}

// Open (or create) the database, refusing one that PRAGMA quick_check finds corrupt.
db::Db open_database(const Config& cfg) {
    mode_t old_mask = ::umask(077); // the database holds the API token
    db::Db db = db::Db::open(cfg.database_path, db::OpenMode::create, cfg.busy_timeout);
    ::umask(old_mask);
    db.require_sound();
    return db;
}

void print_outcome(const Config& cfg, bool existed, int from, int applied, bool new_secret,
                   bool new_store_key) {
    if (!existed)
        fmt::print("Created database {} (schema {}).\n", cfg.database_path.string(),
                   db::latest_schema_version());
    else if (applied > 0)
        fmt::print("Upgraded database {} from schema {} to {}.\n", cfg.database_path.string(), from,
                   db::latest_schema_version());
    else
        fmt::print("Database {} is up to date (schema {}).\n", cfg.database_path.string(), from);
    fmt::print("Webhook secret {} ({}).\nSpool {} is ready for the web server's group '{}'.\n",
               new_secret ? "generated" : "kept", cfg.secret_file.string(), cfg.spool_dir.string(),
               cfg.web_group);
    fmt::print("Store key {} (`kivals config get store.key` shows it, for the store's settings).\n",
               new_store_key ? "generated" : "kept");
}

int run_init(Env& env, const InitOptions& opts) {
    const Config& cfg = env.config();
    check_paths(cfg);
    make_directory(cfg.database_path.parent_path().empty() ? "." : cfg.database_path.parent_path(),
                   0700, false);
    make_directory(cfg.lock_dir, 0700, false);
    bool existed = std::filesystem::exists(cfg.database_path);
    db::Db db = open_database(cfg);
    int from = db::schema_version(db);
    int applied = db::migrate(db);

    Settings settings(db, env.clock());
    auto secret = settings.stored("webhook.secret");
    bool new_secret = !secret;
    if (new_secret) {
        secret = generate_secret();
        settings.set("webhook.secret", *secret);
    }
    // The store's own key for `kivals serve`: never the Lightspeed token, so the web
    // application that holds it can reserve and read stock but not reach Lightspeed.
    bool new_store_key = !settings.stored("store.key");
    if (new_store_key)
        settings.set("store.key", generate_secret(32));
    write_secret_file(cfg, *secret);
    std::vector<std::string> cannot = webhook::lay_out_spool(cfg.spool_dir, cfg.web_group);
    for (const auto& what : cannot)
        fmt::print(stderr, "kivals init: {}\n", what);
    if (!opts.quiet && cannot.empty())
        print_outcome(cfg, existed, from, applied, new_secret, new_store_key);
    return cannot.empty() ? 0 : to_int(Exit::failure);
}

} // namespace

void add_init_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<InitOptions>();
    auto* sub = app.add_subcommand("init", "Create or upgrade the database, webhook secret and "
                                           "spool (safe to run again)");
    sub->add_flag("-q,--quiet", opts->quiet, "Print nothing on success");
    bind(sub, [opts](Env& env) { return run_init(env, *opts); });
}

} // namespace kivals::cli
