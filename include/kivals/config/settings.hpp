#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/expected.hpp>
#include <kivals/db/db.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kivals {

// One administrator setting kept in the database (`kivals config set KEY VALUE`).
struct SettingSpec {
    std::string_view key;
    std::string_view default_value; // empty: no default
    bool secret;                    // masked by `config list`, never read from argv
    bool settable;                  // false for values kivals manages (the webhook secret)
    std::string_view help;
};

// Return every known setting, in display order.
std::span<const SettingSpec> setting_specs();

// Return the spec for `key`, or nullptr when there is no such setting.
const SettingSpec* find_setting(std::string_view key);

// Check a value for `key`; the error is the problem in words.
// Pure: store URLs may use http:// only for loopback hosts (is_loopback_host, core/text.hpp).
Expected<void, std::string> validate_setting(std::string_view key, std::string_view value);

// A value as kivals stores it, and a note in words when it differs from what was given.
struct NormalizedSetting {
    std::string value;
    std::optional<std::string> note;
};

// Return `value` as kivals stores it for `key` (before validate_setting): URLs without their
// trailing slashes, and a store URL that names an API path ("https://x.retail.lightspeed.app
// /api/2.0") as the store's root, with a note saying so. Pure.
NormalizedSetting normalize_setting(std::string_view key, std::string value);

// Generate a random URL-safe secret of `bytes` random bytes (base64url, no padding).
std::string generate_secret(std::size_t bytes = 24);

// Read and write settings and kivals' own state in the database.
class Settings {
public:
    explicit Settings(db::Db& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    // Return the stored value, or nullopt when it was never set.
    std::optional<std::string> stored(std::string_view key);
    // Return the stored value, else the default, else nullopt.
    std::optional<std::string> get(std::string_view key);
    // Return the value or fail with a configuration error that says how to set it.
    std::string require(std::string_view key);
    // Store a value (validated by the caller).
    void set(std::string_view key, std::string_view value);
    // Remove a stored value; return true when there was one.
    bool erase(std::string_view key);

    // Return a toggle ("feature", "webhook_processing"); both default to enabled.
    bool enabled(std::string_view toggle);

    // Read and write kivals' own state (cursors, last runs): the `state` table.
    std::optional<std::string> state(std::string_view key);
    // Read an integer state value (a cursor, a version); 0 when unset or not a number.
    std::int64_t state_int(std::string_view key);
    void set_state(std::string_view key, std::string_view value);

private:
    db::Db& m_db;
    const Clock& m_clock;
};

} // namespace kivals
