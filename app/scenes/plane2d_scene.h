// The 2D linear-map scene: the plane deforming under a 2x2 matrix A, animated from the identity.
// Grid, axes, î and ĵ, the unit square becoming a parallelogram of area |det A|, orientation,
// collapse when singular, a vector v with Av, and direct manipulation of î and ĵ.
#pragma once

#include "engine/analysis.h"
#include "engine/interpolation.h"
#include "render/view.h"
#include "scenes/scene.h"
#include "widgets/widgets.h"

#include <Eigen/Core>
#include <optional>

namespace linscape::scenes {

class Plane2DScene final : public Scene {
public:
    Plane2DScene();

    std::string_view id() const override { return "plane2d"; }
    std::string_view title() const override { return "Linear maps in 2D"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_drag != DragTarget::None; }
    void reset() override;

    const Eigen::Matrix2d& matrix() const { return m_a; }
    // The matrix shown at the current time (identity -> A along the path).
    Eigen::Matrix2d current() const { return m_current; }
    const engine::Analysis* analysis() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    enum class DragTarget { None, IHat, JHat, Vector };

    void setMatrix(const Eigen::Matrix2d& a);
    void frameView(const Eigen::Vector2d& viewportSize);

    // State
    Eigen::Matrix2d m_a = Eigen::Matrix2d::Identity();
    Eigen::Vector2d m_v{1, 2};
    engine::PathKind m_path = engine::PathKind::Linear;
    double m_duration = 2.0;
    double m_t = 0;
    bool m_showGrid = true, m_showOriginal = true, m_showSquare = true, m_showVector = false;
    bool m_showLabels = true, m_showHud = true, m_showTicks = true;

    // Derived
    Eigen::Matrix2d m_current = Eigen::Matrix2d::Identity();
    mutable std::optional<engine::Analysis> m_analysis;
    mutable std::uint64_t m_analysisVersion = ~0ull;

    // View and interaction
    render::View2D m_view;
    double m_zoom = 1.0; // user zoom on top of the automatic framing
    DragTarget m_drag = DragTarget::None;
    DragTarget m_hover = DragTarget::None;
    widgets::MatrixEditorState m_editor;
};

} // namespace linscape::scenes
