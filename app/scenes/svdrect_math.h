// The SVD of a 3x2 or 2x3 matrix as three stages in space, kept free of drawing so tests can check
// it. Both shapes are shown in R^3 with the plane R^2 as z = 0: a 3x2 matrix lifts the plane into
// space, a 2x3 matrix flattens space onto the plane (its null space collapses).
#pragma once

#include "engine/analysis.h"
#include "scenes/decomp_math.h"

#include <Eigen/Core>

namespace linscape::scenes::decomp {

// A = U Σ Vᵀ with full, square U and V (NumPy's np.linalg.svd(A) shapes: (3,2) = (3,3)(3,2)(2,2)
// and (2,3) = (2,2)(2,3)(3,3)). Signs are the engine's canonical ones except that, when the
// engine's square factor (V for 3x2, U for 2x3) is a reflection, the pair (u₂, v₂) is negated
// together so that both factors are rotations (A is unchanged: a rectangular matrix has no
// orientation to keep). The extra column is the cross product: u₃ = u₁ × u₂ (3x2), v₃ = v₁ × v₂
// (2x3).
struct RectSvd {
    bool tall = true;             // 3x2 (plane into space); false: 2x3 (space onto the plane)
    Eigen::MatrixXd a;            // the matrix
    Eigen::MatrixXd U, Sigma, Vt; // 3x3, 3x2, 2x2 (tall) or 2x2, 2x3, 3x3
    Eigen::Vector2d sigma{0, 0};  // singular values, descending, non-negative
    int rank = 0;                 // by the engine's rank tolerance
    double tolerance = 0;         // singular values at or below count as 0
    bool pairFlipped = false;     // (u₂, v₂) negated to make the factors rotations
    bool repeated = false;        // σ₁ = σ₂ > 0: the singular vectors are not unique
    // The three stages as 3x3 matrices acting on R^3: for 3x2, Vᵀ turns the plane z = 0 about z,
    // Σ scales x, y (z untouched), U turns space; for 2x3, Vᵀ turns space, Σ scales x, y and
    // squashes z to 0, U turns the plane about z.
    SvdStages3 stages;
};

// Needs a finite 3x2 or 2x3 matrix and its analysis; anything else gives the identity-like
// default (every number finite).
RectSvd rectSvd(const Eigen::MatrixXd& a, const engine::Analysis& analysis);

// The 3x3 map of R^3 after `progress` in [0, 3] (as svdStageMatrix3). At 3 it is A with the
// plane as z = 0: for 3x2, M(3) [x; y; 0] = A [x; y]; for 2x3, M(3) = [A; 0 0 0].
Eigen::Matrix3d rectStageMatrix(const RectSvd& r, double progress);

// The same 3x3 form of A itself (the "applied directly" ghost).
Eigen::Matrix3d embedded(const RectSvd& r);

// The signed in-plane angle (radians) of the 2x2 factor: V for 3x2, U for 2x3.
double planeAngle(const RectSvd& r);

} // namespace linscape::scenes::decomp
