// analyze() and its parts on the sizes the app shows live (2x2 to 8x8; the bar: all readouts of an
// 8x8 in under 20 µs), plus the eigen cases and a canonical SVD seeded with the previous frame.
#include "engine/analysis.h"

#include <benchmark/benchmark.h>
#include <random>

using namespace linscape::engine;
using Eigen::MatrixXd;

namespace {

MatrixXd randomMatrix(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> dist(-1.0, 1.0);
    MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = dist(rng);
    return m;
}

void BM_AnalyzeSquare(benchmark::State& state) {
    const auto n = static_cast<Eigen::Index>(state.range(0));
    const MatrixXd a = randomMatrix(n, n, 1);
    for (auto _ : state) {
        auto r = analyze(a);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_AnalyzeSquare)->Arg(2)->Arg(3)->Arg(4)->Arg(6)->Arg(8)->Unit(benchmark::kMicrosecond);

void BM_AnalyzeSymmetric(benchmark::State& state) {
    const auto n = static_cast<Eigen::Index>(state.range(0));
    const MatrixXd m = randomMatrix(n, n, 2);
    const MatrixXd a = m + m.transpose();
    for (auto _ : state) {
        auto r = analyze(a);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_AnalyzeSymmetric)->Arg(2)->Arg(3)->Arg(8)->Unit(benchmark::kMicrosecond);

void BM_AnalyzeRectangular(benchmark::State& state) {
    const MatrixXd a = randomMatrix(state.range(0), state.range(1), 3);
    for (auto _ : state) {
        auto r = analyze(a);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_AnalyzeRectangular)
    ->Args({3, 2})
    ->Args({8, 5})
    ->Args({5, 8})
    ->Unit(benchmark::kMicrosecond);

// The special cases take extra work (an eigenspace SVD for repeated values).
void BM_AnalyzeCase(benchmark::State& state) {
    MatrixXd a(3, 3);
    switch (state.range(0)) {
    case 0:
        a << 1, 1, 0, 0, 1, 0, 0, 0, 2;
        break; // defective (shear)
    case 1:
        a = 2 * MatrixXd::Identity(3, 3);
        break; // repeated
    case 2:
        a << 0, -1, 0, 1, 0, 0, 0, 0, 1;
        break; // complex (rotation)
    default:
        a << 1, 2, 3, 2, 4, 6, 1, 1, 1;
        break; // singular, rank 2
    }
    for (auto _ : state) {
        auto r = analyze(a);
        benchmark::DoNotOptimize(r);
    }
    static const char* names[] = {"defective", "repeated", "complex", "singular"};
    state.SetLabel(names[state.range(0)]);
}
BENCHMARK(BM_AnalyzeCase)->DenseRange(0, 3)->Unit(benchmark::kMicrosecond);

void BM_CanonicalSvdWithPrevious(benchmark::State& state) {
    const auto n = static_cast<Eigen::Index>(state.range(0));
    const MatrixXd a = randomMatrix(n, n, 4);
    const SvdResult previous = canonicalSvd(a + 1e-3 * randomMatrix(n, n, 5));
    for (auto _ : state) {
        auto r = canonicalSvd(a, &previous);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_CanonicalSvdWithPrevious)->Arg(2)->Arg(3)->Arg(8)->Unit(benchmark::kMicrosecond);

void BM_Solve(benchmark::State& state) {
    const auto n = static_cast<Eigen::Index>(state.range(0));
    const MatrixXd a = randomMatrix(n, n, 6), b = randomMatrix(n, 1, 7);
    for (auto _ : state) {
        auto x = solve(a, b);
        benchmark::DoNotOptimize(x);
    }
}
BENCHMARK(BM_Solve)->Arg(3)->Arg(8)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
