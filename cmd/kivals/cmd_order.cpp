// kivals order reserve|cancel|fulfill|apply: the store's online orders claim units.
#include "commands.hpp"

#include <kivals/store_api/views.hpp>
#include <kivals/sync/orders.hpp>
#include <kivals/sync/stock_store.hpp>

#include <fstream>
#include <iostream>
#include <set>

namespace kivals::cli {
namespace {

struct OrderOptions {
    std::string order_id;
    std::string kiva_id;
    std::string qty;
    std::optional<std::int64_t> line;
    bool allow_oversell = false;
    bool push = false;
    bool json = false;
    std::string file;
};

// One line of `order apply`'s output: the answer (as `order ... --json` prints it) or the
// error object, with `ok` and the number of the input line.
nlohmann::json apply_line_json(const sync::OrderRequest& request, const sync::OrderResult& result) {
    nlohmann::json out = result.ok ? store_api::order_json(request, result)
                                   : store_api::refusal_json(result.refusal);
    out["ok"] = result.ok;
    return out;
}

void print_result(const sync::OrderRequest& request, const sync::OrderResult& result) {
    for (const sync::LineResult& line : result.lines)
        fmt::print("{} {}:{} {} x {}: {} (Available {}, pending push {})\n",
                   sync::action_name(request.action), request.order_id, line.line, line.qty.str(),
                   line.kiva_id, line.changed ? "done" : "already done",
                   line.after.available().str(), line.after.pending_push().str());
}

// Abandon the command with the refusal: its code and numbers under --json, one line otherwise.
[[noreturn]] void refuse(const sync::OrderRefusal& refusal) {
    std::string message = refusal.message;
    if (refusal.code == ErrorCode::oversell)
        message += " (use --allow-oversell to reserve anyway)";
    throw DetailedError(Exit::failure, refusal.code, message, store_api::refusal_json(refusal));
}

// Push the products an order touched, when --push asked for it.
int push_touched(Env& env, const std::set<std::string>& lightspeed_ids) {
    if (lightspeed_ids.empty())
        return 0;
    return push_products(env, {lightspeed_ids.begin(), lightspeed_ids.end()});
}

int run_one(Env& env, const OrderOptions& opts, sync::OrderAction action) {
    sync::OrderRequest request{action, opts.order_id,      opts.line, opts.kiva_id,
                               {},     opts.allow_oversell};
    if (action == sync::OrderAction::reserve) {
        auto qty = Qty::parse(opts.qty);
        if (!qty)
            fail(Exit::usage, ErrorCode::invalid_quantity, "'{}' is not a quantity", opts.qty);
        request.qty = *qty;
        if (!request.line)
            request.line = 1;
    }
    sync::OrderResult result = sync::Orders(env.db(), env.clock()).apply(request);
    if (!result.ok)
        refuse(result.refusal);
    int rc = 0;
    if (opts.push) {
        // Push first, so that the numbers printed are those the push left (pending 0 when it
        // landed), not those from before it.
        std::set<std::string> touched;
        for (const auto& line : result.lines)
            touched.insert(line.lightspeed_id);
        rc = push_touched(env, touched);
        sync::StockStore store(env.db(), env.clock());
        for (auto& line : result.lines)
            line.after = store.load(line.lightspeed_id).value_or(line.after);
    }
    if (opts.json)
        print_json(env, store_api::order_json(request, result));
    else
        print_result(request, result);
    return rc;
}

int run_apply(Env& env, const OrderOptions& opts) {
    std::ifstream file;
    if (opts.file != "-") {
        file.open(opts.file);
        if (!file)
            fail(Exit::failure, "cannot read {}", opts.file);
    }
    std::istream& in = opts.file == "-" ? std::cin : file;
    sync::Orders orders(env.db(), env.clock());
    std::int64_t number = 0, failed = 0;
    std::set<std::string> touched;
    std::string text;
    while (std::getline(in, text)) {
        ++number;
        if (text.find_first_not_of(" \t\r") == std::string::npos)
            continue;
        auto parsed = sync::parse_order_line(text);
        nlohmann::json out;
        if (!parsed) {
            out = store_api::refusal_json(parsed.error());
            out["ok"] = false;
        } else {
            const sync::OrderRequest& request = *parsed;
            sync::OrderResult result = orders.apply(request);
            out = apply_line_json(request, result);
            for (const auto& line : result.lines)
                touched.insert(line.lightspeed_id);
        }
        out["input_line"] = number;
        if (!out["ok"].get<bool>())
            ++failed;
        fmt::print("{}\n", out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    std::fflush(stdout);
    int push_rc = opts.push ? push_touched(env, touched) : 0;
    if (failed > 0) {
        fmt::print(stderr, "kivals: {} order request(s) failed\n", failed);
        return to_int(Exit::partial);
    }
    return push_rc;
}

} // namespace

void add_order_command(CLI::App& app, const Binder& bind) {
    auto* group = app.add_subcommand("order", "Reserve, cancel and fulfil online order lines");
    group->require_subcommand(1);
    auto add_common = [](CLI::App* sub, OrderOptions& opts) {
        sub->add_option("--line", opts.line,
                        "Order line number (default: 1 for reserve, every "
                        "line for cancel and fulfill)");
        sub->add_flag("--push", opts.push, "Push the change to Lightspeed at once");
        sub->add_flag("--json", opts.json, "Print JSON");
    };

    auto reserve_opts = std::make_shared<OrderOptions>();
    auto* reserve = group->add_subcommand("reserve", "Claim units for an order line");
    reserve->add_option("order_id", reserve_opts->order_id, "Order id")->required();
    reserve->add_option("kiva_id", reserve_opts->kiva_id, "Kiva product id")->required();
    reserve->add_option("qty", reserve_opts->qty, "Quantity")->required();
    reserve->add_flag("--allow-oversell", reserve_opts->allow_oversell,
                      "Reserve even when fewer units are available");
    add_common(reserve, *reserve_opts);
    bind(reserve, [reserve_opts](Env& env) {
        return run_one(env, *reserve_opts, sync::OrderAction::reserve);
    });

    for (auto action : {sync::OrderAction::cancel, sync::OrderAction::fulfill}) {
        auto opts = std::make_shared<OrderOptions>();
        auto* sub = group->add_subcommand(std::string(sync::action_name(action)),
                                          action == sync::OrderAction::cancel
                                              ? "Release the units of a cancelled order"
                                              : "Mark an order as shipped");
        sub->add_option("order_id", opts->order_id, "Order id")->required();
        add_common(sub, *opts);
        bind(sub, [opts, action](Env& env) { return run_one(env, *opts, action); });
    }

    auto apply_opts = std::make_shared<OrderOptions>();
    auto* apply = group->add_subcommand("apply", "Apply a batch of JSON lines (FILE or - for "
                                                 "stdin); prints one JSON result per line");
    apply->add_option("file", apply_opts->file, "File of JSON lines, or -")->required();
    apply->add_flag("--push", apply_opts->push, "Push the changed products at once");
    bind(apply, [apply_opts](Env& env) { return run_apply(env, *apply_opts); });
}

} // namespace kivals::cli
