#include <kivals/core/text.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

namespace kivals {
namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int hex_value(char c) {
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool is_unreserved(unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

// from_chars reads a prefix; the whole text must be the number.
template <typename T>
Expected<T, NumberError> from_whole(std::string_view text, T value, std::from_chars_result r) {
    if (r.ec == std::errc::result_out_of_range)
        return Unexpected(NumberError::out_of_range);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size())
        return Unexpected(NumberError::not_a_number);
    return value;
}

} // namespace

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

std::string_view number_error_text(NumberError error) {
    switch (error) {
    case NumberError::empty:
        return "empty";
    case NumberError::not_a_number:
        return "not a number";
    case NumberError::out_of_range:
        return "out of range";
    }
    return "not a number";
}

template <std::integral T> Expected<T, NumberError> parse_int(std::string_view text) {
    if (text.empty())
        return Unexpected(NumberError::empty);
    T value{};
    auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    return from_whole(text, value, r);
}

template Expected<int, NumberError> parse_int<int>(std::string_view);
template Expected<long, NumberError> parse_int<long>(std::string_view);
template Expected<long long, NumberError> parse_int<long long>(std::string_view);
template Expected<unsigned, NumberError> parse_int<unsigned>(std::string_view);
template Expected<unsigned long, NumberError> parse_int<unsigned long>(std::string_view);
template Expected<unsigned long long, NumberError> parse_int<unsigned long long>(std::string_view);

Expected<double, NumberError> parse_double(std::string_view text) {
    if (text.empty())
        return Unexpected(NumberError::empty);
    double value = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    auto parsed = from_whole(text, value, r);
    if (parsed && !std::isfinite(*parsed)) // from_chars reads "inf" and "nan"
        return Unexpected(NumberError::not_a_number);
    return parsed;
}

std::string percent_encode(std::string_view text) {
    static constexpr char k_hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto u = static_cast<unsigned char>(c);
        if (is_unreserved(u)) {
            out += c;
        } else {
            out += '%';
            out += k_hex[u >> 4];
            out += k_hex[u & 15];
        }
    }
    return out;
}

std::optional<std::string> percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '+') {
            out += ' ';
        } else if (c == '%') {
            if (i + 2 >= text.size())
                return std::nullopt;
            int hi = hex_value(text[i + 1]);
            int lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0)
                return std::nullopt;
            out += static_cast<char>(hi * 16 + lo);
            i += 2;
        } else {
            out += c;
        }
    }
    return out;
}

bool is_loopback_host(std::string_view host) {
    if (host == "localhost" || host == "::1")
        return true;
    for (int part = 0; part < 4; ++part) {
        std::size_t dot = host.find('.');
        std::string_view digits = host.substr(0, dot);
        auto value = parse_int<unsigned>(digits);
        if (!value || digits.size() > 3 || (digits.size() > 1 && digits.front() == '0') ||
            *value > 255 || (part == 0 && *value != 127))
            return false;
        if (part == 3)
            return dot == std::string_view::npos;
        if (dot == std::string_view::npos)
            return false;
        host.remove_prefix(dot + 1);
    }
    return false;
}

Expected<Url, std::string> parse_url(std::string_view text) {
    auto colon = text.find("://");
    if (colon == std::string_view::npos || colon == 0)
        return Unexpected(std::string("no scheme://"));
    Url url;
    url.scheme = std::string(text.substr(0, colon));
    std::string_view rest = text.substr(colon + 3);
    auto end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, end);
    url.target = end == std::string_view::npos ? "" : std::string(rest.substr(end));
    for (char c : authority)
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f)
            return Unexpected(std::string("a space or control character in the host"));
    if (authority.find('@') != std::string_view::npos)
        return Unexpected(std::string("credentials in the URL")); // they would leak into logs
    std::string_view after_host;
    if (authority.starts_with('[')) {
        auto close = authority.find(']');
        if (close == std::string_view::npos)
            return Unexpected(std::string("an IPv6 address without its ']'"));
        url.host = std::string(authority.substr(1, close - 1));
        after_host = authority.substr(close + 1);
    } else {
        auto port_colon = authority.find(':');
        url.host = std::string(authority.substr(0, port_colon));
        after_host = port_colon == std::string_view::npos ? "" : authority.substr(port_colon);
    }
    if (url.host.empty())
        return Unexpected(std::string("no host"));
    if (!after_host.empty()) {
        // Only ":digits" may follow the host: "[::1].evil" or "host:80x" is not a URL.
        auto port = after_host.starts_with(':') ? parse_int<unsigned>(after_host.substr(1))
                                                : Unexpected(NumberError::not_a_number);
        if (!port || *port == 0 || *port > 65535)
            return Unexpected(std::string("a port that is not a number from 1 to 65535"));
        url.port = static_cast<std::uint16_t>(*port);
    }
    return url;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Rows i-2, i-1 and i of the table; cell j is the distance between a[0, i) and b[0, j).
    std::vector<std::size_t> before(b.size() + 1), last(b.size() + 1), row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j)
        last[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        std::swap(before, last);
        std::swap(last, row);
    }
    return last[b.size()];
}

} // namespace kivals
