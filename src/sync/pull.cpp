#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/core/crash_point.hpp>
#include <kivals/sync/pull.hpp>
#include <kivals/sync/runs.hpp>
#include <kivals/sync/stock_gate.hpp>
#include <kivals/sync/stock_store.hpp>
#include <kivals/sync/versions.hpp>

#include <cmath>

namespace kivals::sync {
namespace {

constexpr const char* k_cursor_key = state_keys::k_pull_cursor;
constexpr const char* k_full_resume_key = state_keys::k_pull_full_resume;

std::int64_t linked_count(db::Db& db) {
    auto stmt = db.prepare("SELECT count(*) FROM stock");
    return stmt.step() ? stmt.int64(0) : 0;
}

} // namespace

bool zero_guard_trips(std::int64_t zeros, std::int64_t linked, double share) {
    if (zeros < k_zero_guard_min)
        return false;
    return static_cast<double>(zeros) > share * static_cast<double>(linked);
}

PullReport Puller::run(const PullOptions& options) {
    Settings settings(m_db, m_clock);
    PullReport report;
    report.cursor_from =
        options.full ? settings.state_int(k_full_resume_key) : settings.state_int(k_cursor_key);
    report.run_id = start_run(m_db, m_clock, options.kind, report.cursor_from);
    // A walk that answers webhook doorbells is the webhook's change, as the store's feed says.
    LedgerSource source{options.kind == "queue-read" ? "webhook" : "pull-sync",
                        fmt::format("run:{}", report.run_id)};
    std::int64_t linked = linked_count(m_db);
    std::int64_t zeros = 0, records = 0;
    std::int64_t requests_before = m_client.requests();
    StockStore store(m_db, m_clock);

    auto sink = [&](std::span<const lightspeed::InventoryRecord> page,
                    const lightspeed::PageInfo& info) {
        crash_point("pull.fetched");
        ObservationTxn txn(m_db);
        std::int64_t seen = 0, first = 0, corrected = 0, page_zeros = 0;
        std::int64_t page_max = 0;
        for (const auto& record : page)
            page_max = std::max(page_max, record.version);
        note_inventory_version(settings, page_max);
        std::int64_t versions_seen = inventory_versions_seen(settings);
        for (const auto& record : page) {
            if (record.outlet_id != options.outlet_id || record.deleted_at)
                continue;
            Observation result = Observation::stale;
            auto change = store.update(record.product_id, source, [&](StockNumbers& numbers) {
                result = observe_read(numbers, record.level, record.version, versions_seen);
            });
            if (!change)
                continue; // not linked: pull-sync never creates entries
            ++seen;
            if (result != Observation::applied)
                continue;
            if (change->before.version == 0) {
                ++first; // linked since the last read: its level was unknown, not wrong
                continue;
            }
            if (record.level == change->before.ls_count)
                continue;
            ++corrected;
            if (record.level <= Qty() && change->before.ls_count > Qty())
                ++page_zeros;
        }
        if (!options.force &&
            zero_guard_trips(zeros + page_zeros, linked, options.zero_guard_share))
            fail(Exit::failure,
                 "pull-sync would move {} of {} linked products to zero (more than {:.0f}%); "
                 "nothing from this page was applied: check Lightspeed and the outlet, then run "
                 "`kivals pull-sync --force` if this is right",
                 zeros + page_zeros, linked, options.zero_guard_share * 100);
        zeros += page_zeros;
        std::int64_t cursor = std::max(settings.state_int(k_cursor_key), info.next_after);
        settings.set_state(k_cursor_key, std::to_string(cursor));
        if (options.full)
            settings.set_state(k_full_resume_key, std::to_string(info.next_after));
        report.pages += 1;
        report.seen += seen;
        report.first_levels += first;
        report.corrected += corrected;
        records += static_cast<std::int64_t>(page.size());
        report.cursor_to = info.next_after;
        update_run(m_db, report.run_id, report.pages, report.seen, report.corrected,
                   report.cursor_to);
        txn.commit();
        crash_point("pull.committed");
        m_progress->step("Pull-sync", records, 0,
                         fmt::format("inventory records read, {} of linked products ({} first "
                                     "levels, {} corrected)",
                                     report.seen, report.first_levels, report.corrected));
        return lightspeed::WalkControl::more;
    };

    try {
        lightspeed::WalkResult walk =
            m_client.walk_inventory(report.cursor_from, sink,
                                    {options.page_size.value_or(m_client.inventory_page_max()),
                                     nullptr, lightspeed::Prefetch::one_page});
        report.requests = m_client.requests() - requests_before;
        if (report.cursor_to == 0)
            report.cursor_to = std::max(report.cursor_from, walk.cursor);
        db::Txn txn(m_db);
        std::string now = iso8601(m_clock.now());
        if (options.full) {
            settings.set_state(k_full_resume_key, "");
            settings.set_state(state_keys::k_last_full_sync, now);
        }
        if (options.kind == "pull-sync") {
            settings.set_state(state_keys::k_last_pull_sync, now);
            settings.set_state(state_keys::k_last_pull_corrected, std::to_string(report.corrected));
        }
        finish_run(m_db, m_clock, report.run_id, "ok", report.requests, "");
        txn.commit();
    } catch (const Error& e) {
        m_progress->finish();
        finish_run(m_db, m_clock, report.run_id, "failed", m_client.requests() - requests_before,
                   e.what());
        throw;
    }
    m_progress->finish();
    KIVALS_LOG(m_log, sync,
               "{} run {}: {} pages, {} seen, {} first levels, {} corrected, cursor {} -> {}",
               options.kind, report.run_id, report.pages, report.seen, report.first_levels,
               report.corrected, report.cursor_from, report.cursor_to);
    return report;
}

std::int64_t Puller::refresh(const std::vector<std::string>& products,
                             const std::string& outlet_id) {
    std::int64_t requests_before = m_client.requests();
    if (products.size() > k_reads_per_product) {
        PullOptions options;
        options.outlet_id = outlet_id;
        options.kind = "queue-read";
        return run(options).requests;
    }
    StockStore store(m_db, m_clock);
    for (const std::string& product : products) {
        std::vector<lightspeed::InventoryRecord> records = m_client.product_inventory(product);
        ObservationTxn txn(m_db);
        for (const auto& record : records)
            if (record.outlet_id == outlet_id && !record.deleted_at)
                store.observe_read(product, record.level, record.version,
                                   {"webhook", "read:" + product});
        txn.commit();
    }
    return m_client.requests() - requests_before;
}

} // namespace kivals::sync
