// libFuzzer target: the TOML config parser must reject any input with kivals::Error, never
// crash, leak or hang.
#include <kivals/config/config.hpp>
#include <kivals/core/error.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        kivals::parse_config(text, "fuzz.toml");
    } catch (const kivals::Error&) {
    }
    return 0;
}
