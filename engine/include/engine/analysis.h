// Every readout Linscape shows for a matrix, in double precision: determinant, rank, trace,
// inverse, condition number, eigen, SVD (canonical signs), QR, polar, projections, least squares.
// Eigen does the decompositions; this module adds conventions, explanations and safety (no NaN
// ever leaves it as a number; failures come back as reasons).
//
// Conventions: column vectors (y = A x), Eigen's column-major storage, angles in radians.
#pragma once

#include "engine/result.h"

#include <Eigen/Core>
#include <complex>
#include <optional>
#include <string>
#include <vector>

namespace linscape::engine {

// How the eigen-structure of a square matrix falls into the cases the lessons explain.
enum class EigenCase {
    DistinctReal, // n distinct real eigenvalues: n independent eigen-directions
    RepeatedReal, // a repeated real eigenvalue with a full set of eigenvectors (e.g. 2I)
    Defective,    // a repeated eigenvalue with too few eigenvectors (a shear)
    Complex,      // some eigenvalues are complex: no real direction stays on its span for them
};
std::string_view eigenCaseName(EigenCase c);

struct EigenResult {
    EigenCase kind = EigenCase::DistinctReal;
    bool symmetric = false; // solved with the symmetric solver; vectors are orthonormal
    // Eigenvalues: real ones first in descending order, then complex pairs (positive imaginary
    // part first) by descending modulus.
    std::vector<std::complex<double>> values;
    // Real eigenvectors as unit columns, one per real eigen-direction found (for a defective
    // matrix fewer than n). Column j belongs to realValues[j]. Sign: largest-magnitude entry >= 0.
    Eigen::MatrixXd vectors;
    std::vector<double> realValues;
    std::string explanation; // one or two sentences for the screen
};

// Eigenvalues and eigenvectors alone (also part of analyze()). Eigenvalues closer than 1e-5 of
// ||A||_F count as one repeated value (reported as their mean), which is what lets a rounded
// shear be recognised as defective; see analysis_eigen.cpp for why that bound.
Result<EigenResult> analyzeEigen(const Eigen::MatrixXd& a);

// Singular value decomposition A = U * diag(S) * Vt with Linscape's canonical signs:
//  - singularValues are the true values, non-negative, descending.
//  - For square A, U and V are proper rotations (det +1); a reflection in A is carried by the
//    sign of the last entry of S (S = singularValues with S[n-1] negated when det A < 0). This lets
//    an animation always rotate, scale, rotate.
//  - Each pair (u_i, v_i) is fixed up to the joint sign flip; we pick the sign that makes the
//    largest-magnitude entry of v_i positive, or, when a previous result is given (a nearby matrix
//    along an animation path), the sign closest to the previous vectors, so nothing flips between
//    frames. Repeated singular values: the subspace basis is kept as close to the previous one as
//    possible (and `repeated` is set so the UI can say the choice is not unique); with no previous
//    result it is turned toward the coordinate axes (so I gives U = V = I, and a rotation R gives
//    U = R, V = I). For square A the last pair has no free sign: it follows from det U = det V =
//    +1.
//  - A previous result of another shape is ignored. Singular values cannot swap order along a path
//    without their vectors swapping too: only crossings are discontinuous, touching is not.
//  - Non-finite input gives U = I, S = 0, Vt = I (analyze() refuses it with a reason first).
struct SvdResult {
    Eigen::MatrixXd U;              // rows x p  (p = min(rows, cols); full U for square)
    Eigen::VectorXd S;              // p, signed as described above
    Eigen::MatrixXd Vt;             // p x cols
    Eigen::VectorXd singularValues; // p, non-negative, descending
    bool reflection = false;        // square and det < 0
    bool repeated = false;          // two singular values agree to within tolerance
};
SvdResult canonicalSvd(const Eigen::MatrixXd& a, const SvdResult* previous = nullptr);

struct QrResult {
    Eigen::MatrixXd Q; // rows x p, orthonormal columns
    Eigen::MatrixXd R; // p x cols, upper triangular with non-negative diagonal
};
QrResult thinQr(const Eigen::MatrixXd& a);

// A = R * P for square A: R orthogonal (a rotation, or a reflection when det A < 0), P symmetric
// positive semi-definite.
struct PolarResult {
    Eigen::MatrixXd rotation;
    Eigen::MatrixXd stretch;
};
Result<PolarResult> polarDecomposition(const Eigen::MatrixXd& a);

struct AnalysisOptions {
    // Rank tolerance: singular values above tol count. Default (negative): the NumPy rule,
    // max(rows, cols) * eps * sigma_max.
    double rankTolerance = -1.0;
    // Condition numbers above this produce a "near-singular" warning.
    double nearSingularCondition = 1e8;
    const SvdResult* previousSvd = nullptr; // for sign stability along a path
};

struct Analysis {
    Eigen::Index rows = 0, cols = 0;
    bool square = false;
    // Determinant (square only), from the LU factors. When it overflows or underflows a double,
    // det is unset (with a warning) and sign/logAbsDet still describe it. When rank < n (by the
    // rank tolerance) det is reported as exactly 0, consistent with the rank readout, rather than
    // as the 1e-17 left by rounding.
    std::optional<double> det;
    int detSign = 0;      // -1, 0, +1
    double logAbsDet = 0; // natural log of |det|; -inf when detSign == 0 (as np.linalg.slogdet)
    int rank = 0;
    double rankTolerance = 0;
    std::optional<double> trace; // square only
    std::optional<Eigen::MatrixXd> inverse;
    std::string inverseError;              // why there is no inverse (empty when there is one)
    std::optional<double> conditionNumber; // sigma_max / sigma_min; unset when singular
    bool nearSingular = false;
    std::optional<EigenResult> eigen; // square only
    SvdResult svd;
    QrResult qr;
    std::optional<PolarResult> polar; // square only
    Eigen::MatrixXd pseudoinverse; // cols x rows; singular values at or below rankTolerance dropped
    Eigen::MatrixXd columnSpaceProjector; // P = U_r U_r^T, rows x rows
    std::vector<std::string> warnings;
};

// Refuses empty and non-finite input with a reason; never returns NaN as a readout (a value that
// leaves the range of a double, e.g. the inverse of a 1e-310 matrix, is dropped with a warning).
Result<Analysis> analyze(const Eigen::MatrixXd& a, const AnalysisOptions& options = {});

// x with A x = b for square, invertible A (LU with partial pivoting; never an explicit inverse).
Result<Eigen::MatrixXd> solve(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b);

struct LeastSquaresResult {
    Eigen::VectorXd coefficients; // argmin ||X c - y||
    Eigen::VectorXd fitted;       // X c, the projection of y onto the column space of X
    Eigen::VectorXd residual;     // y - X c, orthogonal to every column of X
    double residualNorm = 0;
    int rank = 0;
    bool unique = true; // false when X is rank-deficient (minimum-norm solution)
};
// Solved by complete orthogonal decomposition (QR with pivoting), never by inverting X^T X.
Result<LeastSquaresResult> leastSquares(const Eigen::MatrixXd& x, const Eigen::VectorXd& y);

// Orthogonal projector onto the span of the columns of `basis` (P = U U^T, U from QR); parallel or
// zero columns are handled (the span may be smaller than the number of columns). Empty or
// non-finite input gives dimension 0 and a zero projector.
struct Projection {
    Eigen::MatrixXd projector;
    Eigen::MatrixXd orthonormalBasis; // U, one column per dimension of the span
    int dimension = 0;
};
Projection projectionOnto(const Eigen::MatrixXd& basis);

} // namespace linscape::engine
