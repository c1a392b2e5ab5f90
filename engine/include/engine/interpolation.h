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
bool parsePathKind(std::string_view name, PathKind& out);

// Works for square A of any size; Polar/Svd fall back to Linear where a rigid path does not exist
// (a reflection is blended linearly in its last stage so it passes through a flat state visibly).
Eigen::MatrixXd interpolate(const Eigen::MatrixXd& a, double s, PathKind kind);
// Between two matrices (for composition stages): from B to A along the same kind of path,
// applied as interpolate(A B^-1 ...) is not assumed; the linear blend is used when from is singular.
Eigen::MatrixXd interpolateBetween(const Eigen::MatrixXd& from, const Eigen::MatrixXd& to, double s,
                                   PathKind kind);

// Easing for animation time: smooth start and stop.
double easeInOut(double s);

} // namespace linscape::engine
