// The one-sided (Hestenes) Jacobi sweeps behind the small-matrix SVD (analysis_svd.cpp): pairs of
// columns rotated until all are orthogonal, on 4-double vectors, with an AVX2 copy picked at run
// time. Sorting, normalising and the sign conventions stay with the caller.
#include "analysis_internal.h"
#include "engine/matmul.h"
#include "vector_ext.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace linscape::engine::detail {
namespace {

using Eigen::Index;

constexpr double kEps = std::numeric_limits<double>::epsilon();

// One-sided (Hestenes) Jacobi SVD for small matrices, the live-readout path. Why not Eigen's
// JacobiSVD: that one is two-sided and costs about 12 µs for an 8x8 here, most of the 20 µs budget
// for all readouts; rotating pairs of columns (contiguous in column-major storage) until all are
// orthogonal is about 3x faster and keeps Jacobi's high relative accuracy. Pairs are visited in
// round-robin order, so the pairs of one round touch disjoint columns: all their dot products
// are taken first, then all their rotations, and the latencies of the pairs overlap (the result
// is the same as rotating pair by pair). Converged when every pair's cosine, from exact column
// norms, is below sqrt(m) eps (LAPACK dgesvj's test).

inline __attribute__((always_inline)) Double4 load4(const double* p) {
    return loadVector<Double4>(p);
}

inline __attribute__((always_inline)) void store4(double* p, const Double4& v) {
    storeVector(p, v);
}

inline __attribute__((always_inline)) double sum4(const Double4& v) {
    return (v[0] + v[1]) + (v[2] + v[3]);
}

// x.x, y.y and x.y in four lanes (then the tail), a fixed order on every instruction set.
inline __attribute__((always_inline)) void dots(const double* x, const double* y, Index m,
                                                double& xx, double& yy, double& xy) {
    Double4 a{}, b{}, c{};
    Index i = 0;
    for (; i + 4 <= m; i += 4) {
        const Double4 u = load4(x + i), w = load4(y + i);
        a += u * u;
        b += w * w;
        c += u * w;
    }
    xx = sum4(a);
    yy = sum4(b);
    xy = sum4(c);
    for (; i < m; ++i) {
        xx += x[i] * x[i];
        yy += y[i] * y[i];
        xy += x[i] * y[i];
    }
}

// (x, y) <- (c x - s y, s x + c y) over n entries.
inline __attribute__((always_inline)) void rotate(double* x, double* y, Index n, double c,
                                                  double s) {
    Index i = 0;
    for (; i + 4 <= n; i += 4) {
        const Double4 u = load4(x + i), w = load4(y + i);
        store4(x + i, c * u - s * w);
        store4(y + i, s * u + c * w);
    }
    for (; i < n; ++i) {
        const double u = x[i], w = y[i];
        x[i] = c * u - s * w;
        y[i] = s * u + c * w;
    }
}

// The sweeps: w is m x n (m >= n, n <= 16), v is n x n, both column-major; false if no convergence.
inline __attribute__((always_inline)) bool sweeps(double* w, Index m, double* v, Index n) {
    const double tol = std::sqrt(static_cast<double>(m)) * kEps;
    const Index players = n + (n & 1); // a dummy column when n is odd
    Index order[16];
    for (int sweep = 0; sweep < 30; ++sweep) {
        bool converged = true;
        for (Index i = 0; i < players; ++i)
            order[i] = i;
        for (Index round = 0; round + 1 < players; ++round) {
            Index ps[8], qs[8];
            double cs[8], ss[8];
            int rotations = 0;
            for (Index k = 0; k < players / 2; ++k) {
                Index p = order[k], q = order[players - 1 - k];
                if (p > q) std::swap(p, q);
                if (q >= n) continue;
                double alpha, beta, gamma;
                dots(w + p * m, w + q * m, m, alpha, beta, gamma);
                if (gamma == 0 || gamma * gamma <= tol * tol * alpha * beta) continue;
                // The rotation that zeroes the off-diagonal of [[alpha, gamma], [gamma, beta]].
                const double zeta = (beta - alpha) / (2 * gamma);
                const double t =
                    (zeta >= 0 ? 1.0 : -1.0) / (std::abs(zeta) + std::sqrt(1 + zeta * zeta));
                const double c = 1 / std::sqrt(1 + t * t);
                ps[rotations] = p;
                qs[rotations] = q;
                cs[rotations] = c;
                ss[rotations] = c * t;
                ++rotations;
            }
            if (rotations > 0) converged = false;
            for (int r = 0; r < rotations; ++r) {
                rotate(w + ps[r] * m, w + qs[r] * m, m, cs[r], ss[r]);
                rotate(v + ps[r] * n, v + qs[r] * n, n, cs[r], ss[r]);
            }
            // Rotate everyone but the first player one seat on.
            std::rotate(order + 1, order + players - 1, order + players);
        }
        if (converged) return true;
    }
    return false;
}

// On x86-64 the sweeps also run compiled for AVX2 (wider rotation updates, about 20% faster),
// picked at run time like the matmul kernels. Deliberately without FMA: the sums run in the same
// fixed order and nothing is fused, so both versions give bit-identical results on every CPU.
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2"))) bool sweepsAvx2(double* w, Index m, double* v, Index n) {
    return sweeps(w, m, v, n);
}

} // namespace

bool jacobiSweeps(double* w, Index m, double* v, Index n) {
    static const bool avx2 = kernelIsaSupported(KernelIsa::Avx2Fma);
    return avx2 ? sweepsAvx2(w, m, v, n) : sweeps(w, m, v, n);
}
#else
} // namespace

bool jacobiSweeps(double* w, Index m, double* v, Index n) {
    return sweeps(w, m, v, n);
}
#endif

} // namespace linscape::engine::detail
