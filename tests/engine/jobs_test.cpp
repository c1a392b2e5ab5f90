// Background jobs: progress seen while running, cancel midway, many jobs, callbacks on the polling
// thread, failures reported not crashing, destruction with work pending. Gates (not sleeps) make
// every ordering deterministic; waits time out instead of hanging a test run.
#include "engine/jobs.h"
#include "engine/matmul.h"

#include <atomic>
#include <chrono>
#include <gtest/gtest.h>
#include <stdexcept>
#include <thread>

using namespace linscape::engine;
using namespace std::chrono_literals;

namespace {

template <class Predicate>
bool waitUntil(Predicate predicate, std::chrono::milliseconds limit = 10000ms) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (!predicate()) {
        if (std::chrono::steady_clock::now() > deadline) return false;
        std::this_thread::sleep_for(100us);
    }
    return true;
}

} // namespace

TEST(Jobs, ProgressIsVisibleWhileRunning) {
    JobQueue queue;
    std::atomic<bool> release{false};
    bool callbackRan = false, callbackCancelled = true;
    JobHandle handle = queue.start(
        "half",
        [&](JobContext& ctx) {
            ctx.setProgress(0.5);
            ctx.setStatus("halfway");
            waitUntil([&] { return release.load(); });
        },
        [&](bool cancelled) {
            callbackRan = true;
            callbackCancelled = cancelled;
        });
    ASSERT_TRUE(handle.valid());
    ASSERT_TRUE(waitUntil([&] { return handle.progress() == 0.5; }));
    EXPECT_EQ(handle.status(), "halfway");
    EXPECT_FALSE(handle.done());
    EXPECT_EQ(queue.running(), 1);
    EXPECT_EQ(queue.poll(), 0); // nothing finished yet
    EXPECT_FALSE(callbackRan);

    release = true;
    queue.waitAll();
    EXPECT_TRUE(handle.done());
    EXPECT_EQ(handle.progress(), 1.0);
    EXPECT_FALSE(handle.failed());
    EXPECT_EQ(queue.running(), 0);
    EXPECT_FALSE(callbackRan); // only poll() runs callbacks
    EXPECT_EQ(queue.poll(), 1);
    EXPECT_TRUE(callbackRan);
    EXPECT_FALSE(callbackCancelled);
    EXPECT_EQ(queue.poll(), 0); // delivered once
}

TEST(Jobs, ProgressIsClamped) {
    JobQueue queue;
    std::atomic<int> stage{0};
    JobHandle handle = queue.start("clamp", [&](JobContext& c) {
        c.setProgress(1.7);
        stage = 1;
        waitUntil([&] { return stage.load() == 2; });
        c.setProgress(-3);
        stage = 3;
        waitUntil([&] { return stage.load() == 4; });
    });
    ASSERT_TRUE(waitUntil([&] { return stage.load() == 1; }));
    EXPECT_EQ(handle.progress(), 1.0);
    stage = 2;
    ASSERT_TRUE(waitUntil([&] { return stage.load() == 3; }));
    EXPECT_EQ(handle.progress(), 0.0);
    stage = 4;
    queue.waitAll();
}

TEST(Jobs, CancelMidwayStopsEarlyAndReportsCancelled) {
    JobQueue queue;
    constexpr int kSteps = 100000;
    std::atomic<int> stepsDone{0};
    int callbacks = 0;
    bool reportedCancelled = false;
    JobHandle handle = queue.start(
        "long",
        [&](JobContext& ctx) {
            for (int i = 0; i < kSteps && !ctx.cancelled(); ++i) {
                std::this_thread::sleep_for(50us);
                stepsDone = i + 1;
                ctx.setProgress(static_cast<double>(i + 1) / kSteps);
            }
        },
        [&](bool cancelled) {
            ++callbacks;
            reportedCancelled = cancelled;
        });
    ASSERT_TRUE(waitUntil([&] { return stepsDone.load() >= 10; }));
    handle.cancel();
    queue.waitAll();
    EXPECT_LT(stepsDone.load(), kSteps);
    EXPECT_TRUE(handle.done());
    EXPECT_LT(handle.progress(), 1.0); // a cancelled job does not claim to be complete
    EXPECT_EQ(queue.poll(), 1);
    EXPECT_EQ(callbacks, 1);
    EXPECT_TRUE(reportedCancelled);
}

TEST(Jobs, ManyJobsAllDeliverOnce) {
    JobQueue queue;
    constexpr int kJobs = 200;
    std::vector<long long> results(kJobs, 0);
    std::vector<int> delivered(kJobs, 0);
    for (int j = 0; j < kJobs; ++j) {
        queue.start(
            "sum " + std::to_string(j),
            [&results, j](JobContext& ctx) {
                long long sum = 0;
                for (int i = 1; i <= 1000 * (j + 1); ++i)
                    sum += i;
                results[static_cast<size_t>(j)] = sum;
                ctx.setProgress(1.0);
            },
            [&delivered, j](bool) { ++delivered[static_cast<size_t>(j)]; });
    }
    int total = 0;
    // Poll like a UI would, frame by frame, until everything arrived.
    ASSERT_TRUE(waitUntil([&] {
        total += queue.poll();
        return total == kJobs;
    }));
    EXPECT_EQ(queue.running(), 0);
    for (int j = 0; j < kJobs; ++j) {
        const long long n = 1000LL * (j + 1);
        EXPECT_EQ(results[static_cast<size_t>(j)], n * (n + 1) / 2);
        EXPECT_EQ(delivered[static_cast<size_t>(j)], 1);
    }
}

TEST(Jobs, CallbacksRunOnThePollingThread) {
    JobQueue queue;
    const auto testThread = std::this_thread::get_id();
    std::thread::id workThread, callbackThread;
    queue.start(
        "ids", [&](JobContext&) { workThread = std::this_thread::get_id(); },
        [&](bool) { callbackThread = std::this_thread::get_id(); });
    queue.waitAll();
    EXPECT_EQ(queue.poll(), 1);
    EXPECT_NE(workThread, testThread);
    EXPECT_EQ(callbackThread, testThread);

    // Whichever thread polls runs the callbacks.
    std::thread::id otherCallbackThread, pollerThread;
    queue.start(
        "ids 2", [](JobContext&) {},
        [&](bool) { otherCallbackThread = std::this_thread::get_id(); });
    queue.waitAll();
    std::thread poller([&] {
        pollerThread = std::this_thread::get_id();
        queue.poll();
    });
    poller.join();
    EXPECT_EQ(otherCallbackThread, pollerThread);
}

TEST(Jobs, ExceptionsMarkTheJobFailed) {
    JobQueue queue;
    bool cancelledFlag = true;
    int callbacks = 0;
    JobHandle boom = queue.start(
        "boom", [](JobContext&) { throw std::runtime_error("out of cheese"); },
        [&](bool cancelled) {
            ++callbacks;
            cancelledFlag = cancelled;
        });
    JobHandle odd = queue.start("odd", [](JobContext&) { throw 42; });
    JobHandle fine = queue.start("fine", [](JobContext&) {});
    queue.waitAll();
    EXPECT_EQ(queue.poll(), 3);
    EXPECT_TRUE(boom.done());
    EXPECT_TRUE(boom.failed());
    EXPECT_EQ(boom.error(), "out of cheese");
    EXPECT_EQ(boom.status(), "failed: out of cheese");
    EXPECT_LT(boom.progress(), 1.0);
    EXPECT_EQ(callbacks, 1);
    EXPECT_FALSE(cancelledFlag);
    EXPECT_TRUE(odd.failed());
    EXPECT_EQ(odd.error(), "unknown exception");
    EXPECT_FALSE(fine.failed());
    EXPECT_TRUE(fine.error().empty());
}

TEST(Jobs, ThrowingCallbackDoesNotLoseTheOthers) {
    JobQueue queue;
    int ran = 0;
    queue.start(
        "a", [](JobContext&) {}, [](bool) { throw std::logic_error("callback bug"); });
    queue.start(
        "b", [](JobContext&) {}, [&](bool) { ++ran; });
    queue.waitAll();
    EXPECT_THROW(queue.poll(), std::logic_error);
    EXPECT_EQ(ran, 1);
    EXPECT_EQ(queue.poll(), 0);
}

TEST(Jobs, DestructionCancelsAndJoins) {
    std::atomic<bool> sawCancel{false}, exited{false}, started{false};
    bool callbackRan = false;
    {
        JobQueue queue;
        queue.start(
            "forever",
            [&](JobContext& ctx) {
                started = true;
                // Runs until cancelled (with a safety limit so a bug cannot hang the suite).
                waitUntil([&] { return ctx.cancelled(); }, 20000ms);
                sawCancel = ctx.cancelled();
                exited = true;
            },
            [&](bool) { callbackRan = true; });
        ASSERT_TRUE(waitUntil([&] { return started.load(); }));
        EXPECT_EQ(queue.running(), 1);
    } // ~JobQueue: cancel, join
    EXPECT_TRUE(exited.load());
    EXPECT_TRUE(sawCancel.load());
    EXPECT_FALSE(callbackRan); // never delivered: the queue is gone
}

TEST(Jobs, JobMayUseTheComputePool) {
    JobQueue queue;
    Eigen::MatrixXd product;
    JobHandle handle = queue.start("matmul", [&](JobContext& ctx) {
        const Eigen::MatrixXd a = Eigen::MatrixXd::Ones(64, 32), b = Eigen::MatrixXd::Ones(32, 48);
        auto c = multiply(a, b);
        if (!c.ok()) throw std::runtime_error(c.error().describe());
        product = *c;
        ctx.setProgress(1.0);
    });
    queue.waitAll();
    queue.poll();
    ASSERT_FALSE(handle.failed()) << handle.error();
    ASSERT_EQ(product.rows(), 64);
    ASSERT_EQ(product.cols(), 48);
    EXPECT_EQ(product.maxCoeff(), 32.0);
    EXPECT_EQ(product.minCoeff(), 32.0);
}

TEST(Jobs, InvalidHandleIsHarmless) {
    JobHandle none;
    EXPECT_FALSE(none.valid());
    EXPECT_FALSE(none.done());
    EXPECT_FALSE(none.failed());
    EXPECT_EQ(none.progress(), 0.0);
    EXPECT_TRUE(none.status().empty());
    none.cancel();
}
