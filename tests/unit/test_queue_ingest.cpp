#include <kivals/queue/queue.hpp>
#include <kivals/webhook/payload.hpp>
#include <kivals/webhook/spool.hpp>

#include <doctest/doctest.h>

#include <optional>
#include <string>

using namespace kivals;

TEST_CASE("ingest: a probe delivery is taken in as an ignored probe, not as stock") {
    std::string body = webhook::probe_body("n0nce");
    std::string file =
        webhook::format_spool_file({"inventory.update", "2026-01-01T00:00:00Z", body});
    queue::SpoolEvent row = queue::event_from_spool_file(file, "2026-01-02T00:00:00Z", 8);
    CHECK(row.status == "ignored");
    CHECK(row.reason == std::optional<std::string>("probe"));
    CHECK_FALSE(row.product_id.has_value());
    CHECK(row.payload.find("n0nce") != std::string::npos); // webhooks test finds it by its nonce
}
