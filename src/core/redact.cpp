#include <kivals/core/redact.hpp>

#include <algorithm>
#include <array>

namespace kivals {

std::string mask_secret(std::string_view secret) {
    if (secret.empty())
        return "";
    if (secret.size() < 16)
        return "****";
    return "****" + std::string(secret.substr(secret.size() - 4));
}

std::string rewrite_query(
    std::string_view url,
    const std::function<std::optional<std::string>(std::string_view, std::string_view)>& replace) {
    auto query = url.find('?');
    if (query == std::string_view::npos)
        return std::string(url);
    std::string out(url.substr(0, query + 1));
    std::string_view rest = url.substr(query + 1);
    for (bool first = true;; first = false) {
        auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        auto eq = pair.find('=');
        if (!first)
            out += '&';
        std::optional<std::string> value;
        if (eq != std::string_view::npos)
            value = replace(pair.substr(0, eq), pair.substr(eq + 1));
        out += value ? std::string(pair.substr(0, eq)) + "=" + *value : std::string(pair);
        if (amp == std::string_view::npos)
            break;
        rest = rest.substr(amp + 1);
    }
    return out;
}

std::string redact_url(std::string_view url) {
    static constexpr std::array<std::string_view, 5> k_secret_names{"secret", "token", "key",
                                                                    "access_token", "password"};
    return rewrite_query(url, [](std::string_view name, std::string_view) {
        bool secret =
            std::find(k_secret_names.begin(), k_secret_names.end(), name) != k_secret_names.end();
        return secret ? std::optional<std::string>("REDACTED") : std::nullopt;
    });
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    std::size_t n = a.size() > b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i) {
        unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff = static_cast<unsigned char>(diff | (x ^ y));
    }
    return diff == 0;
}

} // namespace kivals
