// kivals init: create or upgrade the database and lay out what the intake reads.
#include "commands.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/db/schema.hpp>
#include <kivals/util/files.hpp>

#include <sys/stat.h>

namespace kivals::cli {
namespace {

struct InitOptions {
    bool quiet = false;
};

// Write the webhook secret where the intake can read it: mode 0640, group = the web server's.
void write_secret_file(const Config& cfg, const std::string& secret) {
    make_directory(cfg.secret_file.parent_path(), 0755, false);
    write_file_atomic(cfg.secret_file, secret + "\n", 0640);
    set_group(cfg.secret_file, cfg.web_group);
}

// The spool: tmp/ for partial writes, new/ for complete deliveries. setgid + group-writable
// so that the web server's user can add files and kivals can remove them.
void make_spool(const Config& cfg) {
    for (const char* sub : {"", "tmp", "new"}) {
        std::filesystem::path dir = cfg.spool_dir / sub;
        make_directory(dir, 02770);
        set_group(dir, cfg.web_group);
        ::chmod(dir.c_str(), 02770); // chown may clear setgid
    }
}

int run_init(Env& env, const InitOptions& opts) {
    const Config& cfg = env.config();
    make_directory(cfg.database_path.parent_path().empty() ? "." : cfg.database_path.parent_path(),
                   0700, false);
    make_directory(cfg.lock_dir, 0700, false);
    bool existed = std::filesystem::exists(cfg.database_path);
    mode_t old_mask = ::umask(077); // the database holds the API token
    db::Db db = db::Db::open(cfg.database_path, db::OpenMode::create, cfg.busy_timeout);
    ::umask(old_mask);
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
    make_spool(cfg);

    if (!opts.quiet) {
        if (!existed)
            fmt::print("Created database {} (schema {}).\n", cfg.database_path.string(),
                       db::latest_schema_version());
        else if (applied > 0)
            fmt::print("Upgraded database {} from schema {} to {}.\n", cfg.database_path.string(),
                       from, db::latest_schema_version());
        else
            fmt::print("Database {} is up to date (schema {}).\n", cfg.database_path.string(),
                       from);
        fmt::print("Webhook secret {} ({}).\nSpool {} is ready for the web server's group '{}'.\n",
                   new_secret ? "generated" : "kept", cfg.secret_file.string(),
                   cfg.spool_dir.string(), cfg.web_group);
        fmt::print("Store key {} (`kivals config get store.key` shows it, for the store's "
                   "settings).\n",
                   new_store_key ? "generated" : "kept");
    }
    return 0;
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
