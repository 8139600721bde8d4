#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

// The queue's pure decisions: retry back-off and collapsing several events for one record.
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

} // namespace kivals::queue
