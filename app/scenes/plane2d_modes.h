// The math behind the 2D scene's presets and modes, free of drawing so tests can check it: preset
// matrices (rotation, scale, shear, reflection, projection, singular, seeded random), and what
// each mode (map, compose, commute, inverse, transpose) shows at time t, stage by stage.
// Conventions: column vectors; angles in degrees (what a person types); "AB" means first B, then A.
#pragma once

#include "engine/interpolation.h"
#include "scenes/scene.h"

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

namespace linscape::scenes {

enum class PlanePreset { Custom, Rotation, Scale, Shear, Reflection, Projection, Singular, Random };
const std::vector<std::string>& planePresetNames(); // in enum order: "custom", "rotation", ...

struct PresetValues {
    double thetaDeg = 30;   // rotation angle; reflection, projection and singular: the line's angle
    double scaleX = 2;      // scale: x factor; singular: length of î along the line
    double scaleY = 0.5;    // scale: y factor; singular: length of ĵ along the line
    double shear = 1;       // shear: A = [[1, k], [0, 1]]
    std::uint64_t seed = 1; // random: entries in {-2, -1.5, ..., 2}, the same for the same seed
};

// The matrix of a preset (Custom gives the identity; the caller keeps its own matrix).
Eigen::Matrix2d presetMatrix(PlanePreset preset, const PresetValues& v);

enum class PlaneMode { Map, Compose, Commute, Inverse, Transpose };
const std::vector<std::string>& planeModeNames(); // "map", "compose", "commute", ...

// What a mode animates, for a given A, B and per-stage duration.
struct PlanePlan {
    std::vector<TimelineStage> stages;
    double duration = 0;
    bool refused = false; // inverse of a singular A: only the forward stage plays
    std::string refusal;  // why (names det and rank), empty otherwise
};
PlanePlan planFor(PlaneMode mode, const Eigen::Matrix2d& a, const Eigen::Matrix2d& b,
                  double stageDuration);

// The matrix shown at time t (clamped to the plan). `which` picks the panel in commute mode:
// 0 = AB (first B, then A), 1 = BA (first A, then B); other modes ignore it.
Eigen::Matrix2d planeMatrixAt(PlaneMode mode, const Eigen::Matrix2d& a, const Eigen::Matrix2d& b,
                              double stageDuration, double t, engine::PathKind path, int which = 0);
// The matrix a mode ends on (AB, BA, I for a successful inverse, A for a refused one, A^T).
Eigen::Matrix2d planeFinalMatrix(PlaneMode mode, const Eigen::Matrix2d& a, const Eigen::Matrix2d& b,
                                 int which = 0);

// Why A has no inverse ("det A = 0 (rank 1): ..."), or empty when it has one. Uses the engine's
// rank rule, so the answer agrees with the readouts.
std::string inverseRefusal(const Eigen::Matrix2d& a);

} // namespace linscape::scenes
