// Background jobs on their own threads, with progress, cancel and failure, delivering completions
// to whichever thread calls poll() (the UI thread, once per frame).
#include "engine/jobs.h"

#include <algorithm>
#include <exception>

namespace linscape::engine {

struct JobQueue::Entry {
    std::string name;
    std::shared_ptr<JobContext> ctx;
    std::function<void(JobContext&)> work;
    std::function<void(bool)> onDone;
    std::thread thread;
    // Guarded by JobQueue::m_mutex.
    bool finished = false;
    bool cancelled = false; // cancel was requested before the work returned
    std::uint64_t finishOrder = 0;
};

void JobContext::setStatus(std::string text) {
    std::lock_guard lock(m_statusMutex);
    m_status = std::move(text);
}

double JobHandle::progress() const {
    return m_ctx ? m_ctx->m_progress.load(std::memory_order_relaxed) : 0.0;
}

bool JobHandle::done() const {
    return m_ctx && m_ctx->m_done.load(std::memory_order_acquire);
}

bool JobHandle::failed() const {
    return m_ctx && m_ctx->m_failed.load(std::memory_order_acquire);
}

std::string JobHandle::error() const {
    if (!m_ctx) return {};
    std::lock_guard lock(m_ctx->m_statusMutex);
    return m_ctx->m_error;
}

std::string JobHandle::status() const {
    if (!m_ctx) return {};
    std::lock_guard lock(m_ctx->m_statusMutex);
    return m_ctx->m_status;
}

void JobHandle::cancel() {
    if (m_ctx) m_ctx->m_cancel.store(true, std::memory_order_relaxed);
}

JobHandle JobQueue::start(std::string name, std::function<void(JobContext&)> work,
                          std::function<void(bool cancelled)> onDone) {
    auto entry = std::make_shared<Entry>();
    entry->name = std::move(name);
    entry->ctx = std::make_shared<JobContext>();
    entry->work = std::move(work);
    entry->onDone = std::move(onDone);
    JobHandle handle(entry->ctx);
    std::lock_guard lock(m_mutex);
    m_entries.push_back(entry);
    // Started under the lock so the destructor can never miss a thread; the job only takes the
    // lock again when it finishes.
    entry->thread = std::thread([this, entry] {
        JobContext& ctx = *entry->ctx;
        try {
            if (entry->work) entry->work(ctx);
        } catch (const std::exception& e) {
            std::lock_guard statusLock(ctx.m_statusMutex);
            ctx.m_error = e.what();
            ctx.m_status = "failed: " + ctx.m_error;
            ctx.m_failed.store(true, std::memory_order_release);
        } catch (...) {
            std::lock_guard statusLock(ctx.m_statusMutex);
            ctx.m_error = "unknown exception";
            ctx.m_status = "failed: unknown exception";
            ctx.m_failed.store(true, std::memory_order_release);
        }
        finish(entry);
    });
    return handle;
}

void JobQueue::finish(const std::shared_ptr<Entry>& entry) {
    JobContext& ctx = *entry->ctx;
    const bool cancelled = ctx.cancelled();
    if (!cancelled && !ctx.m_failed.load(std::memory_order_relaxed)) ctx.setProgress(1.0);
    ctx.m_done.store(true, std::memory_order_release);
    {
        std::lock_guard lock(m_mutex);
        entry->finished = true;
        entry->cancelled = cancelled;
        entry->finishOrder = ++m_finishCounter;
    }
    m_finished.notify_all();
}

int JobQueue::poll() {
    std::vector<std::shared_ptr<Entry>> ready;
    {
        std::lock_guard lock(m_mutex);
        auto split = std::stable_partition(m_entries.begin(), m_entries.end(),
                                           [](const auto& e) { return !e->finished; });
        ready.assign(split, m_entries.end());
        m_entries.erase(split, m_entries.end());
    }
    std::sort(ready.begin(), ready.end(),
              [](const auto& x, const auto& y) { return x->finishOrder < y->finishOrder; });
    // The work has returned; joining only waits for the thread to leave finish().
    for (auto& entry : ready)
        if (entry->thread.joinable()) entry->thread.join();
    std::exception_ptr firstError;
    for (auto& entry : ready) {
        if (!entry->onDone) continue;
        try {
            entry->onDone(entry->cancelled);
        } catch (...) {
            if (!firstError) firstError = std::current_exception();
        }
    }
    if (firstError) std::rethrow_exception(firstError);
    return static_cast<int>(ready.size());
}

void JobQueue::waitAll() {
    std::unique_lock lock(m_mutex);
    m_finished.wait(lock, [this] {
        return std::all_of(m_entries.begin(), m_entries.end(),
                           [](const auto& e) { return e->finished; });
    });
}

int JobQueue::running() const {
    std::lock_guard lock(m_mutex);
    return static_cast<int>(std::count_if(m_entries.begin(), m_entries.end(),
                                          [](const auto& e) { return !e->finished; }));
}

JobQueue::~JobQueue() {
    std::vector<std::shared_ptr<Entry>> entries;
    {
        std::lock_guard lock(m_mutex);
        for (auto& entry : m_entries)
            entry->ctx->m_cancel.store(true, std::memory_order_relaxed);
        entries.swap(m_entries);
    }
    for (auto& entry : entries)
        if (entry->thread.joinable()) entry->thread.join();
}

} // namespace linscape::engine
