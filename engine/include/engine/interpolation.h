// Paths from the identity to a matrix A for animation, M(s) for s in [0, 1], M(0) = I, M(1) = A.
// Linear blends straight; the rotation-aware paths keep a rotation rigid along the way (a pure
// rotation turns instead of shrinking through the origin).
#pragma once

#include "engine/analysis.h"

#include <Eigen/Core>
#include <string_view>

namespace linscape::engine {

enum class PathKind {
    Linear, // (1-s) I + s A
    Polar,  // A = R P: rotate by s*angle(R) while stretching (1-s) I + s P
    Svd,    // A = U S Vt: rotations and scales interpolated jointly
};
std::string_view pathKindName(PathKind kind);
bool parsePathKind(std::string_view name, PathKind& out); // "linear", "polar", "svd"; any case

// Works for square A of any size, singular included; s is clamped to [0, 1] and the ends are exact
// (M(0) = I, M(1) = A bit for bit). Polar/Svd use the canonical SVD (U, V rotations, S signed), so
// a rotation stays rigid; a reflection is blended linearly along one axis (the sign-carrying
// singular direction), so it passes through a flat state visibly instead of jumping. Non-square A
// uses the linear blend from the rectangular identity; non-finite A gives the identity.
Eigen::MatrixXd interpolate(const Eigen::MatrixXd& a, double s, PathKind kind);
// Between two matrices (for composition stages): M(s) = P(s) B, where P is the path of the given
// kind from I to A B^-1 (found by an LU solve, never an explicit inverse), so M(0) = B and
// M(1) = A. The linear blend is used for Linear, and when B is singular (or nearly: LU reciprocal
// condition below 1e-12) or not square. Matrices of different shapes cannot be blended: `to`.
Eigen::MatrixXd interpolateBetween(const Eigen::MatrixXd& from, const Eigen::MatrixXd& to, double s,
                                   PathKind kind);

// Easing for animation time: smooth start and stop (smoothstep 3s^2 - 2s^3, s clamped to [0, 1]);
// easeInOut(0) = 0, easeInOut(1) = 1, monotone, and easeInOut(1 - s) = 1 - easeInOut(s).
double easeInOut(double s);

} // namespace linscape::engine
