// kivals: inventory sync between a Kiva Logic store and Lightspeed Retail (X-Series).
#include "commands.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/core/error.hpp>
#include <kivals/core/text.hpp>
#include <kivals/lightspeed/curl_transport.hpp>
#include <kivals/store_api/views.hpp>
#include <kivals/util/files.hpp>
#include <kivals/util/process.hpp>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <vector>

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
    CommandEntry{add_completion_command, Needs::nothing},
    CommandEntry{add_serve_command, Needs::db},
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

// Are the store URL, the token and the outlet set, so that the scheduled jobs can work?
bool store_configured(Env& env) {
    Settings settings(env.db(), env.clock());
    for (const char* key : {"store_url", "token", "outlet_id"}) {
        auto value = settings.get(key);
        if (!value || value->empty())
            return false;
    }
    return true;
}

// For a command line CLI11 refused, the command it most likely meant: follow the words that
// name subcommands ("kivals webhooks ...") and, at the first that names none, the nearest
// subcommand there ("did you mean `kivals status`?"). nullopt when no word is near enough.
std::optional<std::string> did_you_mean(const CLI::App& app, int argc, char** argv) {
    const CLI::App* at = &app;
    std::string said = "kivals";
    for (int i = 1; i < argc; ++i) {
        std::string_view word = argv[i];
        if (word.starts_with('-')) {
            const CLI::Option* option = at->get_option_no_throw(std::string(word));
            if (option && option->get_type_size() != 0)
                ++i; // the option's value (--config FILE)
            continue;
        }
        std::vector<std::string> names;
        for (const CLI::App* sub : at->get_subcommands({}))
            names.push_back(sub->get_name());
        if (names.empty())
            return std::nullopt;
        const CLI::App* next = nullptr;
        for (const CLI::App* sub : at->get_subcommands({}))
            if (sub->get_name() == word)
                next = sub;
        if (!next) {
            auto near = nearest_word(word, names);
            return near ? std::optional(fmt::format("{} {}", said, *near)) : std::nullopt;
        }
        at = next;
        said += " " + next->get_name();
    }
    return std::nullopt;
}

// Return true when the command that was parsed (the deepest subcommand) was given --json:
// its failures are printed as a JSON error object on stdout too.
bool json_requested(const CLI::App& app) {
    const CLI::App* command = &app;
    while (!command->get_subcommands().empty())
        command = command->get_subcommands().front();
    const CLI::Option* json = command->get_option_no_throw("--json");
    return json && json->count() > 0;
}

// Print a failure as the JSON error object of the store API's shape.
void print_json_error(const std::exception& e) {
    nlohmann::json object;
    if (const auto* detailed = dynamic_cast<const DetailedError*>(&e))
        object = detailed->object();
    else if (const auto* error = dynamic_cast<const Error*>(&e))
        object = store_api::error_json(error->error_code(), error->what());
    else
        object = store_api::error_json(ErrorCode::internal, e.what());
    fmt::print("{}\n", object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    std::fflush(stdout);
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
                   "Debug categories: http,sync,db,queue,link,intake,sim,serve or all");
    app.add_flag("--quiet-if-locked", globals.quiet_if_locked,
                 "When the same job is already running, exit 75 without a message (for cron)");
    app.add_flag("--if-configured", globals.if_configured,
                 "Do nothing (exit 0) until store_url, token and outlet_id are set (for jobs "
                 "on a new install)");

    Selected selected;
    for (const CommandEntry& entry : k_commands)
        entry.add(app, Binder(selected, entry.needs));

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        if (code == 0)
            return 0;
        if (auto meant = did_you_mean(app, argc, argv))
            fmt::print(stderr, "kivals: did you mean `{}`?\n", *meant);
        if (std::find(argv + 1, argv + argc, std::string_view("--json")) != argv + argc)
            print_json_error(Error(Exit::usage, e.what()));
        return to_int(Exit::usage);
    }
    // KIVALS_PARSE_ONLY=1: check the command line and run nothing (the test that every command
    // kivals or its documentation advises is one that parses).
    if (const char* only = std::getenv("KIVALS_PARSE_ONLY"); only && std::string_view(only) == "1")
        return selected.run ? 0 : to_int(Exit::usage);
    if (!selected.run) {
        fmt::print(stderr, "kivals: a command is required (see `kivals --help`)\n");
        return to_int(Exit::usage);
    }
    try {
        Env env(globals);
        if (globals.if_configured && !store_configured(env))
            return 0;
        try {
            prepare(env, selected.needs);
            return selected.run(env);
        } catch (const LockHeld&) {
            if (!globals.quiet_if_locked)
                throw;
            return to_int(Exit::temporary); // the other run does the work: nothing to report
        }
    } catch (const std::exception& e) {
        std::fflush(stdout);
        if (json_requested(app))
            print_json_error(e);
        throw;
    }
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
