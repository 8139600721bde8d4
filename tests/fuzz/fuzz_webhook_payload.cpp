// libFuzzer target: a webhook delivery body (form-encoded, untrusted) through the intake's
// pure decoding: form field, depth guard, JSON, and both payload readers. Never a crash,
// leak or hang, whatever the bytes.
#include <kivals/webhook/payload.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view body(reinterpret_cast<const char*>(data), size);
    auto decoded = kivals::webhook::decode_delivery(body, 64);
    if (decoded) {
        (void)kivals::webhook::parse_inventory_update(*decoded);
        (void)kivals::webhook::parse_product_update(*decoded);
    }
    return 0;
}
