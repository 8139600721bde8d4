#include "faults.hpp"

#include <fmt/format.h>

namespace kivals::lssim {

using nlohmann::json;

std::string merge_faults(FaultConfig& cfg, const json& changes) {
    if (!changes.is_object())
        return "faults must be a JSON object";
    for (const auto& [key, value] : changes.items()) {
        if (key == "seed")
            continue;
        if (!value.is_number())
            return fmt::format("fault {} must be a number", key);
        double v = value.get<double>();
        bool rate = key.ends_with("_rate");
        if (rate && (v < 0 || v > 1))
            return fmt::format("fault {} must be between 0 and 1", key);
        if (!rate && v < 0)
            return fmt::format("fault {} must not be negative", key);
        if (key == "latency_ms")
            cfg.latency_ms = static_cast<int>(v);
        else if (key == "error_rate")
            cfg.error_rate = v;
        else if (key == "throttle_rate")
            cfg.throttle_rate = v;
        else if (key == "drop_rate")
            cfg.drop_rate = v;
        else if (key == "duplicate_rate")
            cfg.duplicate_rate = v;
        else if (key == "reorder_window_ms")
            cfg.reorder_window_ms = static_cast<int>(v);
        else if (key == "delivery_delay_ms")
            cfg.delivery_delay_ms = static_cast<int>(v);
        else if (key == "race_rate")
            cfg.race_rate = v;
        else if (key == "hold_deliveries")
            cfg.hold_deliveries = v != 0;
        else
            return fmt::format("unknown fault {}", key);
    }
    return "";
}

json faults_json(const FaultConfig& cfg) {
    return {{"latency_ms", cfg.latency_ms},
            {"error_rate", cfg.error_rate},
            {"throttle_rate", cfg.throttle_rate},
            {"drop_rate", cfg.drop_rate},
            {"duplicate_rate", cfg.duplicate_rate},
            {"reorder_window_ms", cfg.reorder_window_ms},
            {"delivery_delay_ms", cfg.delivery_delay_ms},
            {"race_rate", cfg.race_rate},
            {"hold_deliveries", cfg.hold_deliveries ? 1 : 0}};
}

FaultPolicy::FaultPolicy(FaultConfig cfg, std::uint64_t seed) : m_cfg(cfg) {
    reseed(seed);
}

void FaultPolicy::reseed(std::uint64_t seed) {
    m_api.seed(seed * 3 + 1);
    m_delivery.seed(seed * 5 + 2);
    m_race.seed(seed * 7 + 3);
    m_shuffle.seed(seed * 11 + 4);
}

FaultConfig FaultPolicy::config() const {
    std::lock_guard lock(m_mutex);
    return m_cfg;
}

std::string FaultPolicy::update(const json& changes) {
    std::lock_guard lock(m_mutex);
    FaultConfig next = m_cfg;
    std::string err = merge_faults(next, changes);
    if (!err.empty())
        return err;
    if (changes.contains("seed")) {
        if (!changes["seed"].is_number_unsigned())
            return "seed must be a non-negative integer";
        reseed(changes["seed"].get<std::uint64_t>());
    }
    m_cfg = next;
    return "";
}

bool FaultPolicy::roll(std::mt19937_64& rng, double p) {
    if (p <= 0)
        return false;
    // Draw even when p is 1 so the stream position does not depend on the setting.
    double u = std::uniform_real_distribution<double>(0.0, 1.0)(rng);
    return u < p;
}

FaultPolicy::ApiFault FaultPolicy::roll_api() {
    std::lock_guard lock(m_mutex);
    if (roll(m_api, m_cfg.error_rate))
        return ApiFault::error;
    if (roll(m_api, m_cfg.throttle_rate))
        return ApiFault::throttle;
    return ApiFault::none;
}

bool FaultPolicy::roll_drop() {
    std::lock_guard lock(m_mutex);
    return roll(m_delivery, m_cfg.drop_rate);
}

bool FaultPolicy::roll_duplicate() {
    std::lock_guard lock(m_mutex);
    return roll(m_delivery, m_cfg.duplicate_rate);
}

bool FaultPolicy::roll_race() {
    std::lock_guard lock(m_mutex);
    return roll(m_race, m_cfg.race_rate);
}

std::size_t FaultPolicy::pick(std::size_t n) {
    std::lock_guard lock(m_mutex);
    return n <= 1 ? 0 : static_cast<std::size_t>(m_shuffle() % n);
}

} // namespace kivals::lssim
