#pragma once

#include <kivals/config/config.hpp>
#include <kivals/core/clock.hpp>
#include <kivals/core/log.hpp>
#include <kivals/core/progress.hpp>
#include <kivals/db/db.hpp>
#include <kivals/lightspeed/client.hpp>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace kivals::cli {

// What a subcommand needs before it runs; main prepares exactly that, so `kivals --help`
// works without a database and `kivals status` without a network.
enum class Needs {
    nothing, // no config file, no database
    config,  // the deployment config file
    db,      // config + the database at the current schema
    network, // config + database + the Lightspeed settings (store URL, token)
};

// Options that apply to every subcommand.
struct Globals {
    std::optional<std::string> config_path;
    std::optional<std::string> db_path;
    std::string debug;
    bool quiet_if_locked = false; // a held job lock exits 75 without a message (cron)
    bool if_configured = false;   // do nothing until the store and outlet are set (jobs)
};

// Everything a subcommand may use, prepared by main according to its Needs.
class Env {
public:
    explicit Env(Globals globals);

    // Load the config file (and --db / KIVALS_DB) once.
    const Config& config();
    // Open the database at the current schema once; fails with a clear message otherwise.
    db::Db& db();
    // Check the database with PRAGMA quick_check when the last check is an hour old (the
    // jobs that write run every minute) and fail with Exit::failure when it is corrupt.
    void check_database_when_due();
    // Build the Lightspeed client from the settings and config once; fails with
    // Exit::config when the store URL or token is missing.
    lightspeed::Client& client();
    // Return the diagnostic logger.
    Logger& log() { return m_log; }
    // Return the source of "now".
    const Clock& clock() const { return m_clock; }
    // Return the global options.
    const Globals& globals() const { return m_globals; }
    // Return true when stdout is a terminal (progress bars, summaries for people).
    bool interactive() const;
    // Return where long commands say how far they are and what they wait for: a line on
    // stderr when stderr is a terminal, else nothing (cron, pipes).
    Progress& progress();

private:
    Globals m_globals;
    Logger m_log;
    SystemClock m_clock;
    std::optional<Config> m_config;
    std::optional<db::Db> m_db;
    std::unique_ptr<Progress> m_progress;
    std::unique_ptr<lightspeed::Client> m_client;
};

// The chosen subcommand's work, returning its exit code.
using Runner = std::function<int(Env&)>;

// Filled in by the subcommand that CLI11 selected.
struct Selected {
    Needs needs = Needs::nothing;
    Runner run;
};

// Make `sub` select `run` (with its `needs`) when it is the command given.
void on_run(CLI::App* sub, Selected& selected, Needs needs, Runner run);

// Hands a subcommand file the table's Needs for it, so that each file only says what to run.
class Binder {
public:
    Binder(Selected& selected, Needs needs) : m_selected(selected), m_needs(needs) {}

    // Make `sub` run `run` with the command's Needs (or `needs`, for a sub-subcommand that
    // needs less or more than the rest of its group).
    void operator()(CLI::App* sub, Runner run) const {
        on_run(sub, m_selected, m_needs, std::move(run));
    }
    void operator()(CLI::App* sub, Needs needs, Runner run) const {
        on_run(sub, m_selected, needs, std::move(run));
    }

private:
    Selected& m_selected;
    Needs m_needs;
};

// Print a JSON value to stdout, pretty when stdout is a terminal.
void print_json(Env& env, const nlohmann::json& value);

// A failure whose JSON error object (printed under --json) says more than its code and message,
// such as an oversell's numbers.
class DetailedError : public Error {
public:
    DetailedError(Exit exit, ErrorCode code, const std::string& message, nlohmann::json object)
        : Error(exit, code, message), m_object(std::move(object)) {}

    // Return the JSON error object: {"error": {"code", "message", ...}}.
    const nlohmann::json& object() const { return m_object; }

private:
    nlohmann::json m_object;
};

} // namespace kivals::cli
