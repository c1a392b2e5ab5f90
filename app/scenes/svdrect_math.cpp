// Rectangular SVD stages; see svdrect_math.h.
#include "scenes/svdrect_math.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

namespace linscape::scenes::decomp {
namespace {

bool usable(const Eigen::MatrixXd& a, const engine::SvdResult& s) {
    const bool tall = a.rows() == 3 && a.cols() == 2, wide = a.rows() == 2 && a.cols() == 3;
    if (!(tall || wide) || !a.allFinite()) return false;
    if (s.U.rows() != a.rows() || s.Vt.cols() != a.cols() || s.singularValues.size() != 2 ||
        s.U.cols() != 2 || s.Vt.rows() != 2)
        return false;
    return s.U.allFinite() && s.Vt.allFinite() && s.singularValues.allFinite();
}

} // namespace

RectSvd rectSvd(const Eigen::MatrixXd& a, const engine::Analysis& analysis) {
    RectSvd r;
    const engine::SvdResult& s = analysis.svd;
    if (!usable(a, s)) {
        r.a = Eigen::MatrixXd::Zero(3, 2);
        r.U = Eigen::MatrixXd::Identity(3, 3);
        r.Sigma = Eigen::MatrixXd::Zero(3, 2);
        r.Vt = Eigen::MatrixXd::Identity(2, 2);
        return r;
    }
    r.tall = a.rows() == 3;
    r.a = a;
    r.sigma = s.singularValues;
    r.rank = analysis.rank;
    r.tolerance = analysis.rankTolerance;
    r.repeated = s.repeated && r.sigma(0) > r.tolerance;
    Eigen::MatrixXd u = s.U;   // rows x 2
    Eigen::MatrixXd vt = s.Vt; // 2 x cols
    // The square 2x2 factor must be a rotation for the plane to turn rather than mirror.
    const double det2 = r.tall ? vt.determinant() : u.determinant();
    if (det2 < 0) {
        u.col(1) *= -1.0;
        vt.row(1) *= -1.0;
        r.pairFlipped = true;
    }
    r.Sigma = Eigen::MatrixXd::Zero(a.rows(), a.cols());
    r.Sigma(0, 0) = r.sigma(0);
    r.Sigma(1, 1) = r.sigma(1);
    engine::SvdResult s3;
    s3.U = Eigen::MatrixXd::Identity(3, 3);
    s3.Vt = Eigen::MatrixXd::Identity(3, 3);
    s3.S = Eigen::VectorXd(3);
    if (r.tall) {
        const Eigen::Vector3d u1 = u.col(0), u2 = u.col(1);
        r.U.resize(3, 3);
        r.U << u1, u2, u1.cross(u2);
        r.Vt = vt;
        s3.U = r.U;
        s3.Vt.topLeftCorner(2, 2) = vt;
        s3.S << r.sigma(0), r.sigma(1), 1.0; // z is not part of the input plane
    } else {
        const Eigen::Vector3d v1 = vt.row(0).transpose(), v2 = vt.row(1).transpose();
        r.Vt.resize(3, 3);
        r.Vt << v1.transpose(), v2.transpose(), v1.cross(v2).transpose();
        r.U = u;
        s3.U.topLeftCorner(2, 2) = u;
        s3.Vt = r.Vt;
        s3.S << r.sigma(0), r.sigma(1), 0.0; // the null-space direction collapses
    }
    r.stages = svdStages3(s3);
    return r;
}

Eigen::Matrix3d rectStageMatrix(const RectSvd& r, double progress) {
    return svdStageMatrix3(r.stages, progress);
}

Eigen::Matrix3d embedded(const RectSvd& r) {
    Eigen::Matrix3d m = Eigen::Matrix3d::Zero();
    if (r.tall) {
        m.leftCols(2) = r.a;
        m(2, 2) = 0; // the third input direction is not part of the plane; kept at 0 for clarity
    } else {
        m.topRows(2) = r.a;
    }
    return m;
}

double planeAngle(const RectSvd& r) {
    const Eigen::Matrix2d q = r.tall ? Eigen::Matrix2d(r.Vt) : Eigen::Matrix2d(r.U);
    return rotationAngle(q);
}

} // namespace linscape::scenes::decomp
