// Background jobs: long work (a large matmul, a benchmark sweep, a large SVD) runs off the UI
// thread with progress 0..1 and cancel, and hands its result back through a queue the UI thread
// drains once per frame.
//
// Failure: an exception thrown by a job never escapes its thread. The job is marked failed
// (JobHandle::failed(), error() holds the exception's message, status() reads "failed: ..."), and
// its completion callback still runs from poll(), with cancelled = false.
#pragma once

#include "engine/result.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace linscape::engine {

// What a job sees while it runs.
class JobContext {
public:
    // Clamped to [0, 1] (NaN reads as 0), so a careless job cannot show 120 %.
    void setProgress(double fraction) {
        m_progress.store(fraction > 0 ? (fraction < 1 ? fraction : 1.0) : 0.0,
                         std::memory_order_relaxed);
    }
    // Work should poll this and return early; the job then reports cancelled.
    bool cancelled() const { return m_cancel.load(std::memory_order_relaxed); }
    void setStatus(std::string text); // a short line for the UI ("pass 2 of 5")

private:
    friend class JobQueue;
    friend class JobHandle;
    std::atomic<double> m_progress{0.0};
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_done{false};
    std::atomic<bool> m_failed{false};
    mutable std::mutex m_statusMutex;
    std::string m_status;
    std::string m_error; // guarded by m_statusMutex
};

// The UI's view of a job.
class JobHandle {
public:
    JobHandle() = default;
    explicit JobHandle(std::shared_ptr<JobContext> ctx) : m_ctx(std::move(ctx)) {}
    bool valid() const { return m_ctx != nullptr; }
    double progress() const; // 1 once finished normally
    bool done() const;       // the work function returned (or threw); poll() may still be pending
    bool failed() const;     // the work threw; see error()
    std::string error() const;
    std::string status() const;
    void cancel(); // asks the job to stop; it reports cancelled when it returns

private:
    std::shared_ptr<JobContext> m_ctx;
};

// Runs jobs on their own threads (not the compute pool, so a job may itself use the pool) and
// queues completions; poll() on the UI thread runs the completion callbacks there.
class JobQueue {
public:
    JobQueue() = default;
    ~JobQueue(); // cancels running jobs and joins them; undelivered callbacks are dropped
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    // work runs on a background thread; onDone runs later on the thread that calls poll(),
    // receiving whether the job was cancelled.
    JobHandle start(std::string name, std::function<void(JobContext&)> work,
                    std::function<void(bool cancelled)> onDone = {});
    // Runs the completion callbacks of finished jobs on the calling thread, in the order the jobs
    // finished; returns how many finished jobs it delivered. If a callback throws, the others still
    // run and the first exception is rethrown afterwards.
    int poll();
    // Blocks until every job finished (tests and headless runs only, never the UI thread); the
    // callbacks still wait for poll().
    void waitAll();
    int running() const; // jobs whose work has not returned yet

private:
    struct Entry;
    void finish(const std::shared_ptr<Entry>& entry);
    mutable std::mutex m_mutex;
    std::condition_variable m_finished;
    std::vector<std::shared_ptr<Entry>> m_entries; // started, not yet delivered by poll()
    std::uint64_t m_finishCounter = 0;             // orders completions for poll()
};

} // namespace linscape::engine
