// Eigenvalues of small nonsymmetric matrices (n <= 16, the live-readout sizes) on stack arrays:
// Householder reduction to Hessenberg form and the Francis double-shift QR iteration, with no
// Schur vectors; the eigenvector of a simple real eigenvalue then comes from inverse iteration.
// Why not Eigen's EigenSolver here: for an 8x8 it took 12 to 16 µs, most of it accumulating the
// Schur vectors, while analyze() has 20 µs for every readout; the values here take about 5 µs and
// each real eigenvalue's vector under 1 µs.
#include "analysis_internal.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace linscape::engine::detail {
namespace {

using Eigen::Index;

constexpr double kEps = std::numeric_limits<double>::epsilon();

// Row-major storage; h[i][j] is row i, column j.
using Square = double[kSmallEigenMax][kSmallEigenMax];

// Householder reflections from both sides turn h into upper Hessenberg form (same eigenvalues).
void reduceToHessenberg(Square& h, int n) {
    double v[kSmallEigenMax];
    for (int k = 0; k + 2 < n; ++k) {
        double below = 0;
        for (int i = k + 2; i < n; ++i)
            below += h[i][k] * h[i][k];
        if (below == 0) continue; // nothing below the subdiagonal to clear
        const double norm2 = below + h[k + 1][k] * h[k + 1][k];
        const double alpha = -std::copysign(std::sqrt(norm2), h[k + 1][k]);
        // v = x - alpha e1; v^T v = 2 (norm2 - alpha x0), and x0 has the sign opposite to alpha,
        // so there is no cancellation.
        for (int i = k + 1; i < n; ++i)
            v[i] = h[i][k];
        v[k + 1] -= alpha;
        const double beta = 2.0 / (below + v[k + 1] * v[k + 1]);
        // Left: rows k+1.., columns k+1.. (column k becomes (alpha, 0, ...)).
        for (int j = k + 1; j < n; ++j) {
            double dot = 0;
            for (int i = k + 1; i < n; ++i)
                dot += v[i] * h[i][j];
            dot *= beta;
            for (int i = k + 1; i < n; ++i)
                h[i][j] -= dot * v[i];
        }
        h[k + 1][k] = alpha;
        for (int i = k + 2; i < n; ++i)
            h[i][k] = 0;
        // Right: every row, columns k+1..
        for (int i = 0; i < n; ++i) {
            double dot = 0;
            for (int j = k + 1; j < n; ++j)
                dot += h[i][j] * v[j];
            dot *= beta;
            for (int j = k + 1; j < n; ++j)
                h[i][j] -= dot * v[j];
        }
    }
}

// The eigenvalues of an upper Hessenberg h, by implicit double-shift QR steps on the active
// block [lo, hi], deflating one real value or a 2x2 block at a time (the classic EISPACK hqr
// scheme, eigenvalues only: each step touches just the active block). False when a value does
// not converge in 60 steps; exceptional shifts after 10 and 20 stalled steps break the cycles
// that plain Francis shifts can fall into.
bool hessenbergEigenvalues(Square& h, int n, std::complex<double>* values) {
    double norm = 0;
    for (int i = 0; i < n; ++i)
        for (int j = std::max(i - 1, 0); j < n; ++j)
            norm += std::abs(h[i][j]);
    double shift = 0; // sum of the exceptional shifts taken off the diagonal so far
    int hi = n - 1, steps = 0;
    while (hi >= 0) {
        // The unreduced block ending at hi starts after the last negligible subdiagonal entry.
        int lo = hi;
        for (; lo > 0; --lo) {
            double s = std::abs(h[lo - 1][lo - 1]) + std::abs(h[lo][lo]);
            if (s == 0) s = norm;
            if (std::abs(h[lo][lo - 1]) <= kEps * s) {
                h[lo][lo - 1] = 0;
                break;
            }
        }
        double x = h[hi][hi];
        if (lo == hi) { // one real value
            values[hi] = x + shift;
            --hi;
            steps = 0;
            continue;
        }
        double y = h[hi - 1][hi - 1];
        double w = h[hi][hi - 1] * h[hi - 1][hi];
        if (lo == hi - 1) { // a 2x2 block: two real values or a complex pair
            const double p = 0.5 * (y - x), q = p * p + w;
            double z = std::sqrt(std::abs(q));
            x += shift;
            if (q >= 0) {
                z = p + std::copysign(z, p); // the root without cancellation first
                values[hi - 1] = x + z;
                values[hi] = z != 0 ? x - w / z : x + z;
            } else {
                values[hi - 1] = {x + p, z};
                values[hi] = {x + p, -z};
            }
            hi -= 2;
            steps = 0;
            continue;
        }
        if (steps == 60) return false;
        if (steps == 10 || steps == 20) {
            shift += x;
            for (int i = 0; i <= hi; ++i)
                h[i][i] -= x;
            const double s = std::abs(h[hi][hi - 1]) + std::abs(h[hi - 1][hi - 2]);
            x = y = 0.75 * s;
            w = -0.4375 * s * s;
        }
        ++steps;
        // The first column of (H - s1 I)(H - s2 I), s1 and s2 the eigenvalues of the trailing
        // 2x2, starting as far down as two consecutive small subdiagonal entries allow.
        int m = hi - 2;
        double p = 0, q = 0, r = 0, z = 0;
        for (;; --m) {
            z = h[m][m];
            const double rr = x - z, ss = y - z;
            p = (rr * ss - w) / h[m + 1][m] + h[m][m + 1];
            q = h[m + 1][m + 1] - z - rr - ss;
            r = h[m + 2][m + 1];
            const double s = std::abs(p) + std::abs(q) + std::abs(r);
            p /= s;
            q /= s;
            r /= s;
            if (m == lo) break;
            const double u = std::abs(h[m][m - 1]) * (std::abs(q) + std::abs(r));
            const double v =
                std::abs(p) * (std::abs(h[m - 1][m - 1]) + std::abs(z) + std::abs(h[m + 1][m + 1]));
            if (u <= kEps * v) break;
        }
        for (int i = m + 2; i <= hi; ++i) {
            h[i][i - 2] = 0;
            if (i != m + 2) h[i][i - 3] = 0;
        }
        // Chase the bulge down with 3x3 (2x2 at the bottom) reflections.
        for (int k = m; k < hi; ++k) {
            const bool last = k == hi - 1;
            if (k != m) {
                p = h[k][k - 1];
                q = h[k + 1][k - 1];
                r = last ? 0.0 : h[k + 2][k - 1];
                x = std::abs(p) + std::abs(q) + std::abs(r);
                if (x == 0) continue;
                p /= x;
                q /= x;
                r /= x;
            }
            const double s = std::copysign(std::sqrt(p * p + q * q + r * r), p);
            if (s == 0) continue;
            if (k == m) {
                if (lo != m) h[k][k - 1] = -h[k][k - 1];
            } else {
                h[k][k - 1] = -s * x;
            }
            p += s;
            x = p / s;
            y = q / s;
            z = r / s;
            q /= p;
            r /= p;
            for (int j = k; j <= hi; ++j) {
                double t = h[k][j] + q * h[k + 1][j];
                if (!last) {
                    t += r * h[k + 2][j];
                    h[k + 2][j] -= t * z;
                }
                h[k + 1][j] -= t * y;
                h[k][j] -= t * x;
            }
            const int rowEnd = std::min(hi, k + 3);
            for (int i = lo; i <= rowEnd; ++i) {
                double t = x * h[i][k] + y * h[i][k + 1];
                if (!last) {
                    t += z * h[i][k + 2];
                    h[i][k + 2] -= t * r;
                }
                h[i][k + 1] -= t * q;
                h[i][k] -= t;
            }
        }
    }
    return true;
}

} // namespace

bool smallEigenvalues(const Eigen::MatrixXd& a, std::complex<double>* values) {
    const int n = static_cast<int>(a.rows());
    if (n < 1 || n > kSmallEigenMax || a.cols() != n) return false;
    Square h;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j)
            h[i][j] = a(i, j);
    reduceToHessenberg(h, n);
    return hessenbergEigenvalues(h, n, values);
}

// Inverse iteration: solves (A - lambda I) x = b with a fixed start, where the factors are
// nearly singular, so x is dominated by the eigenvector. With lambda accurate to rounding
// (as the QR iteration gives it) one solve would do; the first uses U alone (LAPACK's dlaein
// start, which avoids a start vector orthogonal to the eigenvector), and two full solves follow.
Eigen::VectorXd smallEigenvector(const Eigen::MatrixXd& a, double lambda) {
    const int n = static_cast<int>(a.rows());
    Square lu;
    int perm[kSmallEigenMax];
    double norm = 0;
    for (int j = 0; j < n; ++j) {
        double column = 0;
        for (int i = 0; i < n; ++i) {
            lu[i][j] = a(i, j) - (i == j ? lambda : 0.0);
            column += std::abs(lu[i][j]);
        }
        norm = std::max(norm, column);
    }
    // A pivot of exactly zero would divide by zero; one of eps ||A|| is the perturbation that
    // rounding could have made anyway.
    const double tiny = kEps * std::max(norm, std::numeric_limits<double>::min());
    for (int k = 0; k < n; ++k) {
        int pivot = k;
        for (int i = k + 1; i < n; ++i)
            if (std::abs(lu[i][k]) > std::abs(lu[pivot][k])) pivot = i;
        perm[k] = pivot;
        if (pivot != k)
            for (int j = 0; j < n; ++j)
                std::swap(lu[k][j], lu[pivot][j]);
        if (std::abs(lu[k][k]) < tiny) lu[k][k] = tiny;
        for (int i = k + 1; i < n; ++i) {
            const double f = lu[i][k] / lu[k][k];
            lu[i][k] = f;
            for (int j = k + 1; j < n; ++j)
                lu[i][j] -= f * lu[k][j];
        }
    }
    double x[kSmallEigenMax];
    std::fill(x, x + n, 1.0);
    const auto solveUpper = [&] {
        for (int i = n - 1; i >= 0; --i) {
            double t = x[i];
            for (int j = i + 1; j < n; ++j)
                t -= lu[i][j] * x[j];
            x[i] = t / lu[i][i];
        }
    };
    const auto normalise = [&] {
        double biggest = 0;
        for (int i = 0; i < n; ++i)
            biggest = std::max(biggest, std::abs(x[i]));
        for (int i = 0; i < n; ++i)
            x[i] /= biggest;
    };
    solveUpper();
    normalise();
    for (int iteration = 0; iteration < 2; ++iteration) {
        // L is stored with the rows already in their final order: all swaps first.
        for (int k = 0; k < n; ++k)
            std::swap(x[k], x[perm[k]]);
        for (int k = 0; k < n; ++k)
            for (int i = k + 1; i < n; ++i)
                x[i] -= lu[i][k] * x[k];
        solveUpper();
        normalise();
    }
    Eigen::VectorXd out(n);
    for (int i = 0; i < n; ++i)
        out(i) = x[i];
    return out.normalized();
}

} // namespace linscape::engine::detail
