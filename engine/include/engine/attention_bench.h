// The attention benchmark behind `linscape bench attention [--json]`: the engine's attention vs a
// plain Eigen implementation of the same computation, measured in one run and interleaved (engine,
// Eigen, engine, ...) so that both see the same machine state; rows the CLI prints as a table or
// JSON; progress and cancel through one callback (so it runs as a background job).
#pragma once

#include "engine/attention.h"
#include "engine/result.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace linscape::engine {

struct AttentionBenchOptions {
    std::vector<int> sequenceLengths = {128, 512, 2048};
    int dModel = 64;
    int heads = 1;
    // Thread counts for the engine; 0 means all (the pool's workers plus the caller). Eigen is
    // built without OpenMP here, so the Eigen reference always runs on one thread (said in each
    // row).
    std::vector<unsigned> threadCounts = {1, 0};
    double minSecondsPerCase = 0.25; // per implementation, split over the interleaved rounds
    int minRepetitions = 5;
    unsigned seed = 1;
    // Called between measurements with the fraction done and what runs next; return false to
    // cancel (the bench then returns ErrorCode::Cancelled). May be empty.
    std::function<bool(double fraction, std::string_view stage)> progress;
};

// Both implementations are timed in the steady state of an interactive view: their buffers are
// kept from one call to the next (attentionInto, and the Eigen version's workspace). The engine
// with fresh buffers (attention()) is timed too: on first touch every page of the tokens^2
// matrices faults, which costs as much as the arithmetic on some systems (a VM here).
struct AttentionBenchRow {
    int tokens = 0, dModel = 0, heads = 0;
    unsigned engineThreads = 0; // resolved count (never 0)
    unsigned eigenThreads = 1;
    int repetitions = 0;           // per implementation
    double engineSeconds = 0;      // median of the repetitions, reused buffers
    double eigenSeconds = 0;       // median of the repetitions, reused buffers
    double engineFreshSeconds = 0; // median, attention() allocating its result each call
    double flops = 0;              // multiply-adds x 2 of one attention call
    double engineGflops = 0, eigenGflops = 0;
    double speedup = 0;          // eigenSeconds / engineSeconds: > 1 means the engine wins
    double maxAbsDifference = 0; // outputs of the two, as a correctness check
};

struct AttentionBenchReport {
    std::vector<AttentionBenchRow> rows;
    std::string kernel; // the matmul kernel family in use, e.g. "avx2+fma"
};

Result<AttentionBenchReport> runAttentionBench(const AttentionBenchOptions& options = {});

// The same attention written plainly with Eigen's products (the reference of the benchmark; also
// usable as a cross-check). Expects input that attention() accepts. The workspace keeps the
// buffers between calls; `output` is the result.
struct EigenAttentionWorkspace {
    MatrixXfR q, k, v, scores, output;
};
void eigenAttentionInto(const AttentionInput& input, EigenAttentionWorkspace& workspace);
MatrixXfR eigenAttentionOutput(const AttentionInput& input);

// A seeded random input: X ~ U(-1, 1), weights ~ U(-1, 1) / sqrt(d_model).
AttentionInput makeRandomAttentionInput(int tokens, int dModel, int heads, unsigned seed);

// Human-readable table (one line per row, with a header) and a JSON object
// {"benchmark": "attention", "kernel": ..., "rows": [{...}, ...]}.
std::string formatAttentionBenchTable(const AttentionBenchReport& report);
std::string attentionBenchJson(const AttentionBenchReport& report);

} // namespace linscape::engine
