// Presets and mode timelines of the 2D scene; see plane2d_modes.h.
#include "scenes/plane2d_modes.h"

#include "engine/analysis.h"
#include "scenes/draw2d.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

constexpr double kDegree = M_PI / 180.0;

// SplitMix64: a tiny, well-mixed generator whose output is fixed by the seed on every platform
// (std::uniform_*_distribution is not specified bit for bit).
std::uint64_t splitMix(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

Eigen::Matrix2d toMatrix2(const Eigen::MatrixXd& m) {
    return m.rows() == 2 && m.cols() == 2 ? Eigen::Matrix2d(m) : Eigen::Matrix2d::Identity();
}

} // namespace

const std::vector<std::string>& planePresetNames() {
    static const std::vector<std::string> names = {
        "custom", "rotation", "scale", "shear", "reflection", "projection", "singular", "random"};
    return names;
}

const std::vector<std::string>& planeModeNames() {
    static const std::vector<std::string> names = {"map", "compose", "commute", "inverse",
                                                   "transpose"};
    return names;
}

Eigen::Matrix2d presetMatrix(PlanePreset preset, const PresetValues& v) {
    const double th = v.thetaDeg * kDegree;
    const double c = std::cos(th), s = std::sin(th);
    Eigen::Matrix2d m = Eigen::Matrix2d::Identity();
    switch (preset) {
    case PlanePreset::Custom:
        break;
    case PlanePreset::Rotation:
        m << c, -s, s, c;
        break;
    case PlanePreset::Scale:
        m << v.scaleX, 0, 0, v.scaleY;
        break;
    case PlanePreset::Shear:
        m << 1, v.shear, 0, 1;
        break;
    case PlanePreset::Reflection:
        // Across the line at angle theta: R(2 theta) composed with the flip of y.
        m << std::cos(2 * th), std::sin(2 * th), std::sin(2 * th), -std::cos(2 * th);
        break;
    case PlanePreset::Projection:
        // Orthogonal projection onto the line at angle theta: P = u u^T.
        m << c * c, c * s, c * s, s * s;
        break;
    case PlanePreset::Singular:
        // Both columns on one line: rank 1 (rank 0 when both lengths are 0).
        m << v.scaleX * c, v.scaleY * c, v.scaleX * s, v.scaleY * s;
        break;
    case PlanePreset::Random: {
        std::uint64_t state = v.seed;
        for (int k = 0; k < 4; ++k)
            m(k / 2, k % 2) = -2.0 + 0.5 * double(splitMix(state) % 9);
        break;
    }
    }
    // Snap rounding dust (cos 90 deg = 6e-17) to zero so readouts show 0, not 6.1e-17.
    for (int k = 0; k < 4; ++k)
        if (std::abs(m(k / 2, k % 2)) < 1e-14) m(k / 2, k % 2) = 0;
    return m;
}

std::string inverseRefusal(const Eigen::Matrix2d& a) {
    auto r = engine::analyze(a);
    if (!r.ok()) return "A has no inverse: " + r.error().message;
    const engine::Analysis& an = *r;
    if (an.inverse) return {};
    const std::string what = an.rank == 0
                                 ? "Every vector lands on the origin: no map can undo that."
                                 : "Many vectors land on each point of the line: no map can undo "
                                   "that.";
    return "No inverse: det A = 0 (rank " + std::to_string(an.rank) + "). " + what;
}

PlanePlan planFor(PlaneMode mode, const Eigen::Matrix2d& a, const Eigen::Matrix2d& b, double d) {
    PlanePlan p;
    switch (mode) {
    case PlaneMode::Map:
    case PlaneMode::Transpose:
        p.duration = d;
        break;
    case PlaneMode::Compose:
        p.duration = 2 * d;
        p.stages = {{"first B", 0, d}, {"then A", d, 2 * d}};
        break;
    case PlaneMode::Commute:
        p.duration = 2 * d;
        p.stages = {{"first factor", 0, d}, {"second factor", d, 2 * d}};
        break;
    case PlaneMode::Inverse:
        p.refusal = inverseRefusal(a);
        p.refused = !p.refusal.empty();
        p.duration = p.refused ? d : 2 * d;
        p.stages = {{"A", 0, d}};
        if (!p.refused) p.stages.push_back({"A\u207b\u00b9 undoes it", d, 2 * d});
        break;
    }
    (void)b;
    return p;
}

Eigen::Matrix2d planeFinalMatrix(PlaneMode mode, const Eigen::Matrix2d& a, const Eigen::Matrix2d& b,
                                 int which) {
    switch (mode) {
    case PlaneMode::Map:
        return a;
    case PlaneMode::Transpose:
        return a.transpose();
    case PlaneMode::Compose:
        return a * b;
    case PlaneMode::Commute:
        return which == 0 ? Eigen::Matrix2d(a * b) : Eigen::Matrix2d(b * a);
    case PlaneMode::Inverse:
        return inverseRefusal(a).empty() ? Eigen::Matrix2d::Identity() : a;
    }
    return a;
}

Eigen::Matrix2d planeMatrixAt(PlaneMode mode, const Eigen::Matrix2d& a, const Eigen::Matrix2d& b,
                              double d, double t, engine::PathKind path, int which) {
    const PlanePlan plan = planFor(mode, a, b, d);
    if (d <= 0 || t >= plan.duration) return planeFinalMatrix(mode, a, b, which);
    t = std::max(t, 0.0);
    const double s1 = engine::easeInOut(std::min(t / d, 1.0));
    const double s2 = engine::easeInOut(std::clamp((t - d) / d, 0.0, 1.0));
    switch (mode) {
    case PlaneMode::Map:
        return toMatrix2(engine::interpolate(a, s1, path));
    case PlaneMode::Transpose:
        return toMatrix2(engine::interpolate(a.transpose(), s1, path));
    case PlaneMode::Compose:
    case PlaneMode::Commute: {
        const bool ab = mode == PlaneMode::Compose || which == 0;
        const Eigen::Matrix2d first = ab ? b : a, second = ab ? a : b;
        if (t <= d) return toMatrix2(engine::interpolate(first, s1, path));
        return toMatrix2(engine::interpolateBetween(first, second * first, s2, path));
    }
    case PlaneMode::Inverse:
        if (plan.refused || t <= d) return toMatrix2(engine::interpolate(a, s1, path));
        return toMatrix2(
            engine::interpolateBetween(a, Eigen::Matrix2d::Identity().eval(), s2, path));
    }
    return a;
}

} // namespace linscape::scenes
