// kivals: inventory sync between a Kiva Logic store and Lightspeed Retail (X-Series).
#include "commands.hpp"

#include <kivals/core/error.hpp>
#include <kivals/lightspeed/curl_transport.hpp>
#include <kivals/util/process.hpp>

#include <array>
#include <cstdio>
#include <exception>

namespace {

using namespace kivals;
using namespace kivals::cli;

struct CommandEntry {
    void (*add)(CLI::App&, const Binder&);
    Needs needs;
};

// Every subcommand and what main prepares before it runs. `order ... --push` reaches the
// network too, but only after the order is recorded (push_products builds the client then),
// so that an order is never refused for a Lightspeed problem: its need stays db.
constexpr std::array k_commands{
    CommandEntry{add_init_command, Needs::config},
    CommandEntry{add_config_command, Needs::db},
    CommandEntry{add_toggle_commands, Needs::db},
    CommandEntry{add_status_command, Needs::db},
    CommandEntry{add_queue_command, Needs::db},
    CommandEntry{add_webhooks_command, Needs::network},
    CommandEntry{add_doctor_command, Needs::db},
    CommandEntry{add_outlet_command, Needs::network},
    CommandEntry{add_fetch_products_command, Needs::network},
    CommandEntry{add_kiva_command, Needs::db},
    CommandEntry{add_link_command, Needs::db},
    CommandEntry{add_order_command, Needs::db},
    CommandEntry{add_stock_command, Needs::db},
    CommandEntry{add_history_command, Needs::db},
    CommandEntry{add_push_command, Needs::network},
    CommandEntry{add_pull_sync_command, Needs::network},
};

void prepare(Env& env, Needs needs) {
    switch (needs) {
    case Needs::nothing:
        break;
    case Needs::config:
        env.config();
        break;
    case Needs::db:
        env.db();
        break;
    case Needs::network:
        env.client();
        break;
    }
}

int run(int argc, char** argv) {
    CLI::App app{"kivals: keep Lightspeed Retail and a Kiva Logic store's stock in step", "kivals"};
    app.set_version_flag("--version", "kivals " KIVALS_VERSION);
    app.fallthrough();
    Globals globals;
    app.add_option("--config", globals.config_path,
                   "Config file (default: $KIVALS_CONFIG, else /etc/kivals/kivals.toml)");
    app.add_option("--db", globals.db_path,
                   "Database file for this run (default: $KIVALS_DB, "
                   "else database.path)");
    app.add_option("--debug", globals.debug,
                   "Debug categories: http,sync,db,queue,link,intake,sim or all");

    Selected selected;
    for (const CommandEntry& entry : k_commands)
        entry.add(app, Binder(selected, entry.needs));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : to_int(Exit::usage);
    }
    if (!selected.run) {
        fmt::print(stderr, "kivals: a command is required (see `kivals --help`)\n");
        return to_int(Exit::usage);
    }
    Env env(globals);
    prepare(env, selected.needs);
    return selected.run(env);
}

} // namespace

int main(int argc, char** argv) {
    kivals::disable_core_dumps(); // the database and this process hold the API token
    kivals::lightspeed::CurlGlobal curl;
    try {
        return run(argc, argv);
    } catch (const kivals::Error& e) {
        std::fflush(stdout);
        fmt::print(stderr, "kivals: {}\n", e.what());
        return kivals::to_int(e.code());
    } catch (const std::exception& e) {
        std::fflush(stdout);
        fmt::print(stderr, "kivals: internal error: {}\n", e.what());
        return kivals::to_int(kivals::Exit::failure);
    }
}
