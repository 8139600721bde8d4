#include "command.hpp"
#include "terminal_progress.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/db/schema.hpp>
#include <kivals/lightspeed/factory.hpp>
#include <kivals/util/files.hpp>

#include <cerrno>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace kivals::cli {

Env::Env(Globals globals) : m_globals(std::move(globals)) {
    const char* env_debug = std::getenv("KIVALS_DEBUG");
    std::string unknown = m_log.enable(env_debug ? env_debug : "");
    unknown += m_log.enable(m_globals.debug);
    if (!unknown.empty())
        fail(Exit::usage,
             "unknown debug category '{}' (known: http, sync, db, queue, link, "
             "intake, sim, serve, all)",
             unknown);
}

const Config& Env::config() {
    if (!m_config) {
        ConfigLocation location =
            locate_config(m_globals.config_path, std::getenv("KIVALS_CONFIG"));
        if (::access(location.path.c_str(), R_OK) != 0 && errno != ENOENT)
            fail(Exit::config, "config file {} cannot be read: permission denied: {}",
                 location.path.string(), permission_advice(location.path));
        m_config = load_config(location);
        if (!m_config->log_categories.empty())
            m_log.enable(m_config->log_categories);
        const char* env_db = std::getenv("KIVALS_DB");
        if (m_globals.db_path) {
            m_config->database_path = *m_globals.db_path;
            m_config->origin["database.path"] = "--db";
        } else if (env_db && *env_db) {
            m_config->database_path = env_db;
            m_config->origin["database.path"] = "KIVALS_DB";
        }
    }
    return *m_config;
}

db::Db& Env::db() {
    if (!m_db) {
        const Config& cfg = config();
        const char* path = cfg.database_path.c_str();
        struct stat st {};
        if ((::stat(path, &st) != 0 || ::access(path, R_OK) != 0) && errno == EACCES)
            fail(Exit::config, "permission denied: cannot open the database {}: {}",
                 cfg.database_path.string(), permission_advice(cfg.database_path));
        if (::stat(path, &st) != 0)
            fail(Exit::config, "database {} does not exist: run `kivals init`",
                 cfg.database_path.string());
        m_db = db::Db::open(cfg.database_path, db::OpenMode::read_write, cfg.busy_timeout);
        db::require_current_schema(*m_db);
        KIVALS_LOG(m_log, db, "opened {} (journal {})", cfg.database_path.string(),
                   m_db->journal_mode());
    }
    return *m_db;
}

void Env::check_database_when_due() {
    Settings settings(db(), m_clock);
    auto last = settings.state(state_keys::k_last_quick_check);
    auto last_time = last ? parse_iso8601(*last) : std::nullopt;
    if (last_time && m_clock.now() - *last_time < std::chrono::hours(1))
        return;
    db().require_sound();
    settings.set_state(state_keys::k_last_quick_check, iso8601(m_clock.now()));
}

lightspeed::Client& Env::client() {
    if (!m_client) {
        Settings settings(db(), m_clock);
        m_client = lightspeed::make_client(settings, config(), m_log, m_clock);
        m_client->session().report_to(progress());
    }
    return *m_client;
}

Progress& Env::progress() {
    if (!m_progress) {
        if (isatty(STDERR_FILENO) == 1)
            m_progress = std::make_unique<TerminalProgress>(stderr);
        else
            m_progress = std::make_unique<SilentProgress>();
    }
    return *m_progress;
}

bool Env::interactive() const {
    return isatty(STDOUT_FILENO) == 1;
}

void on_run(CLI::App* sub, Selected& selected, Needs needs, Runner run) {
    sub->callback([&selected, needs, run = std::move(run)] {
        selected.needs = needs;
        selected.run = run;
    });
}

} // namespace kivals::cli

namespace kivals::cli {

void print_json(Env& env, const nlohmann::json& value) {
    // Text in a database written by an older kivals may not be UTF-8: show it, never abort.
    fmt::print("{}\n", value.dump(env.interactive() ? 2 : -1, ' ', false,
                                  nlohmann::json::error_handler_t::replace));
}

} // namespace kivals::cli
