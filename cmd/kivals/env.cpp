#include "command.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/db/schema.hpp>
#include <kivals/lightspeed/factory.hpp>

#include <cstdlib>
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
        m_config = load_config(locate_config(m_globals.config_path, std::getenv("KIVALS_CONFIG")));
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
        std::error_code ec;
        if (!std::filesystem::exists(cfg.database_path, ec))
            fail(Exit::config, "database {} does not exist: run `kivals init`",
                 cfg.database_path.string());
        m_db = db::Db::open(cfg.database_path, db::OpenMode::read_write, cfg.busy_timeout);
        db::require_current_schema(*m_db);
        KIVALS_LOG(m_log, db, "opened {} (journal {})", cfg.database_path.string(),
                   m_db->journal_mode());
    }
    return *m_db;
}

lightspeed::Client& Env::client() {
    if (!m_client) {
        Settings settings(db(), m_clock);
        m_client = lightspeed::make_client(settings, config(), m_log, m_clock);
    }
    return *m_client;
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
    fmt::print("{}\n", value.dump(env.interactive() ? 2 : -1));
}

} // namespace kivals::cli
