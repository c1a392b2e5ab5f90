// A persistent pool of worker threads: submit/wait, and a parallel-for over tiles.
// Nested use from inside a task runs inline, so engine calls never deadlock; exceptions thrown in
// a task reach the caller; destruction with work pending finishes what started and drops the rest.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace linscape::engine {

class ThreadPool {
public:
    // threads == 0: one fewer than the hardware threads (at least one), because the thread that
    // calls parallelFor works as well: caller + workers = one thread per hardware thread.
    explicit ThreadPool(unsigned threads = 0);
    ~ThreadPool();
    ThreadPool(const ThreadPool&) = delete;
    ThreadPool& operator=(const ThreadPool&) = delete;

    unsigned size() const { return static_cast<unsigned>(m_workers.size()); }

    // Runs fn on a worker; the future carries its result or exception. Called from inside one of
    // this pool's tasks, fn runs inline at once (no deadlock waiting on a busy pool).
    template <class F>
    auto submit(F&& fn) -> std::future<std::invoke_result_t<F>> {
        using R = std::invoke_result_t<F>;
        auto task = std::make_shared<std::packaged_task<R()>>(std::forward<F>(fn));
        std::future<R> result = task->get_future();
        if (insideWorker()) {
            (*task)();
            return result;
        }
        enqueue([task] { (*task)(); });
        return result;
    }

    // Calls body(index, worker) for index in [0, count), spread over at most maxThreads threads
    // (0: all, i.e. size() + 1 with the caller). The calling thread takes part as worker 0,
    // helpers get 1, 2, ... (distinct within the call), and this returns when every index ran.
    // Indices are handed out dynamically, and the caller never waits for a helper that has not
    // started, so a busy pool only makes the call slower, never stuck. The first exception is
    // rethrown here after the running bodies finished; indices not yet started are skipped.
    // Nested calls (from a task, or from inside a body) run inline on the calling thread.
    void parallelFor(std::size_t count, const std::function<void(std::size_t, unsigned)>& body,
                     unsigned maxThreads = 0);

    // True on a thread that belongs to any ThreadPool.
    static bool insideWorker();
    // The process-wide pool the engine uses by default.
    static ThreadPool& shared();

private:
    void enqueue(std::function<void()> job);
    void workerLoop(unsigned index);
    bool waitForJob(std::unique_lock<std::mutex>& lock);

    std::vector<std::thread> m_workers;
    std::deque<std::function<void()>> m_queue;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stopping = false;
    unsigned m_sleeping = 0; // workers blocked on m_wake (guarded by m_mutex)
    // Queue length mirrored outside the lock so idle workers can spin on it briefly: a gemm issues
    // back-to-back parallelFor calls, and a sleeping worker costs tens of microseconds to wake.
    std::atomic<std::size_t> m_queued{0};
};

} // namespace linscape::engine
