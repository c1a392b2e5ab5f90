// Thread pool: results and exceptions through futures and parallelFor, nested calls inline, a busy
// pool never blocking a caller, and shutdown with work pending. Built to run under TSan too.
#include "engine/thread_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <numeric>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using namespace linscape::engine;

namespace {

// A one-shot gate: tasks block on it until the test opens it.
class Gate {
public:
    void open() {
        std::lock_guard lock(m_mutex);
        m_open = true;
        m_cv.notify_all();
    }
    void wait() {
        std::unique_lock lock(m_mutex);
        m_cv.wait(lock, [this] { return m_open; });
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_open = false;
};

} // namespace

TEST(ThreadPool, SizesToTheHardwareByDefault) {
    ThreadPool pool; // the caller of parallelFor is the last of the hardware threads
    const unsigned hw = std::max(2u, std::thread::hardware_concurrency());
    EXPECT_EQ(pool.size(), hw - 1);
    EXPECT_EQ(ThreadPool(3).size(), 3u);
    EXPECT_EQ(&ThreadPool::shared(), &ThreadPool::shared());
    EXPECT_FALSE(ThreadPool::insideWorker());
}

TEST(ThreadPool, SubmitReturnsValuesAndRunsOnWorkers) {
    ThreadPool pool(2);
    auto value = pool.submit([] { return 6 * 7; });
    auto inside = pool.submit([] { return ThreadPool::insideWorker(); });
    EXPECT_EQ(value.get(), 42);
    EXPECT_TRUE(inside.get());
}

TEST(ThreadPool, ManyTinyJobs) {
    ThreadPool pool(4);
    std::atomic<int> counter{0};
    std::vector<std::future<void>> futures;
    constexpr int kJobs = 20000;
    futures.reserve(kJobs);
    for (int i = 0; i < kJobs; ++i)
        futures.push_back(pool.submit([&] { ++counter; }));
    for (auto& f : futures)
        f.get();
    EXPECT_EQ(counter.load(), kJobs);
}

TEST(ThreadPool, ManyTinyParallelFors) {
    ThreadPool pool(3);
    for (int round = 0; round < 2000; ++round) {
        const std::size_t count = 1 + round % 7;
        std::vector<std::atomic<int>> hits(count);
        pool.parallelFor(count, [&](std::size_t i, unsigned) { ++hits[i]; });
        for (auto& h : hits)
            ASSERT_EQ(h.load(), 1);
    }
}

TEST(ThreadPool, ParallelForCoversEveryIndexOnceWithDistinctWorkers) {
    ThreadPool pool(3);
    constexpr std::size_t kCount = 10000;
    std::vector<std::atomic<int>> hits(kCount);
    std::mutex mutex;
    std::set<std::pair<unsigned, std::thread::id>> seen;
    const auto caller = std::this_thread::get_id();
    pool.parallelFor(kCount, [&](std::size_t i, unsigned worker) {
        ++hits[i];
        std::lock_guard lock(mutex);
        seen.insert({worker, std::this_thread::get_id()});
    });
    for (auto& h : hits)
        ASSERT_EQ(h.load(), 1);
    std::set<unsigned> workers;
    for (const auto& [worker, id] : seen) {
        EXPECT_LT(worker, 4u); // 3 workers + the caller
        if (worker == 0) {
            EXPECT_EQ(id, caller); // the caller takes part as worker 0
        }
        workers.insert(worker);
    }
    EXPECT_EQ(workers.size(), seen.size()); // one thread per worker index
}

TEST(ThreadPool, MaxThreadsOneRunsOnTheCaller) {
    ThreadPool pool(4);
    const auto caller = std::this_thread::get_id();
    std::atomic<int> elsewhere{0};
    pool.parallelFor(
        100,
        [&](std::size_t, unsigned worker) {
            if (std::this_thread::get_id() != caller || worker != 0) ++elsewhere;
        },
        1);
    EXPECT_EQ(elsewhere.load(), 0);
}

TEST(ThreadPool, SubmitCarriesExceptions) {
    ThreadPool pool(2);
    auto failing = pool.submit([]() -> int { throw std::runtime_error("boom"); });
    EXPECT_THROW(failing.get(), std::runtime_error);
    EXPECT_EQ(pool.submit([] { return 1; }).get(), 1); // the pool survives
}

TEST(ThreadPool, ParallelForRethrowsAfterOthersFinish) {
    ThreadPool pool(3);
    std::atomic<int> running{0};
    std::atomic<int> maxSeenAfterThrow{0};
    for (int round = 0; round < 50; ++round) {
        try {
            pool.parallelFor(64, [&](std::size_t i, unsigned) {
                ++running;
                if (i == 5) {
                    --running;
                    throw std::logic_error("index 5");
                }
                std::this_thread::sleep_for(std::chrono::microseconds(50));
                --running;
            });
            FAIL() << "expected an exception";
        } catch (const std::logic_error& e) {
            EXPECT_STREQ(e.what(), "index 5");
            // No body of this call may still be running once the exception arrives.
            maxSeenAfterThrow = std::max(maxSeenAfterThrow.load(), running.load());
        }
    }
    EXPECT_EQ(maxSeenAfterThrow.load(), 0);
    std::atomic<int> after{0};
    pool.parallelFor(10, [&](std::size_t, unsigned) { ++after; });
    EXPECT_EQ(after.load(), 10);
}

TEST(ThreadPool, NestedCallsRunInlineWithoutDeadlock) {
    ThreadPool pool(2);
    std::atomic<int> total{0};
    pool.parallelFor(8, [&](std::size_t, unsigned) {
        const auto outer = std::this_thread::get_id();
        pool.parallelFor(16, [&](std::size_t, unsigned worker) {
            EXPECT_EQ(std::this_thread::get_id(), outer);
            EXPECT_EQ(worker, 0u);
            ++total;
        });
        // submit from inside a task runs at once, so waiting on it cannot deadlock.
        EXPECT_EQ(pool.submit([] { return 3; }).get(), 3);
    });
    EXPECT_EQ(total.load(), 8 * 16);

    // A task that itself fans out and waits: every worker busy in such tasks still finishes.
    std::vector<std::future<int>> futures;
    for (int i = 0; i < 8; ++i) {
        futures.push_back(pool.submit([&pool] {
            std::atomic<int> inner{0};
            pool.parallelFor(100, [&](std::size_t, unsigned) { ++inner; });
            return inner.load();
        }));
    }
    for (auto& f : futures)
        EXPECT_EQ(f.get(), 100);
}

TEST(ThreadPool, BusyPoolDoesNotBlockTheCaller) {
    ThreadPool pool(2);
    Gate gate;
    auto blockerA = pool.submit([&] { gate.wait(); });
    auto blockerB = pool.submit([&] { gate.wait(); });
    // Both workers are stuck: the caller must do all the work itself and return.
    std::atomic<int> count{0};
    pool.parallelFor(1000, [&](std::size_t, unsigned worker) {
        EXPECT_EQ(worker, 0u);
        ++count;
    });
    EXPECT_EQ(count.load(), 1000);
    gate.open();
    blockerA.get();
    blockerB.get();
}

TEST(ThreadPool, SeveralCallersShareOnePool) {
    ThreadPool pool(2);
    std::atomic<long> sum{0};
    std::vector<std::thread> callers;
    for (int t = 0; t < 4; ++t) {
        callers.emplace_back([&] {
            for (int round = 0; round < 200; ++round) {
                pool.parallelFor(50, [&](std::size_t i, unsigned) { sum += long(i); });
            }
        });
    }
    for (auto& t : callers)
        t.join();
    EXPECT_EQ(sum.load(), 4L * 200 * (49 * 50 / 2));
}

TEST(ThreadPool, DestructionWithWorkPendingFinishesStartedAndDropsTheRest) {
    for (int round = 0; round < 20; ++round) {
        std::atomic<int> started{0}, finished{0};
        std::vector<std::future<void>> futures;
        {
            ThreadPool pool(2);
            for (int i = 0; i < 500; ++i) {
                futures.push_back(pool.submit([&] {
                    ++started;
                    std::this_thread::sleep_for(std::chrono::microseconds(100));
                    ++finished;
                }));
            }
        } // must neither hang nor crash
        EXPECT_EQ(started.load(), finished.load());
        int ran = 0, dropped = 0;
        for (auto& f : futures) {
            try {
                f.get();
                ++ran;
            } catch (const std::future_error& e) {
                EXPECT_EQ(e.code(), std::make_error_code(std::future_errc::broken_promise));
                ++dropped;
            }
        }
        EXPECT_EQ(ran, finished.load());
        EXPECT_EQ(ran + dropped, 500);
    }
}

TEST(ThreadPool, LeftoverHelpersOfAFinishedParallelForAreHarmless) {
    // With both workers blocked, parallelFor finishes on the caller and its helper jobs stay
    // queued; they must neither touch the finished call's state nor keep the pool from closing.
    for (int round = 0; round < 50; ++round) {
        auto pool = std::make_unique<ThreadPool>(2);
        Gate gate;
        auto blockerA = pool->submit([&] { gate.wait(); });
        auto blockerB = pool->submit([&] { gate.wait(); });
        {
            std::vector<int> local(64, 0); // dies before the helpers could run
            pool->parallelFor(local.size(), [&](std::size_t i, unsigned) { local[i] = 1; });
            EXPECT_EQ(std::accumulate(local.begin(), local.end(), 0), 64);
        }
        gate.open();
        if (round % 2 == 0) { // half the rounds let the leftovers run, half drop them
            blockerA.get();
            blockerB.get();
            pool->submit([] {}).get();
        }
        pool.reset();
    }
}
