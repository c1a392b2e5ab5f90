// The matmul benchmark: peak FMA rates, then every (shape, precision, threads) row with the
// engine, Eigen, OpenBLAS and BLIS interleaved sample by sample, so machine noise (other
// processes, where the host puts the vCPUs) hits all of them alike. Plus text and JSON output.
#include "engine/matmul_bench.h"

#include "matmul_bench_libs.h"
#include "matmul_internal.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <latch>
#include <random>
#include <sstream>
#include <thread>

namespace linscape::engine {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t) {
    return std::chrono::duration<double>(Clock::now() - t).count();
}

unsigned hardwareThreads() {
    return std::max(1u, std::thread::hardware_concurrency());
}

std::string cpuModel() {
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const auto colon = line.find(':');
            if (colon != std::string::npos) return line.substr(colon + 2);
        }
    }
    return "unknown CPU";
}

// OpenBLAS's idle workers spin (yielding) for about 2^28 cycles after a threaded call, and
// OpenMP's for a while too; a spinning thread steals a core from whatever is measured next.
// Pausing after a threaded library call keeps that out of the next sample.
constexpr auto kSettleAfterThreadedLibrary = std::chrono::milliseconds(150);

// Sum of `threads` threads running the register-only FMA loop at once.
double measurePeak(const detail::IsaKernels& kernels, bool f64, unsigned threads, double seconds) {
    // Size the run from a short probe so each thread runs about `seconds`.
    const auto probeStart = Clock::now();
    const double probeFlops = kernels.fmaLoop(200000, f64);
    const double probeRate = probeFlops / std::max(1e-6, secondsSince(probeStart));
    const double perRound = probeFlops / 200000.0;
    const auto rounds = static_cast<std::uint64_t>(std::max(1.0, seconds * probeRate / perRound));

    std::vector<double> flops(threads, 0.0);
    std::latch ready(threads + 1);
    std::vector<std::thread> workers;
    for (unsigned t = 0; t < threads; ++t) {
        workers.emplace_back([&, t] {
            ready.arrive_and_wait();
            flops[t] = kernels.fmaLoop(rounds, f64);
        });
    }
    ready.arrive_and_wait();
    const auto start = Clock::now();
    for (std::thread& w : workers)
        w.join();
    const double elapsed = secondsSince(start);
    double total = 0;
    for (double f : flops)
        total += f;
    return total / elapsed * 1e-9;
}

// Repeats `call` until at least minSeconds passed; GFLOP/s of the whole run.
template <class Call>
double timeCall(Call&& call, double flopsPerCall, double minSeconds) {
    int calls = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    do {
        call();
        ++calls;
        elapsed = secondsSince(start);
    } while (elapsed < minSeconds);
    return flopsPerCall * calls / elapsed * 1e-9;
}

enum class Impl { Engine, Eigen, OpenBlas, Blis };

struct Context {
    const MatmulBenchConfig& config;
    std::vector<std::unique_ptr<detail::CblasLibrary>> libs; // [0] OpenBLAS, [1] BLIS (or null)
    std::size_t done = 0, total = 0;
    bool cancelled = false;

    // Reports progress; false when the caller asked to stop.
    bool step(const std::string& what) {
        ++done;
        if (config.cancel && config.cancel->load()) cancelled = true;
        if (config.progress &&
            !config.progress(double(done) / double(std::max<std::size_t>(1, total)), what))
            cancelled = true;
        return !cancelled;
    }
    bool stopRequested() {
        if (config.cancel && config.cancel->load()) cancelled = true;
        return cancelled;
    }
};

template <class T>
void runRow(Context& ctx, const BenchShape& shape, unsigned threads, MatmulBenchRow& row) {
    using RowMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> dist(-1.0, 1.0);
    RowMatrix a(shape.m, shape.k), b(shape.k, shape.n), c(shape.m, shape.n);
    for (Index i = 0; i < a.size(); ++i)
        a.data()[i] = T(dist(rng));
    for (Index i = 0; i < b.size(); ++i)
        b.data()[i] = T(dist(rng));
    c.setZero();
    const int m = int(shape.m), n = int(shape.n), k = int(shape.k);

    GemmOptions options;
    options.threads = threads;
    options.isa = ctx.config.isa;
    options.pool = ctx.config.pool;

    std::vector<Impl> impls{Impl::Engine};
    if (ctx.config.includeEigen) impls.push_back(Impl::Eigen);
    if (ctx.libs[0]) impls.push_back(Impl::OpenBlas);
    if (ctx.libs[1]) impls.push_back(Impl::Blis);

    auto callOf = [&](Impl impl) {
        switch (impl) {
        case Impl::Engine:
            gemm(Layout::RowMajor, Op::None, Op::None, m, n, k, T(1), a.data(), k, b.data(), n,
                 T(0), c.data(), n, options);
            break;
        case Impl::Eigen:
            c.noalias() = a * b;
            break;
        case Impl::OpenBlas:
            ctx.libs[0]->gemm(m, n, k, a.data(), b.data(), c.data());
            break;
        case Impl::Blis:
            ctx.libs[1]->gemm(m, n, k, a.data(), b.data(), c.data());
            break;
        }
    };
    std::vector<double> best(impls.size(), 0.0);
    const std::string label = shape.label() + " " + std::string(benchPrecisionName(row.precision)) +
                              " " + std::to_string(threads) + "T";
    for (int sample = 0; sample < ctx.config.samples; ++sample) {
        for (std::size_t step = 0; step < impls.size(); ++step) {
            // Rotate the order each sample, so no implementation always follows the same one.
            const std::size_t which = (step + std::size_t(sample)) % impls.size();
            const Impl impl = impls[which];
            if (ctx.stopRequested()) return;
            const bool library = impl == Impl::OpenBlas || impl == Impl::Blis;
            if (library) ctx.libs[impl == Impl::OpenBlas ? 0 : 1]->setThreads(threads);
            // Warm-up after every switch: the previous implementation left the caches and the
            // TLB full of its own data (and on the first sample: page faults, thread start).
            callOf(impl);
            const double rate =
                timeCall([&] { callOf(impl); }, shape.flops(), ctx.config.minSeconds);
            best[which] = std::max(best[which], rate);
            if (library && threads > 1) std::this_thread::sleep_for(kSettleAfterThreadedLibrary);
            if (!ctx.step(label)) return;
        }
    }
    for (std::size_t i = 0; i < impls.size(); ++i) {
        switch (impls[i]) {
        case Impl::Engine:
            row.engine = best[i];
            break;
        case Impl::Eigen:
            row.eigen = best[i];
            break;
        case Impl::OpenBlas:
            row.openblas = best[i];
            break;
        case Impl::Blis:
            row.blis = best[i];
            break;
        }
    }
}

void finishRow(MatmulBenchRow& row, const MatmulBenchReport& report) {
    double bestLib = 0;
    if (row.openblas && *row.openblas > bestLib) {
        bestLib = *row.openblas;
        row.fasterLibrary = "OpenBLAS";
    }
    if (row.blis && *row.blis > bestLib) {
        bestLib = *row.blis;
        row.fasterLibrary = "BLIS";
    }
    if (bestLib > 0) row.ratioToLibrary = row.engine / bestLib;
    if (row.eigen && *row.eigen > 0) row.ratioToEigen = row.engine / *row.eigen;
    row.peak = report.peakFor(row.precision, row.threads);
    if (row.peak > 0) row.percentOfPeak = 100.0 * row.engine / row.peak;
}

std::string fixed(double value, int decimals) {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

std::string optionalNumber(const std::optional<double>& value, int decimals, const char* none) {
    return value ? fixed(*value, decimals) : std::string(none);
}

std::string jsonString(const std::string& text) {
    std::string out = "\"";
    for (char ch : text) {
        if (ch == '"' || ch == '\\') {
            out += '\\';
            out += ch;
        } else if (static_cast<unsigned char>(ch) < 0x20) {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\u%04x", ch);
            out += esc;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

} // namespace

std::string BenchShape::label() const {
    return "(" + std::to_string(m) + "," + std::to_string(k) + ")@(" + std::to_string(k) + "," +
           std::to_string(n) + ")";
}

std::string_view benchPrecisionName(BenchPrecision p) {
    return p == BenchPrecision::F32 ? "f32" : "f64";
}

MatmulBenchConfig MatmulBenchConfig::standard() {
    MatmulBenchConfig config;
    for (Index n : {256, 512, 1024, 2048})
        config.shapes.push_back({n, n, n});
    config.shapes.push_back({256, 512, 1024});
    config.threadCounts = {1};
    if (hardwareThreads() > 1) config.threadCounts.push_back(hardwareThreads());
    return config;
}

MatmulBenchConfig MatmulBenchConfig::quick() {
    MatmulBenchConfig config = standard();
    config.shapes = {{256, 256, 256}, {512, 512, 512}, {256, 512, 1024}};
    config.samples = 2;
    config.minSeconds = 0.05;
    config.peakSeconds = 0.05;
    return config;
}

double MatmulBenchReport::peakFor(BenchPrecision precision, unsigned threads) const {
    double best = 0;
    for (const PeakFma& p : peaks)
        if (p.precision == precision && p.threads == threads) best = std::max(best, p.gflops);
    return best;
}

Result<MatmulBenchReport> runMatmulBench(const MatmulBenchConfig& config) {
    if (config.shapes.empty() || config.precisions.empty() || config.threadCounts.empty() ||
        config.samples < 1) {
        return makeError(ErrorCode::InvalidArgument,
                         "the benchmark needs at least one shape, precision, thread count and "
                         "sample");
    }
    for (const BenchShape& s : config.shapes) {
        // cblas takes int sizes; 3 matrices of 2^14 x 2^14 doubles are already 6 GiB.
        if (s.m < 1 || s.k < 1 || s.n < 1 || s.m > 16384 || s.k > 16384 || s.n > 16384) {
            return makeError(ErrorCode::InvalidArgument,
                             "benchmark shape " + s.label() + ": each size must be in 1..16384");
        }
    }
    for (unsigned t : config.threadCounts) {
        if (t < 1 || t > 1024)
            return makeError(ErrorCode::InvalidArgument, "thread counts must be in 1..1024");
    }

    const auto start = Clock::now();
    MatmulBenchReport report;
    report.cpu = cpuModel();
    report.hardwareThreads = hardwareThreads();
    report.engineIsa = detail::resolveKernelIsa(config.isa);
    report.eigenThreads = Eigen::nbThreads();

    Context ctx{config, {}, 0, 0, false};
    ctx.libs.resize(2);
    const auto known = detail::knownCblasLibraries();
    for (std::size_t i = 0; i < known.size() && config.includeLibraries; ++i) {
        BenchLibrary info;
        info.name = known[i].first;
        std::string whyNot;
        ctx.libs[i] = detail::CblasLibrary::open(known[i].first, known[i].second, whyNot);
        info.loaded = ctx.libs[i] != nullptr;
        info.path = info.loaded ? ctx.libs[i]->path() : std::string();
        info.detail = info.loaded ? ctx.libs[i]->detail() : whyNot;
        report.libraries.push_back(info);
    }

    std::vector<KernelIsa> families;
    for (KernelIsa isa : {KernelIsa::Avx2Fma, KernelIsa::Avx512})
        if (kernelIsaSupported(isa)) families.push_back(isa);
    if (families.empty()) families.push_back(KernelIsa::Portable);
    const std::size_t impls =
        1 + (config.includeEigen ? 1 : 0) + (ctx.libs[0] ? 1 : 0) + (ctx.libs[1] ? 1 : 0);
    ctx.total = families.size() * config.precisions.size() * config.threadCounts.size() +
                config.shapes.size() * config.precisions.size() * config.threadCounts.size() *
                    std::size_t(config.samples) * impls;

    for (KernelIsa isa : families) {
        for (BenchPrecision precision : config.precisions) {
            for (unsigned threads : config.threadCounts) {
                if (ctx.stopRequested()) break;
                PeakFma peak{isa, precision, threads, 0};
                peak.gflops = measurePeak(detail::kernelsFor(isa), precision == BenchPrecision::F64,
                                          threads, config.peakSeconds);
                report.peaks.push_back(peak);
                ctx.step("peak " + std::string(kernelIsaName(isa)) + " " +
                         std::string(benchPrecisionName(precision)));
            }
        }
    }

    for (const BenchShape& shape : config.shapes) {
        for (BenchPrecision precision : config.precisions) {
            for (unsigned threads : config.threadCounts) {
                if (ctx.stopRequested()) break;
                MatmulBenchRow row;
                row.shape = shape;
                row.precision = precision;
                row.threads = threads;
                if (precision == BenchPrecision::F32) {
                    runRow<float>(ctx, shape, threads, row);
                } else {
                    runRow<double>(ctx, shape, threads, row);
                }
                if (ctx.cancelled) break; // a row cut short has no fair numbers
                finishRow(row, report);
                report.rows.push_back(row);
            }
        }
    }
    report.cancelled = ctx.cancelled;
    report.seconds = secondsSince(start);
    return report;
}

std::string formatMatmulBenchText(const MatmulBenchReport& report) {
    std::ostringstream out;
    out << "CPU: " << report.cpu << ", " << report.hardwareThreads << " hardware threads\n";
    out << "Engine kernels: " << kernelIsaName(report.engineIsa)
        << "; Eigen threads: " << report.eigenThreads << "\n";
    for (const BenchLibrary& lib : report.libraries) {
        out << lib.name << ": "
            << (lib.loaded ? lib.path + " (" + lib.detail + ")" : "not loaded: " + lib.detail)
            << "\n";
    }
    out << "Peak FMA (register-only loop), GFLOP/s:";
    for (const PeakFma& p : report.peaks) {
        out << "  " << kernelIsaName(p.isa) << " " << benchPrecisionName(p.precision) << " "
            << p.threads << "T " << fixed(p.gflops, 1);
    }
    out << "\n\n";
    char line[256];
    std::snprintf(line, sizeof line, "%-22s %-4s %3s %8s %8s %8s %8s %6s %6s %7s\n", "shape",
                  "prec", "thr", "engine", "Eigen", "OpenBLAS", "BLIS", "vs lib", "vs Eig",
                  "% peak");
    out << line;
    for (const MatmulBenchRow& r : report.rows) {
        std::snprintf(line, sizeof line, "%-22s %-4s %3u %8.1f %8s %8s %8s %6s %6s %6.0f%%\n",
                      r.shape.label().c_str(), std::string(benchPrecisionName(r.precision)).c_str(),
                      r.threads, r.engine, optionalNumber(r.eigen, 1, "-").c_str(),
                      optionalNumber(r.openblas, 1, "-").c_str(),
                      optionalNumber(r.blis, 1, "-").c_str(),
                      optionalNumber(r.ratioToLibrary, 2, "-").c_str(),
                      optionalNumber(r.ratioToEigen, 2, "-").c_str(), r.percentOfPeak);
        out << line;
    }
    out << "(GFLOP/s, best of interleaved samples; vs lib = engine / faster of OpenBLAS and "
           "BLIS)\n";
    if (report.cancelled) out << "cancelled: partial results\n";
    return out.str();
}

std::string formatMatmulBenchJson(const MatmulBenchReport& report) {
    auto number = [](const std::optional<double>& v) {
        return v && std::isfinite(*v) ? fixed(*v, 3) : std::string("null");
    };
    std::ostringstream out;
    out << "{\"cpu\":" << jsonString(report.cpu)
        << ",\"hardware_threads\":" << report.hardwareThreads
        << ",\"engine_isa\":" << jsonString(std::string(kernelIsaName(report.engineIsa)))
        << ",\"eigen_threads\":" << report.eigenThreads << ",\"libraries\":[";
    for (std::size_t i = 0; i < report.libraries.size(); ++i) {
        const BenchLibrary& lib = report.libraries[i];
        out << (i ? "," : "") << "{\"name\":" << jsonString(lib.name)
            << ",\"loaded\":" << (lib.loaded ? "true" : "false")
            << ",\"path\":" << jsonString(lib.path) << ",\"detail\":" << jsonString(lib.detail)
            << "}";
    }
    out << "],\"peaks\":[";
    for (std::size_t i = 0; i < report.peaks.size(); ++i) {
        const PeakFma& p = report.peaks[i];
        out << (i ? "," : "") << "{\"isa\":" << jsonString(std::string(kernelIsaName(p.isa)))
            << ",\"precision\":" << jsonString(std::string(benchPrecisionName(p.precision)))
            << ",\"threads\":" << p.threads << ",\"gflops\":" << fixed(p.gflops, 3) << "}";
    }
    out << "],\"rows\":[";
    for (std::size_t i = 0; i < report.rows.size(); ++i) {
        const MatmulBenchRow& r = report.rows[i];
        out << (i ? "," : "") << "{\"shape\":" << jsonString(r.shape.label())
            << ",\"m\":" << r.shape.m << ",\"k\":" << r.shape.k << ",\"n\":" << r.shape.n
            << ",\"precision\":" << jsonString(std::string(benchPrecisionName(r.precision)))
            << ",\"threads\":" << r.threads << ",\"engine\":" << fixed(r.engine, 3)
            << ",\"eigen\":" << number(r.eigen) << ",\"openblas\":" << number(r.openblas)
            << ",\"blis\":" << number(r.blis) << ",\"faster_library\":"
            << (r.fasterLibrary.empty() ? std::string("null") : jsonString(r.fasterLibrary))
            << ",\"ratio_to_library\":" << number(r.ratioToLibrary)
            << ",\"ratio_to_eigen\":" << number(r.ratioToEigen) << ",\"peak\":" << fixed(r.peak, 3)
            << ",\"percent_of_peak\":" << fixed(r.percentOfPeak, 2) << "}";
    }
    out << "],\"cancelled\":" << (report.cancelled ? "true" : "false")
        << ",\"seconds\":" << fixed(report.seconds, 3) << "}";
    return out.str();
}

} // namespace linscape::engine
