// kivals kiva import FILE [--replace]: load the store's catalogue for linking.
#include "commands.hpp"
#include "link_shared.hpp"

#include <kivals/catalog/kiva_products.hpp>
#include <kivals/link/catalogue.hpp>
#include <kivals/util/files.hpp>

#include <iostream>
#include <iterator>

namespace kivals::cli {
namespace {

struct KivaImportOptions {
    std::string file;
    std::optional<char> delimiter;
    bool replace = false;
    bool json = false;
};

// Read a whole input file, or standard input for "-".
std::string read_input(const std::string& file) {
    if (file == "-")
        return std::string(std::istreambuf_iterator<char>(std::cin), {});
    auto text = read_file(file);
    if (!text)
        fail(Exit::failure, "{}: no such file", file);
    return *text;
}

int run_kiva_import(Env& env, const KivaImportOptions& opts) {
    std::string name = opts.file == "-" ? "<stdin>" : opts.file;
    link::ParsedCatalogue parsed = link::parse_catalogue(read_input(opts.file), opts.delimiter);
    for (const auto& e : parsed.errors)
        fmt::print(stderr, "{}:{}: {} (row skipped)\n", name, e.line, e.message);
    if (parsed.rows.empty() && !parsed.errors.empty())
        fail(Exit::failure, "{}: nothing imported", name);
    // A bad row may be a product that is still sold: --replace must not delete it.
    bool replace = opts.replace && parsed.errors.empty();
    if (opts.replace && !replace)
        fmt::print(stderr,
                   "warning: not removing products missing from {}: {} row{} could not "
                   "be read (fix them and import again)\n",
                   name, parsed.errors.size(), parsed.errors.size() == 1 ? "" : "s");
    auto summary = catalog::import_kiva_products(env.db(), env.clock(), parsed.rows, replace);
    for (const auto& d : summary.dropped_links)
        fmt::print(stderr,
                   "warning: Kiva product {} is no longer in the catalogue: Lightspeed "
                   "product {} is now unlinked\n",
                   d.kiva_id, d.lightspeed_id);
    if (opts.json) {
        nlohmann::json dropped = nlohmann::json::array();
        for (const auto& d : summary.dropped_links)
            dropped.push_back({{"lightspeed_id", d.lightspeed_id}, {"kiva_id", d.kiva_id}});
        print_json(env, {{"added", summary.added},
                         {"updated", summary.updated},
                         {"unchanged", summary.unchanged},
                         {"removed", summary.removed},
                         {"skipped", parsed.errors.size()},
                         {"unlinked", dropped}});
    } else {
        fmt::print("Imported {} Kiva products from {}: {} added, {} updated, {} unchanged, "
                   "{} removed, {} rows skipped\n",
                   parsed.rows.size(), name, summary.added, summary.updated, summary.unchanged,
                   summary.removed, parsed.errors.size());
    }
    return parsed.errors.empty() ? 0 : to_int(Exit::partial);
}

} // namespace

void add_kiva_command(CLI::App& app, const Binder& bind) {
    auto* group = app.add_subcommand("kiva", "Manage the Kiva store's catalogue");
    group->require_subcommand(1);
    auto opts = std::make_shared<KivaImportOptions>();
    auto* import = group->add_subcommand(
        "import", "Import the store's products (CSV with a header, or JSON lines)");
    import->add_option("file", opts->file, "CSV or JSON-lines file, or - for standard input")
        ->required();
    add_delimiter_option(import, opts->delimiter);
    import->add_flag("--replace", opts->replace,
                     "Remove products missing from the file, and their links");
    import->add_flag("--json", opts->json, "Print the summary as JSON");
    bind(import, [opts](Env& env) { return run_kiva_import(env, *opts); });
}

} // namespace kivals::cli
