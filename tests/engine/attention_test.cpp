// Attention: hand-worked 2-token examples, every intermediate against a plain double-precision
// Eigen implementation (heads, masks, temperature), softmax stability, masked rows, bad input, and
// the bench API behind `linscape bench attention`.
#include "engine/attention.h"
#include "engine/attention_bench.h"

#include <cmath>
#include <gtest/gtest.h>
#include <limits>
#include <random>

using namespace linscape::engine;
using Eigen::MatrixXd;

namespace {

constexpr float kInf = std::numeric_limits<float>::infinity();

MatrixXfR randomF(Index rows, Index cols, std::mt19937& rng, float scale = 1.0f) {
    std::uniform_real_distribution<float> dist(-scale, scale);
    MatrixXfR m(rows, cols);
    for (Index i = 0; i < m.size(); ++i)
        m.data()[i] = dist(rng);
    return m;
}

// X uniform in [-1, 1], weights scaled by 1/sqrt(d_model) so the scores stay of order 1.
AttentionInput randomInput(int tokens, int dModel, int heads, std::mt19937& rng) {
    AttentionInput in;
    in.x = randomF(tokens, dModel, rng);
    const float w = 1.0f / std::sqrt(static_cast<float>(dModel));
    in.wq = randomF(dModel, dModel, rng, w);
    in.wk = randomF(dModel, dModel, rng, w);
    in.wv = randomF(dModel, dModel, rng, w);
    in.heads = heads;
    return in;
}

AttentionInput identityInput(const MatrixXfR& x) {
    AttentionInput in;
    in.x = x;
    in.wq = in.wk = in.wv = MatrixXfR::Identity(x.cols(), x.cols());
    return in;
}

// The straightforward computation, in double, written independently of the engine.
struct Reference {
    std::vector<MatrixXd> q, k, v, scores, weights, out;
    MatrixXd output;
};

Reference reference(const AttentionInput& in) {
    const Index n = in.x.rows(), d = in.x.cols(), dk = d / in.heads;
    const MatrixXd x = in.x.cast<double>();
    const MatrixXd q = x * in.wq.cast<double>(), k = x * in.wk.cast<double>(),
                   v = x * in.wv.cast<double>();
    const double alpha = (in.scale ? 1.0 / std::sqrt(static_cast<double>(dk)) : 1.0) /
                         static_cast<double>(in.temperature);
    Reference r;
    r.output.resize(n, d);
    for (Index h = 0; h < in.heads; ++h) {
        r.q.push_back(q.middleCols(h * dk, dk));
        r.k.push_back(k.middleCols(h * dk, dk));
        r.v.push_back(v.middleCols(h * dk, dk));
        MatrixXd s = alpha * r.q.back() * r.k.back().transpose();
        r.scores.push_back(s);
        MatrixXd w = MatrixXd::Zero(n, n);
        for (Index i = 0; i < n; ++i) {
            std::vector<bool> allowed(static_cast<size_t>(n));
            double top = -INFINITY;
            for (Index j = 0; j < n; ++j) {
                allowed[static_cast<size_t>(j)] =
                    !(in.causal && j > i) &&
                    !(!in.padding.empty() && in.padding[static_cast<size_t>(j)]) &&
                    !(in.mask.size() && !in.mask(i, j));
                if (allowed[static_cast<size_t>(j)]) top = std::max(top, s(i, j));
            }
            double sum = 0;
            for (Index j = 0; j < n; ++j)
                if (allowed[static_cast<size_t>(j)]) sum += (w(i, j) = std::exp(s(i, j) - top));
            if (sum > 0) w.row(i) /= sum;
        }
        r.weights.push_back(w);
        r.out.push_back(w * r.v.back());
        r.output.middleCols(h * dk, dk) = r.out.back();
    }
    return r;
}

double maxDiff(const MatrixXfR& a, const MatrixXd& b) {
    EXPECT_EQ(a.rows(), b.rows());
    EXPECT_EQ(a.cols(), b.cols());
    if (a.rows() != b.rows() || a.cols() != b.cols()) return INFINITY;
    return a.size() ? (a.cast<double>() - b).cwiseAbs().maxCoeff() : 0.0;
}

void expectMatchesReference(const AttentionInput& in, const GemmOptions& options = {}) {
    auto r = attention(in, options);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    const Reference ref = reference(in);
    ASSERT_EQ(r->heads.size(), static_cast<size_t>(in.heads));
    EXPECT_EQ(r->dk, in.x.cols() / in.heads);
    for (size_t h = 0; h < r->heads.size(); ++h) {
        SCOPED_TRACE(::testing::Message() << "head " << h);
        const AttentionHead& head = r->heads[h];
        const double scale = 1 + ref.scores[h].cwiseAbs().maxCoeff();
        EXPECT_LT(maxDiff(head.q, ref.q[h]), 1e-5);
        EXPECT_LT(maxDiff(head.k, ref.k[h]), 1e-5);
        EXPECT_LT(maxDiff(head.v, ref.v[h]), 1e-5);
        EXPECT_LT(maxDiff(head.scores, ref.scores[h]), 1e-5 * scale);
        EXPECT_LT(maxDiff(head.weights, ref.weights[h]), 1e-5 * scale);
        EXPECT_LT(maxDiff(head.output, ref.out[h]), 1e-5 * scale);
        // Merge: the head's output is exactly its block of the concatenation.
        EXPECT_EQ((r->output.middleCols(static_cast<Index>(h) * r->dk, r->dk) - head.output)
                      .cwiseAbs()
                      .maxCoeff(),
                  0.0f);
        ASSERT_TRUE(head.weights.allFinite());
        for (Index i = 0; i < head.weights.rows(); ++i) {
            const double sum = head.weights.row(i).cast<double>().sum();
            if (ref.weights[h].row(i).sum() == 0) {
                EXPECT_EQ(sum, 0.0) << "fully masked row " << i;
            } else {
                EXPECT_NEAR(sum, 1.0, 1e-6) << "row " << i;
            }
        }
    }
    EXPECT_LT(maxDiff(r->output, ref.output), 1e-4);
}

} // namespace

TEST(Attention, HandWorkedTwoTokens) {
    // X = I, all weights I: Q = K = V = I, scores = I / sqrt(2), and each row's softmax puts
    // 1 / (1 + e^{-1/sqrt2}) = 0.6697615 on its own token.
    MatrixXfR x(2, 2);
    x << 1, 0, 0, 1;
    auto r = attention(identityInput(x));
    ASSERT_TRUE(r.ok()) << r.error().describe();
    const AttentionHead& h = r->heads[0];
    EXPECT_NEAR(h.scores(0, 0), 0.7071068f, 1e-6f);
    EXPECT_EQ(h.scores(0, 1), 0.0f);
    EXPECT_NEAR(h.weights(0, 0), 0.6697615f, 1e-6f);
    EXPECT_NEAR(h.weights(0, 1), 0.3302385f, 1e-6f);
    EXPECT_NEAR(h.weights(1, 1), 0.6697615f, 1e-6f);
    EXPECT_NEAR(r->output(1, 0), 0.3302385f, 1e-6f); // output = weights V = weights
    EXPECT_NEAR(r->output(1, 1), 0.6697615f, 1e-6f);

    AttentionInput causal = identityInput(x);
    causal.causal = true; // token 1 sees only itself; token 2 sees both
    auto c = attention(causal);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->heads[0].weights(0, 0), 1.0f);
    EXPECT_EQ(c->heads[0].weights(0, 1), 0.0f);
    EXPECT_NEAR(c->heads[0].weights(1, 0), 0.3302385f, 1e-6f);
    EXPECT_EQ(c->heads[0].scores(0, 1), 0.0f); // scores are kept before masking
}

TEST(Attention, HandWorkedUnscaled) {
    // X = [[1,2],[3,4]], W_Q = W_K = I, W_V = diag(1,2), no scaling: scores = X X^T =
    // [[5,11],[11,25]]; row 1 weights = (1, e^6) / (1 + e^6) = (0.0024726, 0.9975274);
    // V = [[1,4],[3,8]], so output row 1 = 0.0024726 (1,4) + 0.9975274 (3,8) =
    // (2.995055, 7.990110).
    MatrixXfR x(2, 2);
    x << 1, 2, 3, 4;
    AttentionInput in = identityInput(x);
    in.wv << 1, 0, 0, 2;
    in.scale = false;
    auto r = attention(in);
    ASSERT_TRUE(r.ok());
    const AttentionHead& h = r->heads[0];
    EXPECT_EQ(h.scores(0, 0), 5.0f);
    EXPECT_EQ(h.scores(0, 1), 11.0f);
    EXPECT_EQ(h.scores(1, 1), 25.0f);
    EXPECT_NEAR(h.weights(0, 0), 0.0024726f, 1e-7f);
    EXPECT_NEAR(h.weights(0, 1), 0.9975274f, 1e-6f);
    EXPECT_NEAR(h.weights(1, 0), 8.3153e-7f, 1e-10f); // 1 / (1 + e^14)
    EXPECT_NEAR(r->output(0, 0), 2.995055f, 1e-5f);
    EXPECT_NEAR(r->output(0, 1), 7.990110f, 1e-5f);
}

TEST(Attention, MatchesPlainImplementationOnRandomInputs) {
    std::mt19937 rng(2024);
    struct Case {
        int tokens, dModel, heads;
    };
    for (Case c : {Case{1, 4, 1}, Case{5, 4, 2}, Case{17, 12, 3}, Case{64, 64, 1}, Case{130, 64, 4},
                   Case{33, 16, 16}}) {
        SCOPED_TRACE(::testing::Message()
                     << c.tokens << " tokens, d_model " << c.dModel << ", " << c.heads << " heads");
        AttentionInput in = randomInput(c.tokens, c.dModel, c.heads, rng);
        expectMatchesReference(in);
        in.causal = true;
        expectMatchesReference(in);
        in.causal = false;
        in.temperature = 0.25f;
        expectMatchesReference(in);
        in.temperature = 3.0f;
        in.scale = false;
        expectMatchesReference(in);
        in.scale = true;
        in.temperature = 1.0f;
        in.padding.assign(static_cast<size_t>(c.tokens), false);
        for (int j = 0; j < c.tokens; j += 3)
            in.padding[static_cast<size_t>(j)] = true;
        expectMatchesReference(in);
        in.padding.clear();
        std::bernoulli_distribution coin(0.7);
        in.mask.resize(c.tokens, c.tokens);
        for (Index i = 0; i < in.mask.size(); ++i)
            in.mask.data()[i] = coin(rng);
        in.causal = true; // every mask at once
        expectMatchesReference(in);
        GemmOptions one;
        one.threads = 1;
        expectMatchesReference(in, one);
    }
}

// Products deeper than one k-slice of the micro-kernels (256): V over 300 tokens, W over
// d_model 264; head widths that are not a multiple of the kernels' panel width; causal rows
// ending inside a slice; on every kernel family this CPU runs, on one thread and on all.
TEST(Attention, DeepProductsAndEveryKernelFamilyMatchTheReference) {
    std::mt19937 rng(77);
    struct Case {
        int tokens, dModel, heads;
    };
    for (Case c : {Case{300, 16, 2}, Case{20, 264, 3}, Case{97, 40, 5}}) {
        AttentionInput in = randomInput(c.tokens, c.dModel, c.heads, rng);
        for (KernelIsa isa : {KernelIsa::Portable, KernelIsa::Avx2Fma, KernelIsa::Avx512}) {
            if (!kernelIsaSupported(isa)) continue;
            for (unsigned threads : {1u, 0u})
                for (bool causal : {false, true}) {
                    SCOPED_TRACE(::testing::Message()
                                 << c.tokens << " tokens, d_model " << c.dModel << ", " << c.heads
                                 << " heads, " << kernelIsaName(isa) << ", threads " << threads
                                 << (causal ? ", causal" : ""));
                    GemmOptions options;
                    options.isa = isa;
                    options.threads = threads;
                    in.causal = causal;
                    expectMatchesReference(in, options);
                }
        }
    }
}

// The finite check runs four vectors at a time of 8 or 16 lanes, then single vectors, then
// scalars: a NaN or infinity at any position of X (37 x 7 = 259 entries cover every remainder)
// must be found and named on every kernel family, with its 1-based row and column.
TEST(Attention, NonFiniteEntryFoundAtEveryPositionOnEveryKernelFamily) {
    std::mt19937 rng(5);
    const AttentionInput good = randomInput(37, 7, 1, rng);
    const float bad[] = {std::numeric_limits<float>::quiet_NaN(),
                         std::numeric_limits<float>::infinity()};
    for (KernelIsa isa : {KernelIsa::Portable, KernelIsa::Avx2Fma, KernelIsa::Avx512}) {
        if (!kernelIsaSupported(isa)) continue;
        GemmOptions options;
        options.isa = isa;
        ASSERT_TRUE(attention(good, options).ok()) << kernelIsaName(isa);
        for (Index i = 0; i < good.x.size(); ++i) {
            AttentionInput in = good;
            in.x.data()[i] = bad[i % 2];
            const auto result = attention(in, options);
            ASSERT_FALSE(result.ok()) << kernelIsaName(isa) << ", entry " << i;
            EXPECT_EQ(result.error().code, ErrorCode::NonFinite);
            const std::string where =
                "at row " + std::to_string(i / 7 + 1) + ", column " + std::to_string(i % 7 + 1);
            EXPECT_NE(result.error().message.find(where), std::string::npos)
                << result.error().message;
        }
    }
}

TEST(Attention, FullyMaskedRowsGiveZerosNotNaN) {
    std::mt19937 rng(5);
    AttentionInput in = identityInput(randomF(4, 4, rng));
    in.mask = MaskMatrix::Constant(4, 4, true);
    in.mask.row(2).setConstant(false);
    auto r = attention(in);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->heads[0].weights.row(2).cwiseAbs().maxCoeff(), 0.0f);
    EXPECT_EQ(r->output.row(2).cwiseAbs().maxCoeff(), 0.0f);
    EXPECT_TRUE(r->output.allFinite());
    EXPECT_NEAR(r->heads[0].weights.row(1).sum(), 1.0f, 1e-6f);

    in.mask.resize(0, 0);
    in.padding.assign(4, true); // nothing to attend to at all
    auto p = attention(in);
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(p->heads[0].weights.cwiseAbs().maxCoeff(), 0.0f);
    EXPECT_EQ(p->output.cwiseAbs().maxCoeff(), 0.0f);
}

TEST(Attention, ScalingAndTemperatureDivideTheScores) {
    std::mt19937 rng(8);
    AttentionInput in;
    in.x = randomF(6, 16, rng);
    in.wq = randomF(16, 16, rng);
    in.wk = randomF(16, 16, rng);
    in.wv = randomF(16, 16, rng);
    in.heads = 4; // d_k = 4, sqrt(d_k) = 2
    in.scale = false;
    auto raw = attention(in);
    in.scale = true;
    auto scaled = attention(in);
    in.temperature = 2.0f;
    auto warm = attention(in);
    ASSERT_TRUE(raw.ok() && scaled.ok() && warm.ok());
    for (size_t h = 0; h < 4; ++h) {
        EXPECT_LT((raw->heads[h].scores - 2.0f * scaled->heads[h].scores).cwiseAbs().maxCoeff(),
                  1e-5f);
        EXPECT_LT((scaled->heads[h].scores - 2.0f * warm->heads[h].scores).cwiseAbs().maxCoeff(),
                  1e-5f);
    }
}

TEST(Softmax, StableForHugeScores) {
    MatrixXfR m(3, 4);
    m << 1e4f, -1e4f, 9999.0f, 0.0f, //
        -1e4f, -1e4f, -1e4f, -1e4f,  //
        1e4f, 1e4f, -1e4f, 5.0f;
    softmaxRows(m);
    ASSERT_TRUE(m.allFinite());
    for (Index i = 0; i < 3; ++i)
        EXPECT_NEAR(m.row(i).cast<double>().sum(), 1.0, 1e-6);
    // Row 1: e^1 : 1 between the two top entries; row 2: uniform; row 3: halves.
    EXPECT_NEAR(m(0, 0), std::exp(1.0) / (1 + std::exp(1.0)), 1e-6);
    EXPECT_EQ(m(0, 1), 0.0f);
    EXPECT_NEAR(m(1, 2), 0.25f, 1e-7f);
    EXPECT_NEAR(m(2, 0), 0.5f, 1e-7f);
    EXPECT_NEAR(m(2, 3), 0.0f, 1e-7f);
}

TEST(Softmax, MaskedNaNAndInfiniteEntries) {
    MatrixXfR m(4, 3);
    m << -kInf, -kInf, -kInf,                                // fully masked: zeros
        0.0f, -kInf, 0.0f,                                   // masked entry is exactly 0
        1.0f, std::numeric_limits<float>::quiet_NaN(), 1.0f, // NaN counts as masked
        kInf, 2.0f, kInf;                                    // +inf entries share the row
    softmaxRows(m);
    ASSERT_TRUE(m.allFinite());
    EXPECT_EQ(m.row(0).cwiseAbs().maxCoeff(), 0.0f);
    EXPECT_EQ(m(1, 1), 0.0f);
    EXPECT_NEAR(m(1, 0), 0.5f, 1e-7f);
    EXPECT_EQ(m(2, 1), 0.0f);
    EXPECT_NEAR(m(2, 0), 0.5f, 1e-7f);
    EXPECT_EQ(m(3, 0), 0.5f);
    EXPECT_EQ(m(3, 1), 0.0f);
}

TEST(Attention, RowsSumToOneWithExtremeScores) {
    // Inputs that make scores of order ±1e4: the softmax must stay finite and normalised.
    MatrixXfR x(3, 2);
    x << 100, 0, -100, 0, 0, 100;
    AttentionInput in = identityInput(x);
    in.scale = false;
    auto r = attention(in);
    ASSERT_TRUE(r.ok());
    const AttentionHead& h = r->heads[0];
    EXPECT_EQ(h.scores(0, 1), -1e4f);
    ASSERT_TRUE(h.weights.allFinite());
    for (Index i = 0; i < 3; ++i)
        EXPECT_NEAR(h.weights.row(i).cast<double>().sum(), 1.0, 1e-6);
    EXPECT_TRUE(r->output.allFinite());
}

TEST(Attention, BadInputGivesCodesAndClearMessages) {
    std::mt19937 rng(1);
    AttentionInput good;
    good.x = randomF(5, 6, rng);
    good.wq = good.wk = good.wv = randomF(6, 6, rng);
    ASSERT_TRUE(attention(good).ok());

    AttentionInput in = good;
    in.heads = 4;
    auto heads = attention(in);
    ASSERT_FALSE(heads.ok());
    EXPECT_EQ(heads.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(heads.error().message.find("not divisible by 4 heads"), std::string::npos)
        << heads.error().message;
    in.heads = 0;
    EXPECT_EQ(attention(in).error().code, ErrorCode::InvalidArgument);

    in = good;
    in.wk = randomF(4, 6, rng);
    auto shape = attention(in);
    ASSERT_FALSE(shape.ok());
    EXPECT_EQ(shape.error().code, ErrorCode::ShapeMismatch);
    EXPECT_NE(shape.error().message.find("W_K is (4,6) but X is (5,6)"), std::string::npos)
        << shape.error().message;

    in = good;
    in.x.resize(0, 6);
    auto empty = attention(in);
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::EmptyMatrix);
    EXPECT_NE(empty.error().message.find("the sentence is empty"), std::string::npos);

    in = good;
    in.x = MatrixXfR::Zero(4097, 6);
    auto big = attention(in);
    ASSERT_FALSE(big.ok());
    EXPECT_EQ(big.error().code, ErrorCode::TooLarge);
    EXPECT_NE(big.error().message.find("4096"), std::string::npos);

    in = good;
    in.x(1, 2) = std::numeric_limits<float>::quiet_NaN();
    auto nan = attention(in);
    ASSERT_FALSE(nan.ok());
    EXPECT_EQ(nan.error().code, ErrorCode::NonFinite);
    EXPECT_NE(nan.error().message.find("row 2, column 3"), std::string::npos)
        << nan.error().message;

    in = good;
    in.wv(0, 0) = kInf;
    EXPECT_EQ(attention(in).error().code, ErrorCode::NonFinite);

    in = good;
    in.padding.assign(3, false);
    EXPECT_EQ(attention(in).error().code, ErrorCode::ShapeMismatch);
    in = good;
    in.mask = MaskMatrix::Constant(4, 5, true);
    EXPECT_EQ(attention(in).error().code, ErrorCode::ShapeMismatch);
    in = good;
    in.temperature = 0;
    EXPECT_EQ(attention(in).error().code, ErrorCode::InvalidArgument);

    in = good;
    in.x *= 1e20f; // scores near 1e40 do not fit a float
    auto overflow = attention(in);
    ASSERT_FALSE(overflow.ok());
    EXPECT_EQ(overflow.error().code, ErrorCode::NonFinite);
}

TEST(Attention, OneThreadAndAllThreadsAgree) {
    const AttentionInput in = makeRandomAttentionInput(300, 64, 2, 3);
    GemmOptions one;
    one.threads = 1;
    auto a = attention(in, one);
    auto b = attention(in);
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_LT((a->output - b->output).cwiseAbs().maxCoeff(), 1e-5f);
    EXPECT_LT((a->output - eigenAttentionOutput(in)).cwiseAbs().maxCoeff(), 1e-4f);
}

TEST(AttentionBench, RowsJsonAndCancel) {
    AttentionBenchOptions options;
    options.sequenceLengths = {8, 32};
    options.threadCounts = {1, 0};
    options.minSecondsPerCase = 0.001;
    options.minRepetitions = 3;
    int calls = 0;
    options.progress = [&](double fraction, std::string_view) {
        EXPECT_GE(fraction, 0.0);
        EXPECT_LE(fraction, 1.0);
        ++calls;
        return true;
    };
    auto report = runAttentionBench(options);
    ASSERT_TRUE(report.ok()) << report.error().describe();
    ASSERT_EQ(report->rows.size(), 4u);
    EXPECT_GT(calls, 0);
    for (const AttentionBenchRow& row : report->rows) {
        EXPECT_GT(row.engineSeconds, 0.0);
        EXPECT_GT(row.eigenSeconds, 0.0);
        EXPECT_GE(row.repetitions, 3);
        EXPECT_GE(row.engineThreads, 1u);
        EXPECT_LT(row.maxAbsDifference, 1e-4);
        EXPECT_DOUBLE_EQ(row.flops,
                         6.0 * row.tokens * 64 * 64 + 4.0 * row.tokens * row.tokens * 64);
    }
    const std::string json = attentionBenchJson(*report);
    EXPECT_NE(json.find("\"benchmark\": \"attention\""), std::string::npos);
    EXPECT_NE(json.find("\"engine_gflops\""), std::string::npos);
    EXPECT_NE(formatAttentionBenchTable(*report).find("speedup"), std::string::npos);

    options.progress = [](double, std::string_view) { return false; };
    auto cancelled = runAttentionBench(options);
    ASSERT_FALSE(cancelled.ok());
    EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
    options.dModel = 10;
    options.heads = 3;
    EXPECT_EQ(runAttentionBench(options).error().code, ErrorCode::InvalidArgument);
}
