// kivals enable|disable feature|webhook-processing.
#include "commands.hpp"

#include <kivals/config/settings.hpp>

namespace kivals::cli {
namespace {

int run_toggle(Env& env, const std::string& name, bool on) {
    auto setting = toggle_setting(name);
    if (!setting)
        fail(Exit::usage, "unknown toggle '{}' (feature or webhook-processing)", name);
    Settings(env.db(), env.clock()).set(*setting, on ? "on" : "off");
    return 0;
}

} // namespace

void add_toggle_commands(CLI::App& app, const Binder& bind) {
    auto name = std::make_shared<std::string>();
    for (bool on : {true, false}) {
        auto* sub = app.add_subcommand(on ? "enable" : "disable",
                                       on ? "Turn sync or webhook processing on"
                                          : "Turn sync or webhook processing off (webhooks are "
                                            "still stored, not applied)");
        sub->add_option("what", *name, "feature or webhook-processing")
            ->required()
            ->check(CLI::IsMember({"feature", "webhook-processing"}));
        bind(sub, [name, on](Env& env) { return run_toggle(env, *name, on); });
    }
}

} // namespace kivals::cli
