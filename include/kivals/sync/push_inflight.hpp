#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/db/db.hpp>
#include <kivals/lightspeed/types.hpp>
#include <kivals/sync/model.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

// Pushes in flight: recorded before the request is sent and deleted with the local commit of
// its answer, so that a push whose answer never arrived (kivals killed, a timeout, a 5xx that
// may follow the write) is looked up in Lightspeed instead of being sent a second time.
namespace kivals::sync {

// One push sent to Lightspeed whose outcome is not recorded yet.
struct InflightPush {
    enum class Kind { relative, absolute };

    std::string lightspeed_id;
    std::string outlet_id;
    PushPlan plan;
    Kind kind = Kind::relative;
    std::int64_t run_id = 0;
    std::string reason_id;           // relative: the custom reason sent
    std::int64_t log_after = 0;      // relative: the adjustment's log version is above this
    Qty written;                     // absolute: the level written
    std::int64_t version_before = 0; // absolute: the record's version read just before
};

// Whether an in-flight push reached Lightspeed.
enum class InflightVerdict { landed, not_landed };

// Judge relative pushes from the adjustment log (entries in version order, read from at most
// the smallest log_after on): a push landed when an entry above its log_after, not matched by
// an earlier push, has its product, outlet, quantity (-pending) and custom reason.
std::vector<InflightVerdict> match_adjustment_log(std::span<const InflightPush> inflight,
                                                  std::span<const lightspeed::StockAdjustment> log);

// Judge an absolute push from the record now. A write bumps the version, so an unchanged
// version means it did not land. Taking units (pending > 0), a level above the one written
// means it did not land either (sales only lower it). Otherwise it is taken as landed. API 2.0
// has no log to tell more: a push recorded but never sent, followed by POS sales of at least
// its units before the check, is misjudged as landed (2026-07 pushes have no such case).
InflightVerdict judge_absolute(const InflightPush& push, std::int64_t version_now, Qty level_now);

// The push_inflight table. The caller owns the transaction.
class InflightStore {
public:
    InflightStore(db::Db& db, const Clock& clock) : m_db(db), m_clock(clock) {}

    void record(const InflightPush& push);
    // Forget a push whose outcome is recorded.
    void erase(const std::string& lightspeed_id);
    // Return every push in flight, by product id.
    std::vector<InflightPush> load_all();
    std::int64_t count();

private:
    db::Db& m_db;
    const Clock& m_clock;
};

} // namespace kivals::sync
