// Animation paths from I to A (and from B to A): a straight blend, and rotation-aware paths built
// on the canonical SVD so that rotations turn rigidly instead of shrinking through the origin.
// Conventions: column vectors, angles in radians, fractional rotations turn the short way.
#include "engine/interpolation.h"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <numbers>
#include <vector>

namespace linscape::engine {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

MatrixXd rotation2(double radians) {
    MatrixXd r(2, 2);
    r << std::cos(radians), -std::sin(radians), std::sin(radians), std::cos(radians);
    return r;
}

// R^s for a rotation R (orthogonal, det +1): the rotation by s times each of R's angles in the
// same planes. In 2D directly from the angle; above that from the real Schur form R = Z T Z^T,
// which for an orthogonal (normal) matrix is block diagonal: 2x2 rotation blocks, +1 entries, and
// -1 entries that come in pairs (a half turn in the plane of the two Schur vectors).
MatrixXd rotationPower(const MatrixXd& r, double s) {
    const Index n = r.rows();
    if (n == 1) return MatrixXd::Identity(1, 1);
    if (n == 2) return rotation2(s * std::atan2(r(1, 0), r(0, 0)));
    Eigen::RealSchur<MatrixXd> schur(r);
    const MatrixXd& t = schur.matrixT();
    MatrixXd power = MatrixXd::Identity(n, n);
    std::vector<Index> halfTurns;
    for (Index i = 0; i < n;) {
        if (i + 1 < n && t(i + 1, i) != 0) {
            power.block(i, i, 2, 2) = rotation2(s * std::atan2(t(i + 1, i), t(i, i)));
            i += 2;
            continue;
        }
        if (t(i, i) < 0) halfTurns.push_back(i);
        ++i;
    }
    for (size_t k = 0; k + 1 < halfTurns.size(); k += 2) {
        const Index i = halfTurns[k], j = halfTurns[k + 1];
        const MatrixXd half = rotation2(s * std::numbers::pi);
        power(i, i) = half(0, 0), power(i, j) = half(0, 1);
        power(j, i) = half(1, 0), power(j, j) = half(1, 1);
    }
    // An unpaired -1 means R was not quite a rotation; scaling through 0 keeps the path continuous.
    if (halfTurns.size() % 2) power(halfTurns.back(), halfTurns.back()) = 1 - 2 * s;
    return schur.matrixU() * power * schur.matrixU().transpose();
}

// The identity of a rectangular shape (ones on the diagonal), the start of a non-square path.
MatrixXd identityLike(const MatrixXd& a) {
    return MatrixXd::Identity(a.rows(), a.cols());
}

} // namespace

std::string_view pathKindName(PathKind kind) {
    switch (kind) {
    case PathKind::Linear:
        return "linear";
    case PathKind::Polar:
        return "polar";
    case PathKind::Svd:
        return "svd";
    }
    return "linear";
}

bool parsePathKind(std::string_view name, PathKind& out) {
    std::string lower(name);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    for (PathKind kind : {PathKind::Linear, PathKind::Polar, PathKind::Svd})
        if (lower == pathKindName(kind)) {
            out = kind;
            return true;
        }
    return false;
}

// Both rotation-aware paths start from the canonical SVD A = U S V^T with U, V rotations and any
// reflection carried by the sign of S's last entry:
//   Polar: A = W P with W = U V^T (a rotation) and P = V S V^T (symmetric; indefinite for a
//          reflection). M(s) = W^s ((1-s) I + s P).
//   Svd:   M(s) = U^s diag((1-s) + s S) (V^s)^T.
// A rotation R has U = R, V = I, S = 1, so both give R^s: rigid all the way. A reflection never
// needs a rotation through a mirror: the stretch along one axis goes linearly from 1 to a negative
// value, passing visibly through the flat state. Singular A is no special case (a zero in S).
Eigen::MatrixXd interpolate(const Eigen::MatrixXd& a, double s, PathKind kind) {
    if (!a.allFinite()) return identityLike(a); // analyze() refuses such input with a reason
    if (s <= 0) return identityLike(a);
    if (s >= 1) return a; // exactly A, not A up to rounding
    if (kind == PathKind::Linear || a.rows() != a.cols()) return (1 - s) * identityLike(a) + s * a;

    const Index n = a.rows();
    const SvdResult svd = canonicalSvd(a);
    const MatrixXd v = svd.Vt.transpose();
    const VectorXd scales = VectorXd::Constant(n, 1 - s) + s * svd.S;
    if (kind == PathKind::Polar) {
        const MatrixXd w = svd.U * svd.Vt;
        return rotationPower(w, s) * (v * scales.asDiagonal() * svd.Vt);
    }
    return rotationPower(svd.U, s) * scales.asDiagonal() * rotationPower(v, s).transpose();
}

Eigen::MatrixXd interpolateBetween(const Eigen::MatrixXd& from, const Eigen::MatrixXd& to, double s,
                                   PathKind kind) {
    if (from.rows() != to.rows() || from.cols() != to.cols()) return to; // nothing to blend
    if (s <= 0) return from;
    if (s >= 1) return to;
    const bool square = from.rows() == from.cols() && from.rows() > 0;
    if (kind != PathKind::Linear && square && from.allFinite() && to.allFinite()) {
        // M(s) = P(s) B where P runs from I to D = A B^-1, found by solving D B = A (B^T D^T =
        // A^T) with LU rather than inverting B. A nearly singular B would make D meaningless.
        const Eigen::PartialPivLU<MatrixXd> lu(from.transpose());
        if (lu.rcond() > 1e-12) {
            const MatrixXd d = lu.solve(to.transpose()).transpose();
            return interpolate(d, s, kind) * from;
        }
    }
    return (1 - s) * from + s * to;
}

double easeInOut(double s) {
    const double x = std::clamp(s, 0.0, 1.0);
    return x * x * (3 - 2 * x); // smoothstep: zero slope at both ends, e(1-s) = 1 - e(s)
}

} // namespace linscape::engine
