#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <mutex>
#include <random>
#include <string>

namespace kivals::lssim {

// The fault settings; every rate is a probability in [0, 1].
struct FaultConfig {
    int latency_ms = 0;           // added before every /api answer
    double error_rate = 0;        // answer 500 instead of serving
    double throttle_rate = 0;     // answer 429 with a Retry-After a few seconds ahead
    double drop_rate = 0;         // lose a webhook delivery silently
    double duplicate_rate = 0;    // deliver a webhook twice
    int reorder_window_ms = 0;    // hold deliveries this long and release them shuffled
    int delivery_delay_ms = 0;    // wait before each delivery
    bool hold_deliveries = false; // keep deliveries until POST /_sim/deliveries/release
    double race_rate = 0;         // sell 1 unit of an inventory record just after it is read
};

// Update `cfg` from a JSON object with any of FaultConfig's field names; return an error
// message, empty when every field was understood.
std::string merge_faults(FaultConfig& cfg, const nlohmann::json& changes);
// Return the settings as JSON.
nlohmann::json faults_json(const FaultConfig& cfg);

// Seeded fault decisions. API, delivery, race and shuffle decisions use separate generators so
// that each stream is reproducible by itself for a given seed and sequence of requests, whatever
// the timing of the others.
class FaultPolicy {
public:
    // Make a policy with these settings and seed.
    FaultPolicy(FaultConfig cfg, std::uint64_t seed);

    // Return a copy of the settings.
    FaultConfig config() const;
    // Apply partial changes (and "seed" to reseed); return an error message or "".
    std::string update(const nlohmann::json& changes);

    // The decision for one API request.
    enum class ApiFault { none, error, throttle };
    // Decide whether to fail this API request.
    ApiFault roll_api();
    // Decide whether to drop a delivery.
    bool roll_drop();
    // Decide whether to send a delivery twice.
    bool roll_duplicate();
    // Decide whether to sell one unit of a record just read.
    bool roll_race();
    // Return a random index below n (for shuffling held deliveries).
    std::size_t pick(std::size_t n);

private:
    void reseed(std::uint64_t seed);
    static bool roll(std::mt19937_64& rng, double p);

    mutable std::mutex m_mutex;
    FaultConfig m_cfg;
    std::mt19937_64 m_api;
    std::mt19937_64 m_delivery;
    std::mt19937_64 m_race;
    std::mt19937_64 m_shuffle;
};

} // namespace kivals::lssim
