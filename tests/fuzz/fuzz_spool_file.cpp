// libFuzzer target: a spool file's bytes (written by the web server's user, so untrusted)
// through the reader `queue process` uses: the spool header, the form body, the payload and
// the event row made of it. Never a crash, leak or hang; a file that parses renders back to
// one that parses the same; a pending row names its product and a positive version.
#include <kivals/queue/queue.hpp>
#include <kivals/webhook/spool.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = kivals::webhook::parse_spool_file(text);
    if (parsed) {
        auto back = kivals::webhook::parse_spool_file(kivals::webhook::format_spool_file(*parsed));
        if (!back || back->type != parsed->type || back->received_at != parsed->received_at ||
            back->body != parsed->body)
            __builtin_trap();
    }
    auto row = kivals::queue::event_from_spool_file(text, "2026-01-01T00:00:00Z", 64);
    if (row.status == "pending" && (!row.product_id || !row.version || *row.version <= 0))
        __builtin_trap();
    return 0;
}
