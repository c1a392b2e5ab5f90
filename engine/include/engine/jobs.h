// Background jobs: long work (a large matmul, a benchmark sweep, a large SVD) runs off the UI
// thread with progress 0..1 and cancel, and hands its result back through a queue the UI thread
// drains once per frame.
#pragma once

#include "engine/result.h"

#include <atomic>
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
    void setProgress(double fraction) { m_progress.store(fraction, std::memory_order_relaxed); }
    bool cancelled() const { return m_cancel.load(std::memory_order_relaxed); }
    void setStatus(std::string text);

private:
    friend class JobQueue;
    friend class JobHandle;
    std::atomic<double> m_progress{0.0};
    std::atomic<bool> m_cancel{false};
    std::atomic<bool> m_done{false};
    mutable std::mutex m_statusMutex;
    std::string m_status;
};

// The UI's view of a job.
class JobHandle {
public:
    JobHandle() = default;
    explicit JobHandle(std::shared_ptr<JobContext> ctx) : m_ctx(std::move(ctx)) {}
    bool valid() const { return m_ctx != nullptr; }
    double progress() const;
    bool done() const;
    std::string status() const;
    void cancel();

private:
    std::shared_ptr<JobContext> m_ctx;
};

// Runs jobs on their own threads (not the compute pool, so a job may itself use the pool) and
// queues completions; poll() on the UI thread runs the completion callbacks there.
class JobQueue {
public:
    JobQueue() = default;
    ~JobQueue(); // cancels running jobs and joins them
    JobQueue(const JobQueue&) = delete;
    JobQueue& operator=(const JobQueue&) = delete;

    // work runs on a background thread; onDone runs later on the thread that calls poll(),
    // receiving whether the job was cancelled.
    JobHandle start(std::string name, std::function<void(JobContext&)> work,
                    std::function<void(bool cancelled)> onDone = {});
    // Runs completion callbacks of finished jobs; returns how many ran.
    int poll();
    // Blocks until every job finished (tests and headless runs only, never the UI thread).
    void waitAll();
    int running() const;

private:
    struct Entry;
    mutable std::mutex m_mutex;
    std::vector<std::shared_ptr<Entry>> m_entries;
};

} // namespace linscape::engine
