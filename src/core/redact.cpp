#include <kivals/core/redact.hpp>

#include <array>

namespace kivals {

std::string mask_secret(std::string_view secret) {
    if (secret.empty())
        return "";
    if (secret.size() < 16)
        return "****";
    return "****" + std::string(secret.substr(secret.size() - 4));
}

std::string redact_url(std::string_view url) {
    auto query = url.find('?');
    if (query == std::string_view::npos)
        return std::string(url);
    static constexpr std::array<std::string_view, 5> k_secret_names{"secret", "token", "key",
                                                                    "access_token", "password"};
    std::string out(url.substr(0, query + 1));
    std::string_view rest = url.substr(query + 1);
    bool first = true;
    while (true) {
        auto amp = rest.find('&');
        std::string_view pair = rest.substr(0, amp);
        auto eq = pair.find('=');
        std::string_view name = pair.substr(0, eq);
        bool secret = false;
        for (auto n : k_secret_names)
            secret = secret || name == n;
        if (!first)
            out += '&';
        first = false;
        if (secret && eq != std::string_view::npos)
            out += std::string(name) + "=REDACTED";
        else
            out += pair;
        if (amp == std::string_view::npos)
            break;
        rest = rest.substr(amp + 1);
    }
    return out;
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
