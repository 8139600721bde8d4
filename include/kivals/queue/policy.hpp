#pragma once

#include <kivals/core/qty.hpp>

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

// The queue's pure decisions: retry back-off, collapsing several events for one record, what
// a doorbell's read showed, and what echoes prove about the webhook's version counter.
namespace kivals::queue {

// Return how long to wait before retrying an event that has failed `attempts` times:
// 1 min, 2, 4, ... doubling, at most 1 hour.
std::chrono::seconds retry_delay(int attempts);

// Return true when an event that has failed `attempts` times must not be retried again.
bool exhausted(int attempts, int max_attempts);

// One pending event, as far as collapsing needs to know it.
struct Candidate {
    std::int64_t id = 0;
    std::string key;          // the record it updates: type + product (+ outlet)
    std::int64_t version = 0; // 0 when unknown (such events are never collapsed)
};

// For each candidate (given in id order), return the id of the event that supersedes it in
// this run, or 0 when it is the one to apply: per key, the highest version wins and, among
// equal versions, the earliest event.
std::vector<std::int64_t> superseded_by(const std::vector<Candidate>& candidates);

// An inventory.update is a doorbell: its `version` is never ordered against the versions of
// Lightspeed's API reads (nothing documents that they are one counter), so kivals reads the
// rung product in the API's own space and judges the delivery by what the read showed.
enum class Doorbell {
    applied,       // the read brought a newer API version: stock took it
    echo,          // nothing newer, the level the delivery told, at the version our push read back
    current,       // nothing newer, and the read already shows the level the delivery told
    recheck,       // nothing newer, another level: the read may lag the webhook; read again later
    not_confirmed, // the same after every re-read: left to pull-sync, the hourly net
};

// The most times a doorbell whose read showed another level is read again.
inline constexpr int k_doorbell_rechecks = 2;

// What the read after a doorbell showed for its product at the configured outlet.
struct DoorbellRead {
    std::int64_t version_before = 0; // the stored API version before the read
    std::int64_t version_after = 0;  // and after it
    Qty level_after;                 // the stored Lightspeed Count after it
    bool version_from_push = false;  // version_after is one our push's read-back recorded
};

// Judge a doorbell whose delivery told `told` and was already re-read `rechecks` times.
Doorbell judge_doorbell(Qty told, const DoorbellRead& read, int rechecks);

// What kivals knows of the inventory.update `version` counter on this store.
enum class VersionSpace {
    unknown,  // not proven: every delivery is a doorbell (the default, always correct)
    same,     // proven one counter with the API's: a delivery may be applied directly
    separate, // an echo carried a version its push's read-back did not: doorbells for good
};

// Echoes of one version that agree before the counter counts as proven the same.
inline constexpr int k_echoes_to_prove = 3;

// What echoes have shown so far (the state table keeps it).
struct SpaceEvidence {
    VersionSpace space = VersionSpace::unknown;
    int agreeing = 0; // echoes whose payload version was their push's read-back version
};

// Learn from one echo: its delivery's `payload_version` against the API version our push's
// read-back recorded. One disagreement settles `separate`; k_echoes_to_prove agreements and
// none against settle `same`. A settled space does not move.
SpaceEvidence learn_from_echo(SpaceEvidence evidence, std::int64_t payload_version,
                              std::int64_t read_back_version);

// The state-table spelling of a space ("unknown", "same", "separate") and back (unknown for
// anything else).
std::string_view space_name(VersionSpace space);
VersionSpace space_from_name(std::string_view name);

} // namespace kivals::queue
