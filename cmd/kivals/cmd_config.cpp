// kivals config set|get|unset|list|rotate-secret: the administrator's settings.
#include "commands.hpp"
#include "prompt.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/core/redact.hpp>
#include <kivals/util/files.hpp>

namespace kivals::cli {
namespace {

struct ConfigOptions {
    std::string key;
    std::optional<std::string> value;
    std::optional<std::string> from_file;
    bool json = false;
};

// Read a secret from a file that only its owner can read: a token file readable by the
// group or others has already leaked, so it is refused rather than used.
std::string read_private_file(const std::string& path) {
    auto secret = read_secret_file(path, SecretFileAccess::owner_only);
    if (!secret)
        fail(Exit::usage, "{}", secret.error());
    return *secret;
}

const SettingSpec& known_setting(const std::string& key) {
    const SettingSpec* spec = find_setting(key);
    if (!spec) {
        std::string names;
        for (const auto& s : setting_specs())
            if (s.settable)
                names += (names.empty() ? "" : ", ") + std::string(s.key);
        fail(Exit::usage, "unknown setting '{}' (settings: {})", key, names);
    }
    return *spec;
}

int run_set(Env& env, const ConfigOptions& opts) {
    const SettingSpec& spec = known_setting(opts.key);
    if (!spec.settable)
        fail(Exit::usage, "{} is managed by kivals: {}", spec.key, spec.help);
    if (spec.secret && opts.value)
        fail(Exit::usage,
             "the {} is never taken from the command line (it would show in `ps`): "
             "run `kivals config set {}` and type it, or pipe it in",
             spec.key, spec.key);
    if (opts.value && opts.from_file)
        fail(Exit::usage, "give a value or --from-file, not both");
    std::string value = opts.value       ? *opts.value
                        : opts.from_file ? read_private_file(*opts.from_file)
                                         : read_secret_line(fmt::format("{}: ", spec.key));
    NormalizedSetting normalized = normalize_setting(spec.key, std::move(value));
    if (auto valid = validate_setting(spec.key, normalized.value); !valid)
        fail(Exit::usage, "{}: {}", spec.key, valid.error());
    if (normalized.note)
        fmt::print(stderr, "note: {}\n", *normalized.note);
    Settings(env.db(), env.clock()).set(spec.key, normalized.value);
    return 0;
}

int run_get(Env& env, const ConfigOptions& opts) {
    const SettingSpec& spec = known_setting(opts.key);
    auto value = Settings(env.db(), env.clock()).get(spec.key);
    if (!value)
        fail(Exit::failure, "{} is not set", spec.key);
    fmt::print("{}\n", *value);
    return 0;
}

int run_unset(Env& env, const ConfigOptions& opts) {
    const SettingSpec& spec = known_setting(opts.key);
    if (!spec.settable)
        fail(Exit::usage, "{} is managed by kivals: {}", spec.key, spec.help);
    Settings(env.db(), env.clock()).erase(spec.key);
    return 0;
}

int run_list(Env& env, const ConfigOptions& opts) {
    Settings settings(env.db(), env.clock());
    nlohmann::json out = nlohmann::json::object();
    std::vector<std::array<std::string, 3>> rows;
    for (const auto& spec : setting_specs()) {
        auto stored = settings.stored(spec.key);
        auto value = stored ? stored : settings.get(spec.key);
        std::string origin = stored ? "database" : value ? "default" : "unset";
        std::string shown = value ? (spec.secret ? mask_secret(*value) : *value) : "";
        out["settings"][std::string(spec.key)] = {
            {"value", value ? nlohmann::json(shown) : nullptr}, {"origin", origin}};
        rows.push_back({std::string(spec.key), shown, origin});
    }
    const Config& cfg = env.config();
    for (const auto& [key, value] : describe_config(cfg)) {
        auto it = cfg.origin.find(key);
        std::string origin = it != cfg.origin.end() ? it->second : "default";
        out["config"][key] = {{"value", value}, {"origin", origin}};
        rows.push_back({key, value, origin});
    }
    if (opts.json) {
        print_json(env, out);
        return 0;
    }
    std::size_t width = 0;
    for (const auto& row : rows)
        width = std::max(width, row[0].size());
    for (const auto& row : rows)
        fmt::print("{:<{}}  {}{}\n", row[0], width, row[1].empty() ? "-" : row[1],
                   fmt::format("  ({})", row[2]));
    return 0;
}

int run_rotate(Env& env, const ConfigOptions& opts) {
    const Config& cfg = env.config();
    Settings settings(env.db(), env.clock());
    if (opts.key == "store.key") {
        settings.set("store.key", generate_secret(32));
        fmt::print(stderr, "The store key was rotated; the old one is refused from now on. Give "
                           "the store the new one (`kivals config get store.key`).\n");
        return 0;
    }
    if (opts.key != "webhook.secret")
        fail(Exit::usage, "rotate-secret rotates webhook.secret or store.key, not '{}'", opts.key);
    std::string secret = generate_secret();
    // The file first: if writing it fails, the old secret stays valid everywhere.
    write_file_atomic(cfg.secret_file, secret + "\n", 0640);
    set_group(cfg.secret_file, cfg.web_group);
    settings.set("webhook.secret", secret);
    fmt::print(stderr, "The webhook secret was rotated. Run `kivals webhooks create` to register "
                       "the new webhook URLs with Lightspeed.\n");
    return 0;
}

} // namespace

void add_config_command(CLI::App& app, const Binder& bind) {
    auto opts = std::make_shared<ConfigOptions>();
    auto* group = app.add_subcommand("config", "Show and change settings");
    group->require_subcommand(1);

    auto* set = group->add_subcommand("set", "Set a setting (secrets are read from stdin)");
    set->add_option("key", opts->key, "Setting name")->required();
    set->add_option("value", opts->value, "Value (omit for the token: it is read from stdin)");
    set->add_option("--from-file", opts->from_file,
                    "Read the value from the first line of a file only its owner can read");
    bind(set, [opts](Env& env) { return run_set(env, *opts); });

    auto* get = group->add_subcommand("get", "Print one setting's value (secrets included)");
    get->add_option("key", opts->key, "Setting name")->required();
    bind(get, [opts](Env& env) { return run_get(env, *opts); });

    auto* unset = group->add_subcommand("unset", "Remove a setting (back to its default)");
    unset->add_option("key", opts->key, "Setting name")->required();
    bind(unset, [opts](Env& env) { return run_unset(env, *opts); });

    auto* list = group->add_subcommand("list", "List settings (secrets masked) and where each "
                                               "value came from");
    list->add_flag("--json", opts->json, "Print JSON");
    bind(list, [opts](Env& env) { return run_list(env, *opts); });

    auto rotate_opts = std::make_shared<ConfigOptions>();
    rotate_opts->key = "webhook.secret";
    auto* rotate =
        group->add_subcommand("rotate-secret", "Make a new webhook secret (or store key)");
    rotate->add_option("key", rotate_opts->key, "webhook.secret (the default) or store.key");
    bind(rotate, [rotate_opts](Env& env) { return run_rotate(env, *rotate_opts); });
}

} // namespace kivals::cli
