#include <kivals/core/crash_point.hpp>
#include <kivals/queue/queue.hpp>

#include <kivals/webhook/payload.hpp>
#include <kivals/webhook/spool.hpp>

#include <fmt/format.h>

namespace kivals::queue {
namespace {

constexpr std::size_t k_batch = 2000;

void mark_malformed(SpoolEvent& row, std::string_view why) {
    row.status = "ignored";
    row.reason = fmt::format("malformed: {}", why);
}

} // namespace

SpoolEvent event_from_spool_file(std::string_view text, std::string now, int max_depth) {
    SpoolEvent row;
    row.received_at = std::move(now);
    auto parsed = webhook::parse_spool_file(text);
    if (!parsed) {
        row.payload = std::string(text);
        mark_malformed(row, parsed.error());
        return row;
    }
    const webhook::SpoolEntry& entry = *parsed;
    row.type = entry.type;
    row.received_at = entry.received_at;
    auto decoded = webhook::decode_delivery(entry.body, max_depth);
    if (!decoded) {
        row.payload = entry.body;
        mark_malformed(row, webhook::body_error_text(decoded.error()));
        return row;
    }
    const nlohmann::json& payload = *decoded;
    row.payload = webhook::form_field(entry.body, "payload").value();
    auto type = webhook::parse_event_type(entry.type);
    if (webhook::probe_nonce(payload)) {
        row.status = "ignored"; // `kivals webhooks test` sent it: it came the whole way
        row.reason = "probe";
    } else if (!type) {
        mark_malformed(row, "unknown type");
    } else if (*type == webhook::EventType::inventory_update) {
        auto update = webhook::parse_inventory_update(payload);
        if (!update) {
            mark_malformed(row, update.error());
        } else {
            row.product_id = update->product_id;
            row.outlet_id = update->outlet_id;
            row.version = update->version;
        }
    } else {
        auto update = webhook::parse_product_update(payload);
        if (!update) {
            mark_malformed(row, update.error());
        } else {
            row.product_id = update->id;
            row.version = update->version;
        }
    }
    return row;
}

IngestResult ingest_spool(db::Db& db, webhook::SpoolReader& spool, const Clock& clock,
                          int max_json_depth, Progress& progress) {
    IngestResult result;
    spool.remove_stale_tmp(std::chrono::hours(1));
    std::vector<std::string> names = spool.list();
    for (std::size_t start = 0; start < names.size(); start += k_batch) {
        std::vector<std::string> batch(
            names.begin() + static_cast<std::ptrdiff_t>(start),
            names.begin() + static_cast<std::ptrdiff_t>(std::min(names.size(), start + k_batch)));
        std::string now = iso8601(clock.now());
        db::Txn txn(db);
        auto insert = db.prepare(
            "INSERT INTO events(spool_name, type, received_at, payload, product_id, outlet_id, "
            "version, status, reason, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(spool_name) DO NOTHING");
        std::vector<std::string> taken;
        for (const std::string& name : batch) {
            auto text = spool.read(name);
            if (!text)
                continue;
            SpoolEvent row = event_from_spool_file(*text, now, max_json_depth);
            insert.bind_all(name, row.type, row.received_at, row.payload, row.product_id,
                            row.outlet_id, row.version, row.status, row.reason, now);
            insert.run();
            if (row.status == "ignored" && db.changes() > 0)
                ++result.malformed;
            taken.push_back(name);
        }
        txn.commit();
        crash_point("queue.ingested"); // rows committed, files still there: taken in once
        result.taken += static_cast<int>(taken.size());
        // Only now may the files go: until the commit they are the only copy. They go while
        // the next batch is read and the events are applied.
        spool.remove(std::move(taken));
        if (names.size() > k_batch)
            progress.step("Taking deliveries in", static_cast<std::int64_t>(start + batch.size()),
                          static_cast<std::int64_t>(names.size()), "spool files");
    }
    progress.finish();
    result.quarantined = spool.quarantined();
    return result;
}

std::int64_t pending_count(db::Db& db) {
    auto stmt = db.prepare("SELECT count(*) FROM events WHERE status IN ('pending', 'failed')");
    return stmt.step() ? stmt.int64(0) : 0;
}

} // namespace kivals::queue
