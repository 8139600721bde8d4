#pragma once

#include "faults.hpp"
#include "store.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kivals::lssim {

// How deliveries are made.
struct DeliveryOptions {
    int timeout_ms = 5000;    // Lightspeed gives the receiver 5 s
    int retry_base_ms = 1000; // first retry delay, doubled each time (capped at 60 s)
    int retry_max = 5;        // attempts in all, including the first
    std::string domain_prefix = "kivalsdemo";
};

// Where a delivery is: waiting (queued, held for release or reorder, retrying after a
// failed attempt) or finished (delivered, failed after the last retry, dropped by the drop
// fault, refused because its URL is not http:// on loopback).
enum class DeliveryState { queued, held, retrying, delivered, failed, dropped, refused };

// The state's name in /_sim/deliveries ("queued").
std::string_view delivery_state_name(DeliveryState state);

// One delivery of one event to one webhook, as listed by /_sim/deliveries.
struct DeliveryRecord {
    std::uint64_t seq = 0;
    std::string webhook_id;
    std::string url;
    std::string type;
    std::string product_id;
    std::string outlet_id;
    std::int64_t version = 0;
    std::string body; // the form body; emptied once the delivery is finished
    int attempts = 0;
    int status = 0; // last HTTP status, 0 = none or transport error
    DeliveryState state = DeliveryState::queued;
    std::string error;
    bool duplicate = false;
};

// The webhook delivery queue: a background thread POSTs form-encoded payloads with retries,
// applying the drop, duplicate, reorder and delay faults.
class Deliverer final : public EventSink {
public:
    // Make a stopped queue.
    Deliverer(DeliveryOptions opts, FaultPolicy& faults);
    ~Deliverer() override;

    // Start the delivery thread.
    void start();
    // Stop the thread, abandoning queued deliveries.
    void stop();

    // Queue an event for each of its targets.
    void publish(Event event) override;
    // List delivery records (of one type when `type` is not empty).
    nlohmann::json list(const std::string& type) const;
    // Forget the delivery records; false (and nothing forgotten) while deliveries are pending.
    bool clear();
    // Send every held delivery now, in an order shuffled by the seeded delivery generator, one
    // after another; return how many. With hold_deliveries this is the only way out of held:
    // a test then decides when webhooks arrive (delay) and the seed decides their order.
    std::size_t release();
    // Wait until nothing is queued, held or in flight; false on timeout.
    bool wait_idle(std::chrono::milliseconds timeout);

private:
    using Steady = std::chrono::steady_clock;
    void run();
    void release_held(Steady::time_point now);
    void release_locked(Steady::time_point now);
    void enqueue(std::size_t record, Steady::time_point due);
    void finish(std::size_t record, int status, const std::string& error);
    bool idle() const;

    DeliveryOptions m_opts;
    FaultPolicy& m_faults;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_idle;
    std::vector<DeliveryRecord> m_records;
    std::uint64_t m_seq_base = 0; // seq of m_records[0]
    std::multimap<Steady::time_point, std::size_t> m_queue;
    std::vector<std::size_t> m_held;
    Steady::time_point m_held_until;
    int m_in_flight = 0;
    bool m_stop = false;
    std::thread m_thread;
};

} // namespace kivals::lssim
