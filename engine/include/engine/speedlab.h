// The speed lab: one float product (m,k) @ (k,n) timed four ways (the naive triple loop, the
// cache-blocked loop, the engine on one thread and on all threads) inside a background job with
// progress and cancel. The slow loops have a time cap: past it they stop and the full time is
// extrapolated from the rows of C they finished (every row costs the same), flagged as such.
// The GPU row is measured by the app on its GL thread (the engine has no GL): the job can keep
// its inputs and reference C for that, and addSpeedResult files the GPU's figures in the report.
#pragma once

#include "engine/jobs.h"
#include "engine/matmul_bench.h"
#include "engine/result.h"

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace linscape::engine {

enum class SpeedMethod { Naive, Blocked, Engine1, EngineAll, Gpu };
// "naive", "blocked", "engine_1", "engine_all", "gpu"
std::string_view speedMethodId(SpeedMethod method);

struct SpeedLabConfig {
    BenchShape shape{256, 512, 1024};
    std::vector<SpeedMethod> methods{SpeedMethod::Naive, SpeedMethod::Blocked, SpeedMethod::Engine1,
                                     SpeedMethod::EngineAll};
    double capSeconds = 3.0;     // naive and blocked stop after about this long and extrapolate
    double minSeconds = 0.25;    // the engine repeats the product up to this long, keeping its best
    unsigned threads = 0;        // the all-threads run; 0: every worker of the pool plus the caller
    ThreadPool* pool = nullptr;  // nullptr: ThreadPool::shared()
    std::uint64_t seed = 1;      // the inputs are seeded uniform [-1, 1]
    double memoryLimitBytes = 0; // 0: half of physical memory
    bool keepInputs = false;     // the report keeps A, B and the engine's C (for the GPU row)
};

// The seeded inputs of a run and the engine's C (all threads), row-major float.
struct SpeedLabInputs {
    BenchShape shape;
    std::vector<float> a, b, reference;
};

struct SpeedResult {
    SpeedMethod method = SpeedMethod::Naive;
    std::string label; // "naive loop", "engine, 2 threads"
    unsigned threads = 1;
    double seconds = 0;         // for the whole product: measured, or extrapolated
    double measuredSeconds = 0; // what actually ran
    bool extrapolated = false;
    double fractionRun = 1; // share of C's rows computed
    double gflops = 0;      // 2 m k n / seconds / 1e9
    double speedup = 0;     // against the first method in the report (the naive loop)
    double maxRelError = 0; // max |C - C_engine| / max |C_engine| over the computed rows
    bool skipped = false;   // not measured (a GPU row without compute shaders); note says why
    std::string note;       // e.g. "software renderer (llvmpipe)", or why it was skipped
};

struct SpeedLabReport {
    BenchShape shape;
    std::string isa; // the engine's kernel family
    unsigned threads = 1;
    std::vector<SpeedResult> results; // in run order; partial when cancelled
    bool cancelled = false;
    std::shared_ptr<const SpeedLabInputs> inputs; // with SpeedLabConfig::keepInputs
};

// Adds a result measured outside runSpeedLab (the GPU row): fills gflops from seconds and the
// speed-up against the report's first measured row. A skipped result keeps zeros.
void addSpeedResult(SpeedLabReport& report, SpeedResult result);

// Bytes the lab allocates for a shape (A, B, the engine's C as reference, one working C).
double speedLabMemoryBytes(const BenchShape& shape);
double speedLabMemoryLimit(); // half of physical memory (64 GiB when unknown)
// InvalidArgument for a non-positive or absurd size; TooLarge, naming the estimate and the limit,
// when the matrices would not fit. An empty message when the shape can run.
std::string checkSpeedLabShape(const BenchShape& shape, double limitBytes = 0);

// Runs on the calling thread (a job's). ctx may be null (tests); with it, progress, status and
// cancel go through it. A cancelled run returns the finished methods with cancelled = true.
// SpeedMethod::Gpu in config.methods is skipped here (the caller measures it).
Result<SpeedLabReport> runSpeedLab(const SpeedLabConfig& config, JobContext* ctx = nullptr);

// One header line and one row per method (a skipped row has empty figures and its note).
std::string speedLabCsv(const SpeedLabReport& report);
// Writes the CSV; Io error naming the path and the reason.
Result<std::string> saveSpeedLabCsv(const SpeedLabReport& report, const std::string& path);

} // namespace linscape::engine
