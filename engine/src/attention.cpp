// Scaled dot-product attention on the engine's matmul, keeping every intermediate for display:
// validation with stable error codes, Q/K/V projection, scaled scores, masks, stable softmax,
// weights times V, heads split along d_model and merged back. Row-major, row vectors (ML style).
#include "engine/attention.h"
#include "matmul_internal.h"
#include "vector_ext.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace linscape::engine {
namespace {

constexpr Index kMaxTokens = 4096;
// Every head keeps two (tokens x tokens) float matrices; refuse what would not fit comfortably.
constexpr double kMaxIntermediateBytes = 2.0 * 1024 * 1024 * 1024;
constexpr float kMasked = -std::numeric_limits<float>::infinity();
// Below this much work (about 90 tokens at d_model 64) one thread finishes first: the two phase
// joins cost more than splitting saves. Above it two threads win when the pool's worker is still
// spinning from recent work (128 tokens, medians: 27 against 44 µs on a Zen 5 core with AVX-512,
// 96-103 against about 124 on a Zen 4 host with AVX2) and lose about 20 µs when it has gone to
// sleep and must be woken.
constexpr double kMinParallelFlops = 4e6;

// The softmax is a tenth to a fifth of a 128-token attention, so it runs on float vectors
// (vector_ext.h) of 8 lanes, also compiled for AVX2 + FMA, and of 16 lanes for AVX-512, picked at
// run time like the matmul kernels (16 lanes where the AVX-512 kernels are the ones chosen: on a
// core that splits 512-bit operations they would gain nothing). Eigen's array expressions took
// five passes at SSE2 width over each row; this is three passes: max, exp and sum, scale. Not
// target_clones: its load-time resolver runs before the sanitizer runtimes start and crashes the
// tsan build.
template <class Vec>
constexpr Index kLanesOf = static_cast<Index>(sizeof(Vec) / sizeof(float));

using detail::Float16;
using detail::Float8;

// The int32 vector as wide as Vec (its exponent bits build 2^k in expClamped).
template <class Vec>
struct IntVector;
template <>
struct IntVector<Float8> {
    using Type = detail::Int8;
};
template <>
struct IntVector<Float16> {
    using Type = detail::Int16;
};
template <class Vec>
using IntOf = typename IntVector<Vec>::Type;

template <class Vec>
inline __attribute__((always_inline)) Vec load(const float* p) {
    return detail::loadVector<Vec>(p);
}

// The first `count` (< lanes) floats of p, the other lanes -inf: neutral for the max, and exp
// gives them exactly 0 weight.
template <class Vec>
inline __attribute__((always_inline)) Vec loadTail(const float* p, Index count) {
    float lanes[kLanesOf<Vec>];
    for (Index i = 0; i < kLanesOf<Vec>; ++i)
        lanes[i] = i < count ? p[i] : kMasked;
    return load<Vec>(lanes);
}

// exp(max(x, -88)) for x <= 0 (softmax inputs after subtracting the row max), float accuracy
// (Cephes expf polynomial: about 1e-7 relative). x = k ln2 + r with |r| <= ln2 / 2, ln2 split in
// two parts so that k ln2 is exact. exp(-88) comes out as exactly 0 (the scale 2^-127 is built as
// a zero bit pattern), so masked (-inf) entries get exactly zero weight.
template <class Vec>
inline __attribute__((always_inline)) Vec expClamped(const Vec& in) {
    Vec x = in;
    const Vec floor = Vec{} - 88.0f;
    x = x > floor ? x : floor;
    const Vec k = (x * 1.44269504088896341f + 12582912.0f) - 12582912.0f; // round to nearest
    const Vec r = (x - k * 0.693359375f) + k * 2.12194440e-4f;
    Vec p = Vec{} + 1.9875691500e-4f;
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    const Vec e = p * r * r + r + 1.0f;
    const IntOf<Vec> bits = (__builtin_convertvector(k, IntOf<Vec>) + 127) << 23; // 2^k
    return e * std::bit_cast<Vec>(bits);
}

inline __attribute__((always_inline)) float horizontalMax(const Float8& v) {
    const float a = v[0] > v[1] ? v[0] : v[1], b = v[2] > v[3] ? v[2] : v[3];
    const float c = v[4] > v[5] ? v[4] : v[5], d = v[6] > v[7] ? v[6] : v[7];
    const float ab = a > b ? a : b, cd = c > d ? c : d;
    return ab > cd ? ab : cd;
}

// Pairwise, in a fixed order.
inline __attribute__((always_inline)) float horizontalSum(const Float8& v) {
    return ((v[0] + v[1]) + (v[2] + v[3])) + ((v[4] + v[5]) + (v[6] + v[7]));
}

// 16 lanes fold to 8 first (lane i with lane i + 8), then as above.
inline __attribute__((always_inline)) Float8 lowHalf(const Float16& v) {
    return __builtin_shufflevector(v, v, 0, 1, 2, 3, 4, 5, 6, 7);
}

inline __attribute__((always_inline)) Float8 highHalf(const Float16& v) {
    return __builtin_shufflevector(v, v, 8, 9, 10, 11, 12, 13, 14, 15);
}

inline __attribute__((always_inline)) float horizontalMax(const Float16& v) {
    const Float8 lo = lowHalf(v), hi = highHalf(v);
    return horizontalMax(hi > lo ? hi : lo);
}

inline __attribute__((always_inline)) float horizontalSum(const Float16& v) {
    return horizontalSum(lowHalf(v) + highHalf(v));
}

// Softmax of src[0, count) into dst[0, count) (src == dst allowed), entries finite or -inf
// (masked); dst[count, n) = 0. exp(x - max) <= 1 never overflows, and the sum is at least 1 (the
// max contributes exp(0)), so the division is safe. Returns whether src[0, count) was all finite
// (x * 0 is 0 for finite x, NaN otherwise), found in the pass that finds the max: callers whose
// row has no masked entries need no separate check.
template <class Vec>
inline __attribute__((always_inline)) bool softmaxLoop(const float* src, float* dst, Index count,
                                                       Index n) {
    constexpr Index kLanes = kLanesOf<Vec>;
    const Index whole = count / kLanes * kLanes;
    // Two chains each for the max and the check: one add chain would wait out the add latency at
    // every step.
    Vec top = Vec{} + kMasked, topOdd = top, zero{}, zeroOdd{};
    Index i0 = 0;
    for (; i0 + 2 * kLanes <= whole; i0 += 2 * kLanes) {
        const Vec v = load<Vec>(src + i0), w = load<Vec>(src + i0 + kLanes);
        top = v > top ? v : top;
        topOdd = w > topOdd ? w : topOdd;
        zero += v * 0.0f;
        zeroOdd += w * 0.0f;
    }
    if (i0 < whole) {
        const Vec v = load<Vec>(src + i0);
        top = v > top ? v : top;
        zero += v * 0.0f;
    }
    top = topOdd > top ? topOdd : top;
    zero += zeroOdd;
    for (Index i = whole; i < count; ++i)
        zero[0] += src[i] * 0.0f;
    if (whole < count) {
        const Vec v = loadTail<Vec>(src + whole, count - whole);
        top = v > top ? v : top;
    }
    const bool finite = horizontalSum(zero) == 0.0f;
    const float rowMax = horizontalMax(top);
    if (!(rowMax > kMasked)) {
        std::fill(dst, dst + n, 0.0f); // fully masked: attends to nothing
        return finite;
    }
    Vec sum{};
    for (Index i = 0; i < whole; i += kLanes) {
        const Vec e = expClamped(load<Vec>(src + i) - rowMax);
        sum += e;
        detail::storeVector(dst + i, e);
    }
    if (whole < count) {
        const Vec e = expClamped(loadTail<Vec>(src + whole, count - whole) - rowMax);
        sum += e;
        for (Index i = whole; i < count; ++i)
            dst[i] = e[i - whole];
    }
    const float inverse = 1.0f / horizontalSum(sum);
    for (Index i = 0; i < whole; i += kLanes)
        detail::storeVector(dst + i, load<Vec>(dst + i) * inverse);
    for (Index i = whole; i < count; ++i)
        dst[i] *= inverse;
    std::fill(dst + count, dst + n, 0.0f);
    return finite;
}

// True when every entry is finite: x * 0 is 0 for finite x and NaN for NaN or +-inf.
template <class Vec>
inline __attribute__((always_inline)) bool finiteLoop(const float* x, Index n) {
    constexpr Index kLanes = kLanesOf<Vec>;
    // Four independent chains: with one, every step would wait out the add latency (the check
    // runs over all of X and the weights on each call, before any thread can start).
    const Index whole = n / kLanes * kLanes;
    Vec zero[4] = {};
    Index i = 0;
    for (; i + 4 * kLanes <= whole; i += 4 * kLanes)
        for (int c = 0; c < 4; ++c)
            zero[c] += load<Vec>(x + i + c * kLanes) * 0.0f;
    for (; i < whole; i += kLanes)
        zero[0] += load<Vec>(x + i) * 0.0f;
    float rest = horizontalSum((zero[0] + zero[1]) + (zero[2] + zero[3]));
    for (; i < n; ++i)
        rest += x[i] * 0.0f;
    return rest == 0.0f;
}

// The softmax and finite check for one instruction set.
struct SoftmaxSet {
    bool (*softmax)(const float* src, float* dst, Index count, Index n);
    bool (*finite)(const float* x, Index n);
};

bool softmaxPortable(const float* src, float* dst, Index count, Index n) {
    return softmaxLoop<Float8>(src, dst, count, n);
}

bool finitePortable(const float* x, Index n) {
    return finiteLoop<Float8>(x, n);
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2,fma"))) bool softmaxAvx2(const float* src, float* dst, Index count,
                                                     Index n) {
    return softmaxLoop<Float8>(src, dst, count, n);
}

__attribute__((target("avx2,fma"))) bool finiteAvx2(const float* x, Index n) {
    return finiteLoop<Float8>(x, n);
}

__attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))) bool
softmaxAvx512(const float* src, float* dst, Index count, Index n) {
    return softmaxLoop<Float16>(src, dst, count, n);
}

__attribute__((target("avx512f,avx512dq,avx512vl,avx2,fma"))) bool finiteAvx512(const float* x,
                                                                                Index n) {
    return finiteLoop<Float16>(x, n);
}
#endif

// The set for the kernel family that runs (resolved: a family the CPU lacks is never used).
SoftmaxSet softmaxFor(KernelIsa isa) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    switch (detail::resolveKernelIsa(isa)) {
    case KernelIsa::Avx512:
        return {&softmaxAvx512, &finiteAvx512};
    case KernelIsa::Avx2Fma:
        return {&softmaxAvx2, &finiteAvx2};
    default:
        break;
    }
#else
    (void)isa;
#endif
    return {&softmaxPortable, &finitePortable};
}

const SoftmaxSet& autoSoftmax() {
    static const SoftmaxSet set = softmaxFor(KernelIsa::Auto);
    return set;
}

std::string shapeText(Index rows, Index cols) {
    return "(" + std::to_string(rows) + "," + std::to_string(cols) + ")";
}

// The first non-finite entry of m, as "NaN at row 3, column 2" (1-based), or empty. The quick
// test runs over the flat storage; Eigen's allFinite() is a scalar scan, and on a row-major
// matrix a strided one.
std::string firstNonFinite(const MatrixXfR& m, const SoftmaxSet& ops) {
    if (ops.finite(m.data(), m.size())) return {};
    for (Index r = 0; r < m.rows(); ++r)
        for (Index c = 0; c < m.cols(); ++c)
            if (!std::isfinite(m(r, c)))
                return std::string(std::isnan(m(r, c)) ? "NaN" : "an infinite value") + " at row " +
                       std::to_string(r + 1) + ", column " + std::to_string(c + 1);
    return {};
}

std::optional<Error> validate(const AttentionInput& in, const SoftmaxSet& ops) {
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
    if (auto where = firstNonFinite(in.x, ops); !where.empty())
        return makeError(ErrorCode::NonFinite,
                         "X has " + where + ": every entry must be a finite number");
    for (auto [name, w] : weights)
        if (auto where = firstNonFinite(*w, ops); !where.empty())
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
// not finite (products that overflowed a float).
bool maskedSoftmaxRow(const AttentionInput& in, const SoftmaxSet& ops, const MatrixXfR& scores,
                      MatrixXfR& weights, Index i) {
    const Index tokens = scores.cols();
    const Index count = in.causal ? std::min(i + 1, tokens) : tokens;
    const float* s = scores.row(i).data();
    float* w = weights.row(i).data();
    if (in.padding.empty() && in.mask.size() == 0)
        return ops.softmax(s, w, count, tokens) && ops.finite(s + count, tokens - count);
    if (!ops.finite(s, tokens)) return false;
    std::copy_n(s, count, w);
    if (!in.padding.empty())
        for (Index j = 0; j < count; ++j)
            if (in.padding[static_cast<size_t>(j)]) w[j] = kMasked;
    if (in.mask.size() != 0)
        for (Index j = 0; j < count; ++j)
            if (!in.mask(i, j)) w[j] = kMasked;
    ops.softmax(w, w, count, tokens);
    return true;
}

// Threads the call may use: options.threads, capped by the pool (the caller counts as one).
unsigned threadBudget(const GemmOptions& options) {
    if (options.threads == 1) return 1;
    const unsigned available = (options.pool ? *options.pool : ThreadPool::shared()).size() + 1;
    return options.threads == 0 ? available : std::min(options.threads, available);
}

// Deepest k-slice of a product: a B micro-panel of kc x nr floats (16 KiB with nr = 16) stays in
// L1 while the tiles of a row block stream past it.
constexpr Index kDepthSlice = 256;

// A B operand (depth x cols, element (p, j) at src[p * rs + j * cs]) packed into the kernels'
// micro-panels, in equal k-slices, each panel packed by whichever thread first needs it. Packed
// once per call and shared by every row block: the generic gemm would pack K and V again for each
// block of rows, and W for each call of every block.
class LazyPanels {
public:
    static std::size_t floatsFor(Index depth, Index cols, int nr) {
        return static_cast<std::size_t>(depth * ((cols + nr - 1) / nr) * nr);
    }
    static std::size_t flagsFor(Index depth, Index cols, int nr) {
        return static_cast<std::size_t>(slicesFor(depth) * ((cols + nr - 1) / nr));
    }

    void reset(const detail::MicroKernelSet<float>& set, const float* src, Index rs, Index cs,
               Index depth, Index cols, float* buffer, std::uint8_t* flags) {
        m_set = &set;
        m_src = src;
        m_rs = rs;
        m_cs = cs;
        m_depth = depth;
        m_cols = cols;
        m_panels = (cols + set.nr - 1) / set.nr;
        m_slices = slicesFor(depth);
        m_kc = (depth + m_slices - 1) / m_slices;
        m_data = buffer;
        m_flags = flags;
        std::fill(flags, flags + m_slices * m_panels, std::uint8_t{0});
    }

    Index panels() const { return m_panels; }
    Index slices() const { return m_slices; }
    Index sliceBegin(Index s) const { return s * m_kc; }
    Index sliceDepth(Index s) const { return s == m_slices - 1 ? m_depth - s * m_kc : m_kc; }
    int panelCols(Index j) const {
        return static_cast<int>(std::min<Index>(m_set->nr, m_cols - j * m_set->nr));
    }

    // Panel j of slice s; waits only while another thread is packing that very panel.
    const float* panel(Index s, Index j) {
        const Index p0 = sliceBegin(s), depth = sliceDepth(s), nr = m_set->nr;
        float* dst = m_data + p0 * m_panels * nr + j * depth * nr;
        std::atomic_ref<std::uint8_t> flag(m_flags[s * m_panels + j]);
        std::uint8_t state = flag.load(std::memory_order_acquire);
        if (state == kReady) return dst;
        if (state == kEmpty &&
            flag.compare_exchange_strong(state, kPacking, std::memory_order_acquire)) {
            m_set->packB(depth, panelCols(j), m_src + p0 * m_rs + j * nr * m_cs, m_rs, m_cs, dst);
            flag.store(kReady, std::memory_order_release);
            return dst;
        }
        while (flag.load(std::memory_order_acquire) != kReady)
            std::this_thread::yield();
        return dst;
    }

private:
    static constexpr std::uint8_t kEmpty = 0, kPacking = 1, kReady = 2;
    static Index slicesFor(Index depth) {
        return std::max<Index>(1, (depth + kDepthSlice - 1) / kDepthSlice);
    }

    const detail::MicroKernelSet<float>* m_set = nullptr;
    const float* m_src = nullptr;
    Index m_rs = 0, m_cs = 0, m_depth = 0, m_cols = 0, m_panels = 0, m_slices = 0, m_kc = 0;
    float* m_data = nullptr;
    std::uint8_t* m_flags = nullptr;
};

// C[r0, r1) = alpha * A[r0, r1) * B + beta-accumulated over B's k-slices, A row-major in place
// (row r at a + r * lda, its k-slice s at column sliceBegin(s)), C row r at c + r * ldc; only the
// first `depth` entries of k are used (causal rows stop at their last token).
void rowBlockProduct(const detail::MicroKernelSet<float>& set, const float* a, Index lda,
                     LazyPanels& b, Index depth, float alpha, float* c, Index ldc, Index r0,
                     Index r1) {
    for (Index s = 0; s < b.slices() && b.sliceBegin(s) < depth; ++s) {
        const Index p0 = b.sliceBegin(s), d = std::min(b.sliceDepth(s), depth - p0);
        const float beta = s == 0 ? 0.0f : 1.0f;
        for (Index j = 0; j < b.panels(); ++j) {
            const float* bp = b.panel(s, j);
            const int cols = b.panelCols(j);
            for (Index r = r0; r < r1; r += set.mr)
                set.kernelRowA(d, a + r * lda + p0, lda, bp, c + r * ldc + j * set.nr, ldc,
                               static_cast<int>(std::min<Index>(set.mr, r1 - r)), cols, alpha,
                               beta);
        }
    }
}

// The caller's packed panels and their flags, kept between calls (no allocation per call).
thread_local detail::ScratchBuffer t_panels;
thread_local detail::ScratchBuffer t_flags;

} // namespace

void softmaxRows(MatrixXfR& m) {
    for (Index i = 0; i < m.rows(); ++i) {
        float* row = m.row(i).data();
        // A (vectorised) row sum is NaN or +inf exactly when the row holds NaN or +inf (or finite
        // values summing past 3.4e38, which the careful path handles as well); -inf masks leave
        // it at -inf.
        const float sum = Eigen::Map<const Eigen::ArrayXf>(row, m.cols()).sum();
        if (sum < std::numeric_limits<float>::infinity())
            autoSoftmax().softmax(row, row, m.cols(), m.cols());
        else
            softmaxCareful(row, m.cols());
    }
}

// Parallel over rows, not inside each product: the rows of attention are independent once K and
// V exist, and at interactive sizes (128 tokens x 64) each product is too small to split well.
// Phase 1 projects blocks of rows of X to each head's Q, K and V; phase 2 runs (head, block of
// rows) tasks: scores, masked softmax and weights V for those rows. The products call the
// micro-kernels directly, with A read in place and B (W, K^T, V) packed once per call, so nothing
// is copied but the output. Blocks are whole micro-tiles of rows.
std::optional<Error> attentionInto(const AttentionInput& input, AttentionResult& result,
                                   const GemmOptions& options) {
    const SoftmaxSet ops = softmaxFor(options.isa);
    if (auto error = validate(input, ops)) return error;
    const Index tokens = input.x.rows(), dModel = input.x.cols();
    const int heads = input.heads;
    result.dk = static_cast<int>(dModel / heads);
    const Index dk = result.dk;
    // Scores are q.k / (sqrt(d_k) T): the sqrt(d_k) keeps their spread independent of the head
    // size (a dot product of d_k unit-variance terms has variance d_k), T is the slider on top.
    const float alpha =
        (input.scale ? 1.0f / std::sqrt(static_cast<float>(dk)) : 1.0f) / input.temperature;
    const detail::MicroKernelSet<float>& set = detail::kernelsFor(options.isa).f32;

    const double flops = 6.0 * static_cast<double>(tokens) * static_cast<double>(dModel * dModel) +
                         4.0 * static_cast<double>(tokens * tokens) * static_cast<double>(dModel);
    const unsigned threads = flops < kMinParallelFlops ? 1 : threadBudget(options);
    // At least eight blocks per thread where there are enough tiles, so the thread that gets one
    // block more waits at most an eighth longer (an edge tile costs as much as a full one: at 128
    // tokens and 14-row tiles, five blocks of two tiles split 6:4 between two threads, ten blocks
    // of one split 5:5). Rows of scores of one block stay within 256 KiB (L2) from their product to
    // their softmax.
    const Index tiles = (tokens + set.mr - 1) / set.mr;
    const Index maxTiles = std::max<Index>(1, (256 * 1024 / 4) / (tokens * set.mr));
    const Index blockTiles = std::clamp<Index>(tiles / (8 * Index{threads}), 1, maxTiles);
    const Index blockRows = blockTiles * set.mr;
    const Index blocks = (tokens + blockRows - 1) / blockRows;
    ThreadPool& pool = options.pool ? *options.pool : ThreadPool::shared();
    const auto forEach = [&](Index count, const std::function<void(Index)>& body) {
        if (threads == 1 || count == 1) {
            for (Index i = 0; i < count; ++i)
                body(i);
            return;
        }
        pool.parallelFor(
            static_cast<std::size_t>(count),
            [&](std::size_t i, unsigned) { body(static_cast<Index>(i)); }, threads);
    };

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

    // Panels: W_Q, W_K, W_V restricted to each head's columns, then each head's K^T and V.
    const std::size_t wFloats = LazyPanels::floatsFor(dModel, dk, set.nr);
    const std::size_t kFloats = LazyPanels::floatsFor(dk, tokens, set.nr);
    const std::size_t vFloats = LazyPanels::floatsFor(tokens, dk, set.nr);
    const std::size_t wFlags = LazyPanels::flagsFor(dModel, dk, set.nr);
    const std::size_t kFlags = LazyPanels::flagsFor(dk, tokens, set.nr);
    const std::size_t vFlags = LazyPanels::flagsFor(tokens, dk, set.nr);
    const std::size_t perHeadFloats = 3 * wFloats + kFloats + vFloats;
    const std::size_t perHeadFlags = 3 * wFlags + kFlags + vFlags;
    auto* floats = static_cast<float*>(
        t_panels.get(sizeof(float) * perHeadFloats * static_cast<std::size_t>(heads)));
    auto* flags =
        static_cast<std::uint8_t*>(t_flags.get(perHeadFlags * static_cast<std::size_t>(heads)));
    std::vector<LazyPanels> wPanels(3 * static_cast<size_t>(heads));
    std::vector<LazyPanels> kPanels(static_cast<size_t>(heads)),
        vPanels(static_cast<size_t>(heads));
    const MatrixXfR* weightsOf[3] = {&input.wq, &input.wk, &input.wv};
    for (int h = 0; h < heads; ++h) {
        float* f = floats + perHeadFloats * static_cast<std::size_t>(h);
        std::uint8_t* g = flags + perHeadFlags * static_cast<std::size_t>(h);
        for (int which = 0; which < 3; ++which) {
            wPanels[static_cast<size_t>(3 * h + which)].reset(
                set, weightsOf[which]->data() + h * dk, dModel, 1, dModel, dk, f, g);
            f += wFloats;
            g += wFlags;
        }
        const AttentionHead& head = result.heads[static_cast<size_t>(h)];
        kPanels[static_cast<size_t>(h)].reset(set, head.k.data(), 1, dk, dk, tokens, f, g);
        vPanels[static_cast<size_t>(h)].reset(set, head.v.data(), dk, 1, tokens, dk, f + kFloats,
                                              g + kFlags);
    }

    // Phase 1: each head's Q, K, V for a block of rows of X.
    forEach(blocks, [&](Index b) {
        const Index r0 = b * blockRows, r1 = std::min(tokens, r0 + blockRows);
        for (int h = 0; h < heads; ++h) {
            AttentionHead& head = result.heads[static_cast<size_t>(h)];
            MatrixXfR* outs[3] = {&head.q, &head.k, &head.v};
            for (int which = 0; which < 3; ++which)
                rowBlockProduct(set, input.x.data(), dModel,
                                wPanels[static_cast<size_t>(3 * h + which)], dModel, 1.0f,
                                outs[which]->data(), dk, r0, r1);
        }
    });

    // Phase 2: for each head and block of rows, scores, weights and output.
    std::vector<std::atomic<bool>> overflow(static_cast<size_t>(heads));
    forEach(heads * blocks, [&](Index task) {
        const int h = static_cast<int>(task / blocks);
        const Index r0 = (task % blocks) * blockRows, r1 = std::min(tokens, r0 + blockRows);
        AttentionHead& head = result.heads[static_cast<size_t>(h)];
        rowBlockProduct(set, head.q.data(), dk, kPanels[static_cast<size_t>(h)], dk, alpha,
                        head.scores.data(), tokens, r0, r1);
        for (Index i = r0; i < r1; ++i)
            if (!maskedSoftmaxRow(input, ops, head.scores, head.weights, i))
                overflow[static_cast<size_t>(h)] = true;
        // Causal rows have zero weight beyond their last token: those columns need no product.
        const Index depth = input.causal ? r1 : tokens;
        rowBlockProduct(set, head.weights.data(), tokens, vPanels[static_cast<size_t>(h)], depth,
                        1.0f, head.output.data(), dk, r0, r1);
        result.output.block(r0, h * dk, r1 - r0, dk) = head.output.middleRows(r0, r1 - r0);
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
