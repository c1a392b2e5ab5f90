// Eigenvectors in space: while A(s) = (1 − s)I + sA deforms space (a path that keeps A's
// eigenvectors), the real eigen-directions are drawn as lines labelled λ and the vectors on them
// only stretch; a complex pair shows as a plane that turns; repeated and defective cases are named.
#pragma once

#include "engine/analysis.h"
#include "render/view.h"
#include "scenes/scene.h"
#include "widgets/widgets.h"

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

namespace linscape::scenes {

// What the scene draws for a 3x3 matrix, from the engine's eigen analysis (kept free of drawing so
// tests can check it).
struct EigenAxes3 {
    bool ok = false; // false for non-finite input or a failed analysis
    engine::EigenCase kind = engine::EigenCase::DistinctReal;
    bool symmetric = false;
    struct Axis {
        Eigen::Vector3d dir{1, 0, 0}; // unit
        double lambda = 0;
    };
    std::vector<Axis> axes; // the engine's real eigen-directions, in its order
    // An invariant plane: the complex pair's (it turns), or a repeated λ's eigenplane (every
    // vector in it is scaled by λ). Orthonormal basis.
    bool hasPlane = false, planeTurns = false;
    Eigen::Vector3d planeA{1, 0, 0}, planeB{0, 1, 0};
    double planeLambda = 0;        // repeated λ of an eigenplane
    double modulus = 0, angle = 0; // complex pair a ± bi = modulus·e^{±i angle}, angle in (0, π)
    std::complex<double> pair{0, 0}; // the value with positive imaginary part
    bool every = false;              // A = λI: every direction is an eigen-direction
    int missing = 0;                 // defective: eigen-directions short of the multiplicity
    std::string explanation;         // the engine's sentences
};
EigenAxes3 eigenAxes3(const Eigen::Matrix3d& a);

class Eigen3DScene final : public Scene {
public:
    Eigen3DScene();

    std::string_view id() const override { return "eigen3d"; }
    std::string_view title() const override { return "Eigenvectors in 3D"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_dragging; }
    void reset() override;

    const Eigen::Matrix3d& matrix() const { return m_a; }
    const Eigen::Matrix3d& current() const { return m_current; }
    const EigenAxes3& axes() const;
    std::string caption() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    void refresh() const;
    Vec2 project(const Eigen::Vector3d& p) const;
    Vec2 drawHud(render::Canvas& canvas, const SceneContext& ctx, bool draw);
    // Of the anchors, the first whose label (placed as labelOffset would) fits the free area.
    size_t pickLabelAnchor(const render::Canvas& canvas, const std::vector<Vec2>& anchors,
                           const std::string& text, float size) const;

    Eigen::Matrix3d m_a = Eigen::Matrix3d::Identity();
    double m_duration = 3.0;
    double m_t = 0;
    bool m_showCube = true, m_showOther = true, m_showLabels = true, m_showHud = true;
    bool m_showCaption = true, m_showAxes = true;

    Eigen::Matrix3d m_current = Eigen::Matrix3d::Identity();
    double m_s = 1; // eased path parameter
    mutable EigenAxes3 m_axes;
    mutable std::optional<engine::Analysis> m_analysis;
    mutable double m_radius = 1;
    mutable Eigen::Matrix3d m_cachedMatrix = Eigen::Matrix3d::Constant(std::nan(""));

    render::OrbitCamera m_camera;
    Vec2 m_shift{0, 0};
    Vec2 m_freeMin{0, 0}, m_freeMax{0, 0}; // the viewport left free by the overlay and caption
    bool m_dragging = false;
    Vec2 m_lastMouse{0, 0};
    widgets::MatrixEditorState m_editor;
};

} // namespace linscape::scenes
