// libFuzzer target: `kivals order apply` input (JSON lines from the store, untrusted) through
// the pure line reader: every line is a request or one error, never a crash, leak or hang,
// and an accepted request carries only UTF-8 text.
#include <kivals/core/utf8.hpp>
#include <kivals/sync/orders.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    while (!text.empty()) {
        std::string_view line = text.substr(0, text.find('\n'));
        text.remove_prefix(std::min(text.size(), line.size() + 1));
        auto parsed = kivals::sync::parse_order_line(line);
        if (parsed)
            if (!kivals::is_utf8(parsed->order_id) || !kivals::is_utf8(parsed->kiva_id))
                __builtin_trap();
    }
    return 0;
}
