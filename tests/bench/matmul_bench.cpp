// Google Benchmark: the engine's gemm against Eigen (as this build compiles it), square sizes,
// f32/f64, one thread and all threads, plus the teaching references at a small size. The
// library comparison (OpenBLAS, BLIS, peak FMA) lives in engine/matmul_bench.h (`linscape bench`).
#include "engine/matmul.h"

#include <benchmark/benchmark.h>

using namespace linscape::engine;

namespace {

template <class T>
using RowMatrix = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

void setFlops(benchmark::State& state, Index n) {
    state.counters["GFLOP/s"] =
        benchmark::Counter(2.0 * double(n) * double(n) * double(n) * double(state.iterations()),
                           benchmark::Counter::kIsRate, benchmark::Counter::kIs1000);
}

// Args: {n, threads}; threads 0 = all.
template <class T>
void BM_EngineGemm(benchmark::State& state) {
    const Index n = state.range(0);
    const RowMatrix<T> a = RowMatrix<T>::Random(n, n), b = RowMatrix<T>::Random(n, n);
    RowMatrix<T> c(n, n);
    GemmOptions options;
    options.threads = static_cast<unsigned>(state.range(1));
    for (auto _ : state) {
        gemm(Layout::RowMajor, Op::None, Op::None, n, n, n, T(1), a.data(), n, b.data(), n, T(0),
             c.data(), n, options);
        benchmark::DoNotOptimize(c.data());
        benchmark::ClobberMemory();
    }
    setFlops(state, n);
    state.SetLabel(std::string(kernelIsaName(detectKernelIsa())));
}

template <class T>
void BM_EigenGemm(benchmark::State& state) {
    const Index n = state.range(0);
    const RowMatrix<T> a = RowMatrix<T>::Random(n, n), b = RowMatrix<T>::Random(n, n);
    RowMatrix<T> c(n, n);
    for (auto _ : state) {
        c.noalias() = a * b;
        benchmark::DoNotOptimize(c.data());
        benchmark::ClobberMemory();
    }
    setFlops(state, n);
}

template <class T>
void BM_NaiveGemm(benchmark::State& state) {
    const Index n = state.range(0);
    const RowMatrix<T> a = RowMatrix<T>::Random(n, n), b = RowMatrix<T>::Random(n, n);
    RowMatrix<T> c(n, n);
    for (auto _ : state) {
        gemmNaive<T>(n, n, n, a.data(), b.data(), c.data());
        benchmark::DoNotOptimize(c.data());
    }
    setFlops(state, n);
}

template <class T>
void BM_BlockedGemm(benchmark::State& state) {
    const Index n = state.range(0);
    const RowMatrix<T> a = RowMatrix<T>::Random(n, n), b = RowMatrix<T>::Random(n, n);
    RowMatrix<T> c(n, n);
    for (auto _ : state) {
        gemmBlocked<T>(n, n, n, a.data(), b.data(), c.data());
        benchmark::DoNotOptimize(c.data());
    }
    setFlops(state, n);
}

void engineArgs(benchmark::internal::Benchmark* b) {
    for (long n : {64, 256, 512, 1024}) {
        b->Args({n, 1});
        b->Args({n, 0});
    }
    b->Unit(benchmark::kMicrosecond)->UseRealTime();
}

void eigenArgs(benchmark::internal::Benchmark* b) {
    for (long n : {64, 256, 512, 1024})
        b->Args({n});
    b->Unit(benchmark::kMicrosecond)->UseRealTime();
}

} // namespace

BENCHMARK_TEMPLATE(BM_EngineGemm, float)->Apply(engineArgs);
BENCHMARK_TEMPLATE(BM_EigenGemm, float)->Apply(eigenArgs);
BENCHMARK_TEMPLATE(BM_EngineGemm, double)->Apply(engineArgs);
BENCHMARK_TEMPLATE(BM_EigenGemm, double)->Apply(eigenArgs);
BENCHMARK_TEMPLATE(BM_NaiveGemm, float)->Arg(256)->Unit(benchmark::kMillisecond);
BENCHMARK_TEMPLATE(BM_BlockedGemm, float)->Arg(256)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
