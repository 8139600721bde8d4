#include <kivals/admin/jobs.hpp>
#include <kivals/core/error.hpp>

#include <fmt/format.h>

namespace kivals::admin {

std::string_view phase_name(JobState::Phase phase) {
    switch (phase) {
    case JobState::Phase::running:
        return "running";
    case JobState::Phase::succeeded:
        return "succeeded";
    case JobState::Phase::failed:
        break;
    }
    return "failed";
}

struct JobRunner::Slot {
    JobState state; // guarded by the runner's mutex
};

// Keeps the last line the work said in its slot, for the page to poll.
class JobRunner::Reporter final : public Progress {
public:
    Reporter(JobRunner& runner, std::shared_ptr<Slot> slot)
        : m_runner(runner), m_slot(std::move(slot)) {}
    void step(std::string_view task, std::int64_t done, std::int64_t total,
              std::string_view unit) override {
        say(step_text(task, done, total, unit));
    }
    void wait(std::chrono::milliseconds duration, std::string_view message) override {
        say(fmt::format("{} ({})", message, wait_text(duration)));
    }
    void finish() override {}

private:
    void say(std::string line) {
        std::lock_guard lock(m_runner.m_mutex);
        m_slot->state.progress = std::move(line);
    }
    JobRunner& m_runner;
    std::shared_ptr<Slot> m_slot;
};

JobRunner::~JobRunner() {
    for (auto& [kind, thread] : m_threads)
        thread.join();
}

Expected<JobState, std::string> JobRunner::start(const std::string& kind, Work work) {
    std::lock_guard lock(m_mutex);
    auto& slot = m_slots[kind];
    std::int64_t number = 1;
    if (slot) {
        if (slot->state.phase == JobState::Phase::running)
            return Unexpected(fmt::format("{} is already running (started {})", kind,
                                          iso8601(slot->state.started)));
        number = slot->state.number + 1;
    }
    slot = std::make_shared<Slot>();
    slot->state.kind = kind;
    slot->state.number = number;
    slot->state.started = m_clock.now();
    JobState started = slot->state;
    std::thread& thread = m_threads[kind];
    if (thread.joinable())
        thread.join(); // the previous run has ended: it only returns from run() now
    thread = std::thread([this, slot, work = std::move(work)] { run(slot, work); });
    return started;
}

void JobRunner::run(const std::shared_ptr<Slot>& slot, Work work) {
    Reporter reporter(*this, slot);
    JobState::Phase phase = JobState::Phase::succeeded;
    std::string result;
    try {
        result = work(reporter);
    } catch (const std::exception& e) {
        phase = JobState::Phase::failed;
        result = e.what();
    }
    std::lock_guard lock(m_mutex);
    slot->state.phase = phase;
    slot->state.result = std::move(result);
    slot->state.ended = m_clock.now();
}

std::optional<JobState> JobRunner::last(const std::string& kind) const {
    std::lock_guard lock(m_mutex);
    auto it = m_slots.find(kind);
    if (it == m_slots.end())
        return std::nullopt;
    return it->second->state;
}

std::vector<JobState> JobRunner::all() const {
    std::lock_guard lock(m_mutex);
    std::vector<JobState> out;
    for (const auto& [kind, slot] : m_slots)
        out.push_back(slot->state);
    return out;
}

} // namespace kivals::admin
