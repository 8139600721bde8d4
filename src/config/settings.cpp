#include <kivals/config/settings.hpp>
#include <kivals/core/error.hpp>
#include <kivals/core/text.hpp>
#include <kivals/core/utf8.hpp>

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <fstream>
#include <random>

namespace kivals {
namespace {

constexpr std::array k_settings{
    SettingSpec{"store_url", "", false, true,
                "Lightspeed store URL, e.g. https://yourstore.retail.lightspeed.app"},
    SettingSpec{"token", "", true, true, "Lightspeed personal token (read from stdin or a prompt)"},
    SettingSpec{"outlet_id", "", false, true, "Lightspeed outlet whose stock kivals syncs"},
    SettingSpec{"api.version", "2026-07", false, true, "Lightspeed API family: 2026-07 or 2.0"},
    SettingSpec{"webhook.base_url", "", false, true,
                "Public URL of kivals-webhook, e.g. https://shop.example/cgi-bin/kivals-webhook"},
    SettingSpec{"webhook.secret", "", true, false,
                "Secret in the webhook URLs (made by init, changed by rotate-secret)"},
    SettingSpec{"store.key", "", true, false,
                "Key the store sends to `kivals serve` (made by init, changed by "
                "`config rotate-secret store.key`)"},
    SettingSpec{"feature", "on", false, false, "Sync on/off (kivals enable|disable feature)"},
    SettingSpec{"webhook_processing", "on", false, false,
                "Apply webhooks on/off (kivals enable|disable webhook-processing)"},
};

Expected<void, std::string> validate_url(std::string_view value, bool allow_query) {
    auto url = parse_url(value);
    if (!url)
        return Unexpected(std::string("not a URL (expected https://host/...)"));
    if (!allow_query && value.find_first_of("?#") != std::string_view::npos)
        return Unexpected(std::string("must not contain a query or fragment"));
    if (url->scheme == "https")
        return {};
    if (url->scheme == "http") {
        if (is_loopback_host(url->host))
            return {};
        return Unexpected(std::string("http:// is allowed only for a loopback host; use https://"));
    }
    return Unexpected(std::string("must start with https://"));
}

// A store URL is the store's address alone: kivals adds /api/2026-07/... itself.
Expected<void, std::string> validate_store_url(std::string_view value) {
    if (auto valid = validate_url(value, false); !valid)
        return valid;
    auto url = parse_url(value);
    if (url->target.find_first_not_of('/') != std::string::npos)
        return Unexpected(fmt::format("must be the store's address alone ({}), without a path: "
                                      "kivals adds the API's path itself",
                                      value.substr(0, value.size() - url->target.size())));
    return {};
}

} // namespace

NormalizedSetting normalize_setting(std::string_view key, std::string value) {
    NormalizedSetting out;
    if (key == "store_url" || key == "webhook.base_url")
        while (value.size() > 1 && value.back() == '/')
            value.pop_back();
    if (auto url = parse_url(value); key == "store_url" && url) {
        std::string_view target = url->target;
        if (target == "/api" || target.starts_with("/api/")) {
            std::string root = value.substr(0, value.size() - target.size());
            out.note = fmt::format(
                "store_url is the store's address: kivals adds {} itself, so {} is stored{}",
                target, root,
                target.starts_with("/api/2.0")
                    ? " (for the 2.0 API: kivals config set api.version 2.0)"
                    : "");
            value = root;
        }
    }
    out.value = std::move(value);
    return out;
}

std::span<const SettingSpec> setting_specs() {
    return k_settings;
}

const SettingSpec* find_setting(std::string_view key) {
    for (const auto& spec : k_settings)
        if (spec.key == key)
            return &spec;
    return nullptr;
}

Expected<void, std::string> validate_setting(std::string_view key, std::string_view value) {
    if (auto problem = utf8_problem(value); !problem.empty())
        return Unexpected(std::move(problem));
    if (key == "store_url")
        return validate_store_url(value);
    if (key == "webhook.base_url")
        return validate_url(value, false);
    if (key == "api.version")
        return value == "2026-07" || value == "2.0"
                   ? Expected<void, std::string>()
                   : Unexpected(std::string("must be 2026-07 or 2.0"));
    if (key == "token") {
        if (value.empty())
            return Unexpected(std::string("must not be empty"));
        for (char c : value)
            if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
                return Unexpected(std::string("must not contain spaces or control characters"));
        return {};
    }
    if (key == "outlet_id") {
        if (value.empty() || value.size() > 64)
            return Unexpected(std::string("must be a Lightspeed outlet id"));
        for (char c : value)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
                return Unexpected(
                    std::string("must be a Lightspeed outlet id (letters, digits and dashes)"));
        return {};
    }
    return {};
}

std::string generate_secret(std::size_t bytes) {
    static constexpr char k_alphabet[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    std::ifstream urandom("/dev/urandom", std::ios::binary);
    std::string raw(bytes, '\0');
    if (!urandom.read(raw.data(), static_cast<std::streamsize>(bytes)))
        fail(Exit::failure, "cannot read /dev/urandom to make a secret");
    // 6 bits per character: take the random bytes as a bit stream.
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (char c : raw) {
        buffer = (buffer << 8) | static_cast<unsigned char>(c);
        bits += 8;
        while (bits >= 6) {
            bits -= 6;
            out += k_alphabet[(buffer >> bits) & 0x3f];
        }
    }
    if (bits > 0)
        out += k_alphabet[(buffer << (6 - bits)) & 0x3f];
    return out;
}

std::optional<std::string> Settings::stored(std::string_view key) {
    auto stmt = m_db.prepare("SELECT value FROM settings WHERE key = ?");
    stmt.bind_all(key);
    if (!stmt.step())
        return std::nullopt;
    return stmt.text(0);
}

std::optional<std::string> Settings::get(std::string_view key) {
    if (auto value = stored(key))
        return value;
    const SettingSpec* spec = find_setting(key);
    if (spec && !spec->default_value.empty())
        return std::string(spec->default_value);
    return std::nullopt;
}

std::string Settings::require(std::string_view key) {
    auto value = get(key);
    if (!value || value->empty()) {
        if (key == "token")
            fail(Exit::config, "no Lightspeed token is set: run `kivals config set token` "
                               "(it reads the token from standard input)");
        fail(Exit::config, "{} is not set: run `kivals config set {} VALUE`", key, key);
    }
    return *value;
}

void Settings::set(std::string_view key, std::string_view value) {
    m_db.prepare("INSERT INTO settings(key, value, updated_at) VALUES (?, ?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                 "updated_at = excluded.updated_at")
        .bind_all(key, value, iso8601(m_clock.now()))
        .run();
}

bool Settings::erase(std::string_view key) {
    m_db.prepare("DELETE FROM settings WHERE key = ?").bind_all(key).run();
    return m_db.changes() > 0;
}

bool Settings::enabled(std::string_view toggle) {
    return get(toggle).value_or("on") == "on";
}

std::optional<std::string> Settings::state(std::string_view key) {
    auto stmt = m_db.prepare("SELECT value FROM state WHERE key = ?");
    stmt.bind_all(key);
    if (!stmt.step())
        return std::nullopt;
    return stmt.text(0);
}

std::int64_t Settings::state_int(std::string_view key) {
    auto text = state(key);
    return text ? parse_int<std::int64_t>(*text).value_or(0) : 0;
}

void Settings::set_state(std::string_view key, std::string_view value) {
    m_db.prepare("INSERT INTO state(key, value, updated_at) VALUES (?, ?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                 "updated_at = excluded.updated_at")
        .bind_all(key, value, iso8601(m_clock.now()))
        .run();
}

} // namespace kivals
