// libFuzzer target: `kivals kiva import` input (CSV with a header, or JSON lines) through the
// pure catalogue parser: bad rows are reported, never a crash, leak or hang.
#include <kivals/link/catalogue.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    (void)kivals::link::parse_catalogue(text);
    return 0;
}
