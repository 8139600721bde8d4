// kivals doctor: answer "why isn't stock updating?" along the whole path a stock change
// travels (settings, Lightspeed and its webhooks, the intake and spool, the queue, the links,
// pull-sync, pushes and the job locks), each finding with the one command that fixes it.
#include "commands.hpp"
#include "doctor_shared.hpp"

namespace kivals::cli {
namespace {

struct DoctorOptions {
    bool json = false;
    bool offline = false;
};

int run_doctor(Env& env, const DoctorOptions& opts) {
    auto findings = doctor::diagnose(gather_doctor_facts(env, opts.offline));
    if (opts.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& finding : findings)
            out.push_back(finding_json(finding));
        print_json(env, out);
    } else {
        for (const auto& finding : findings)
            print_finding(finding);
    }
    return doctor::exit_code(findings);
}

} // namespace

void add_doctor_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<DoctorOptions>();
    auto* sub = app.add_subcommand("doctor", "Explain why stock is not updating, and what to do");
    sub->add_flag("--json", opts->json, "Print JSON (findings with stable ids)");
    sub->add_flag("--offline", opts->offline,
                  "Ask nothing over the network: neither Lightspeed (the outlet, the webhooks) "
                  "nor the web path (no probe delivery)");
    bind(sub, [opts](Env& env) { return run_doctor(env, *opts); });
}

} // namespace kivals::cli
