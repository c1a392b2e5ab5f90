// The matmul speed benchmark behind `linscape bench matmul [--json]`: the engine against Eigen,
// and against OpenBLAS and BLIS when they can be loaded at run time (dlopen; never required),
// measured interleaved in one run, with the peak FMA rate measured by the same run for context.
#pragma once

#include "engine/matmul.h"

#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace linscape::engine {

// (m,k) @ (k,n): C is m x n.
struct BenchShape {
    Index m = 0, k = 0, n = 0;
    std::string label() const; // "(256,512)@(512,1024)"
    double flops() const { return 2.0 * double(m) * double(k) * double(n); }
};

enum class BenchPrecision { F32, F64 };
std::string_view benchPrecisionName(BenchPrecision p); // "f32", "f64"

struct MatmulBenchConfig {
    std::vector<BenchShape> shapes;
    std::vector<BenchPrecision> precisions{BenchPrecision::F32, BenchPrecision::F64};
    std::vector<unsigned> threadCounts; // e.g. {1, hardware threads}
    bool includeEigen = true;
    bool includeLibraries = true; // OpenBLAS and BLIS, each only if it loads
    KernelIsa isa = KernelIsa::Auto;
    ThreadPool* pool = nullptr; // nullptr: ThreadPool::shared()
    int samples = 3;            // interleaved rounds per row; each implementation keeps its best
    double minSeconds = 0.2;    // one sample repeats the product until at least this long
    double peakSeconds = 0.15;  // per peak FMA measurement
    // Progress 0..1 after each measurement, with what was measured; return false to cancel.
    std::function<bool(double progress, const std::string& what)> progress;
    // Polled between measurements as well (a JobContext's flag, for instance).
    const std::atomic<bool>* cancel = nullptr;

    // N = 256, 512, 1024, 2048 square and (256,512)@(512,1024); f32 and f64; 1 and all threads.
    static MatmulBenchConfig standard();
    // N = 256 and 512 plus (256,512)@(512,1024), fewer and shorter samples: a few seconds.
    static MatmulBenchConfig quick();
};

struct BenchLibrary {
    std::string name; // "OpenBLAS", "BLIS"
    bool loaded = false;
    std::string path;   // what was loaded
    std::string detail; // version / kernel configuration, or why it did not load
};

// Register-only FMA throughput (no memory traffic) of one kernel family, summed over `threads`
// threads running at once.
struct PeakFma {
    KernelIsa isa = KernelIsa::Portable;
    BenchPrecision precision = BenchPrecision::F32;
    unsigned threads = 1;
    double gflops = 0;
};

// One line of the table: every implementation on one product, in GFLOP/s (best sample).
struct MatmulBenchRow {
    BenchShape shape;
    BenchPrecision precision = BenchPrecision::F32;
    unsigned threads = 1;
    double engine = 0;
    std::optional<double> eigen; // Eigen runs single-threaded in this build (no OpenMP)
    std::optional<double> openblas;
    std::optional<double> blis;
    std::string fasterLibrary;            // "OpenBLAS" or "BLIS"; empty when neither loaded
    std::optional<double> ratioToLibrary; // engine / the faster library
    std::optional<double> ratioToEigen;
    double peak = 0;          // best measured FMA peak for this precision and thread count
    double percentOfPeak = 0; // engine as % of that peak
};

struct MatmulBenchReport {
    std::string cpu; // model name as the OS reports it
    unsigned hardwareThreads = 0;
    KernelIsa engineIsa = KernelIsa::Auto; // the family the engine ran
    int eigenThreads = 1;
    std::vector<BenchLibrary> libraries;
    std::vector<PeakFma> peaks;
    std::vector<MatmulBenchRow> rows; // in measurement order; partial when cancelled
    bool cancelled = false;
    double seconds = 0;

    double peakFor(BenchPrecision precision, unsigned threads) const; // best over families
};

// Runs the benchmark on the calling thread (a background job: it takes seconds to minutes).
// InvalidArgument for an empty or nonsensical configuration; a cancelled run is not an error: it
// returns the rows finished so far with cancelled = true.
Result<MatmulBenchReport> runMatmulBench(const MatmulBenchConfig& config);

// Ready-made renderings for the command line: an aligned table, and one JSON object.
std::string formatMatmulBenchText(const MatmulBenchReport& report);
std::string formatMatmulBenchJson(const MatmulBenchReport& report);

} // namespace linscape::engine
