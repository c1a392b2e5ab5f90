// Micro-kernel, packing and FMA-loop templates, written once over a small vector-traits type and
// instantiated by each ISA file (matmul_portable/avx2/avx512.cpp) with its own compiler flags.
//
// Everything here lives in an unnamed namespace on purpose: each including file gets private
// copies compiled for its instruction set. Shared inline functions (a std:: template, Eigen) would
// be emitted once per file and the linker would keep any one of them, possibly an AVX-512 copy
// called from baseline code on a CPU without AVX-512. So this header uses no std:: templates.
#pragma once

#include "matmul_kernels.h"

#define LINSCAPE_UNROLL _Pragma("GCC unroll 32")

namespace linscape::engine::detail {
namespace {

// The vector traits V each ISA file provides:
//   using T = float or double; using Reg = a register type; static constexpr int kLanes;
//   static Reg zero(); static Reg set1(T); static Reg load(const T*)  (64-byte aligned packed data)
//   static Reg loadu(const T*); static void storeu(T*, Reg); static Reg mul(Reg, Reg);
//   static Reg fma(Reg a, Reg b, Reg c)  // a * b + c

// C tile = alpha * acc + beta * C for an MR x (NV * lanes) block of accumulators; only the
// rows x cols that lie inside C are written. beta == 0 stores without reading C.
template <class V, int MR, int NV>
inline __attribute__((always_inline)) void
storeTile(typename V::Reg (&acc)[MR][NV], typename V::T* c, KIndex ldc, int rows, int cols,
          typename V::T alpha, typename V::T beta) {
    using T = typename V::T;
    using Reg = typename V::Reg;
    constexpr int L = V::kLanes;
    constexpr int NR = NV * L;
    const Reg va = V::set1(alpha);
    if (rows == MR && cols == NR) {
        if (beta == T(0)) {
            LINSCAPE_UNROLL
            for (int i = 0; i < MR; ++i) {
                LINSCAPE_UNROLL
                for (int v = 0; v < NV; ++v)
                    V::storeu(c + i * ldc + v * L, V::mul(acc[i][v], va));
            }
        } else {
            const Reg vb = V::set1(beta);
            LINSCAPE_UNROLL
            for (int i = 0; i < MR; ++i) {
                LINSCAPE_UNROLL
                for (int v = 0; v < NV; ++v) {
                    T* dst = c + i * ldc + v * L;
                    V::storeu(dst, V::fma(acc[i][v], va, V::mul(V::loadu(dst), vb)));
                }
            }
        }
        return;
    }
    // Edge tile: computed in full, stored only where it lies inside C.
    alignas(64) T tile[MR * NR];
    LINSCAPE_UNROLL
    for (int i = 0; i < MR; ++i) {
        LINSCAPE_UNROLL
        for (int v = 0; v < NV; ++v)
            V::storeu(tile + i * NR + v * L, V::mul(acc[i][v], va));
    }
    for (int i = 0; i < rows; ++i) {
        T* dst = c + i * ldc;
        const T* src = tile + i * NR;
        if (beta == T(0)) {
            for (int j = 0; j < cols; ++j)
                dst[j] = src[j];
        } else {
            for (int j = 0; j < cols; ++j)
                dst[j] = src[j] + beta * dst[j];
        }
    }
}

// The tile of C is touched only after the k loop; asking for it first hides the miss.
template <class T>
inline __attribute__((always_inline)) void prefetchTile(T* c, KIndex ldc, int rows, int cols) {
    for (int i = 0; i < rows; ++i) {
        __builtin_prefetch(c + i * ldc, 1);
        __builtin_prefetch(c + i * ldc + cols - 1, 1);
    }
}

// C tile = alpha * A Bp + beta * C for an MR x (NV * lanes) register block. The accumulators
// stay in registers (MR * NV of them); each k step loads NV vectors of B and broadcasts MR values
// of A, so FMAs outnumber loads and the FMA pipes, not the load ports, set the pace. aAt(i, p)
// reads A(i, p) from wherever A lives (packed, or rows in place).
template <class V, int MR, int NV, class AAt>
inline __attribute__((always_inline)) void
kernelLoop(KIndex kc, AAt aAt, const typename V::T* bp, typename V::T* c, KIndex ldc, int rows,
           int cols, typename V::T alpha, typename V::T beta) {
    using Reg = typename V::Reg;
    constexpr int L = V::kLanes;
    constexpr int NR = NV * L;

    Reg acc[MR][NV];
    LINSCAPE_UNROLL
    for (int i = 0; i < MR; ++i) {
        LINSCAPE_UNROLL
        for (int v = 0; v < NV; ++v)
            acc[i][v] = V::zero();
    }
    prefetchTile(c, ldc, rows, cols);

    for (KIndex p = 0; p < kc; ++p) {
        Reg b[NV];
        LINSCAPE_UNROLL
        for (int v = 0; v < NV; ++v)
            b[v] = V::load(bp + v * L);
        LINSCAPE_UNROLL
        for (int i = 0; i < MR; ++i) {
            const Reg a = V::set1(aAt(i, p));
            LINSCAPE_UNROLL
            for (int v = 0; v < NV; ++v)
                acc[i][v] = V::fma(a, b[v], acc[i][v]);
        }
        bp += NR;
    }
    storeTile<V, MR, NV>(acc, c, ldc, rows, cols, alpha, beta);
}

// A packed: kc steps of MR values (see MicroKernelSet).
template <class V, int MR, int NV>
void microKernel(KIndex kc, const typename V::T* ap, const typename V::T* bp, typename V::T* c,
                 KIndex ldc, int rows, int cols, typename V::T alpha, typename V::T beta) {
    kernelLoop<V, MR, NV>(
        kc, [ap](int i, KIndex p) { return ap[p * MR + i]; }, bp, c, ldc, rows, cols, alpha, beta);
}

// A read in place, row-major (A(i, p) = a[i * lda + p]), instead of packed: for operands that
// are already rows in memory and small enough to stay in L1/L2 (attention's Q, X and weights
// rows), the broadcasts cost the same and the packing copy is saved. Rows past `rows` are never
// read: they repeat the last real row, and the store drops them.
template <class V, int MR, int NV>
void microKernelRowA(KIndex kc, const typename V::T* a, KIndex lda, const typename V::T* bp,
                     typename V::T* c, KIndex ldc, int rows, int cols, typename V::T alpha,
                     typename V::T beta) {
    using T = typename V::T;
    const T* row[MR];
    LINSCAPE_UNROLL
    for (int i = 0; i < MR; ++i)
        row[i] = a + (i < rows ? i : rows - 1) * lda;
    kernelLoop<V, MR, NV>(
        kc, [&row](int i, KIndex p) { return row[i][p]; }, bp, c, ldc, rows, cols, alpha, beta);
}

// Copies a W-wide strip of a matrix (W consecutive rows of A, or W consecutive columns of B) into
// kc steps of W values. `along` is the stride between the W lines, `step` the stride along k.
template <class T, int W>
void packStrip(KIndex kc, int lines, const T* src, KIndex along, KIndex step, T* dst) {
    if (lines == W && along == 1) {
        // The W values of one k step are contiguous: a straight vectorisable copy.
        for (KIndex p = 0; p < kc; ++p) {
            const T* s = src + p * step;
            LINSCAPE_UNROLL
            for (int i = 0; i < W; ++i)
                dst[i] = s[i];
            dst += W;
        }
    } else if (lines == W && step == 1) {
        // Each line is contiguous along k: walk W streams side by side, a few k steps at a time
        // so every stream is read in whole cache lines.
        constexpr KIndex kChunk = 8;
        KIndex p = 0;
        for (; p + kChunk <= kc; p += kChunk) {
            LINSCAPE_UNROLL
            for (int i = 0; i < W; ++i) {
                const T* s = src + i * along + p;
                LINSCAPE_UNROLL
                for (KIndex q = 0; q < kChunk; ++q)
                    dst[q * W + i] = s[q];
            }
            dst += kChunk * W;
        }
        for (; p < kc; ++p) {
            LINSCAPE_UNROLL
            for (int i = 0; i < W; ++i)
                dst[i] = src[i * along + p];
            dst += W;
        }
    } else {
        for (KIndex p = 0; p < kc; ++p) {
            int i = 0;
            for (; i < lines; ++i)
                dst[i] = src[i * along + p * step];
            for (; i < W; ++i)
                dst[i] = T(0);
            dst += W;
        }
    }
}

template <class T, int MR>
void packA(KIndex mc, KIndex kc, const T* a, KIndex rs, KIndex cs, T* dst) {
    for (KIndex i0 = 0; i0 < mc; i0 += MR) {
        const int lines = mc - i0 < MR ? static_cast<int>(mc - i0) : MR;
        packStrip<T, MR>(kc, lines, a + i0 * rs, rs, cs, dst);
        dst += MR * kc;
    }
}

template <class T, int NR>
void packB(KIndex kc, KIndex nc, const T* b, KIndex rs, KIndex cs, T* dst) {
    for (KIndex j0 = 0; j0 < nc; j0 += NR) {
        const int lines = nc - j0 < NR ? static_cast<int>(nc - j0) : NR;
        packStrip<T, NR>(kc, lines, b + j0 * cs, cs, rs, dst);
        dst += NR * kc;
    }
}

template <class V, int MR, int NV>
constexpr MicroKernelSet<typename V::T> makeKernelSet() {
    using T = typename V::T;
    MicroKernelSet<T> set;
    set.mr = MR;
    set.nr = NV * V::kLanes;
    set.kernel = &microKernel<V, MR, NV>;
    set.kernelRowA = &microKernelRowA<V, MR, NV>;
    set.packA = &packA<T, MR>;
    set.packB = &packB<T, NV * V::kLanes>;
    return set;
}

// Twelve independent FMA chains: enough to cover the FMA latency times the number of FMA pipes
// on current cores (4 cycles x 2 pipes), so the loop measures throughput, not latency.
template <class V>
double fmaChains(std::uint64_t rounds) {
    using T = typename V::T;
    using Reg = typename V::Reg;
    constexpr int kChains = 12;
    Reg r[kChains];
    LINSCAPE_UNROLL
    for (int i = 0; i < kChains; ++i)
        r[i] = V::set1(T(0.001) * T(i));
    // x < 1 and a small y keep every chain at a normal, bounded value (no denormals, no Inf).
    const Reg x = V::set1(T(0.999999));
    const Reg y = V::set1(T(1e-7));
    for (std::uint64_t n = 0; n < rounds; ++n) {
        LINSCAPE_UNROLL
        for (int i = 0; i < kChains; ++i)
            r[i] = V::fma(r[i], x, y);
    }
    alignas(64) T lanes[V::kLanes];
    Reg sum = r[0];
    for (int i = 1; i < kChains; ++i)
        sum = V::fma(r[i], x, sum);
    V::storeu(lanes, sum);
    volatile T sink = lanes[0];
    (void)sink;
    return static_cast<double>(rounds) * kChains * V::kLanes * 2.0;
}

} // namespace
} // namespace linscape::engine::detail
