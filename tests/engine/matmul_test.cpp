// Matmul correctness against Eigen: every kernel family the CPU runs, both layouts, all transpose
// combinations, BLAS alpha/beta semantics (beta = 0 overwrites NaN), awkward shapes, thread
// counts, the tile recorder, the teaching references and the shape/size errors.
#include "engine/matmul.h"
#include "engine/matmul_bench.h"

#include <gtest/gtest.h>

#include <cmath>
#include <future>
#include <limits>
#include <map>
#include <ostream>
#include <random>
#include <thread>
#include <tuple>
#include <vector>

using namespace linscape::engine;

// Readable parameters in test names and ctest listings instead of raw enum bytes.
namespace linscape::engine {
void PrintTo(KernelIsa isa, std::ostream* os) {
    *os << kernelIsaName(isa);
}
void PrintTo(Layout layout, std::ostream* os) {
    *os << (layout == Layout::RowMajor ? "row-major" : "col-major");
}
void PrintTo(Op op, std::ostream* os) {
    *os << (op == Op::None ? "N" : "T");
}
} // namespace linscape::engine

namespace {

struct Shape {
    Index m, n, k;
};

// 0-sized, 1x1, the small direct path (<= 16), thin matrix-vector shapes, primes, shapes just off
// every block size (MR 4/6/14, NR 8/16/32, kc around 192-384), and several k-slices.
const std::vector<Shape> kShapes = {
    {0, 0, 0},      {0, 5, 3},      {5, 0, 3},     {5, 3, 0},      {1, 1, 1},   {1, 1, 7},
    {17, 31, 13},   {16, 16, 16},   {3, 17, 2},    {40, 1, 33},    {1, 45, 29}, {29, 37, 1},
    {97, 131, 259}, {203, 67, 517}, {15, 300, 41}, {130, 70, 385},
};

struct AlphaBeta {
    double alpha, beta;
};
const std::vector<AlphaBeta> kScalars = {{1, 0}, {0.5, 0}, {-1.5, 2}, {1, 1}, {0, 3}, {0, 0}};

template <class T>
using RowMat = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// A matrix in raw storage with a leading dimension larger than needed; the padding holds NaN, so
// any read of it shows up as NaN in C, and any write to it is caught by checkPadding.
template <class T>
struct Stored {
    Index rows = 0, cols = 0, ld = 1;
    Layout layout = Layout::RowMajor;
    std::vector<T> data;

    Stored(Index r, Index c, Layout l, std::mt19937& rng) : rows(r), cols(c), layout(l) {
        const Index inner = l == Layout::RowMajor ? c : r;
        const Index outer = l == Layout::RowMajor ? r : c;
        ld = inner + 3;
        data.assign(static_cast<std::size_t>(std::max<Index>(1, ld * outer)),
                    std::numeric_limits<T>::quiet_NaN());
        std::uniform_real_distribution<double> dist(-1.0, 1.0);
        for (Index i = 0; i < r; ++i)
            for (Index j = 0; j < c; ++j)
                at(i, j) = static_cast<T>(dist(rng));
    }
    T& at(Index i, Index j) { return data[index(i, j)]; }
    std::size_t index(Index i, Index j) const {
        return static_cast<std::size_t>(layout == Layout::RowMajor ? i * ld + j : j * ld + i);
    }
    Eigen::MatrixXd toEigen() {
        Eigen::MatrixXd m(rows, cols);
        for (Index i = 0; i < rows; ++i)
            for (Index j = 0; j < cols; ++j)
                m(i, j) = static_cast<double>(at(i, j));
        return m;
    }
    bool isPadding(std::size_t idx) const {
        return static_cast<Index>(idx % static_cast<std::size_t>(ld)) >=
               (layout == Layout::RowMajor ? cols : rows);
    }
};

// Every element of fl(alpha * A B + beta * C) differs from the exact value by at most
// gamma_{k+2} (|alpha| |A||B| + |beta| |C|)_ij, gamma_j = j u / (1 - j u), u = eps / 2 (Higham,
// Accuracy and Stability, 3.5): k products and sums, the alpha scaling and the beta update, in
// any summation order, with or without FMA. The reference is computed in double from the same
// inputs; for T = double it carries the same bound again, hence the factor 2 (2 gamma ~ (k+2)
// eps). This is the worst-case bound, not a tuned fudge factor; the floor covers k = 0.
template <class T>
Eigen::MatrixXd tolerance(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b,
                          const Eigen::MatrixXd& c0, double alpha, double beta, Index k) {
    const double eps = std::numeric_limits<T>::epsilon();
    const double bound = 2.0 * double(k + 2) * eps;
    Eigen::MatrixXd scale = std::abs(alpha) * (a.cwiseAbs() * b.cwiseAbs());
    if (beta != 0) scale += std::abs(beta) * c0.cwiseAbs();
    return (bound * scale).array() + std::numeric_limits<T>::min();
}

template <class T>
void checkGemm(const Shape& s, Layout layout, Op opA, Op opB, AlphaBeta ab,
               const GemmOptions& options, std::mt19937& rng) {
    SCOPED_TRACE(::testing::Message()
                 << "m=" << s.m << " n=" << s.n << " k=" << s.k << " layout="
                 << (layout == Layout::RowMajor ? "row" : "col") << " opA=" << int(opA)
                 << " opB=" << int(opB) << " alpha=" << ab.alpha << " beta=" << ab.beta
                 << " threads=" << options.threads << " isa=" << kernelIsaName(options.isa));
    // Storage shapes: op(A) is m x k, op(B) is k x n.
    Stored<T> a(opA == Op::None ? s.m : s.k, opA == Op::None ? s.k : s.m, layout, rng);
    Stored<T> b(opB == Op::None ? s.k : s.n, opB == Op::None ? s.n : s.k, layout, rng);
    Stored<T> c(s.m, s.n, layout, rng);
    if (ab.beta == 0) {
        for (Index i = 0; i < s.m; ++i) // beta = 0 must overwrite, never scale, what C holds
            for (Index j = 0; j < s.n; ++j)
                c.at(i, j) = std::numeric_limits<T>::quiet_NaN();
    }
    Eigen::MatrixXd ea = a.toEigen(), eb = b.toEigen(), ec = c.toEigen();
    if (opA == Op::Transpose) ea.transposeInPlace();
    if (opB == Op::Transpose) eb.transposeInPlace();
    if (ab.beta == 0) ec.setZero();
    const Eigen::MatrixXd expected = ab.alpha * (ea * eb) + ab.beta * ec;
    const Eigen::MatrixXd tol = tolerance<T>(ea, eb, ec, ab.alpha, ab.beta, s.k);

    gemm(layout, opA, opB, s.m, s.n, s.k, T(ab.alpha), a.data.data(), a.ld, b.data.data(), b.ld,
         T(ab.beta), c.data.data(), c.ld, options);

    int failures = 0;
    for (Index i = 0; i < s.m && failures < 5; ++i) {
        for (Index j = 0; j < s.n && failures < 5; ++j) {
            const double got = static_cast<double>(c.at(i, j));
            if (!(std::abs(got - expected(i, j)) <= tol(i, j))) {
                ADD_FAILURE() << "C(" << i << "," << j << ") = " << got << ", expected "
                              << expected(i, j) << " +- " << tol(i, j);
                ++failures;
            }
        }
    }
    for (std::size_t idx = 0; idx < c.data.size(); ++idx) {
        if (c.isPadding(idx)) {
            ASSERT_TRUE(std::isnan(c.data[idx])) << "wrote outside C at " << idx;
        }
    }
}

std::vector<KernelIsa> supportedIsas() {
    std::vector<KernelIsa> isas;
    for (KernelIsa isa :
         {KernelIsa::Auto, KernelIsa::Portable, KernelIsa::Avx2Fma, KernelIsa::Avx512}) {
        if (kernelIsaSupported(isa)) isas.push_back(isa);
    }
    return isas;
}

unsigned moreThanCores() {
    return std::max(1u, std::thread::hardware_concurrency()) + 3;
}

using GemmParam = std::tuple<KernelIsa, Layout, Op, Op>;

class GemmSweep : public ::testing::TestWithParam<GemmParam> {};

TEST_P(GemmSweep, MatchesEigenWithinRoundingBound) {
    const auto [isa, layout, opA, opB] = GetParam();
    std::mt19937 rng(1234);
    // Thread counts rotate through the (shape, alpha/beta) cases rather than multiplying them:
    // every shape still meets every thread count, at a third of the cost (this also runs
    // under ThreadSanitizer).
    const unsigned threadCounts[] = {1u, 2u, moreThanCores()};
    std::size_t round = 0;
    for (const Shape& s : kShapes) {
        for (const AlphaBeta& ab : kScalars) {
            GemmOptions options;
            options.isa = isa;
            options.threads = threadCounts[round++ % 3];
            checkGemm<float>(s, layout, opA, opB, ab, options, rng);
            checkGemm<double>(s, layout, opA, opB, ab, options, rng);
        }
    }
}

std::string paramName(const ::testing::TestParamInfo<GemmParam>& info) {
    const auto [isa, layout, opA, opB] = info.param;
    std::string name(kernelIsaName(isa));
    for (char& ch : name)
        if (ch == '+') ch = '_';
    name += layout == Layout::RowMajor ? "_Row" : "_Col";
    name += opA == Op::None ? "_N" : "_T";
    name += opB == Op::None ? "N" : "T";
    return name;
}

INSTANTIATE_TEST_SUITE_P(Matmul, GemmSweep,
                         ::testing::Combine(::testing::ValuesIn(supportedIsas()),
                                            ::testing::Values(Layout::RowMajor, Layout::ColMajor),
                                            ::testing::Values(Op::None, Op::Transpose),
                                            ::testing::Values(Op::None, Op::Transpose)),
                         paramName);

TEST(Matmul, LargerThanOnePackedColumnBlockAndManyThreads) {
    // f64 with k = 2048 caps a column block at 1024 columns: this runs two of them, with
    // several k-slices and row blocks, on every thread count.
    std::mt19937 rng(7);
    for (unsigned threads : {1u, 2u, moreThanCores()}) {
        GemmOptions options;
        options.threads = threads;
        checkGemm<double>({37, 1100, 2048}, Layout::RowMajor, Op::None, Op::None, {1, 0}, options,
                          rng);
        checkGemm<float>({301, 293, 611}, Layout::ColMajor, Op::Transpose, Op::None, {2, -1},
                         options, rng);
    }
}

TEST(Matmul, OwnPoolAndNestedCallsFromTasks) {
    ThreadPool pool(3);
    std::mt19937 rng(11);
    GemmOptions options;
    options.pool = &pool;
    checkGemm<float>({150, 170, 190}, Layout::RowMajor, Op::None, Op::Transpose, {1, 0}, options,
                     rng);
    // gemm from inside pool tasks runs inline on that worker: no deadlock, same results.
    std::vector<std::future<void>> futures;
    for (int t = 0; t < 6; ++t) {
        futures.push_back(pool.submit([t] {
            std::mt19937 local(100 + t);
            checkGemm<double>({90, 80, 70}, Layout::ColMajor, Op::None, Op::None, {1, 0}, {},
                              local);
        }));
    }
    for (auto& f : futures)
        f.get();
}

TEST(Matmul, KernelFamilies) {
    EXPECT_EQ(kernelIsaName(KernelIsa::Avx2Fma), "avx2+fma");
    EXPECT_TRUE(kernelIsaSupported(KernelIsa::Portable));
    const KernelIsa detected = detectKernelIsa();
    EXPECT_NE(detected, KernelIsa::Auto);
    EXPECT_TRUE(kernelIsaSupported(detected));
    EXPECT_EQ(detectKernelIsa(), detected); // decided once
}

// The schedule the recorder sees: per k-slice, the tiles cover C exactly once, in C's own
// coordinates (also for column-major C, which the engine computes transposed).
TEST(Matmul, TileRecorderCoversCOncePerKSlice) {
    struct Case {
        Shape s;
        Layout layout;
        unsigned threads;
    };
    for (const Case& tc :
         {Case{{300, 200, 700}, Layout::RowMajor, 2}, Case{{300, 200, 700}, Layout::ColMajor, 1},
          Case{{61, 523, 130}, Layout::ColMajor, moreThanCores()},
          Case{{12, 9, 5}, Layout::RowMajor, 2}}) {
        SCOPED_TRACE(::testing::Message() << tc.s.m << "x" << tc.s.n << "x" << tc.s.k);
        TileRecorder recorder;
        GemmOptions options;
        options.recorder = &recorder;
        options.threads = tc.threads;
        std::mt19937 rng(3);
        checkGemm<float>(tc.s, tc.layout, Op::None, Op::None, {1, 0}, options, rng);
        const auto events = recorder.events();
        ASSERT_FALSE(events.empty());
        std::map<Index, std::vector<int>> coverage; // depth0 -> count per element of C
        Index depthSum = 0;
        for (std::size_t e = 0; e < events.size(); ++e) {
            const TileEvent& ev = events[e];
            EXPECT_EQ(ev.order, e);
            EXPECT_LT(ev.worker, std::max(1u, tc.threads));
            EXPECT_LE(ev.startSeconds, ev.endSeconds);
            ASSERT_GE(ev.row0, 0);
            ASSERT_GE(ev.col0, 0);
            ASSERT_LE(ev.row0 + ev.rows, tc.s.m);
            ASSERT_LE(ev.col0 + ev.cols, tc.s.n);
            auto [it, fresh] = coverage.try_emplace(ev.depth0, tc.s.m * tc.s.n, 0);
            if (fresh) depthSum += ev.depth;
            for (Index i = ev.row0; i < ev.row0 + ev.rows; ++i)
                for (Index j = ev.col0; j < ev.col0 + ev.cols; ++j)
                    ++it->second[i * tc.s.n + j];
        }
        EXPECT_EQ(depthSum, tc.s.k); // the k-slices partition k
        for (const auto& [depth0, counts] : coverage)
            for (int count : counts)
                ASSERT_EQ(count, 1) << "k-slice at " << depth0;
    }
}

TEST(Matmul, VeryDeepProductsRunInChunksOfK) {
    // Packed B is bounded, so k beyond about 2^17 (f64, AVX-512) runs as several chunks.
    for (KernelIsa isa : supportedIsas()) {
        TileRecorder recorder;
        GemmOptions options;
        options.isa = isa;
        options.recorder = &recorder;
        std::mt19937 rng(9);
        checkGemm<double>({2, 3, 600000}, Layout::RowMajor, Op::None, Op::None, {1, -2}, options,
                          rng);
        Index depth = 0;
        std::uint64_t order = 0;
        for (const TileEvent& e : recorder.events()) {
            EXPECT_EQ(e.order, order++);
            EXPECT_EQ(e.depth0, depth); // one row block, one column block: slices in order
            depth += e.depth;
        }
        EXPECT_EQ(depth, 600000);
    }
}

TEST(Matmul, TileRecorderIsEmptyWithoutWork) {
    TileRecorder recorder;
    GemmOptions options;
    options.recorder = &recorder;
    std::vector<float> a(4, 1), b(4, 1), c(4, 1);
    gemm(Layout::RowMajor, Op::None, Op::None, 2, 2, 0, 1.0f, a.data(), 1, b.data(), 2, 2.0f,
         c.data(), 2, options);
    EXPECT_TRUE(recorder.events().empty());
    EXPECT_EQ(c[0], 2.0f); // k = 0: C = beta C
}

TEST(Matmul, TeachingReferencesMatchEigen) {
    std::mt19937 rng(5);
    for (const Shape& s : kShapes) {
        for (Index block : {1, 7, 64}) {
            RowMat<double> a = RowMat<double>::Random(s.m, s.k);
            RowMat<double> b = RowMat<double>::Random(s.k, s.n);
            const RowMat<double> expected = a * b;
            RowMat<double> naive(s.m, s.n), blocked(s.m, s.n);
            naive.setConstant(std::nan(""));
            blocked.setConstant(std::nan(""));
            gemmNaive<double>(s.m, s.n, s.k, a.data(), b.data(), naive.data());
            gemmBlocked<double>(s.m, s.n, s.k, a.data(), b.data(), blocked.data(), block);
            RowMat<float> af = a.cast<float>(), bf = b.cast<float>();
            RowMat<float> nf(s.m, s.n), bl(s.m, s.n);
            gemmNaive<float>(s.m, s.n, s.k, af.data(), bf.data(), nf.data());
            gemmBlocked<float>(s.m, s.n, s.k, af.data(), bf.data(), bl.data(), block);
            if (expected.size() == 0) continue;
            // Entries lie in [-1, 1], so (|A||B|)_ij <= k in the bound of tolerance() above.
            const double tol =
                2.0 * double(s.k + 2) * std::numeric_limits<double>::epsilon() * double(s.k);
            EXPECT_LE((naive - expected).cwiseAbs().maxCoeff(), tol);
            EXPECT_LE((blocked - expected).cwiseAbs().maxCoeff(), tol);
            const RowMat<double> ef = af.cast<double>() * bf.cast<double>();
            const double tolf =
                2.0 * double(s.k + 2) * double(std::numeric_limits<float>::epsilon()) * double(s.k);
            EXPECT_LE((nf.cast<double>() - ef).cwiseAbs().maxCoeff(), tolf);
            EXPECT_LE((bl.cast<double>() - ef).cwiseAbs().maxCoeff(), tolf);
        }
    }
}

TEST(Matmul, MultiplyWrappersApplyTransposes) {
    const Eigen::MatrixXd a = Eigen::MatrixXd::Random(7, 5);
    const Eigen::MatrixXd b = Eigen::MatrixXd::Random(7, 9);
    auto atb = multiply(a, b, Op::Transpose, Op::None);
    ASSERT_TRUE(atb.ok()) << atb.error().describe();
    EXPECT_TRUE(atb->isApprox(a.transpose() * b, 1e-13));
    const Eigen::MatrixXf x = Eigen::MatrixXf::Random(40, 64);
    const Eigen::MatrixXf w = Eigen::MatrixXf::Random(30, 64);
    auto xwt = multiply(x, w, Op::None, Op::Transpose); // the layer's X W^T
    ASSERT_TRUE(xwt.ok());
    EXPECT_TRUE(xwt->isApprox(x * w.transpose(), 1e-5f));
    auto empty = multiply(Eigen::MatrixXd(0, 3), Eigen::MatrixXd(3, 4));
    ASSERT_TRUE(empty.ok());
    EXPECT_EQ(empty->rows(), 0);
    EXPECT_EQ(empty->cols(), 4);
    auto zeroInner = multiply(Eigen::MatrixXd(2, 0), Eigen::MatrixXd(0, 3));
    ASSERT_TRUE(zeroInner.ok());
    EXPECT_TRUE(zeroInner->isZero());
}

TEST(Matmul, ShapeMismatchNamesBothShapesAndTheRule) {
    auto r = multiply(Eigen::MatrixXd(Eigen::MatrixXd::Ones(2, 3)),
                      Eigen::MatrixXd(Eigen::MatrixXd::Ones(2, 2)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::ShapeMismatch);
    EXPECT_EQ(r.error().message,
              "(2,3) @ (2,2): the inner dimensions must match (3 vs 2); (n,k) @ (k,m) -> (n,m)");
    auto t = multiply(Eigen::MatrixXf(Eigen::MatrixXf::Ones(2, 3)),
                      Eigen::MatrixXf(Eigen::MatrixXf::Ones(2, 2)), Op::Transpose);
    ASSERT_TRUE(t.ok()); // (3,2) @ (2,2)
    auto bad = multiply(Eigen::MatrixXf(Eigen::MatrixXf::Ones(2, 3)),
                        Eigen::MatrixXf(Eigen::MatrixXf::Ones(4, 3)), Op::None, Op::None);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("(3 vs 4)"), std::string::npos);
    EXPECT_EQ(shapeRule(2, 3, 3, 4), "(2,3) @ (3,4) -> (2,4)");
    EXPECT_EQ(shapeRule(2, 3, 2, 2),
              "(2,3) @ (2,2): the inner dimensions must match (3 vs 2); (n,k) @ (k,m) -> (n,m)");
}

TEST(Matmul, RefusesResultsThatCannotFitInMemory) {
    // An outer product of two small vectors whose result would need 8e12 doubles (64 TB).
    auto r = multiply(Eigen::MatrixXd(Eigen::MatrixXd::Ones(2000000, 1)),
                      Eigen::MatrixXd(Eigen::MatrixXd::Ones(1, 4000000)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::TooLarge);
    EXPECT_NE(r.error().message.find("(2000000,1) @ (1,4000000) -> (2000000,4000000)"),
              std::string::npos);
    EXPECT_NE(r.error().message.find("GiB"), std::string::npos) << r.error().message;
}

// The benchmark API's plumbing (not its timings): rows, ratios, progress, cancel, renderings.
MatmulBenchConfig tinyBench() {
    MatmulBenchConfig config;
    config.shapes = {{8, 16, 4}};
    config.threadCounts = {1, 2};
    config.samples = 1;
    config.minSeconds = 0;
    config.peakSeconds = 0.001;
    config.includeLibraries = false; // optional at run time; the bench command exercises them
    return config;
}

TEST(MatmulBench, StandardAndQuickConfigurations) {
    const MatmulBenchConfig standard = MatmulBenchConfig::standard();
    ASSERT_EQ(standard.shapes.size(), 5u);
    EXPECT_EQ(standard.shapes[3].n, 2048);
    EXPECT_EQ(standard.shapes[4].label(), "(256,512)@(512,1024)");
    EXPECT_EQ(standard.threadCounts.front(), 1u);
    const MatmulBenchConfig quick = MatmulBenchConfig::quick();
    EXPECT_LT(quick.shapes.size() * quick.samples, standard.shapes.size() * standard.samples);
}

TEST(MatmulBench, TinyRunFillsEveryRow) {
    MatmulBenchConfig config = tinyBench();
    double last = 0;
    int calls = 0;
    config.progress = [&](double progress, const std::string& what) {
        EXPECT_GE(progress, last);
        EXPECT_FALSE(what.empty());
        last = progress;
        ++calls;
        return true;
    };
    auto report = runMatmulBench(config);
    ASSERT_TRUE(report.ok()) << report.error().describe();
    EXPECT_FALSE(report->cancelled);
    ASSERT_EQ(report->rows.size(), 4u); // 1 shape x 2 precisions x 2 thread counts
    EXPECT_DOUBLE_EQ(last, 1.0);
    EXPECT_GT(calls, 4);
    for (const MatmulBenchRow& row : report->rows) {
        EXPECT_GT(row.engine, 0);
        ASSERT_TRUE(row.eigen.has_value());
        ASSERT_TRUE(row.ratioToEigen.has_value());
        EXPECT_FALSE(row.ratioToLibrary.has_value());
        EXPECT_GT(row.peak, 0);
        EXPECT_DOUBLE_EQ(row.percentOfPeak, 100.0 * row.engine / row.peak);
    }
    const std::string text = formatMatmulBenchText(*report);
    EXPECT_NE(text.find("(8,16)@(16,4)"), std::string::npos) << text;
    const std::string json = formatMatmulBenchJson(*report);
    EXPECT_EQ(json.front(), '{');
    EXPECT_EQ(json.back(), '}');
    EXPECT_NE(json.find("\"rows\":[{"), std::string::npos) << json;
    EXPECT_NE(json.find("\"openblas\":null"), std::string::npos) << json;
}

TEST(MatmulBench, CancelStopsBetweenMeasurements) {
    MatmulBenchConfig config = tinyBench();
    config.shapes = {{8, 8, 8}, {16, 16, 16}, {32, 32, 32}};
    int calls = 0;
    config.progress = [&](double, const std::string&) { return ++calls < 3; };
    auto report = runMatmulBench(config);
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->cancelled);
    EXPECT_EQ(calls, 3);
    EXPECT_LT(report->rows.size(), 12u);

    std::atomic<bool> flag{true};
    MatmulBenchConfig flagged = tinyBench();
    flagged.cancel = &flag;
    auto none = runMatmulBench(flagged);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->cancelled);
    EXPECT_TRUE(none->rows.empty());
}

TEST(MatmulBench, RejectsNonsense) {
    MatmulBenchConfig config = tinyBench();
    config.shapes.clear();
    EXPECT_EQ(runMatmulBench(config).error().code, ErrorCode::InvalidArgument);
    config = tinyBench();
    config.shapes = {{0, 4, 4}};
    EXPECT_EQ(runMatmulBench(config).error().code, ErrorCode::InvalidArgument);
    config = tinyBench();
    config.threadCounts = {0};
    EXPECT_EQ(runMatmulBench(config).error().code, ErrorCode::InvalidArgument);
}

} // namespace
