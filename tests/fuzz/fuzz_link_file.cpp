// libFuzzer target: `kivals link import` input (a CSV of links, untrusted) through the pure
// links-file reader: rows or per-line errors, never a crash, leak or hang; rows come in line
// order and hold only UTF-8 ids.
#include <kivals/core/utf8.hpp>
#include <kivals/link/link_file.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = kivals::link::parse_link_file(text);
    if (parsed.fatal && (!parsed.rows.empty() || parsed.errors.size() != 1))
        __builtin_trap();
    std::size_t line = 0;
    for (const auto& row : parsed.rows) {
        if (row.line <= line || !kivals::is_utf8(row.lightspeed_id) ||
            !kivals::is_utf8(row.kiva_id))
            __builtin_trap();
        line = row.line;
    }
    return 0;
}
