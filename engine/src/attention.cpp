// Scaled dot-product attention on the engine's matmul, keeping every intermediate for display:
// validation with stable error codes, Q/K/V projection, scaled scores, masks, stable softmax,
// weights times V, heads split along d_model and merged back. Row-major, row vectors (ML style).
#include "engine/attention.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>

namespace linscape::engine {
namespace {

constexpr Index kMaxTokens = 4096;
// Every head keeps two (tokens x tokens) float matrices; refuse what would not fit comfortably.
constexpr double kMaxIntermediateBytes = 2.0 * 1024 * 1024 * 1024;
constexpr float kMasked = -std::numeric_limits<float>::infinity();

std::string shapeText(Index rows, Index cols) {
    return "(" + std::to_string(rows) + "," + std::to_string(cols) + ")";
}

// The first non-finite entry of m, as "NaN at row 3, column 2" (1-based), or empty. The quick
// test is a vectorised sum of x * 0 over the flat storage (0 for finite x, NaN for NaN or Inf);
// Eigen's allFinite() is a scalar scan, and on a row-major matrix a strided one.
std::string firstNonFinite(const MatrixXfR& m) {
    if ((Eigen::Map<const Eigen::ArrayXf>(m.data(), m.size()) * 0.0f).sum() == 0.0f) return {};
    for (Index r = 0; r < m.rows(); ++r)
        for (Index c = 0; c < m.cols(); ++c)
            if (!std::isfinite(m(r, c)))
                return std::string(std::isnan(m(r, c)) ? "NaN" : "an infinite value") + " at row " +
                       std::to_string(r + 1) + ", column " + std::to_string(c + 1);
    return {};
}

std::optional<Error> validate(const AttentionInput& in) {
    const Index tokens = in.x.rows(), dModel = in.x.cols();
    if (in.heads < 1)
        return makeError(ErrorCode::InvalidArgument,
                         "attention needs at least one head, not " + std::to_string(in.heads));
    if (tokens == 0)
        return makeError(ErrorCode::EmptyMatrix,
                         "the sentence is empty: attention needs at least one token");
    if (tokens > kMaxTokens)
        return makeError(ErrorCode::TooLarge, std::to_string(tokens) +
                                                  " tokens is more than the limit of " +
                                                  std::to_string(kMaxTokens));
    if (dModel == 0)
        return makeError(ErrorCode::EmptyMatrix,
                         "each token needs at least one dimension (d_model is 0)");
    if (dModel % in.heads != 0)
        return makeError(ErrorCode::InvalidArgument,
                         "d_model " + std::to_string(dModel) + " is not divisible by " +
                             std::to_string(in.heads) +
                             " heads: each head takes d_model / heads columns");
    const std::pair<const char*, const MatrixXfR*> weights[] = {
        {"W_Q", &in.wq}, {"W_K", &in.wk}, {"W_V", &in.wv}};
    for (auto [name, w] : weights)
        if (w->rows() != dModel || w->cols() != dModel)
            return makeError(ErrorCode::ShapeMismatch,
                             std::string(name) + " is " + shapeText(w->rows(), w->cols()) +
                                 " but X is " + shapeText(tokens, dModel) + ": " + name +
                                 " must be " + shapeText(dModel, dModel) + " (d_model x d_model)");
    if (!in.padding.empty() && static_cast<Index>(in.padding.size()) != tokens)
        return makeError(ErrorCode::ShapeMismatch,
                         "the padding flags have " + std::to_string(in.padding.size()) +
                             " entries but X has " + std::to_string(tokens) +
                             " tokens: one flag per token");
    if (in.mask.size() != 0 && (in.mask.rows() != tokens || in.mask.cols() != tokens))
        return makeError(ErrorCode::ShapeMismatch,
                         "the mask is " + shapeText(in.mask.rows(), in.mask.cols()) +
                             " but X has " + std::to_string(tokens) + " tokens: the mask must be " +
                             shapeText(tokens, tokens));
    if (!(in.temperature > 0) || !std::isfinite(in.temperature))
        return makeError(ErrorCode::InvalidArgument,
                         "the temperature must be a positive number, not " +
                             std::to_string(in.temperature));
    if (auto where = firstNonFinite(in.x); !where.empty())
        return makeError(ErrorCode::NonFinite,
                         "X has " + where + ": every entry must be a finite number");
    for (auto [name, w] : weights)
        if (auto where = firstNonFinite(*w); !where.empty())
            return makeError(ErrorCode::NonFinite, std::string(name) + " has " + where +
                                                       ": every entry must be a finite number");
    const double bytes = 2.0 * 4.0 * static_cast<double>(in.heads) * static_cast<double>(tokens) *
                         static_cast<double>(tokens);
    if (bytes > kMaxIntermediateBytes)
        return makeError(
            ErrorCode::TooLarge,
            "the scores and weights of " + std::to_string(in.heads) + " heads over " +
                std::to_string(tokens) + " tokens need about " +
                std::to_string(static_cast<long long>(bytes / (1024 * 1024))) +
                " MiB, more than the limit of " +
                std::to_string(static_cast<long long>(kMaxIntermediateBytes / (1024 * 1024))) +
                " MiB");
    return std::nullopt;
}

// exp(x) in place for x in [-88, 0] (softmax inputs after subtracting the row max, clamped), with
// float accuracy (Cephes expf polynomial: about 1e-7 relative). Why not Eigen's exp: in the
// baseline x86-64 build (SSE2) it runs at about 2.5 ns an element, no faster than scalar expf,
// while this branch-free loop is auto-vectorised at about 0.9 ns, and at about 0.35 ns compiled
// for AVX2 + FMA. The clamp must happen before: a select inside the loop would stop the
// vectoriser. exp(-88) comes out as exactly 0 (the scale 2^-127 is built as a zero bit pattern),
// so masked entries get exactly zero weight.
inline __attribute__((always_inline)) void expLoop(float* x, Index n) {
    for (Index i = 0; i < n; ++i) {
        const float v = x[i];
        // v = k ln2 + r with |r| <= ln2 / 2; ln2 split in two parts so that k ln2 is exact.
        const float k = (v * 1.44269504088896341f + 12582912.0f) - 12582912.0f; // round to nearest
        const float r = (v - k * 0.693359375f) + k * 2.12194440e-4f;
        float p = 1.9875691500e-4f;
        p = p * r + 1.3981999507e-3f;
        p = p * r + 8.3334519073e-3f;
        p = p * r + 4.1665795894e-2f;
        p = p * r + 1.6666665459e-1f;
        p = p * r + 5.0000001201e-1f;
        const float e = p * r * r + r + 1.0f;
        x[i] = e * std::bit_cast<float>((static_cast<std::int32_t>(k) + 127) << 23); // e * 2^k
    }
}

// The softmax is a quarter of the time of a 128-token attention, so on x86-64 the loop is also
// compiled for AVX2 + FMA and picked at run time from the CPU's features (the same test the matmul
// kernels use), so the binary still runs on any x86-64. The matmul kernels get their instruction
// set from per-file flags; for one loop a function attribute does the same. Not target_clones:
// its load-time resolver runs before the sanitizer runtimes start and crashes the tsan build.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2,fma"))) void expLoopAvx2(float* x, Index n) {
    expLoop(x, n);
}

void expClamped(float* x, Index n) {
    static const bool avx2 = kernelIsaSupported(KernelIsa::Avx2Fma);
    if (avx2)
        expLoopAvx2(x, n);
    else
        expLoop(x, n);
}
#else
void expClamped(float* x, Index n) {
    expLoop(x, n);
}
#endif

// Softmax of src[0, count) into dst[0, count), entries finite or -inf (masked); dst[count, n) = 0.
// exp(x - max) <= 1 never overflows, and the sum is at least 1 (the max contributes exp(0)), so the
// division is safe.
void softmaxInto(const float* src, float* dst, Index count, Index n) {
    Eigen::Map<const Eigen::ArrayXf> in(src, count);
    Eigen::Map<Eigen::ArrayXf> out(dst, count);
    const float top = count > 0 ? in.maxCoeff() : kMasked;
    if (!(top > kMasked)) {
        std::fill(dst, dst + n, 0.0f); // fully masked: attends to nothing
        return;
    }
    out = (in - top).max(-88.0f);
    expClamped(dst, count);
    out *= 1.0f / out.sum();
    std::fill(dst + count, dst + n, 0.0f);
}

// The careful scalar softmax for rows holding NaN (counted as masked) or +inf (sharing the row).
void softmaxCareful(float* data, Index n) {
    constexpr float inf = std::numeric_limits<float>::infinity();
    float best = kMasked;
    Index infinite = 0;
    for (Index i = 0; i < n; ++i) {
        if (data[i] == inf) ++infinite;
        if (data[i] > best) best = data[i];
    }
    if (!(best > kMasked)) {
        std::fill(data, data + n, 0.0f);
        return;
    }
    if (infinite > 0) {
        for (Index i = 0; i < n; ++i)
            data[i] = data[i] == inf ? 1.0f / static_cast<float>(infinite) : 0.0f;
        return;
    }
    double sum = 0;
    for (Index i = 0; i < n; ++i) {
        data[i] = data[i] > kMasked ? std::exp(data[i] - best) : 0.0f;
        sum += static_cast<double>(data[i]);
    }
    for (Index i = 0; i < n; ++i)
        data[i] = static_cast<float>(static_cast<double>(data[i]) / sum);
}

// Weights row i from the scaled scores: causal rows only look at their prefix (and skip the exps
// of the rest); padding and mask entries become -inf first. Returns false when the scores row is
// not finite (products that overflowed a float): a vectorised sum is finite exactly when every
// entry is (short of a sum near 3.4e38, which is just as unusable), far cheaper than a scan.
bool maskedSoftmaxRow(const AttentionInput& in, const MatrixXfR& scores, MatrixXfR& weights,
                      Index i) {
    const Index tokens = scores.cols();
    const Index count = in.causal ? std::min(i + 1, tokens) : tokens;
    const float* s = scores.row(i).data();
    float* w = weights.row(i).data();
    if (!std::isfinite(Eigen::Map<const Eigen::ArrayXf>(s, tokens).sum())) return false;
    if (in.padding.empty() && in.mask.size() == 0) {
        softmaxInto(s, w, count, tokens);
        return true;
    }
    std::copy_n(s, count, w);
    if (!in.padding.empty())
        for (Index j = 0; j < count; ++j)
            if (in.padding[static_cast<size_t>(j)]) w[j] = kMasked;
    if (in.mask.size() != 0)
        for (Index j = 0; j < count; ++j)
            if (!in.mask(i, j)) w[j] = kMasked;
    softmaxInto(w, w, count, tokens);
    return true;
}

// Threads the call may use: options.threads, capped by the pool (the caller counts as one).
unsigned threadBudget(const GemmOptions& options) {
    if (options.threads == 1) return 1;
    const unsigned available = (options.pool ? *options.pool : ThreadPool::shared()).size() + 1;
    return options.threads == 0 ? available : std::min(options.threads, available);
}

} // namespace

void softmaxRows(MatrixXfR& m) {
    for (Index i = 0; i < m.rows(); ++i) {
        float* row = m.row(i).data();
        // A (vectorised) row sum is NaN or +inf exactly when the row holds NaN or +inf (or finite
        // values summing past 3.4e38, which the careful path handles as well); -inf masks leave
        // it at -inf.
        const float sum = Eigen::Map<const Eigen::ArrayXf>(row, m.cols()).sum();
        if (sum < std::numeric_limits<float>::infinity())
            softmaxInto(row, row, m.cols(), m.cols());
        else
            softmaxCareful(row, m.cols());
    }
}

// Parallel over rows, not inside each product: the rows of attention are independent once K and
// V exist, and at interactive sizes (128 tokens x 64) each product is too small to split well.
// Phase 1 projects blocks of rows of X to Q|K|V; phase 2 runs (head, block of rows) tasks:
// scores, masked softmax and weights V for those rows. Every product inside runs on one thread.
std::optional<Error> attentionInto(const AttentionInput& input, AttentionResult& result,
                                   const GemmOptions& options) {
    if (auto error = validate(input)) return error;
    const Index tokens = input.x.rows(), dModel = input.x.cols();
    const int heads = input.heads;
    result.dk = static_cast<int>(dModel / heads);
    const Index dk = result.dk;
    // Scores are q.k / (sqrt(d_k) T): the sqrt(d_k) keeps their spread independent of the head
    // size (a dot product of d_k unit-variance terms has variance d_k), T is the slider on top.
    const float alpha =
        (input.scale ? 1.0f / std::sqrt(static_cast<float>(dk)) : 1.0f) / input.temperature;

    // Below about 20 MFLOP (roughly 200 tokens at d_model 64) one thread finishes in under 200 µs,
    // and waking pool workers (tens of µs when they sleep) costs more than splitting saves: at 128
    // tokens two threads measured 80-100 µs against 62 µs for one.
    const double flops = 6.0 * static_cast<double>(tokens) * static_cast<double>(dModel * dModel) +
                         4.0 * static_cast<double>(tokens * tokens) * static_cast<double>(dModel);
    const unsigned threads = flops < 2e7 ? 1 : threadBudget(options);
    GemmOptions serial = options;
    serial.threads = 1;
    // About four blocks per thread for balance, but blocks of at least 32 rows so each product
    // still fills the micro-kernels.
    const Index blockRows =
        threads == 1 ? tokens
                     : std::max<Index>(32, (tokens + 4 * threads - 1) / (4 * Index{threads}));
    const Index blocks = (tokens + blockRows - 1) / blockRows;
    const auto forEach = [&](Index count, const std::function<void(Index)>& body) {
        if (threads == 1 || count == 1) {
            for (Index i = 0; i < count; ++i)
                body(i);
            return;
        }
        (options.pool ? *options.pool : ThreadPool::shared())
            .parallelFor(
                static_cast<std::size_t>(count),
                [&](std::size_t i, unsigned) { body(static_cast<Index>(i)); }, threads);
    };

    MatrixXfR w(dModel, 3 * dModel);
    w << input.wq, input.wk, input.wv;
    result.qkv.resize(tokens, 3 * dModel);
    result.output.resize(tokens, dModel);
    result.heads.resize(static_cast<size_t>(heads));
    for (AttentionHead& head : result.heads) {
        head.q.resize(tokens, dk);
        head.k.resize(tokens, dk);
        head.v.resize(tokens, dk);
        head.scores.resize(tokens, tokens);
        head.weights.resize(tokens, tokens);
        head.output.resize(tokens, dk);
    }

    // Phase 1: rows of X [W_Q | W_K | W_V], and each head's slices of them.
    forEach(blocks, [&](Index b) {
        const Index r0 = b * blockRows, rows = std::min(blockRows, tokens - r0);
        gemm(Layout::RowMajor, Op::None, Op::None, rows, 3 * dModel, dModel, 1.0f,
             input.x.row(r0).data(), dModel, w.data(), 3 * dModel, 0.0f, result.qkv.row(r0).data(),
             3 * dModel, serial);
        for (Index h = 0; h < heads; ++h) {
            AttentionHead& head = result.heads[static_cast<size_t>(h)];
            head.q.middleRows(r0, rows) = result.qkv.block(r0, h * dk, rows, dk);
            head.k.middleRows(r0, rows) = result.qkv.block(r0, dModel + h * dk, rows, dk);
            head.v.middleRows(r0, rows) = result.qkv.block(r0, 2 * dModel + h * dk, rows, dk);
        }
    });

    // Phase 2: for each head and block of rows, scores, weights and output.
    std::vector<std::atomic<bool>> overflow(static_cast<size_t>(heads));
    forEach(heads * blocks, [&](Index task) {
        const Index h = task / blocks, r0 = (task % blocks) * blockRows;
        const Index rows = std::min(blockRows, tokens - r0);
        AttentionHead& head = result.heads[static_cast<size_t>(h)];
        gemm(Layout::RowMajor, Op::None, Op::Transpose, rows, tokens, dk, alpha,
             head.q.row(r0).data(), dk, head.k.data(), dk, 0.0f, head.scores.row(r0).data(), tokens,
             serial);
        for (Index i = r0; i < r0 + rows; ++i)
            if (!maskedSoftmaxRow(input, head.scores, head.weights, i))
                overflow[static_cast<size_t>(h)] = true;
        // Causal rows have zero weight beyond their last token: those columns need no product.
        const Index depth = input.causal ? r0 + rows : tokens;
        gemm(Layout::RowMajor, Op::None, Op::None, rows, dk, depth, 1.0f,
             head.weights.row(r0).data(), tokens, head.v.data(), dk, 0.0f,
             head.output.row(r0).data(), dk, serial);
        result.output.block(r0, h * dk, rows, dk) = head.output.middleRows(r0, rows);
    });
    for (int h = 0; h < heads; ++h)
        if (overflow[static_cast<size_t>(h)])
            return makeError(ErrorCode::NonFinite,
                             "the scores of head " + std::to_string(h + 1) +
                                 " overflow a float (beyond ±3.4e38): scale X or the weights down");
    return std::nullopt;
}

Result<AttentionResult> attention(const AttentionInput& input, const GemmOptions& options) {
    AttentionResult result;
    if (auto error = attentionInto(input, result, options)) return *error;
    return result;
}

} // namespace linscape::engine
