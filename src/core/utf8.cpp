#include <kivals/core/utf8.hpp>

#include <fmt/format.h>

namespace kivals {
namespace {

bool continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// Return the length of the well-formed sequence starting at `text[i]`, or 0 when there is none.
std::size_t sequence_length(std::string_view text, std::size_t i) {
    auto at = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
    unsigned char lead = at(0);
    if (lead < 0x80)
        return 1;
    std::size_t length = lead >= 0xC2 && lead <= 0xDF   ? 2
                         : lead >= 0xE0 && lead <= 0xEF ? 3
                         : lead >= 0xF0 && lead <= 0xF4 ? 4
                                                        : 0;
    if (length == 0 || i + length > text.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k)
        if (!continuation(at(k)))
            return 0;
    // The second byte's range rules out overlong forms, surrogates and code points > U+10FFFF.
    unsigned char second = at(1);
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) ||
        (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F))
        return 0;
    return length;
}

} // namespace

std::optional<std::size_t> invalid_utf8_at(std::string_view text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t length = sequence_length(text, i);
        if (length == 0)
            return i;
        i += length;
    }
    return std::nullopt;
}

std::string_view strip_bom(std::string_view text) {
    constexpr std::string_view k_bom = "\xEF\xBB\xBF";
    return text.starts_with(k_bom) ? text.substr(k_bom.size()) : text;
}

std::string utf8_problem(std::string_view text) {
    auto offset = invalid_utf8_at(text);
    if (!offset)
        return {};
    std::size_t line_start = text.rfind('\n', *offset);
    std::size_t column = *offset - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    return fmt::format("byte 0x{:02x} at column {} is not UTF-8",
                       static_cast<unsigned char>(text[*offset]), column);
}

} // namespace kivals
