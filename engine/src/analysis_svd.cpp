// The canonical SVD (Linscape's sign and basis conventions, stable along animation paths), thin
// QR, polar decomposition and projectors. Eigen computes the factorisations, except for small
// matrices (the SVD by the one-sided Jacobi of analysis_jacobi.cpp, the QR by Householder on
// stack arrays, for speed); this file fixes the choices they leave open so that nothing flips
// between the frames of an animation.
#include "analysis_internal.h"

#include <Eigen/LU>
#include <Eigen/QR>
#include <Eigen/SVD>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace linscape::engine {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr double kEps = std::numeric_limits<double>::epsilon();

// A run [begin, end) of singular values that count as equal.
struct Group {
    Index begin = 0, end = 0;
    bool zero = false; // every value is within the rank tolerance of 0
};

// Groups of equal singular values. Values within a few rounding errors of each other are "equal":
// their vectors are then not determined by A and we may rotate within the group. The tolerance is
// kept that tight because such a rotation perturbs U S V^T by the spread of the group, and the
// reconstruction must stay exact to rounding. Values at or below the rank tolerance form one zero
// group whatever their spread (for them U and V are even independent of each other).
std::vector<Group> groupSingularValues(const VectorXd& sigma, Index maxDim) {
    std::vector<Group> groups;
    const Index p = sigma.size();
    if (p == 0) return groups;
    const double rankTol = static_cast<double>(maxDim) * kEps * sigma(0);
    const double repeatTol = 16.0 * rankTol;
    Index zeroBegin = p;
    while (zeroBegin > 0 && sigma(zeroBegin - 1) <= rankTol)
        --zeroBegin;
    for (Index i = 0; i < zeroBegin;) {
        Index j = i + 1;
        while (j < zeroBegin && sigma(j - 1) - sigma(j) <= repeatTol)
            ++j;
        groups.push_back({i, j, false});
        i = j;
    }
    if (zeroBegin < p) groups.push_back({zeroBegin, p, true});
    return groups;
}

// The sign of det q for an orthogonal q (det = +-1): the product of the pivot signs and the
// row-swap parity of an LU with partial pivoting. On a stack copy up to 16x16, because Eigen's
// determinant() allocates and factorises through its general LU, and canonicalSvd asks twice
// per call (about 0.3 µs each for an 8x8).
double orthogonalDet(const MatrixXd& q) {
    constexpr Index kMax = 16;
    const Index n = q.rows();
    if (n > kMax) return q.determinant() < 0 ? -1.0 : 1.0;
    double lu[kMax * kMax]; // column-major, leading dimension n
    for (Index j = 0; j < n; ++j)
        for (Index i = 0; i < n; ++i)
            lu[j * n + i] = q(i, j);
    double sign = 1.0;
    for (Index k = 0; k < n; ++k) {
        Index pivot = k;
        for (Index i = k + 1; i < n; ++i)
            if (std::abs(lu[k * n + i]) > std::abs(lu[k * n + pivot])) pivot = i;
        const double top = lu[k * n + pivot];
        if (top == 0) return 1.0; // not orthogonal; any sign will do
        if (pivot != k) {
            sign = -sign;
            for (Index j = k; j < n; ++j)
                std::swap(lu[j * n + k], lu[j * n + pivot]);
        }
        if (top < 0) sign = -sign;
        for (Index i = k + 1; i < n; ++i) {
            const double f = lu[k * n + i] / top;
            for (Index j = k + 1; j < n; ++j)
                lu[j * n + i] -= f * lu[j * n + k];
        }
    }
    return sign;
}

struct RawSvd {
    MatrixXd u, v;  // thin: m x p and n x p
    VectorXd sigma; // descending
};

// The SVD of a tall or square a (m >= n <= 16) scaled to entries near 1, sigma descending, by
// one-sided Jacobi sweeps (about 3x faster than Eigen's two-sided JacobiSVD at 8x8).
bool hestenesSvd(const MatrixXd& a, RawSvd& out) {
    const Index m = a.rows(), n = a.cols();
    MatrixXd w = a;
    MatrixXd v = MatrixXd::Identity(n, n);
    if (!detail::jacobiSweeps(w.data(), m, v.data(), n)) return false;

    VectorXd norms(n);
    for (Index j = 0; j < n; ++j)
        norms(j) = w.col(j).stableNorm();
    std::vector<Index> perm(static_cast<size_t>(n));
    for (Index j = 0; j < n; ++j)
        perm[static_cast<size_t>(j)] = j;
    std::stable_sort(perm.begin(), perm.end(),
                     [&](Index x, Index y) { return norms(x) > norms(y); });
    out.u.resize(m, n);
    out.v.resize(n, n);
    out.sigma.resize(n);
    Index good = 0;
    for (Index j = 0; j < n; ++j) {
        const Index from = perm[static_cast<size_t>(j)];
        out.sigma(j) = norms(from);
        out.v.col(j) = v.col(from);
        // The columns are orthogonal relative to their own length, so even a column of rounding
        // noise normalises to a good singular vector; only an exactly zero one needs replacing.
        if (norms(from) > 0) {
            out.u.col(j) = w.col(from) / norms(from);
            ++good;
        }
    }
    // Complete U for zero columns (they sort last): the coordinate axis farthest from the span so
    // far, orthogonalised twice.
    for (Index j = good; j < n; ++j) {
        const auto basis = out.u.leftCols(j);
        VectorXd best;
        double bestNorm = -1;
        for (Index e = 0; e < m; ++e) {
            VectorXd r = -basis * basis.row(e).transpose();
            r(e) += 1.0;
            const double norm = r.norm();
            if (norm > bestNorm) bestNorm = norm, best = std::move(r);
        }
        best -= basis * (basis.transpose() * best);
        out.u.col(j) = best.normalized();
    }
    return true;
}

// Thin SVD with sigma descending: Hestenes for small matrices, Eigen's BDCSVD otherwise.
RawSvd rawSvd(const MatrixXd& a) {
    const Index m = a.rows(), n = a.cols();
    RawSvd out;
    if (std::min(m, n) <= 16) {
        if (m >= n && hestenesSvd(a, out)) return out;
        if (m < n && hestenesSvd(a.transpose(), out)) {
            std::swap(out.u, out.v);
            return out;
        }
    }
    const unsigned options = Eigen::ComputeThinU | Eigen::ComputeThinV;
    Eigen::BDCSVD<MatrixXd> svd(a, options);
    out.u = svd.matrixU();
    out.v = svd.matrixV();
    out.sigma = svd.singularValues();
    return out;
}

// Householder QR of the live sizes on stack arrays (Eigen's HouseholderQR and the evaluation of
// its Q take about 2.4 µs for an 8x8, an eighth of analyze()'s budget, mostly in allocation and
// blocking meant for large matrices). The same reflections: H_k = I - beta v v^T with v(k) = 1
// clearing column k below the diagonal; Q = H_0 ... H_{p-1} restricted to p columns.
constexpr Index kSmallQr = 16;

// c <- (I - beta v v^T) c on rows k..m-1, with v(k) = 1 implied.
void applyReflector(const double* v, double beta, double* c, Index k, Index m) {
    double dot = c[k];
    for (Index i = k + 1; i < m; ++i)
        dot += v[i] * c[i];
    dot *= beta;
    c[k] -= dot;
    for (Index i = k + 1; i < m; ++i)
        c[i] -= dot * v[i];
}

void smallHouseholderQr(const MatrixXd& a, QrResult& out) {
    const Index m = a.rows(), n = a.cols(), p = std::min(m, n);
    double r[kSmallQr * kSmallQr];  // column-major, leading dimension m
    double vs[kSmallQr * kSmallQr]; // reflector k in vs[k * m + k + 1 ..]; its v(k) = 1 is implied
    double betas[kSmallQr];
    for (Index j = 0; j < n; ++j)
        for (Index i = 0; i < m; ++i)
            r[j * m + i] = a(i, j);
    for (Index k = 0; k < p; ++k) {
        double* col = r + k * m;
        double* v = vs + k * m;
        double tail = 0;
        for (Index i = k + 1; i < m; ++i)
            tail += col[i] * col[i];
        if (tail == 0) { // already zero below the diagonal: H_k = I
            betas[k] = 0;
            continue;
        }
        const double x0 = col[k];
        const double alpha = -std::copysign(std::sqrt(x0 * x0 + tail), x0);
        // v = (x - alpha e_k) / (x0 - alpha), so v(k) = 1; beta = 2 / (v^T v).
        const double scale = 1.0 / (x0 - alpha);
        for (Index i = k + 1; i < m; ++i)
            v[i] = col[i] * scale;
        betas[k] = (alpha - x0) / alpha;
        col[k] = alpha;
        for (Index i = k + 1; i < m; ++i)
            col[i] = 0;
        for (Index j = k + 1; j < n; ++j)
            applyReflector(v, betas[k], r + j * m, k, m);
    }
    out.R = MatrixXd::Zero(p, n);
    for (Index j = 0; j < n; ++j)
        for (Index i = 0; i <= std::min(j, p - 1); ++i)
            out.R(i, j) = r[j * m + i];
    // Q's first p columns, accumulated backwards: H_k only touches rows k.., and columns j < k of
    // the partial product are still e_j there, so each reflection updates columns k.. alone.
    out.Q = MatrixXd::Identity(m, p);
    for (Index k = p - 1; k >= 0; --k) {
        if (betas[k] == 0) continue;
        const double* v = vs + k * m;
        for (Index j = k; j < p; ++j)
            applyReflector(v, betas[k], out.Q.col(j).data(), k, m);
    }
}

// Rotates the block of columns [g.begin, g.end) of `cols` by q.
void rotateBlock(MatrixXd& cols, const Group& g, const MatrixXd& q) {
    const Index k = g.end - g.begin;
    cols.middleCols(g.begin, k) = (cols.middleCols(g.begin, k) * q).eval();
}

} // namespace

namespace detail {

std::string shapeText(Index rows, Index cols) {
    return "(" + std::to_string(rows) + "," + std::to_string(cols) + ")";
}

std::optional<Error> checkEntries(const MatrixXd& m, const std::string& what) {
    if (m.rows() == 0 || m.cols() == 0)
        return makeError(ErrorCode::EmptyMatrix, what + " is empty " +
                                                     shapeText(m.rows(), m.cols()) +
                                                     ": it needs at least one row and one column");
    for (Index c = 0; c < m.cols(); ++c)
        for (Index r = 0; r < m.rows(); ++r)
            if (!std::isfinite(m(r, c)))
                return makeError(
                    ErrorCode::NonFinite,
                    what + " has " + (std::isnan(m(r, c)) ? "NaN" : "an infinite value") +
                        " at row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1) +
                        ": every entry must be a finite number");
    return std::nullopt;
}

double powerOfTwoScale(const MatrixXd& m) {
    const double maxAbs = m.size() ? m.cwiseAbs().maxCoeff() : 0.0;
    if (!(maxAbs > 0) || !std::isfinite(maxAbs)) return 1.0;
    int exponent = 0;
    std::frexp(maxAbs, &exponent);
    return std::ldexp(1.0, exponent);
}

MatrixXd closestOrthogonal(const MatrixXd& m, bool proper) {
    const Index k = m.rows();
    if (k == 1) return MatrixXd::Constant(1, 1, proper || m(0, 0) >= 0 ? 1.0 : -1.0);
    Eigen::JacobiSVD<MatrixXd> svd(m, Eigen::ComputeFullU | Eigen::ComputeFullV);
    MatrixXd w = svd.matrixU();
    if (proper && orthogonalDet(w) * orthogonalDet(svd.matrixV()) < 0) w.col(k - 1) *= -1.0;
    return w * svd.matrixV().transpose();
}

MatrixXd nearestAxes(const MatrixXd& basis) {
    const Index n = basis.rows(), k = basis.cols();
    VectorXd norms = basis.rowwise().squaredNorm();
    std::vector<Index> chosen;
    std::vector<bool> used(static_cast<size_t>(n), false);
    for (Index pick = 0; pick < k; ++pick) {
        double best = -1.0;
        for (Index i = 0; i < n; ++i)
            if (!used[static_cast<size_t>(i)]) best = std::max(best, norms(i));
        for (Index i = 0; i < n; ++i)
            if (!used[static_cast<size_t>(i)] && norms(i) >= best * (1.0 - 1e-9)) {
                used[static_cast<size_t>(i)] = true;
                chosen.push_back(i);
                break;
            }
    }
    std::sort(chosen.begin(), chosen.end());
    MatrixXd axes = MatrixXd::Zero(n, k);
    for (Index j = 0; j < k; ++j)
        axes(chosen[static_cast<size_t>(j)], j) = 1.0;
    return axes;
}

Index dominantIndex(const VectorXd& v) {
    const double maxAbs = v.size() ? v.cwiseAbs().maxCoeff() : 0.0;
    for (Index i = 0; i < v.size(); ++i)
        if (std::abs(v(i)) >= maxAbs * (1.0 - 1e-9)) return i;
    return 0;
}

PolarResult polarFromSvd(const SvdResult& svd) {
    const Index n = svd.S.size();
    const MatrixXd v = svd.Vt.transpose();
    VectorXd signs = VectorXd::Ones(n);
    if (n > 0 && svd.S(n - 1) < 0) signs(n - 1) = -1.0;
    PolarResult polar;
    polar.rotation = svd.U * signs.asDiagonal() * svd.Vt;
    const MatrixXd stretch = v * svd.S.cwiseAbs().asDiagonal() * svd.Vt;
    polar.stretch = 0.5 * (stretch + stretch.transpose());
    return polar;
}

} // namespace detail

// How the conventions are met. Start from a plain SVD (sigma >= 0). For square A, make U and V
// rotations by negating their last column where the determinant is -1, each time negating S's last
// entry, so S[n-1] ends with the sign of det A. What remains free is, for each group of equal
// singular values, an orthogonal Q applied to the group's columns of U and V together (for a single
// value just a joint sign). Q is picked to bring the columns closest to a reference: the previous
// result when given (orthogonal Procrustes over U and V), else the nearest coordinate axes for V
// (for one vector: its largest entry positive). For square A a Q with det -1 is paid for by a joint
// flip of the last pair (which keeps A and both determinants), and the group holding the last
// index takes no such flip: its Q must be a rotation. In that group a negative S[n-1] means the
// block is sigma * diag(1..1,-1), and a joint Q keeps A only after flipping the last column of V
// (the "unsigned" form), so the Procrustes step runs on that form. Zero singular values leave U and
// V independent, so their blocks are matched separately.
SvdResult canonicalSvd(const MatrixXd& a, const SvdResult* previous) {
    const Index m = a.rows(), n = a.cols(), p = std::min(m, n);
    const bool square = m == n;
    SvdResult out;
    if (p == 0) {
        out.U = MatrixXd::Zero(m, 0);
        out.S = VectorXd::Zero(0);
        out.Vt = MatrixXd::Zero(0, n);
        out.singularValues = out.S;
        return out;
    }
    if (!a.allFinite()) {
        // analyze() refuses such input with a reason; here the contract is only "no NaN out".
        out.U = MatrixXd::Identity(m, p);
        out.S = VectorXd::Zero(p);
        out.Vt = MatrixXd::Identity(p, n);
        out.singularValues = out.S;
        return out;
    }

    // Exact power-of-two scaling keeps squared column norms far from overflow and underflow.
    const double scale = detail::powerOfTwoScale(a);
    RawSvd raw = scale == 1.0 ? rawSvd(a) : rawSvd(a / scale); // analyze() passes it scaled
    MatrixXd u = std::move(raw.u), v = std::move(raw.v);
    VectorXd sigma = raw.sigma * scale;
    VectorXd s = sigma;
    if (square) {
        if (orthogonalDet(u) < 0) u.col(p - 1) *= -1.0, s(p - 1) = -s(p - 1);
        if (orthogonalDet(v) < 0) v.col(p - 1) *= -1.0, s(p - 1) = -s(p - 1);
    }

    const bool usePrevious = previous && previous->U.rows() == m && previous->U.cols() == p &&
                             previous->Vt.rows() == p && previous->Vt.cols() == n &&
                             previous->S.size() == p;
    MatrixXd refU, refV, prevV;
    if (usePrevious) {
        refU = previous->U;
        prevV = previous->Vt.transpose();
        refV = prevV;
        // The previous result in unsigned form, to match ours below.
        if (square && previous->S(p - 1) < 0) refV.col(p - 1) *= -1.0;
    }
    // Work in unsigned form: (U, sigma, V') with V' = V except the last column when S[n-1] < 0.
    const bool flipped = square && s(p - 1) < 0;
    if (flipped) v.col(p - 1) *= -1.0;

    const std::vector<Group> groups = groupSingularValues(sigma, std::max(m, n));
    for (const Group& g : groups) {
        const Index k = g.end - g.begin;
        if (k > 1) out.repeated = true;
        const bool lastGroup = square && g.end == p;
        const auto block = [&](const MatrixXd& x) { return x.middleCols(g.begin, k); };
        if (k == 1) {
            // The common case, without small matrices: one sign (none for the last pair of a
            // square matrix, which the determinants fix).
            const Index i = g.begin;
            if (lastGroup) continue;
            const auto score = [&](const MatrixXd& x, const MatrixXd& ref) {
                return usePrevious ? x.col(i).dot(ref.col(i))
                                   : x(detail::dominantIndex(x.col(i)), i);
            };
            if (g.zero) {
                if (score(u, refU) < 0) u.col(i) *= -1.0;
                if (score(v, prevV) < 0) v.col(i) *= -1.0;
                continue;
            }
            const double fit = usePrevious ? score(u, refU) + score(v, refV) : score(v, refV);
            if (fit < 0) {
                u.col(i) *= -1.0;
                v.col(i) *= -1.0;
                if (square) {
                    u.col(p - 1) *= -1.0;
                    v.col(p - 1) *= -1.0;
                }
            }
            continue;
        }
        if (g.zero) {
            // sigma = 0: U and V blocks are free independently. The sign of a zero S entry is
            // rounding noise, so V is matched in final form (converted to the form v is in now),
            // never through the unsigned form, which would flip with that noise.
            const MatrixXd targetU =
                usePrevious ? MatrixXd(block(refU)) : detail::nearestAxes(block(u));
            MatrixXd targetV = usePrevious ? MatrixXd(block(prevV)) : detail::nearestAxes(block(v));
            if (usePrevious && lastGroup && flipped) targetV.col(k - 1) *= -1.0;
            rotateBlock(u, g, detail::closestOrthogonal(block(u).transpose() * targetU, lastGroup));
            rotateBlock(v, g, detail::closestOrthogonal(block(v).transpose() * targetV, lastGroup));
            continue;
        }
        MatrixXd fit;
        if (usePrevious) {
            fit = block(u).transpose() * block(refU) + block(v).transpose() * block(refV);
        } else {
            MatrixXd axes = detail::nearestAxes(block(v));
            // The reference is in final form; bring it to the unsigned form V' is in.
            if (lastGroup && flipped) axes.col(k - 1) *= -1.0;
            fit = block(v).transpose() * axes;
        }
        const MatrixXd q = detail::closestOrthogonal(fit, lastGroup);
        rotateBlock(u, g, q);
        rotateBlock(v, g, q);
        if (square && !lastGroup && orthogonalDet(q) < 0) {
            u.col(p - 1) *= -1.0;
            v.col(p - 1) *= -1.0;
        }
    }
    if (flipped) v.col(p - 1) *= -1.0;

    out.U = std::move(u);
    out.Vt = v.transpose();
    out.S = std::move(s);
    out.singularValues = std::move(sigma);
    const double rankTol = static_cast<double>(std::max(m, n)) * kEps * out.singularValues(0);
    out.reflection = square && out.S(p - 1) < 0 && out.singularValues(p - 1) > rankTol;
    return out;
}

QrResult thinQr(const MatrixXd& a) {
    const Index m = a.rows(), n = a.cols(), p = std::min(m, n);
    QrResult out;
    if (p == 0) {
        out.Q = MatrixXd::Zero(m, 0);
        out.R = MatrixXd::Zero(0, n);
        return out;
    }
    if (m <= kSmallQr && n <= kSmallQr) {
        smallHouseholderQr(a, out);
    } else {
        Eigen::HouseholderQR<MatrixXd> qr(a);
        out.Q = qr.householderQ() * MatrixXd::Identity(m, p);
        out.R = qr.matrixQR().topRows(p).triangularView<Eigen::Upper>();
    }
    // Householder QR leaves the signs of R's diagonal to chance; the unique thin QR of a full-rank
    // matrix has them positive, so flip row i of R together with column i of Q.
    for (Index i = 0; i < p; ++i)
        if (out.R(i, i) < 0) {
            out.R.row(i) *= -1.0;
            out.Q.col(i) *= -1.0;
        }
    return out;
}

Result<PolarResult> polarDecomposition(const MatrixXd& a) {
    if (auto error = detail::checkEntries(a, "the matrix")) return *error;
    if (a.rows() != a.cols())
        return makeError(ErrorCode::NotSquare,
                         "the polar decomposition A = R P needs a square matrix, not " +
                             detail::shapeText(a.rows(), a.cols()));
    const double scale = detail::powerOfTwoScale(a);
    PolarResult polar = detail::polarFromSvd(canonicalSvd(a / scale));
    polar.stretch *= scale;
    return polar;
}

Projection projectionOnto(const MatrixXd& basis) {
    const Index m = basis.rows();
    Projection out;
    out.projector = MatrixXd::Zero(m, m);
    out.orthonormalBasis = MatrixXd::Zero(m, 0);
    if (m == 0 || basis.cols() == 0 || !basis.allFinite()) return out;
    // Column-pivoted QR puts the most independent columns first, so the first `rank` columns of Q
    // span exactly the column space even when columns are parallel or zero. The rank threshold is
    // the NumPy rule on the pivots.
    Eigen::ColPivHouseholderQR<MatrixXd> qr(basis);
    qr.setThreshold(static_cast<double>(std::max(m, basis.cols())) * kEps);
    const Index r = qr.rank();
    out.dimension = static_cast<int>(r);
    out.orthonormalBasis = qr.householderQ() * MatrixXd::Identity(m, r);
    const MatrixXd p = out.orthonormalBasis * out.orthonormalBasis.transpose();
    out.projector = 0.5 * (p + p.transpose());
    return out;
}

} // namespace linscape::engine
