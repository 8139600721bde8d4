// kivals stock: the numbers of every linked product (Lightspeed Count, In Stock, Reserved,
// Available, pending push).
#include "commands.hpp"

#include <kivals/sync/stock_view.hpp>

namespace kivals::cli {
namespace {

struct StockOptions {
    std::optional<std::string> kiva_id;
    bool json = false;
    bool csv = false;
    bool oversold = false;
};

nlohmann::json row_json(const sync::StockRow& row) {
    const sync::StockNumbers& n = row.numbers;
    return {{"kiva_id", row.kiva_id},
            {"lightspeed_id", row.lightspeed_id},
            {"lightspeed_count", n.ls_count.to_double()},
            {"in_stock", n.in_stock().to_double()},
            {"reserved", n.reserved.to_double()},
            {"available", n.available().to_double()},
            {"pending_push", n.pending_push().to_double()},
            {"version", n.version}};
}

// Quote a CSV field when it holds a comma, quote or line break (RFC 4180).
std::string csv_field(const std::string& text) {
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text)
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

void print_csv(const std::vector<sync::StockRow>& rows) {
    fmt::print("kiva_id,lightspeed_id,lightspeed_count,in_stock,reserved,available,pending_push,"
               "version\n");
    for (const auto& row : rows) {
        const sync::StockNumbers& n = row.numbers;
        fmt::print("{},{},{},{},{},{},{},{}\n", csv_field(row.kiva_id),
                   csv_field(row.lightspeed_id), n.ls_count.str(), n.in_stock().str(),
                   n.reserved.str(), n.available().str(), n.pending_push().str(), n.version);
    }
}

void print_table(const std::vector<sync::StockRow>& rows) {
    std::size_t width = 7;
    for (const auto& row : rows)
        width = std::max(width, row.kiva_id.size());
    fmt::print("{:<{}}  {:>10}  {:>8}  {:>8}  {:>9}  {:>7}  {}\n", "Kiva ID", width, "LS Count",
               "In Stock", "Reserved", "Available", "Pending", "Lightspeed ID");
    for (const auto& row : rows) {
        const sync::StockNumbers& n = row.numbers;
        fmt::print("{:<{}}  {:>10}  {:>8}  {:>8}  {:>9}  {:>7}  {}\n", row.kiva_id, width,
                   n.ls_count.str(), n.in_stock().str(), n.reserved.str(), n.available().str(),
                   n.pending_push().str(), row.lightspeed_id);
    }
}

int run_stock(Env& env, const StockOptions& opts) {
    if (opts.json && opts.csv)
        fail(Exit::usage, "--json and --csv cannot be combined");
    auto rows = sync::list_stock(env.db(), opts.kiva_id, opts.oversold);
    if (opts.kiva_id && rows.empty())
        fail(Exit::failure, "Kiva product '{}' is not linked", *opts.kiva_id);
    if (opts.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& row : rows)
            out.push_back(row_json(row));
        print_json(env, opts.kiva_id ? out[0] : out);
    } else if (opts.csv) {
        print_csv(rows);
    } else {
        print_table(rows);
    }
    return 0;
}

} // namespace

void add_stock_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<StockOptions>();
    auto* sub = app.add_subcommand("stock", "Show the stock numbers of linked products");
    sub->add_option("kiva_id", opts->kiva_id, "Only this Kiva product");
    sub->add_flag("--json", opts->json, "Print JSON");
    sub->add_flag("--csv", opts->csv, "Print CSV");
    sub->add_flag("--oversold", opts->oversold, "Only products whose Available is below zero");
    bind(sub, [opts](Env& env) { return run_stock(env, *opts); });
}

} // namespace kivals::cli
