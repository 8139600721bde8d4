#include "delivery.hpp"

#include <kivals/core/text.hpp>

#include <httplib.h>

#include <algorithm>

namespace kivals::lssim {

using nlohmann::json;

std::string_view delivery_state_name(DeliveryState state) {
    switch (state) {
    case DeliveryState::queued:
        return "queued";
    case DeliveryState::held:
        return "held";
    case DeliveryState::retrying:
        return "retrying";
    case DeliveryState::delivered:
        return "delivered";
    case DeliveryState::failed:
        return "failed";
    case DeliveryState::dropped:
        return "dropped";
    case DeliveryState::refused:
        return "refused";
    }
    return "queued";
}

namespace {

struct Destination {
    std::string host;
    int port = 80;
    std::string path; // "/path?query"
};

// Where a delivery goes: http:// on a loopback host only, so that the simulator never posts
// anywhere but this machine.
std::optional<Destination> loopback_destination(const std::string& text) {
    auto url = parse_url(text);
    if (!url || url->scheme != "http" || !is_loopback_host(url->host))
        return std::nullopt;
    if (!url->target.empty() && url->target.front() != '/')
        return std::nullopt;
    return Destination{url->host, url->port.value_or(80), url->target.empty() ? "/" : url->target};
}

} // namespace

Deliverer::Deliverer(DeliveryOptions opts, FaultPolicy& faults)
    : m_opts(std::move(opts)), m_faults(faults) {}

Deliverer::~Deliverer() {
    stop();
}

void Deliverer::start() {
    m_thread = std::thread([this] { run(); });
}

void Deliverer::stop() {
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_idle.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void Deliverer::publish(Event event) {
    std::string body = "payload=" + percent_encode(event.payload) +
                       "&domain_prefix=" + percent_encode(m_opts.domain_prefix) +
                       "&environment=production";
    FaultConfig cfg = m_faults.config();
    std::lock_guard lock(m_mutex);
    auto now = Steady::now();
    for (const Target& t : event.targets) {
        int copies = 1 + (m_faults.roll_duplicate() ? 1 : 0);
        bool dropped = m_faults.roll_drop();
        for (int c = 0; c < copies; ++c) {
            DeliveryRecord r;
            r.seq = m_seq_base + m_records.size();
            r.webhook_id = t.webhook_id;
            r.url = t.url;
            r.type = event.type;
            r.product_id = event.product_id;
            r.outlet_id = event.outlet_id;
            r.version = event.version;
            r.duplicate = c > 0;
            if (dropped) {
                r.state = DeliveryState::dropped;
                m_records.push_back(std::move(r));
                break;
            }
            r.body = body;
            m_records.push_back(std::move(r));
            std::size_t idx = m_records.size() - 1;
            if (cfg.hold_deliveries) {
                m_records[idx].state = DeliveryState::held;
                m_held.push_back(idx);
            } else if (cfg.reorder_window_ms > 0) {
                if (m_held.empty())
                    m_held_until = now + std::chrono::milliseconds(cfg.reorder_window_ms);
                m_records[idx].state = DeliveryState::held;
                m_held.push_back(idx);
            } else {
                enqueue(idx, now + std::chrono::milliseconds(cfg.delivery_delay_ms));
            }
        }
    }
    m_wake.notify_all();
}

void Deliverer::enqueue(std::size_t record, Steady::time_point due) {
    m_records[record].state = DeliveryState::queued;
    m_queue.emplace(due, record);
}

void Deliverer::release_held(Steady::time_point now) {
    if (m_held.empty() || now < m_held_until || m_faults.config().hold_deliveries)
        return;
    release_locked(now);
}

std::size_t Deliverer::release() {
    std::lock_guard lock(m_mutex);
    std::size_t n = m_held.size();
    release_locked(Steady::now());
    m_wake.notify_all();
    return n;
}

void Deliverer::release_locked(Steady::time_point now) {
    // Fisher-Yates with the seeded delivery generator: the order is reproducible.
    for (std::size_t i = m_held.size(); i > 1; --i)
        std::swap(m_held[i - 1], m_held[m_faults.pick(i)]);
    int delay = m_faults.config().delivery_delay_ms;
    // Consecutive due times keep the shuffled order in the multimap.
    auto due = now + std::chrono::milliseconds(delay);
    for (std::size_t k = 0; k < m_held.size(); ++k)
        enqueue(m_held[k], due + std::chrono::microseconds(k));
    m_held.clear();
}

void Deliverer::run() {
    std::unique_lock lock(m_mutex);
    while (!m_stop) {
        auto now = Steady::now();
        release_held(now);
        auto wake_at = Steady::time_point::max();
        // Held for release (hold_deliveries) they wait for release(), not for a time.
        if (!m_held.empty() && !m_faults.config().hold_deliveries)
            wake_at = m_held_until;
        if (m_queue.empty() || m_queue.begin()->first > now) {
            if (!m_queue.empty())
                wake_at = std::min(wake_at, m_queue.begin()->first);
            if (idle())
                m_idle.notify_all();
            if (wake_at == Steady::time_point::max())
                m_wake.wait(lock);
            else
                m_wake.wait_until(lock, wake_at);
            continue;
        }
        std::size_t idx = m_queue.begin()->second;
        m_queue.erase(m_queue.begin());
        DeliveryRecord& rec = m_records[idx];
        ++rec.attempts;
        std::string url = rec.url;
        std::string body = rec.body;
        ++m_in_flight;
        lock.unlock();

        int status = 0;
        std::string error;
        auto parsed = loopback_destination(url);
        if (!parsed) {
            error = "refused: only http:// loopback URLs are delivered";
        } else {
            httplib::Client cli(parsed->host, parsed->port);
            auto t = std::chrono::milliseconds(m_opts.timeout_ms);
            cli.set_connection_timeout(t);
            cli.set_read_timeout(t);
            cli.set_write_timeout(t);
            httplib::Headers headers{{"User-Agent", "kivals-lssim webhooks"}};
            auto res = cli.Post(parsed->path, headers, body, "application/x-www-form-urlencoded");
            if (res)
                status = res->status;
            else
                error = httplib::to_string(res.error());
        }

        lock.lock();
        --m_in_flight;
        finish(idx, status, parsed ? error : "");
        if (!parsed) {
            m_records[idx].state = DeliveryState::refused;
            m_records[idx].error = error;
            m_records[idx].body.clear();
        }
    }
}

void Deliverer::finish(std::size_t idx, int status, const std::string& error) {
    DeliveryRecord& rec = m_records[idx];
    rec.status = status;
    rec.error = error;
    if (status >= 200 && status < 300) {
        rec.state = DeliveryState::delivered;
        rec.body.clear();
    } else if (rec.attempts < m_opts.retry_max) {
        long delay = static_cast<long>(m_opts.retry_base_ms) << std::min(rec.attempts - 1, 16);
        delay = std::min(delay, 60'000L);
        enqueue(idx, Steady::now() + std::chrono::milliseconds(delay));
        rec.state = DeliveryState::retrying;
    } else {
        rec.state = DeliveryState::failed;
        rec.body.clear();
    }
    if (idle())
        m_idle.notify_all();
}

bool Deliverer::idle() const {
    return m_queue.empty() && m_held.empty() && m_in_flight == 0;
}

bool Deliverer::wait_idle(std::chrono::milliseconds timeout) {
    std::unique_lock lock(m_mutex);
    m_wake.notify_all();
    return m_idle.wait_for(lock, timeout, [this] { return m_stop || idle(); });
}

json Deliverer::list(const std::string& type) const {
    std::lock_guard lock(m_mutex);
    json data = json::array();
    for (const DeliveryRecord& r : m_records) {
        if (!type.empty() && r.type != type)
            continue;
        data.push_back({{"seq", r.seq},
                        {"webhook_id", r.webhook_id},
                        {"url", r.url},
                        {"type", r.type},
                        {"product_id", r.product_id},
                        {"outlet_id", r.outlet_id.empty() ? json(nullptr) : json(r.outlet_id)},
                        {"version", r.version},
                        {"attempts", r.attempts},
                        {"status", r.status},
                        {"state", delivery_state_name(r.state)},
                        {"error", r.error},
                        {"duplicate", r.duplicate}});
    }
    return {{"data", data}};
}

bool Deliverer::clear() {
    std::lock_guard lock(m_mutex);
    // Records still queued are referenced by index; only clear when idle.
    if (!idle())
        return false;
    m_seq_base += m_records.size();
    m_records.clear();
    return true;
}

} // namespace kivals::lssim
