#pragma once

#include <kivals/core/clock.hpp>
#include <kivals/core/expected.hpp>
#include <kivals/core/progress.hpp>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

// The admin page's long actions (Pull Full Sync, Push Inventory, Fetch Products, Create
// Webhooks) on threads of their own, one of each kind at a time in this process; the page
// polls their progress and shows their result. The work itself takes the same job locks as
// the CLI, so a cron run of the same kind refuses it (and it refuses cron's) exactly as two
// CLI runs refuse each other.
namespace kivals::admin {

// One action's state as the page shows it.
struct JobState {
    enum class Phase { running, succeeded, failed };
    std::string kind;        // the action's name ("pull-sync")
    std::int64_t number = 0; // counts up per kind: the page tells a new run from an old one
    Phase phase = Phase::running;
    std::string progress; // the last thing the work said (step_text/wait_text), or empty
    std::string result;   // the summary or the error message, once it has ended
    SysTime started{};
    std::optional<SysTime> ended;
};

// Return "running", "succeeded" or "failed".
std::string_view phase_name(JobState::Phase phase);

class JobRunner {
public:
    // The work of one action: report to the Progress, return the summary line, throw
    // kivals::Error (or any std::exception) for a failure.
    using Work = std::function<std::string(Progress&)>;

    explicit JobRunner(const Clock& clock) : m_clock(clock) {}
    JobRunner(const JobRunner&) = delete;
    JobRunner& operator=(const JobRunner&) = delete;
    // Wait for every action in progress to end (a push is never cut off halfway).
    ~JobRunner();

    // Start `work` as action `kind`, unless one of that kind is running (then the error says
    // so). Returns the new state.
    Expected<JobState, std::string> start(const std::string& kind, Work work);
    // Return the newest run of `kind`, or nullopt when there was none.
    std::optional<JobState> last(const std::string& kind) const;
    // Return the newest run of each kind, by kind.
    std::vector<JobState> all() const;

private:
    struct Slot;
    class Reporter;
    void run(const std::shared_ptr<Slot>& slot, Work work);

    const Clock& m_clock;
    mutable std::mutex m_mutex;
    std::map<std::string, std::shared_ptr<Slot>> m_slots; // by kind
    std::map<std::string, std::thread> m_threads;         // by kind: the newest run's
};

} // namespace kivals::admin
