#include <kivals/queue/policy.hpp>

#include <unordered_map>

namespace kivals::queue {

std::chrono::seconds retry_delay(int attempts) {
    constexpr std::int64_t k_first = 60;
    constexpr std::int64_t k_cap = 3600;
    if (attempts <= 1)
        return std::chrono::seconds(k_first);
    std::int64_t delay = k_first;
    for (int i = 1; i < attempts && delay < k_cap; ++i)
        delay *= 2;
    return std::chrono::seconds(delay < k_cap ? delay : k_cap);
}

bool exhausted(int attempts, int max_attempts) {
    return attempts >= max_attempts;
}

std::vector<std::int64_t> superseded_by(const std::vector<Candidate>& candidates) {
    struct Best {
        std::int64_t id;
        std::int64_t version;
    };
    std::unordered_map<std::string, Best> best;
    for (const Candidate& c : candidates) {
        if (c.version <= 0 || c.key.empty())
            continue;
        auto [it, inserted] = best.try_emplace(c.key, Best{c.id, c.version});
        if (!inserted && c.version > it->second.version)
            it->second = Best{c.id, c.version};
    }
    std::vector<std::int64_t> out;
    out.reserve(candidates.size());
    for (const Candidate& c : candidates) {
        auto it = c.version > 0 && !c.key.empty() ? best.find(c.key) : best.end();
        out.push_back(it == best.end() || it->second.id == c.id ? 0 : it->second.id);
    }
    return out;
}

Doorbell judge_doorbell(Qty told, const DoorbellRead& read, int rechecks) {
    if (read.version_after > read.version_before)
        return Doorbell::applied;
    if (read.level_after == told)
        return read.version_from_push ? Doorbell::echo : Doorbell::current;
    return rechecks < k_doorbell_rechecks ? Doorbell::recheck : Doorbell::not_confirmed;
}

SpaceEvidence learn_from_echo(SpaceEvidence evidence, std::int64_t payload_version,
                              std::int64_t read_back_version) {
    if (evidence.space != VersionSpace::unknown)
        return evidence;
    if (payload_version != read_back_version)
        return {VersionSpace::separate, evidence.agreeing};
    ++evidence.agreeing;
    if (evidence.agreeing >= k_echoes_to_prove)
        evidence.space = VersionSpace::same;
    return evidence;
}

std::string_view space_name(VersionSpace space) {
    switch (space) {
    case VersionSpace::same:
        return "same";
    case VersionSpace::separate:
        return "separate";
    case VersionSpace::unknown:
        break;
    }
    return "unknown";
}

VersionSpace space_from_name(std::string_view name) {
    if (name == "same")
        return VersionSpace::same;
    if (name == "separate")
        return VersionSpace::separate;
    return VersionSpace::unknown;
}

} // namespace kivals::queue
