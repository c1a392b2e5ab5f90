// The numbers behind the 3D projection, plane-fit and PCA scenes, apart from drawing so tests can
// check them against Eigen: projection onto span(u1, u2) (which may shrink to a line or nothing),
// the least-squares plane z = a x + b y + c, seeded 3D clouds, and 3D PCA with a fixed axis choice.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>

namespace linscape::scenes::decomp {

// ---- Projection onto a plane -------------------------------------------------------------------

struct PlaneProjection {
    // The dimension of span(u1, u2): 2 a plane, 1 a line (parallel vectors, or one of them 0),
    // 0 nothing but the origin (both 0).
    int dimension = 0;
    bool zeroU1 = false, zeroU2 = false; // that vector alone spans nothing
    bool parallel = false;               // both non-zero, but on one line
    // Both span a plane, but meet at under kNearlyParallelDeg: the plane swings with small
    // changes to either (its normal is u1 x u2 over a tiny |u1 x u2|).
    bool nearlyParallel = false;
    double angleDeg = 0; // between the lines of u1 and u2, 0 to 90 (dimension 2 only)
    Eigen::Matrix<double, 3, 2> Q = Eigen::Matrix<double, 3, 2>::Zero(); // first `dimension` cols
    Eigen::Matrix3d projector = Eigen::Matrix3d::Zero();                 // P = Q Q^T
    Eigen::Vector3d p{0, 0, 0}, residual{0, 0, 0};                       // Pb, b - Pb
    Eigen::Vector3d normal{0, 0, 0}; // unit normal of the plane (dimension 2 only)
    double idempotenceError = 0;     // max |P^2 - P|
    double orthogonality = 0;        // max |Q^T (b - p)|, zero up to rounding
};
inline constexpr double kNearlyParallelDeg = 5.0;
// P from the engine's pivoted QR of [u1 u2] (engine::projectionOnto). Q's columns are turned to
// agree with u1 (or u2 when u1 is 0) and u2, so the picture and the numbers point the same way.
PlaneProjection projectOntoPlane(const Eigen::Vector3d& u1, const Eigen::Vector3d& u2,
                                 const Eigen::Vector3d& b);

// ---- Least-squares plane -----------------------------------------------------------------------

// n points (rows x, y, z) with x, y uniform in [-3, 3] and z = a x + b y + c + noise * N(0, 1),
// from a fixed seed.
Eigen::MatrixXd planeCloud(int n, const Eigen::Vector3d& abc, double noise, std::uint64_t seed);

struct PlaneFit {
    bool ok = false;        // false: no finite points
    bool unique = true;     // X = [x y 1] has full column rank 3
    bool identical = false; // every point is the same
    bool oneSpot = false;   // every (x, y) is the same (z may differ): rank 1
    bool collinear = false; // the (x, y) lie on one line: rank 2
    int rank = 0;
    Eigen::Vector3d coefficients{0, 0, 0}; // (a, b, c); the minimum-norm one when not unique
    Eigen::VectorXd fitted, residual;      // z-hat = X (a, b, c), z - z-hat
    double residualNorm = 0;
    double orthogonality = 0; // max |X^T (z - z-hat)|
    std::string explanation;  // for the rank-deficient cases
};
// z = a x + b y + c by the engine's least squares (complete orthogonal decomposition), never by
// inverting X^T X.
PlaneFit fitPlane(const Eigen::MatrixXd& points);

// ---- PCA in 3D ---------------------------------------------------------------------------------

// n points whose sample covariance is exactly D R D, R the equicorrelation matrix (1 on the
// diagonal, rho elsewhere; rho in [-0.5, 1] keeps it positive semi-definite) and D = diag(sd):
// seeded normals, centred, whitened by a Cholesky solve, then coloured by a square root of D R D.
Eigen::MatrixXd correlatedCloud3(int n, double rho, const Eigen::Vector3d& sd, std::uint64_t seed,
                                 const Eigen::Vector3d& mean);

struct Pca3 {
    enum class Repeat { None, Top, Bottom, All }; // lambda1 = lambda2, lambda2 = lambda3, all three
    bool ok = false;                              // false: empty or non-finite input
    bool degenerate = false;                      // zero covariance: no spread at all
    Repeat repeat = Repeat::None;
    Eigen::Vector3d mean{0, 0, 0};
    Eigen::Matrix3d covariance = Eigen::Matrix3d::Zero(); // X_c^T X_c / n
    Eigen::Vector3d variances{0, 0, 0};                   // descending, >= 0
    // Principal axes as unit columns, a right-handed frame. Distinct variances: PC1 and PC2 have
    // their largest-magnitude entry positive (the first on a tie), PC3 = PC1 x PC2. Within a
    // repeated pair the axes are not unique: the app takes the coordinate axis nearest that plane
    // (x before y before z on a tie), projected into it, and completes the frame by a cross product
    // with the unique axis; all three equal: x, y, z.
    Eigen::Matrix3d axes = Eigen::Matrix3d::Identity();
    Eigen::Vector3d explained{0, 0, 0}; // variance fractions; all 0 when degenerate
};
// Variances from the engine's SVD of the covariance (symmetric PSD, so its singular values are its
// eigenvalues); values within 1e-12 of the largest are 0, values within 1e-9 of each other repeat.
Pca3 pca3(const Eigen::MatrixXd& points);

} // namespace linscape::scenes::decomp
