// kivals outlet detect|list: find the Lightspeed outlet whose stock kivals syncs.
#include "commands.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/lightspeed/errors.hpp>

namespace kivals::cli {
namespace {

struct OutletOptions {
    bool json = false;
};

// Read the store's outlets, turning any failure into "Unable to fetch outlet id: <cause>"
// with the cause's exit code (78 for a refused token or bad host, 75 for a passing outage).
std::vector<lightspeed::Outlet> fetch_outlets(Env& env) {
    try {
        auto outlets = env.client().list_outlets(false);
        std::erase_if(outlets,
                      [](const lightspeed::Outlet& o) { return o.deleted_at.has_value(); });
        return outlets;
    } catch (const lightspeed::ApiError& e) {
        fail(e.code(), "Unable to fetch outlet id: {}", e.what());
    }
}

nlohmann::json outlets_json(const std::vector<lightspeed::Outlet>& outlets) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& o : outlets)
        list.push_back({{"id", o.id}, {"name", o.name}, {"time_zone", o.time_zone}});
    return list;
}

void print_table(const std::vector<lightspeed::Outlet>& outlets, const std::string& current) {
    std::size_t width = 2;
    for (const auto& o : outlets)
        width = std::max(width, o.id.size());
    fmt::print("  {:<{}}  {}\n", "ID", width, "NAME");
    for (const auto& o : outlets)
        fmt::print("{} {:<{}}  {}\n", o.id == current ? '*' : ' ', o.id, width, o.name);
}

int run_detect(Env& env, const OutletOptions& opts) {
    auto outlets = fetch_outlets(env);
    Settings settings(env.db(), env.clock());
    if (outlets.empty())
        fail(Exit::failure, "Unable to fetch outlet id: the store has no outlets");
    if (outlets.size() == 1) {
        const auto& only = outlets.front();
        settings.set("outlet_id", only.id);
        if (opts.json)
            print_json(env, {{"outlet_id", only.id}, {"name", only.name}, {"stored", true}});
        else
            fmt::print("Outlet: {} ({}), saved as outlet_id\n", only.name, only.id);
        return 0;
    }
    std::string current = settings.get("outlet_id").value_or("");
    if (opts.json)
        print_json(env, {{"outlet_id",
                          current.empty() ? nlohmann::json(nullptr) : nlohmann::json(current)},
                         {"stored", false},
                         {"outlets", outlets_json(outlets)}});
    else
        print_table(outlets, current);
    fmt::print(stderr,
               "kivals: the store has {} outlets; choose one with "
               "`kivals config set outlet_id ID`\n",
               outlets.size());
    return to_int(Exit::failure);
}

int run_list(Env& env, const OutletOptions& opts) {
    auto outlets = fetch_outlets(env);
    std::string current = Settings(env.db(), env.clock()).get("outlet_id").value_or("");
    if (opts.json) {
        nlohmann::json list = outlets_json(outlets);
        for (auto& o : list)
            o["selected"] = o["id"] == current;
        print_json(env, list);
        return 0;
    }
    print_table(outlets, current);
    return 0;
}

} // namespace

void add_outlet_command(CLI::App& app, const Binder& bind) {
    auto* outlet = app.add_subcommand("outlet", "Find the Lightspeed outlet to sync");
    outlet->require_subcommand(1);
    auto detect_opts = std::make_shared<OutletOptions>();
    auto* detect = outlet->add_subcommand(
        "detect", "Store the outlet id when the store has exactly one outlet; list them otherwise");
    detect->add_flag("--json", detect_opts->json, "Print JSON");
    bind(detect, [detect_opts](Env& env) { return run_detect(env, *detect_opts); });
    auto list_opts = std::make_shared<OutletOptions>();
    auto* list = outlet->add_subcommand("list", "List the store's outlets (* marks outlet_id)");
    list->add_flag("--json", list_opts->json, "Print JSON");
    bind(list, [list_opts](Env& env) { return run_list(env, *list_opts); });
}

} // namespace kivals::cli
