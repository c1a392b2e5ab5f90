// The engine's thread pool: persistent workers, a FIFO of jobs, and a parallel-for in which the
// caller works too. Deadlock freedom rests on one rule: nobody ever waits for a job that has not
// started (nested calls run inline, and parallelFor only waits for helpers already running).
#include "engine/thread_pool.h"

#include <algorithm>
#include <cassert>
#include <chrono>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace linscape::engine {

namespace {

// The pool the current thread works for (nullptr on other threads).
thread_local const ThreadPool* t_ownerPool = nullptr;
// > 0 while the current thread runs a parallelFor body as its caller: nested calls run inline.
thread_local int t_parallelDepth = 0;

// How long an idle worker polls the queue before it blocks. Short enough not to steal a core
// from the UI or a compiler for long, long enough to bridge the gaps inside one gemm call.
constexpr auto kSpinTime = std::chrono::microseconds(200);
// How long the caller of parallelFor polls for running helpers to finish before it blocks.
constexpr auto kJoinSpinTime = std::chrono::microseconds(100);

inline void cpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#endif
}

// What the caller and the helpers of one parallelFor share. Helpers hold it through a
// shared_ptr, so a helper that starts after the call returned finds it closed and leaves.
struct ForState {
    std::size_t count = 0;
    const std::function<void(std::size_t, unsigned)>* body = nullptr;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::atomic<unsigned> nextWorker{1};
    // Bit 0: closed (the caller finished its share; nobody may join any more). Bits 1..: the
    // number of helpers inside run(). One word, so joining and closing cannot interleave badly.
    std::atomic<unsigned> members{0};

    std::mutex mutex; // guards error, and pairs with idle for the caller's final wait
    std::condition_variable idle;
    std::exception_ptr error;

    bool join() {
        unsigned seen = members.load(std::memory_order_relaxed);
        do {
            if (seen & 1u) return false;
        } while (!members.compare_exchange_weak(seen, seen + 2, std::memory_order_acquire));
        return true;
    }

    void leave() {
        // 3 -> 1: this was the last helper and the caller is waiting (or about to).
        if (members.fetch_sub(2, std::memory_order_acq_rel) == 3) {
            std::lock_guard lock(mutex);
            idle.notify_all();
        }
    }

    // Closes the call and waits for the helpers inside it. They are running, so a short spin
    // usually sees them leave; blocking costs a futex wake-up, tens of microseconds here.
    void closeAndWait() {
        if (members.fetch_or(1u, std::memory_order_acq_rel) == 0) return;
        const auto spinUntil = std::chrono::steady_clock::now() + kJoinSpinTime;
        while (std::chrono::steady_clock::now() < spinUntil) {
            for (int i = 0; i < 32; ++i) {
                if (members.load(std::memory_order_acquire) == 1u) return;
                cpuRelax();
            }
        }
        std::unique_lock lock(mutex);
        idle.wait(lock, [this] { return members.load(std::memory_order_acquire) == 1u; });
    }

    void run(unsigned worker) {
        while (!failed.load(std::memory_order_relaxed)) {
            const std::size_t index = next.fetch_add(1, std::memory_order_relaxed);
            if (index >= count) break;
            try {
                (*body)(index, worker);
            } catch (...) {
                std::lock_guard lock(mutex);
                if (!error) error = std::current_exception();
                failed.store(true, std::memory_order_relaxed);
            }
        }
    }
};

} // namespace

ThreadPool::ThreadPool(unsigned threads) {
    if (threads == 0) {
        // The thread that calls parallelFor works too: caller + workers = hardware threads. One
        // more worker would only spin or preempt the others (measured: 2 vCPUs, 2 workers and a
        // caller made a 2-thread gemm of N = 256 slower than 1 thread).
        threads = std::max(2u, std::thread::hardware_concurrency()) - 1;
    }
    m_workers.reserve(threads);
    for (unsigned i = 0; i < threads; ++i)
        m_workers.emplace_back([this, i] { workerLoop(i); });
}

ThreadPool::~ThreadPool() {
    // Joining ourselves would never return.
    assert(t_ownerPool != this && "a ThreadPool must not be destroyed from one of its tasks");
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    for (std::thread& worker : m_workers)
        worker.join();
    // Jobs that never started are dropped with the queue: their futures report broken_promise,
    // and parallelFor callers never wait for helpers that did not start.
}

bool ThreadPool::insideWorker() {
    return t_ownerPool != nullptr;
}

ThreadPool& ThreadPool::shared() {
    static ThreadPool pool(0);
    return pool;
}

void ThreadPool::enqueue(std::function<void()> job) {
    bool wakeOne = false;
    {
        std::lock_guard lock(m_mutex);
        m_queue.push_back(std::move(job));
        m_queued.store(m_queue.size(), std::memory_order_release);
        wakeOne = m_sleeping > 0;
    }
    if (wakeOne) m_wake.notify_one();
}

// Waits until a job is queued or the pool stops; returns false when the worker should exit.
// Called and returning with the lock held.
bool ThreadPool::waitForJob(std::unique_lock<std::mutex>& lock) {
    if (m_stopping) return false;
    if (!m_queue.empty()) return true;
    lock.unlock();
    const auto spinUntil = std::chrono::steady_clock::now() + kSpinTime;
    while (m_queued.load(std::memory_order_acquire) == 0 &&
           std::chrono::steady_clock::now() < spinUntil) {
        for (int i = 0; i < 64; ++i)
            cpuRelax();
    }
    lock.lock();
    ++m_sleeping;
    m_wake.wait(lock, [this] { return m_stopping || !m_queue.empty(); });
    --m_sleeping;
    return !m_stopping;
}

void ThreadPool::workerLoop(unsigned /*index*/) {
    t_ownerPool = this;
    std::unique_lock lock(m_mutex);
    while (waitForJob(lock)) {
        std::function<void()> job = std::move(m_queue.front());
        m_queue.pop_front();
        m_queued.store(m_queue.size(), std::memory_order_release);
        lock.unlock();
        job();         // jobs built by submit/parallelFor never throw out of here
        job = nullptr; // release captures outside the lock
        lock.lock();
    }
}

void ThreadPool::parallelFor(std::size_t count,
                             const std::function<void(std::size_t, unsigned)>& body,
                             unsigned maxThreads) {
    if (count == 0) return;
    const unsigned poolThreads = size();
    unsigned threads = maxThreads == 0 ? poolThreads + 1 : std::min(maxThreads, poolThreads + 1);
    if (threads > count) threads = static_cast<unsigned>(count);
    if (threads <= 1 || insideWorker() || t_parallelDepth > 0) {
        // Inline: the nested case must not queue work it would then wait for.
        for (std::size_t i = 0; i < count; ++i)
            body(i, 0);
        return;
    }

    auto state = std::make_shared<ForState>();
    state->count = count;
    state->body = &body;
    for (unsigned h = 1; h < threads; ++h) {
        enqueue([state] {
            if (!state->join()) return;
            state->run(state->nextWorker.fetch_add(1, std::memory_order_relaxed));
            state->leave();
        });
    }

    ++t_parallelDepth;
    state->run(0);
    --t_parallelDepth;

    state->closeAndWait();
    // Take the exception out of the shared state: a helper may drop the last reference to the
    // state after this returns, and the exception object must not die on that thread while the
    // caller's handler still reads it (its reference count lives in the uninstrumented runtime,
    // so ThreadSanitizer could not see that ordering either).
    std::exception_ptr error;
    {
        std::lock_guard lock(state->mutex);
        error = std::move(state->error);
    }
    if (error) std::rethrow_exception(error);
}

} // namespace linscape::engine
