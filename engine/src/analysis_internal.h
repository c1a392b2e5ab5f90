// Helpers shared by the analysis_*.cpp files (not part of the engine's public API): input checks,
// exact power-of-two scaling, and the basis choices behind the canonical SVD and eigenvectors.
#pragma once

#include "engine/analysis.h"

#include <Eigen/Core>
#include <complex>
#include <optional>
#include <string>

namespace linscape::engine::detail {

// "(2,3)", the NumPy way of writing a shape.
std::string shapeText(Eigen::Index rows, Eigen::Index cols);

// EmptyMatrix / NonFinite errors for `what` ("the matrix", "b"), naming the first bad entry.
std::optional<Error> checkEntries(const Eigen::MatrixXd& m, const std::string& what);

// A power of two near the largest |entry| (1 for the zero matrix). Dividing by it is exact, so
// every factorisation of the scaled matrix is the bitwise-scaled factorisation of the original,
// while overflow and underflow in intermediate products are avoided.
double powerOfTwoScale(const Eigen::MatrixXd& m);

// The orthogonal k x k matrix Q maximising trace(Q^T m) (orthogonal Procrustes: the polar factor
// of m). With `proper`, Q is restricted to rotations (det +1, the Kabsch correction).
Eigen::MatrixXd closestOrthogonal(const Eigen::MatrixXd& m, bool proper);

// Deterministic reference for an arbitrary orthonormal basis B (n x k) of a subspace: the k
// coordinate axes that lie closest to the subspace (largest row norms of B, ties to the lower
// index), in ascending order, as the columns of an n x k matrix.
Eigen::MatrixXd nearestAxes(const Eigen::MatrixXd& basis);

// Index of the entry of largest magnitude; among entries tied within a relative 1e-9 (rounding
// noise), the first. The sign conventions use it so that (1,-1)/sqrt2 is always (+,-).
Eigen::Index dominantIndex(const Eigen::VectorXd& v);

// Polar factors from a canonical SVD (U, V rotations, S signed): rotation = U D V^T with D
// carrying the sign of S's last entry, stretch = V |S| V^T (symmetrised).
PolarResult polarFromSvd(const SvdResult& svd);

// One-sided Jacobi sweeps on w (m x n, m >= n, n <= 16, column-major, entries scaled near 1):
// rotates pairs of columns until every pair is orthogonal to sqrt(m) eps, accumulating the
// rotations into v (n x n, column-major, identity on entry). Afterwards w = a v has orthogonal
// columns whose norms are the singular values. False if 30 sweeps do not converge.
bool jacobiSweeps(double* w, Eigen::Index m, double* v, Eigen::Index n);

// The largest size the small eigen solver below takes (beyond it, Eigen's EigenSolver).
constexpr int kSmallEigenMax = 16;

// The eigenvalues of a square, finite a with 1 <= n <= kSmallEigenMax (Hessenberg reduction and
// Francis double-shift QR on stack arrays), in no particular order, complex pairs conjugate
// and adjacent with real parts identical. False for other sizes or when the iteration does not
// converge; then the caller uses Eigen.
bool smallEigenvalues(const Eigen::MatrixXd& a, std::complex<double>* values);

// A unit eigenvector of a (n <= kSmallEigenMax) for the simple real eigenvalue lambda, by inverse
// iteration; its sign is left to the caller's convention.
Eigen::VectorXd smallEigenvector(const Eigen::MatrixXd& a, double lambda);

// Eigen analysis of an already checked (square, finite, non-empty) matrix given as a / scale;
// the values and the explanation come back in the units of a.
EigenResult eigenOfChecked(const Eigen::MatrixXd& scaled, double scale);

} // namespace linscape::engine::detail
