// Planar geometry of the decomposition scenes, kept free of drawing so tests can check it: where a
// unit vector v and its image Av line up as v sweeps the circle, and the staged SVD path
// A = U Σ Vᵀ (rotate, scale, rotate). Angles in radians, counter-clockwise from the x-axis.
#pragma once

#include "engine/analysis.h"

#include <Eigen/Core>
#include <vector>

namespace linscape::scenes::decomp {

// A direction where Av is parallel to v (Av = λv), found from cross(v, Av) = 0 on the circle,
// independently of the eigen solver.
struct Alignment {
    double angle = 0;  // of v, in [0, 2π)
    double lambda = 0; // Av = λ v
};

struct Alignments {
    enum class Kind {
        None,  // no real direction lines up (complex eigenvalues)
        Lines, // one or two lines through the origin, each met twice (θ and θ + π)
        Every, // A = λI: every direction lines up
    };
    Kind kind = Kind::None;
    std::vector<Alignment> hits; // ascending angle; empty unless kind == Lines
    double everyLambda = 0;      // the λ of A = λI
};

// Writes cross(v(θ), A v(θ)) = m + P cos 2θ + Q sin 2θ and solves it in closed form. Tolerances
// follow the engine's eigen clustering (1e-5 of ||A||_F): a pair it calls repeated gives one line,
// an imaginary part it calls rounding still gives real lines, so the sweep never contradicts the
// case sentence.
Alignments eigenAlignments(const Eigen::Matrix2d& a);

Eigen::Matrix2d rotation(double angle);
double rotationAngle(const Eigen::Matrix2d& r); // of a proper rotation, in (-π, π]

// The three SVD stages of a 2x2 matrix from the engine's canonical SVD (U, V proper rotations,
// the last entry of S negative when det A < 0).
struct SvdStages {
    Eigen::Matrix2d U = Eigen::Matrix2d::Identity();
    Eigen::Matrix2d Vt = Eigen::Matrix2d::Identity();
    Eigen::Vector2d S{1, 1}; // signed
    double angleVt = 0, angleU = 0;
};
SvdStages svdStages(const engine::SvdResult& svd);

// The matrix applied to the plane after `progress` in [0, 3]: stage 1 turns I into Vᵀ by a
// rotation, stage 2 scales the axes from I to Σ (a negative entry passes through flat: the
// reflection), stage 3 turns ΣVᵀ into UΣVᵀ = A. Each stage is eased (zero speed at its ends), so
// the whole path has no jumps and no kinks; the stage ends are exact: Vᵀ, ΣVᵀ, UΣVᵀ.
Eigen::Matrix2d svdStageMatrix(const SvdStages& st, double progress);

} // namespace linscape::scenes::decomp
