// The speed lab job; see speedlab.h. The slow loops run in row chunks so that cancel answers
// within a fraction of a second and the time cap can stop them between chunks; the engine runs
// whole products (one call is at most a few seconds on the largest preset).
#include "engine/speedlab.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <unistd.h>

namespace linscape::engine {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string gib(double bytes) {
    char text[48];
    if (bytes < 1024.0 * 1024.0 * 1024.0)
        std::snprintf(text, sizeof text, "%.0f MiB", bytes / (1024.0 * 1024.0));
    else
        std::snprintf(text, sizeof text, "%.1f GiB", bytes / (1024.0 * 1024.0 * 1024.0));
    return text;
}

std::string methodLabel(SpeedMethod method, unsigned threads) {
    switch (method) {
    case SpeedMethod::Naive:
        return "naive loop";
    case SpeedMethod::Blocked:
        return "blocked loop";
    case SpeedMethod::Engine1:
        return "engine, 1 thread";
    case SpeedMethod::EngineAll:
        return "engine, " + std::to_string(threads) + (threads == 1 ? " thread" : " threads");
    case SpeedMethod::Gpu:
        return "GPU compute shader";
    }
    return "?";
}

// Max |c - ref| over the first `rows` rows, relative to max |ref| there.
double relError(const std::vector<float>& c, const std::vector<float>& ref, Index rows, Index n) {
    double diff = 0, scale = 0;
    const std::size_t count = std::size_t(rows) * std::size_t(n);
    for (std::size_t i = 0; i < count; ++i) {
        diff = std::max(diff, double(std::abs(c[i] - ref[i])));
        scale = std::max(scale, double(std::abs(ref[i])));
    }
    return scale > 0 ? diff / scale : diff;
}

} // namespace

std::string_view speedMethodId(SpeedMethod method) {
    switch (method) {
    case SpeedMethod::Naive:
        return "naive";
    case SpeedMethod::Blocked:
        return "blocked";
    case SpeedMethod::Engine1:
        return "engine_1";
    case SpeedMethod::EngineAll:
        return "engine_all";
    case SpeedMethod::Gpu:
        return "gpu";
    }
    return "?";
}

double speedLabMemoryBytes(const BenchShape& s) {
    const double m = double(s.m), k = double(s.k), n = double(s.n);
    return sizeof(float) * (m * k + k * n + 2.0 * m * n);
}

double speedLabMemoryLimit() {
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGE_SIZE);
    if (pages <= 0 || pageSize <= 0) return 64.0 * (1ull << 30);
    return 0.5 * double(pages) * double(pageSize);
}

std::string checkSpeedLabShape(const BenchShape& s, double limitBytes) {
    constexpr Index kMaxDim = 1 << 20;
    if (s.m < 1 || s.k < 1 || s.n < 1 || s.m > kMaxDim || s.k > kMaxDim || s.n > kMaxDim)
        return s.label() + ": each of m, k, n must be 1 to " + std::to_string(kMaxDim);
    const double limit = limitBytes > 0 ? limitBytes : speedLabMemoryLimit();
    const double bytes = speedLabMemoryBytes(s);
    if (bytes > limit)
        return s.label() + " needs about " + gib(bytes) +
               " (A, B and two copies of C in float), more than the " + gib(limit) +
               " the speed lab may use (half of this machine's memory)";
    return {};
}

Result<SpeedLabReport> runSpeedLab(const SpeedLabConfig& config, JobContext* ctx) {
    const BenchShape s = config.shape;
    if (std::string why = checkSpeedLabShape(s, config.memoryLimitBytes); !why.empty()) {
        const bool tooBig =
            speedLabMemoryBytes(s) > 0 && why.find("needs about") != std::string::npos;
        return makeError(tooBig ? ErrorCode::TooLarge : ErrorCode::InvalidArgument, why);
    }
    if (config.methods.empty()) return makeError(ErrorCode::InvalidArgument, "no methods to run");
    auto cancelled = [&] { return ctx && ctx->cancelled(); };
    auto status = [&](const std::string& text) {
        if (ctx) ctx->setStatus(text);
    };

    ThreadPool* pool = config.pool ? config.pool : &ThreadPool::shared();
    unsigned allThreads = config.threads == 0 ? pool->size() + 1 : config.threads;
    allThreads = std::clamp(allThreads, 1u, pool->size() + 1);

    SpeedLabReport report;
    report.shape = s;
    report.isa = std::string(kernelIsaName(detectKernelIsa()));
    report.threads = allThreads;

    const Index m = s.m, k = s.k, n = s.n;
    status("preparing the inputs");
    std::vector<float> a(std::size_t(m) * std::size_t(k)), b(std::size_t(k) * std::size_t(n));
    std::mt19937_64 rng(config.seed);
    std::uniform_real_distribution<float> uniform(-1.0f, 1.0f);
    for (float& x : a)
        x = uniform(rng);
    for (float& x : b)
        x = uniform(rng);
    std::vector<float> ref(std::size_t(m) * std::size_t(n)), c(ref.size());

    GemmOptions allOptions;
    allOptions.threads = allThreads;
    allOptions.pool = pool;
    // The reference, and a warm-up for the pool and the packing buffers.
    status("computing the reference with the engine");
    gemm(Layout::RowMajor, Op::None, Op::None, m, n, k, 1.0f, a.data(), k, b.data(), n, 0.0f,
         ref.data(), n, allOptions);

    std::vector<SpeedMethod> methods;
    for (SpeedMethod method : config.methods)
        if (method != SpeedMethod::Gpu) methods.push_back(method);
    const double count = double(std::max<std::size_t>(methods.size(), 1));
    for (std::size_t mi = 0; mi < methods.size(); ++mi) {
        if (cancelled()) break;
        const SpeedMethod method = methods[mi];
        SpeedResult r;
        r.method = method;
        r.threads = method == SpeedMethod::EngineAll ? allThreads : 1;
        r.label = methodLabel(method, r.threads);
        auto progress = [&](double within) {
            if (ctx) ctx->setProgress((double(mi) + std::clamp(within, 0.0, 1.0)) / count);
        };
        progress(0);
        std::fill(c.begin(), c.end(), 0.0f);
        Index rowsDone = m;

        if (method == SpeedMethod::Naive || method == SpeedMethod::Blocked) {
            // Chunks of about 20 MFLOP for the naive loop (tens of ms), 4x that for blocked.
            const double perRow = 2.0 * double(k) * double(n);
            const bool blocked = method == SpeedMethod::Blocked;
            Index chunk = std::max<Index>(1, Index((blocked ? 8e7 : 2e7) / perRow));
            if (blocked) chunk = std::max<Index>(64, chunk / 64 * 64);
            const auto t0 = Clock::now();
            rowsDone = 0;
            bool stopped = false;
            while (rowsDone < m) {
                const Index rows = std::min(chunk, m - rowsDone);
                const float* ap = a.data() + std::size_t(rowsDone) * std::size_t(k);
                float* cp = c.data() + std::size_t(rowsDone) * std::size_t(n);
                if (blocked)
                    gemmBlocked<float>(rows, n, k, ap, b.data(), cp);
                else
                    gemmNaive<float>(rows, n, k, ap, b.data(), cp);
                rowsDone += rows;
                const double elapsed = secondsSince(t0);
                const double frac = double(rowsDone) / double(m);
                progress(std::max(frac, elapsed / config.capSeconds));
                status(r.label + ": " + std::to_string(int(frac * 100)) + "% of the rows of C");
                if (cancelled()) {
                    stopped = true;
                    break;
                }
                if (elapsed >= config.capSeconds) break;
            }
            if (stopped) break;
            r.measuredSeconds = secondsSince(t0);
            r.fractionRun = double(rowsDone) / double(m);
            r.extrapolated = rowsDone < m;
            r.seconds = r.measuredSeconds / r.fractionRun;
        } else {
            GemmOptions options = allOptions;
            options.threads = r.threads;
            double best = 1e300, total = 0;
            int reps = 0;
            status(r.label + ": running");
            while (reps < 20 && (reps == 0 || total < config.minSeconds) && !cancelled()) {
                const auto t0 = Clock::now();
                gemm(Layout::RowMajor, Op::None, Op::None, m, n, k, 1.0f, a.data(), k, b.data(), n,
                     0.0f, c.data(), n, options);
                const double dt = secondsSince(t0);
                best = std::min(best, dt);
                total += dt;
                ++reps;
                progress(config.minSeconds > 0 ? total / config.minSeconds : 1.0);
            }
            if (reps == 0 || (cancelled() && total < config.minSeconds)) break;
            r.seconds = r.measuredSeconds = best;
        }
        r.seconds = std::max(r.seconds, 1e-9);
        r.gflops = s.flops() / r.seconds / 1e9;
        r.maxRelError = relError(c, ref, rowsDone, n);
        report.results.push_back(r);
        progress(1);
    }
    report.cancelled = cancelled();
    if (config.keepInputs && !report.cancelled) {
        auto inputs = std::make_shared<SpeedLabInputs>();
        inputs->shape = s;
        inputs->a = std::move(a);
        inputs->b = std::move(b);
        inputs->reference = std::move(ref);
        report.inputs = std::move(inputs);
    }
    if (!report.results.empty()) {
        const double base = report.results.front().seconds;
        for (SpeedResult& r : report.results)
            r.speedup = base / r.seconds;
    }
    status(report.cancelled ? "cancelled" : "done");
    return report;
}

void addSpeedResult(SpeedLabReport& report, SpeedResult r) {
    if (!r.skipped) {
        r.seconds = std::max(r.seconds, 1e-9);
        r.gflops = report.shape.flops() / r.seconds / 1e9;
        r.speedup = 0;
        for (const SpeedResult& first : report.results)
            if (!first.skipped) {
                r.speedup = first.seconds / r.seconds;
                break;
            }
    }
    report.results.push_back(std::move(r));
}

std::string speedLabCsv(const SpeedLabReport& report) {
    std::string out = "shape,m,k,n,method,label,threads,seconds,measured_seconds,extrapolated,"
                      "fraction_run,gflops,speedup,max_rel_error,note\n";
    // Notes are free text: quotes double, as CSV wants.
    auto quoted = [](const std::string& text) {
        std::string q = "\"";
        for (char ch : text)
            q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
        return q + "\"";
    };
    char line[512];
    for (const SpeedResult& r : report.results) {
        std::snprintf(line, sizeof line, "\"%s\",%td,%td,%td,%s,\"%s\",%u,",
                      report.shape.label().c_str(), report.shape.m, report.shape.k, report.shape.n,
                      std::string(speedMethodId(r.method)).c_str(), r.label.c_str(), r.threads);
        out += line;
        if (r.skipped) {
            out += ",,,,,,,";
        } else {
            std::snprintf(line, sizeof line, "%.6g,%.6g,%s,%.4f,%.4g,%.4g,%.3g,", r.seconds,
                          r.measuredSeconds, r.extrapolated ? "true" : "false", r.fractionRun,
                          r.gflops, r.speedup, r.maxRelError);
            out += line;
        }
        out += quoted(r.note) + "\n";
    }
    return out;
}

Result<std::string> saveSpeedLabCsv(const SpeedLabReport& report, const std::string& path) {
    std::ofstream f(path, std::ios::binary | std::ios::trunc);
    if (!f) return makeError(ErrorCode::Io, "cannot write '" + path + "'");
    f << speedLabCsv(report);
    f.close();
    if (!f) return makeError(ErrorCode::Io, "writing '" + path + "' failed");
    return path;
}

} // namespace linscape::engine
