// Settling inventory.update deliveries after the read they rang for (policy.hpp: Doorbell),
// and what their echoes prove of the webhook's version counter.
#include "apply_parts.hpp"

#include <kivals/config/settings.hpp>
#include <kivals/config/state_keys.hpp>
#include <kivals/core/crash_point.hpp>
#include <kivals/queue/policy.hpp>
#include <kivals/sync/stock_store.hpp>
#include <kivals/sync/stock_view.hpp>

#include <fmt/format.h>

namespace kivals::queue::detail {
namespace {

Outcome outcome_of(Doorbell verdict, const Rung& r, const DoorbellRead& read,
                   const ApplyOptions& options, const Clock& clock) {
    std::string shown = fmt::format("Lightspeed's read shows Count {} at version {}",
                                    read.level_after.str(), read.version_after);
    switch (verdict) {
    case Doorbell::applied:
        return {"applied", std::nullopt, shown};
    case Doorbell::echo:
        return {"ignored", "echo", shown + ", as our push read it back"};
    case Doorbell::current:
        return {"ignored", "current", shown + ", as the delivery told"};
    case Doorbell::recheck:
        return {"pending", "recheck",
                fmt::format("{}; the delivery told {}: read again", shown, r.told.str()),
                clock.now() + options.recheck_after};
    case Doorbell::not_confirmed:
        break;
    }
    return {"ignored", "not-confirmed",
            fmt::format("{}; the delivery told {}, and re-reads did not show it: pull-sync, "
                        "the hourly net, corrects it if Lightspeed's reads ever do",
                        shown, r.told.str())};
}

// Learn from an echo and keep what it proved.
void learn(Settings& settings, const Rung& r, const DoorbellRead& read) {
    SpaceEvidence before{
        space_from_name(settings.state(state_keys::k_webhook_versions).value_or("")),
        static_cast<int>(settings.state_int(state_keys::k_webhook_versions_agreeing))};
    SpaceEvidence after = learn_from_echo(before, r.payload_version, read.version_after);
    if (after.space == before.space && after.agreeing == before.agreeing)
        return;
    settings.set_state(state_keys::k_webhook_versions, space_name(after.space));
    settings.set_state(state_keys::k_webhook_versions_agreeing, std::to_string(after.agreeing));
}

} // namespace

void settle_doorbells(db::Db& db, const Clock& clock, const std::vector<Rung>& rung,
                      const ApplyOptions& options, ApplyStats& stats) {
    db::Txn txn(db);
    Settings settings(db, clock);
    sync::StockStore store(db, clock);
    for (const Rung& r : rung) {
        const std::string& product = *r.event.product_id;
        auto now = store.load(product);
        if (!now) { // unlinked while it rang
            Outcome gone{"ignored", "unlinked", ""};
            count(stats, gone);
            record(db, clock, r.event, gone);
            continue;
        }
        DoorbellRead read{r.version_before, now->version, now->ls_count,
                          sync::push_recorded_version(db, product, now->version)};
        Doorbell verdict = judge_doorbell(r.told, read, r.event.attempts);
        if (verdict == Doorbell::echo)
            learn(settings, r, read);
        Outcome outcome = outcome_of(verdict, r, read, options, clock);
        count(stats, outcome);
        record(db, clock, r.event, outcome);
    }
    txn.commit();
    crash_point("queue.committed");
}

} // namespace kivals::queue::detail
