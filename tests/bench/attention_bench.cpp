// Attention on the engine vs the same computation written plainly with Eigen (d_model 64, one
// head; the bars: seq 128 under 100 µs, seq 512 no slower than Eigen in the same run). Both keep
// their buffers between calls (an interactive view's steady state); the *Fresh variants allocate
// every call and so also pay the page faults of the tokens^2 matrices. Google Benchmark runs the
// cases one after another; `linscape bench attention` (runAttentionBench) interleaves them, the
// fairer comparison on a shared machine.
#include "engine/attention_bench.h"
#include "engine/attention.h"

#include <benchmark/benchmark.h>

using namespace linscape::engine;

namespace {

constexpr int kDModel = 64;

void setFlops(benchmark::State& state, int tokens) {
    const double n = tokens, d = kDModel;
    state.counters["GFLOP/s"] = benchmark::Counter((6 * n * d * d + 4 * n * n * d) * 1e-9,
                                                   benchmark::Counter::kIsIterationInvariantRate);
}

void BM_EngineAttention(benchmark::State& state) {
    const int tokens = static_cast<int>(state.range(0));
    const AttentionInput in = makeRandomAttentionInput(tokens, kDModel, 1, 1);
    GemmOptions options;
    options.threads = static_cast<unsigned>(state.range(1)); // 0 = all
    AttentionResult result;
    for (auto _ : state) {
        auto error = attentionInto(in, result, options);
        benchmark::DoNotOptimize(error);
        benchmark::DoNotOptimize(result.output.data());
    }
    setFlops(state, tokens);
}
BENCHMARK(BM_EngineAttention)
    ->ArgsProduct({{128, 512, 2048}, {1, 0}})
    ->ArgNames({"seq", "threads"})
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void BM_EigenAttention(benchmark::State& state) {
    const int tokens = static_cast<int>(state.range(0));
    const AttentionInput in = makeRandomAttentionInput(tokens, kDModel, 1, 1);
    EigenAttentionWorkspace workspace;
    for (auto _ : state) {
        eigenAttentionInto(in, workspace);
        benchmark::DoNotOptimize(workspace.output.data());
    }
    setFlops(state, tokens);
}
BENCHMARK(BM_EigenAttention)
    ->Arg(128)
    ->Arg(512)
    ->Arg(2048)
    ->ArgName("seq")
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void BM_EngineAttentionFresh(benchmark::State& state) {
    const int tokens = static_cast<int>(state.range(0));
    const AttentionInput in = makeRandomAttentionInput(tokens, kDModel, 1, 1);
    for (auto _ : state) {
        auto r = attention(in);
        benchmark::DoNotOptimize(r);
    }
    setFlops(state, tokens);
}
BENCHMARK(BM_EngineAttentionFresh)
    ->Arg(128)
    ->Arg(512)
    ->ArgName("seq")
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void BM_EigenAttentionFresh(benchmark::State& state) {
    const int tokens = static_cast<int>(state.range(0));
    const AttentionInput in = makeRandomAttentionInput(tokens, kDModel, 1, 1);
    for (auto _ : state) {
        MatrixXfR out = eigenAttentionOutput(in);
        benchmark::DoNotOptimize(out.data());
    }
    setFlops(state, tokens);
}
BENCHMARK(BM_EigenAttentionFresh)
    ->Arg(128)
    ->Arg(512)
    ->ArgName("seq")
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

// Four heads of 16 dimensions, computed one head per thread.
void BM_EngineAttentionFourHeads(benchmark::State& state) {
    const int tokens = static_cast<int>(state.range(0));
    const AttentionInput in = makeRandomAttentionInput(tokens, kDModel, 4, 1);
    AttentionResult result;
    for (auto _ : state) {
        auto error = attentionInto(in, result);
        benchmark::DoNotOptimize(error);
    }
    setFlops(state, tokens);
}
BENCHMARK(BM_EngineAttentionFourHeads)
    ->Arg(128)
    ->Arg(512)
    ->ArgName("seq")
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

void BM_SoftmaxRows(benchmark::State& state) {
    const auto n = static_cast<Index>(state.range(0));
    const MatrixXfR scores =
        8.0f * makeRandomAttentionInput(static_cast<int>(n), static_cast<int>(n), 1, 2).x;
    MatrixXfR m = scores;
    for (auto _ : state) {
        m = scores;
        softmaxRows(m);
        benchmark::DoNotOptimize(m.data());
    }
    state.SetItemsProcessed(state.iterations() * n * n);
}
BENCHMARK(BM_SoftmaxRows)->Arg(128)->Arg(512)->Unit(benchmark::kMicrosecond);

// The interleaved comparison of `linscape bench attention`, reported as counters.
void BM_InterleavedAttentionBench(benchmark::State& state) {
    AttentionBenchOptions options;
    options.sequenceLengths = {static_cast<int>(state.range(0))};
    options.threadCounts = {0};
    options.minSecondsPerCase = 0.5;
    for (auto _ : state) {
        auto report = runAttentionBench(options);
        if (!report.ok()) {
            state.SkipWithError(report.error().describe().c_str());
            return;
        }
        const AttentionBenchRow& row = report->rows.front();
        state.counters["engine_us"] = row.engineSeconds * 1e6;
        state.counters["eigen_us"] = row.eigenSeconds * 1e6;
        state.counters["speedup"] = row.speedup;
    }
}
BENCHMARK(BM_InterleavedAttentionBench)
    ->Arg(128)
    ->Arg(512)
    ->ArgName("seq")
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
