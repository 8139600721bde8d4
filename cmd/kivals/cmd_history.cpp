// kivals history: the ledger of one product, so that any number can be explained.
#include "commands.hpp"

#include <kivals/lightspeed/parse.hpp>
#include <kivals/sync/stock_view.hpp>

namespace kivals::cli {
namespace {

struct HistoryOptions {
    std::string kiva_id;
    bool json = false;
};

// Quantities are stored in thousandths; versions are plain integers.
nlohmann::json value_json(char field, const std::optional<std::int64_t>& value) {
    if (!value)
        return nullptr;
    if (field == 'v')
        return *value;
    return lightspeed::qty_json(Qty::from_milli(*value));
}

std::string value_text(char field, const std::optional<std::int64_t>& value) {
    if (!value)
        return "-";
    return field == 'v' ? std::to_string(*value) : Qty::from_milli(*value).str();
}

int run_history(Env& env, const HistoryOptions& opts) {
    auto lightspeed_id = sync::lightspeed_id_of(env.db(), opts.kiva_id);
    if (!lightspeed_id)
        fail(Exit::failure, ErrorCode::not_linked, "Kiva product '{}' is not linked", opts.kiva_id);
    auto rows = sync::ledger_of(env.db(), *lightspeed_id);
    if (opts.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& row : rows)
            out.push_back({{"id", row.id},
                           {"field", std::string(1, row.field)},
                           {"before", value_json(row.field, row.before)},
                           {"after", value_json(row.field, row.after)},
                           {"source", row.source},
                           {"source_ref", row.source_ref},
                           {"version", row.ls_version ? nlohmann::json(*row.ls_version) : nullptr},
                           {"at", row.at}});
        print_json(env, out);
        return 0;
    }
    fmt::print("{:<20}  {:<5}  {:>10}  {:>10}  {:<10}  {:<20}  {}\n", "At", "Field", "Before",
               "After", "Source", "Reference", "Version");
    for (const auto& row : rows)
        fmt::print("{:<20}  {:<5}  {:>10}  {:>10}  {:<10}  {:<20}  {}\n", row.at, row.field,
                   value_text(row.field, row.before), value_text(row.field, row.after), row.source,
                   row.source_ref, row.ls_version ? std::to_string(*row.ls_version) : "-");
    return 0;
}

} // namespace

void add_history_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<HistoryOptions>();
    auto* sub = app.add_subcommand("history", "Show the ledger of one linked product");
    sub->add_option("kiva_id", opts->kiva_id, "Kiva product id")->required();
    sub->add_flag("--json", opts->json, "Print JSON");
    bind(sub, [opts](Env& env) { return run_history(env, *opts); });
}

} // namespace kivals::cli
