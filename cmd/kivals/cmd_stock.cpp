// kivals stock: the numbers of every linked product (Lightspeed Count, In Stock, Reserved,
// Available, pending push).
#include "commands.hpp"

#include <kivals/store_api/views.hpp>
#include <kivals/sync/stock_view.hpp>

namespace kivals::cli {
namespace {

struct StockOptions {
    std::optional<std::string> kiva_id;
    bool json = false;
    bool csv = false;
    bool oversold = false;
    std::optional<std::int64_t> changes_since;
    std::size_t limit = 1000;
};

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

// The change feed after a cursor, as GET /v1/changes answers (one page of up to --limit).
int run_changes(Env& env, const StockOptions& opts) {
    if (opts.kiva_id || opts.oversold || opts.csv)
        fail(Exit::usage, "--changes-since takes no product, --oversold or --csv");
    if (*opts.changes_since < 0)
        fail(Exit::usage, ErrorCode::invalid_cursor, "a cursor is a whole number from 0");
    auto page = store_api::changes_page(env.db(), *opts.changes_since, opts.limit);
    nlohmann::json out = page.value_or(nlohmann::json{
        {"changes", nlohmann::json::array()}, {"cursor", *opts.changes_since}, {"more", false}});
    if (opts.json) {
        print_json(env, out);
        return 0;
    }
    fmt::print("{:>8}  {:<20}  {:>10}  {:>8}  {:>8}  {:>9}  {:<9}  {}\n", "Cursor", "Kiva ID",
               "LS Count", "In Stock", "Reserved", "Available", "Source", "At");
    for (const auto& c : out["changes"])
        fmt::print("{:>8}  {:<20}  {:>10}  {:>8}  {:>8}  {:>9}  {:<9}  {}{}\n",
                   c["cursor"].get<std::int64_t>(), c["kiva_id"].get<std::string>(),
                   c["lightspeed_count"].dump(), c["in_stock"].dump(), c["reserved"].dump(),
                   c["available"].dump(), c["source"].get<std::string>(),
                   c["at"].get<std::string>(), c["linked"].get<bool>() ? "" : "  (unlinked)");
    if (env.interactive())
        fmt::print("Cursor now {}{}.\n", out["cursor"].get<std::int64_t>(),
                   out["more"].get<bool>() ? " (more follow)" : "");
    return 0;
}

// Refuse a product that is not linked, saying whether the catalogue knows it at all.
[[noreturn]] void refuse_unlinked(db::Db& db, const std::string& kiva_id) {
    if (!sync::kiva_product_known(db, kiva_id))
        fail(Exit::failure, ErrorCode::unknown_product, "there is no Kiva product '{}'", kiva_id);
    fail(Exit::failure, ErrorCode::not_linked, "Kiva product '{}' is not linked", kiva_id);
}

int run_stock(Env& env, const StockOptions& opts) {
    if (opts.json && opts.csv)
        fail(Exit::usage, "--json and --csv cannot be combined");
    if (opts.changes_since)
        return run_changes(env, opts);
    auto rows = sync::list_stock(env.db(), opts.kiva_id, opts.oversold);
    if (opts.kiva_id && rows.empty() && !opts.oversold)
        refuse_unlinked(env.db(), *opts.kiva_id);
    if (opts.json) {
        nlohmann::json out = nlohmann::json::array(); // one shape, one product or all
        for (const auto& row : rows)
            out.push_back(store_api::stock_json(row));
        print_json(env, out);
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
    sub->add_option("--changes-since", opts->changes_since,
                    "Print the change feed after this cursor (0: from the start), as the store "
                    "API's GET /v1/changes");
    sub->add_option("--limit", opts->limit, "With --changes-since: at most this many changes")
        ->check(CLI::Range(1, 100000));
    bind(sub, [opts](Env& env) { return run_stock(env, *opts); });
}

} // namespace kivals::cli
