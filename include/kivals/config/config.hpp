#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kivals {

// Deployment settings from the TOML file (see etc/kivals.toml.example and kivals.toml(5)).
// Every field has a system default, so a missing default file is not an error.
struct Config {
    // [database]
    std::filesystem::path database_path = "/var/lib/kivals/kivals.db";
    std::chrono::milliseconds busy_timeout{5000};
    // [intake]
    std::filesystem::path spool_dir = "/var/spool/kivals";
    std::filesystem::path secret_file = "/etc/kivals/intake/webhook.secret";
    std::string web_group = "www-data";
    std::int64_t max_body_bytes = 1024 * 1024;
    int max_json_depth = 64;
    // [locks]
    std::filesystem::path lock_dir = "/var/lib/kivals/locks";
    // [log]
    std::string log_categories;
    // [http]
    std::chrono::seconds connect_timeout{10};
    std::chrono::seconds request_timeout{60};
    std::string ca_file;
    int max_retries = 6;
    std::chrono::seconds run_budget{600};
    // [queue]
    int queue_max_attempts = 8;
    int queue_retention_days = 30; // applied and ignored events older than this are purged
    // Before a webhook doorbell whose read showed another level is read again.
    std::chrono::seconds queue_recheck{30};
    // [sync]
    double zero_guard_share = 0.2;
    int push_batch_size = 1000;
    // [serve]
    std::string serve_listen = "127.0.0.1:8787";
    int serve_threads = 64;
    std::int64_t serve_max_body_bytes = 16 * 1024;
    std::chrono::milliseconds serve_push_delay{300};

    // Where the file came from (empty when only defaults are in use).
    std::filesystem::path source;
    // For `config list`: where each key's value came from ("file:line", "default", "--db").
    std::map<std::string, std::string> origin;
};

// Where the config file is looked for: --config, else KIVALS_CONFIG, else the system path.
struct ConfigLocation {
    std::filesystem::path path;
    bool explicit_choice = false; // named by --config or KIVALS_CONFIG: it must exist
};

// Decide which config file to read.
ConfigLocation locate_config(const std::optional<std::string>& flag, const char* environment_value);

// Parse TOML text; `name` is used in messages. Unknown keys and wrong types are
// configuration errors (Exit::config) that name file:line.
Config parse_config(std::string_view text, const std::string& name);

// Read the file at `location`. A missing system-default file yields the defaults.
Config load_config(const ConfigLocation& location);

// Return each key, its value as text, and its origin, in file order.
std::vector<std::pair<std::string, std::string>> describe_config(const Config& config);

} // namespace kivals
