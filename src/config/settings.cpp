#include <kivals/config/settings.hpp>
#include <kivals/core/error.hpp>
#include <kivals/core/utf8.hpp>

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
    SettingSpec{"feature", "on", false, false, "Sync on/off (kivals enable|disable feature)"},
    SettingSpec{"webhook_processing", "on", false, false,
                "Apply webhooks on/off (kivals enable|disable webhook-processing)"},
};

struct UrlParts {
    std::string scheme;
    std::string host;
    bool ok = false;
};

UrlParts split_url(std::string_view url) {
    UrlParts parts;
    auto colon = url.find("://");
    if (colon == std::string_view::npos)
        return parts;
    parts.scheme = std::string(url.substr(0, colon));
    std::string_view rest = url.substr(colon + 3);
    std::string_view authority = rest.substr(0, rest.find_first_of("/?#"));
    if (authority.find('@') != std::string_view::npos)
        return parts; // credentials in a URL would leak into logs
    std::string_view port;
    if (!authority.empty() && authority.front() == '[') {
        auto close = authority.find(']');
        if (close == std::string_view::npos)
            return parts;
        parts.host = std::string(authority.substr(1, close - 1));
        port = authority.substr(close + 1);
    } else {
        auto port_at = authority.find(':');
        parts.host = std::string(authority.substr(0, port_at));
        port = port_at == std::string_view::npos ? std::string_view() : authority.substr(port_at);
    }
    // After the host only ":digits" may follow: "[::1].evil" or "host:80x" is not a URL.
    bool port_ok =
        port.empty() || (port.size() > 1 && port.front() == ':' &&
                         port.substr(1).find_first_not_of("0123456789") == std::string_view::npos);
    parts.ok =
        !parts.host.empty() && port_ok && authority.find_first_of(" \t") == std::string_view::npos;
    return parts;
}

// Return true for a dotted-quad IPv4 literal in 127.0.0.0/8: four decimal parts of 0-255,
// without leading zeros (which some resolvers read as octal).
bool is_ipv4_loopback(std::string_view host) {
    int parts = 0;
    while (true) {
        std::size_t dot = host.find('.');
        std::string_view part = host.substr(0, dot);
        if (part.empty() || part.size() > 3 || (part.size() > 1 && part.front() == '0') ||
            part.find_first_not_of("0123456789") != std::string_view::npos ||
            std::stoi(std::string(part)) > 255 || (parts == 0 && part != "127"))
            return false;
        ++parts;
        if (dot == std::string_view::npos)
            return parts == 4;
        host.remove_prefix(dot + 1);
    }
}

std::optional<std::string> validate_url(std::string_view value, bool allow_query) {
    UrlParts parts = split_url(value);
    if (!parts.ok)
        return "not a URL (expected https://host/...)";
    if (!allow_query && value.find_first_of("?#") != std::string_view::npos)
        return "must not contain a query or fragment";
    if (parts.scheme == "https")
        return std::nullopt;
    if (parts.scheme == "http") {
        if (is_loopback_host(parts.host))
            return std::nullopt;
        return "http:// is allowed only for a loopback host; use https://";
    }
    return "must start with https://";
}

} // namespace

std::span<const SettingSpec> setting_specs() {
    return k_settings;
}

const SettingSpec* find_setting(std::string_view key) {
    for (const auto& spec : k_settings)
        if (spec.key == key)
            return &spec;
    return nullptr;
}

bool is_loopback_host(std::string_view host) {
    return host == "localhost" || host == "::1" || is_ipv4_loopback(host);
}

std::optional<std::string> validate_setting(std::string_view key, std::string_view value) {
    if (auto problem = utf8_problem(value); !problem.empty())
        return problem;
    if (key == "store_url")
        return validate_url(value, false);
    if (key == "webhook.base_url")
        return validate_url(value, false);
    if (key == "api.version")
        return value == "2026-07" || value == "2.0"
                   ? std::nullopt
                   : std::optional<std::string>("must be 2026-07 or 2.0");
    if (key == "token") {
        if (value.empty())
            return "must not be empty";
        for (char c : value)
            if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
                return "must not contain spaces or control characters";
        return std::nullopt;
    }
    if (key == "outlet_id") {
        if (value.empty() || value.size() > 64)
            return "must be a Lightspeed outlet id";
        for (char c : value)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-')
                return "must be a Lightspeed outlet id (letters, digits and dashes)";
        return std::nullopt;
    }
    return std::nullopt;
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
    if (!text || text->empty())
        return 0;
    try {
        return std::stoll(*text);
    } catch (const std::exception&) {
        return 0;
    }
}

void Settings::set_state(std::string_view key, std::string_view value) {
    m_db.prepare("INSERT INTO state(key, value, updated_at) VALUES (?, ?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value, "
                 "updated_at = excluded.updated_at")
        .bind_all(key, value, iso8601(m_clock.now()))
        .run();
}

} // namespace kivals
