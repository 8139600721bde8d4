#include <kivals/db/commit_gate.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <thread>

using namespace kivals;
using namespace std::chrono_literals;

TEST_CASE("commit gate: a commit waits for the readers inside; new readers wait for a commit") {
    db::CommitGate gate;
    std::atomic<int> step{0};
    gate.lock_shared(); // a reader is inside
    std::thread committer([&] {
        std::lock_guard commit(gate);
        step = 1; // committing
        std::this_thread::sleep_for(100ms);
        step = 2;
    });
    std::this_thread::sleep_for(50ms);
    CHECK(step == 0); // the commit waits for the reader
    std::thread late_reader([&] {
        std::shared_lock read(gate); // arrives while the commit waits: goes after it
        CHECK(step == 2);
    });
    std::this_thread::sleep_for(50ms);
    gate.unlock_shared();
    committer.join();
    late_reader.join();
    CHECK(step == 2);
}
