#include <kivals/sync/background_pusher.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <thread>

using namespace kivals;
using namespace std::chrono_literals;
using sync::PushRound;

namespace {

// A push job that counts its rounds and answers what the test says.
struct FakeJob {
    std::atomic<int> rounds{0};
    std::atomic<int> next{static_cast<int>(PushRound::Next::when_triggered)};
    std::chrono::milliseconds takes{0};
    sync::BackgroundPusher::Job job() {
        return [this] {
            ++rounds;
            std::this_thread::sleep_for(takes);
            return PushRound{static_cast<PushRound::Next>(next.load()), 1, ""};
        };
    }
};

sync::BackgroundPushOptions fast() {
    sync::BackgroundPushOptions o;
    o.delay = 50ms;
    o.poll = 0ms;
    o.retry = 100ms;
    o.max_retry = 400ms;
    return o;
}

} // namespace

TEST_CASE("background pusher: a burst of triggers is one round, within the delay") {
    FakeJob fake;
    SystemClock clock;
    sync::BackgroundPusher pusher(fake.job(), fast(), clock);
    for (int i = 0; i < 20; ++i)
        pusher.trigger();
    std::this_thread::sleep_for(300ms);
    CHECK(fake.rounds == 1);
    CHECK(pusher.status().rounds == 1);
    CHECK(pusher.status().pushed == 1);
    pusher.trigger();
    std::this_thread::sleep_for(300ms);
    CHECK(fake.rounds == 2);
}

TEST_CASE("background pusher: a trigger during a round brings another round") {
    FakeJob fake;
    fake.takes = 200ms;
    SystemClock clock;
    sync::BackgroundPusher pusher(fake.job(), fast(), clock);
    std::this_thread::sleep_for(120ms); // the first round is running
    pusher.trigger();
    std::this_thread::sleep_for(600ms);
    CHECK(fake.rounds == 2);
}

TEST_CASE("background pusher: a held lock retries soon; failures back off and ignore triggers") {
    FakeJob fake;
    fake.next = static_cast<int>(PushRound::Next::soon);
    SystemClock clock;
    sync::BackgroundPusher pusher(fake.job(), fast(), clock);
    std::this_thread::sleep_for(500ms); // 50 ms, then every 100 ms: about 5 rounds
    int soon_rounds = fake.rounds;
    CHECK(soon_rounds >= 3);
    CHECK(pusher.status().retrying);
    fake.next = static_cast<int>(PushRound::Next::back_off);
    std::this_thread::sleep_for(200ms);
    int start = fake.rounds;
    for (int i = 0; i < 50; ++i) { // triggers while failing do not bring rounds forward
        pusher.trigger();
        std::this_thread::sleep_for(20ms);
    }
    CHECK(fake.rounds - start <= 5); // waits of 100, 200, 400, 400 ms within one second
    fake.next = static_cast<int>(PushRound::Next::when_triggered);
    std::this_thread::sleep_for(500ms);
    int settled = fake.rounds;
    std::this_thread::sleep_for(300ms);
    CHECK(fake.rounds == settled); // done: no more rounds without a trigger
    CHECK_FALSE(pusher.status().retrying);
}

TEST_CASE("background pusher: stopping waits for the round in progress") {
    FakeJob fake;
    fake.takes = 200ms;
    SystemClock clock;
    auto started = std::chrono::steady_clock::now();
    {
        sync::BackgroundPusher pusher(fake.job(), fast(), clock);
        std::this_thread::sleep_for(100ms); // in the round
    }
    CHECK(fake.rounds == 1);
    CHECK(std::chrono::steady_clock::now() - started >= 250ms);
}
