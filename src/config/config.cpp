#include <kivals/config/config.hpp>
#include <kivals/core/error.hpp>

#include <toml++/toml.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

namespace kivals {
namespace {

using Setter = std::function<void(Config&, const toml::node&, const std::string& where)>;

struct KeySpec {
    const char* key;
    Setter set;
    std::function<std::string(const Config&)> show;
};

[[noreturn]] void bad_type(const std::string& where, const char* key, const char* expected) {
    fail(Exit::config, "{}: {} must be {}", where, key, expected);
}

std::string text_of(const toml::node& node, const std::string& where, const char* key) {
    auto value = node.value<std::string>();
    if (!value)
        bad_type(where, key, "a string");
    return *value;
}

std::int64_t int_of(const toml::node& node, const std::string& where, const char* key,
                    std::int64_t min, std::int64_t max) {
    auto value = node.value<std::int64_t>();
    if (!value || !node.is_integer())
        bad_type(where, key, "an integer");
    if (*value < min || *value > max)
        fail(Exit::config, "{}: {} must be between {} and {}", where, key, min, max);
    return *value;
}

const std::vector<KeySpec>& key_specs() {
    static const std::vector<KeySpec> specs = {
        {"database.path",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.database_path = text_of(n, w, "database.path");
         },
         [](const Config& c) { return c.database_path.string(); }},
        {"database.busy_timeout_ms",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.busy_timeout =
                 std::chrono::milliseconds(int_of(n, w, "database.busy_timeout_ms", 0, 600000));
         },
         [](const Config& c) { return std::to_string(c.busy_timeout.count()); }},
        {"intake.spool_dir",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.spool_dir = text_of(n, w, "intake.spool_dir");
         },
         [](const Config& c) { return c.spool_dir.string(); }},
        {"intake.secret_file",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.secret_file = text_of(n, w, "intake.secret_file");
         },
         [](const Config& c) { return c.secret_file.string(); }},
        {"intake.web_group",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.web_group = text_of(n, w, "intake.web_group");
         },
         [](const Config& c) { return c.web_group; }},
        {"intake.max_body_bytes",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.max_body_bytes = int_of(n, w, "intake.max_body_bytes", 1024, 64 * 1024 * 1024);
         },
         [](const Config& c) { return std::to_string(c.max_body_bytes); }},
        {"intake.max_json_depth",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.max_json_depth = static_cast<int>(int_of(n, w, "intake.max_json_depth", 4, 512));
         },
         [](const Config& c) { return std::to_string(c.max_json_depth); }},
        {"locks.dir",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.lock_dir = text_of(n, w, "locks.dir");
         },
         [](const Config& c) { return c.lock_dir.string(); }},
        {"log.categories",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.log_categories = text_of(n, w, "log.categories");
         },
         [](const Config& c) { return c.log_categories; }},
        {"http.connect_timeout_s",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.connect_timeout =
                 std::chrono::seconds(int_of(n, w, "http.connect_timeout_s", 1, 300));
         },
         [](const Config& c) { return std::to_string(c.connect_timeout.count()); }},
        {"http.timeout_s",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.request_timeout = std::chrono::seconds(int_of(n, w, "http.timeout_s", 1, 3600));
         },
         [](const Config& c) { return std::to_string(c.request_timeout.count()); }},
        {"http.ca_file",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.ca_file = text_of(n, w, "http.ca_file");
         },
         [](const Config& c) { return c.ca_file; }},
        {"http.max_retries",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.max_retries = static_cast<int>(int_of(n, w, "http.max_retries", 0, 100));
         },
         [](const Config& c) { return std::to_string(c.max_retries); }},
        {"http.run_budget_s",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.run_budget = std::chrono::seconds(int_of(n, w, "http.run_budget_s", 1, 86400));
         },
         [](const Config& c) { return std::to_string(c.run_budget.count()); }},
        {"queue.max_attempts",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.queue_max_attempts = static_cast<int>(int_of(n, w, "queue.max_attempts", 1, 1000));
         },
         [](const Config& c) { return std::to_string(c.queue_max_attempts); }},
        {"queue.retention_days",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.queue_retention_days =
                 static_cast<int>(int_of(n, w, "queue.retention_days", 1, 36500));
         },
         [](const Config& c) { return std::to_string(c.queue_retention_days); }},
        {"queue.recheck_s",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.queue_recheck = std::chrono::seconds(int_of(n, w, "queue.recheck_s", 0, 3600));
         },
         [](const Config& c) { return std::to_string(c.queue_recheck.count()); }},
        {"sync.zero_guard_share",
         [](Config& c, const toml::node& n, const std::string& w) {
             auto v = n.value<double>();
             if (!v || *v < 0.0 || *v > 1.0)
                 bad_type(w, "sync.zero_guard_share", "a number from 0 to 1");
             c.zero_guard_share = *v;
         },
         [](const Config& c) { return fmt::format("{}", c.zero_guard_share); }},
        {"sync.push_batch_size",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.push_batch_size = static_cast<int>(int_of(n, w, "sync.push_batch_size", 1, 1000));
         },
         [](const Config& c) { return std::to_string(c.push_batch_size); }},
        {"serve.listen",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.serve_listen = text_of(n, w, "serve.listen");
         },
         [](const Config& c) { return c.serve_listen; }},
        {"serve.threads",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.serve_threads = static_cast<int>(int_of(n, w, "serve.threads", 4, 1024));
         },
         [](const Config& c) { return std::to_string(c.serve_threads); }},
        {"serve.max_body_bytes",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.serve_max_body_bytes = int_of(n, w, "serve.max_body_bytes", 256, 1024 * 1024);
         },
         [](const Config& c) { return std::to_string(c.serve_max_body_bytes); }},
        {"serve.push_delay_ms",
         [](Config& c, const toml::node& n, const std::string& w) {
             c.serve_push_delay =
                 std::chrono::milliseconds(int_of(n, w, "serve.push_delay_ms", 0, 4000));
         },
         [](const Config& c) { return std::to_string(c.serve_push_delay.count()); }},
    };
    return specs;
}

void apply_table(Config& config, const toml::table& table, const std::string& prefix,
                 const std::string& name) {
    for (auto&& [key, node] : table) {
        std::string full =
            prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
        std::string where = fmt::format("{}:{}", name, node.source().begin.line);
        if (const auto* sub = node.as_table()) {
            apply_table(config, *sub, full, name);
            continue;
        }
        const KeySpec* spec = nullptr;
        for (const auto& s : key_specs())
            if (full == s.key)
                spec = &s;
        if (!spec)
            fail(Exit::config, "{}: unknown key '{}'", where, full);
        spec->set(config, node, where);
        config.origin[full] = where;
    }
}

} // namespace

ConfigLocation locate_config(const std::optional<std::string>& flag,
                             const char* environment_value) {
    if (flag)
        return {*flag, true};
    if (environment_value && *environment_value)
        return {environment_value, true};
    return {"/etc/kivals/kivals.toml", false};
}

Config parse_config(std::string_view text, const std::string& name) {
    Config config;
    try {
        toml::table table = toml::parse(text, name);
        apply_table(config, table, "", name);
    } catch (const toml::parse_error& e) {
        fail(Exit::config, "{}:{}: {}", name, e.source().begin.line, e.description());
    }
    return config;
}

Config load_config(const ConfigLocation& location) {
    struct stat st {};
    if (::stat(location.path.c_str(), &st) != 0) {
        int err = errno;
        if (err == ENOENT && !location.explicit_choice)
            return Config{};
        if (err == ENOENT)
            fail(Exit::config, "config file {} does not exist", location.path.string());
        fail(Exit::config, "config file {} cannot be read: {}", location.path.string(),
             std::strerror(err));
    }
    if (S_ISDIR(st.st_mode))
        fail(Exit::config, "config file {} is a directory: name the file itself",
             location.path.string());
    if (!S_ISREG(st.st_mode))
        fail(Exit::config, "config file {} is not a regular file", location.path.string());
    std::ifstream in(location.path, std::ios::binary);
    if (!in)
        fail(Exit::config, "config file {} cannot be read", location.path.string());
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (in.bad())
        fail(Exit::config, "config file {} cannot be read", location.path.string());
    Config config = parse_config(buffer.str(), location.path.string());
    config.source = location.path;
    return config;
}

std::vector<std::pair<std::string, std::string>> describe_config(const Config& config) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& spec : key_specs())
        out.emplace_back(spec.key, spec.show(config));
    return out;
}

} // namespace kivals
