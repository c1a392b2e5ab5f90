// The numbers behind the 3D projection, plane-fit and PCA scenes; see decomp3d_compute.h.
#include "scenes/decomp3d_compute.h"

#include "engine/analysis.h"
#include "scenes/decomp_compute.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace linscape::scenes::decomp {

// ---- Projection onto a plane -------------------------------------------------------------------

PlaneProjection projectOntoPlane(const Eigen::Vector3d& u1, const Eigen::Vector3d& u2,
                                 const Eigen::Vector3d& b) {
    PlaneProjection out;
    Eigen::Matrix<double, 3, 2> basis;
    basis << u1, u2;
    const engine::Projection proj = engine::projectionOnto(basis);
    out.dimension = proj.dimension;
    out.zeroU1 = engine::projectionOnto(u1).dimension == 0;
    out.zeroU2 = engine::projectionOnto(u2).dimension == 0;
    out.parallel = out.dimension == 1 && !out.zeroU1 && !out.zeroU2;
    out.projector = proj.projector;
    for (int j = 0; j < out.dimension; ++j)
        out.Q.col(j) = proj.orthonormalBasis.col(j);
    // QR's signs are arbitrary: q1 along the first non-zero vector, q2 on u2's side of q1.
    if (out.dimension >= 1 && out.Q.col(0).dot(out.zeroU1 ? u2 : u1) < 0) out.Q.col(0) *= -1;
    if (out.dimension == 2) {
        if (out.Q.col(1).dot(u2) < 0) out.Q.col(1) *= -1;
        out.normal = out.Q.col(0).cross(out.Q.col(1)).normalized();
        // atan2(|u1 x u2|, |u1 . u2|): accurate at small angles, where acos of the cosine is not.
        out.angleDeg =
            std::atan2(u1.cross(u2).norm(), std::abs(u1.dot(u2))) * 180.0 / std::numbers::pi;
        out.nearlyParallel = out.angleDeg < kNearlyParallelDeg;
    }
    out.p = out.projector * b;
    out.residual = b - out.p;
    out.idempotenceError = (out.projector * out.projector - out.projector).cwiseAbs().maxCoeff();
    for (int j = 0; j < out.dimension; ++j)
        out.orthogonality = std::max(out.orthogonality, std::abs(out.Q.col(j).dot(out.residual)));
    return out;
}

// ---- Least-squares plane -----------------------------------------------------------------------

Eigen::MatrixXd planeCloud(int n, const Eigen::Vector3d& abc, double noise, std::uint64_t seed) {
    n = std::max(n, 1);
    SeededNormal rng(seed);
    Eigen::MatrixXd pts(n, 3);
    for (int i = 0; i < n; ++i) {
        const double x = -3 + 6 * rng.uniform(), y = -3 + 6 * rng.uniform();
        pts.row(i) << x, y, abc(0) * x + abc(1) * y + abc(2) + noise * rng.next();
    }
    return pts;
}

PlaneFit fitPlane(const Eigen::MatrixXd& points) {
    PlaneFit fit;
    if (points.rows() == 0 || points.cols() != 3 || !points.allFinite()) return fit;
    const Eigen::Index n = points.rows();
    Eigen::MatrixXd x(n, 3);
    x.col(0) = points.col(0);
    x.col(1) = points.col(1);
    x.col(2).setOnes();
    const Eigen::VectorXd z = points.col(2);
    auto r = engine::leastSquares(x, z);
    if (!r.ok()) return fit;
    fit.ok = true;
    fit.coefficients = r->coefficients;
    fit.unique = r->unique;
    fit.rank = r->rank;
    fit.fitted = r->fitted;
    fit.residual = r->residual;
    fit.residualNorm = r->residualNorm;
    fit.orthogonality = (x.transpose() * fit.residual).cwiseAbs().maxCoeff();
    fit.identical = (points.rowwise() - points.row(0)).cwiseAbs().maxCoeff() == 0;
    fit.oneSpot = !fit.identical && fit.rank <= 1;
    fit.collinear = fit.rank == 2;
    if (fit.identical)
        fit.explanation = n == 1 ? "One point: every plane through it fits exactly, so a, b and c "
                                   "are not unique."
                                 : "All points are identical: every plane through that point fits "
                                   "exactly, so a, b and c are not unique.";
    else if (fit.oneSpot)
        fit.explanation = "All points share one (x, y): the columns x, y and 1 of X are parallel "
                          "(rank 1), so only the height at that spot is fixed (the mean z).";
    else if (fit.collinear)
        fit.explanation = "The points' (x, y) lie on one line: X = [x y 1] has rank 2, so the "
                          "plane can still turn about that line; a, b, c are not unique.";
    if (!fit.unique) fit.explanation += " lstsq returns the minimum-norm (a, b, c).";
    return fit;
}

// ---- PCA in 3D ---------------------------------------------------------------------------------

Eigen::MatrixXd correlatedCloud3(int n, double rho, const Eigen::Vector3d& sd, std::uint64_t seed,
                                 const Eigen::Vector3d& mean) {
    n = std::max(n, 1);
    rho = std::clamp(rho, -0.5, 1.0);
    SeededNormal rng(seed);
    Eigen::MatrixXd z(n, 3);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < 3; ++j)
            z(i, j) = rng.next();
    if (n >= 4) {
        z.rowwise() -= z.colwise().mean();
        const Eigen::Matrix3d c = z.transpose() * z / double(n);
        Eigen::LLT<Eigen::Matrix3d> llt(c);
        if (llt.info() == Eigen::Success)
            z = llt.matrixL().solve(Eigen::MatrixXd(z.transpose())).transpose(); // covariance I
    }
    Eigen::Matrix3d r = Eigen::Matrix3d::Constant(rho);
    r.diagonal().setOnes();
    const Eigen::Matrix3d target = sd.asDiagonal() * r * sd.asDiagonal();
    // A symmetric square root: K K^T = target also when target is singular (rho = 1 or -0.5).
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es(target);
    const Eigen::Matrix3d k = es.eigenvectors() *
                              es.eigenvalues().cwiseMax(0.0).cwiseSqrt().asDiagonal() *
                              es.eigenvectors().transpose();
    Eigen::MatrixXd pts = z * k;
    pts.rowwise() += mean.transpose();
    return pts;
}

namespace {

// Largest-magnitude entry positive (the first one on a tie).
Eigen::Vector3d signFixed(const Eigen::Vector3d& v) {
    Eigen::Index k = 0;
    for (Eigen::Index i = 1; i < 3; ++i)
        if (std::abs(v(i)) > std::abs(v(k)) * (1 + 1e-12)) k = i;
    return v(k) < 0 ? Eigen::Vector3d(-v) : v;
}

// The coordinate axis nearest the plane with unit normal n, projected into it (x before y before
// z on a tie, so the choice holds still).
Eigen::Vector3d nearestAxisInPlane(const Eigen::Vector3d& n) {
    Eigen::Index k = 0;
    for (Eigen::Index i = 1; i < 3; ++i)
        if (std::abs(n(i)) < std::abs(n(k)) - 1e-12) k = i;
    const Eigen::Vector3d e = Eigen::Vector3d::Unit(k);
    return (e - e.dot(n) * n).normalized();
}

} // namespace

Pca3 pca3(const Eigen::MatrixXd& points) {
    Pca3 out;
    if (points.rows() == 0 || points.cols() != 3 || !points.allFinite()) return out;
    out.ok = true;
    const double n = double(points.rows());
    out.mean = points.colwise().mean().transpose();
    const Eigen::MatrixXd xc = points.rowwise() - out.mean.transpose();
    out.covariance = xc.transpose() * xc / n;
    out.covariance = 0.5 * (out.covariance + out.covariance.transpose()).eval();
    const double scale = std::max(1.0, out.mean.cwiseAbs().maxCoeff());
    if (!(out.covariance.trace() > 1e-24 * scale * scale)) {
        out.degenerate = true;
        return out;
    }
    const engine::SvdResult svd = engine::canonicalSvd(out.covariance);
    out.variances = svd.singularValues;
    for (int i = 1; i < 3; ++i)
        if (out.variances(i) <= 1e-12 * out.variances(0)) out.variances(i) = 0;
    const double tol = 1e-9 * out.variances(0);
    const bool top = out.variances(0) - out.variances(1) <= tol;
    const bool bottom = out.variances(1) - out.variances(2) <= tol;
    out.repeat = top && bottom ? Pca3::Repeat::All
                 : top         ? Pca3::Repeat::Top
                 : bottom      ? Pca3::Repeat::Bottom
                               : Pca3::Repeat::None;
    const Eigen::Matrix3d u = svd.U;
    Eigen::Vector3d a1, a2, a3;
    switch (out.repeat) {
    case Pca3::Repeat::All:
        a1 = Eigen::Vector3d::UnitX();
        a2 = Eigen::Vector3d::UnitY();
        a3 = Eigen::Vector3d::UnitZ();
        break;
    case Pca3::Repeat::Top:
        a3 = signFixed(u.col(2).normalized());
        a1 = nearestAxisInPlane(a3);
        a2 = a3.cross(a1);
        break;
    case Pca3::Repeat::Bottom:
        a1 = signFixed(u.col(0).normalized());
        a2 = nearestAxisInPlane(a1);
        a3 = a1.cross(a2);
        break;
    case Pca3::Repeat::None:
        a1 = signFixed(u.col(0).normalized());
        a2 = u.col(1) - u.col(1).dot(a1) * a1;
        a2 = signFixed(a2.normalized());
        a3 = a1.cross(a2);
        break;
    }
    out.axes << a1, a2, a3;
    out.explained = out.variances / out.variances.sum();
    return out;
}

} // namespace linscape::scenes::decomp
