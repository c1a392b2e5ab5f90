// Projections: a vector b dropped onto the line spanned by an editable u (p = Pb, P = UU^T with U
// from QR, the residual perpendicular), and least squares as the same idea: a draggable point cloud
// whose fitted line is the projection of y onto the column space of X = [x 1].
#pragma once

#include "render/view.h"
#include "scenes/decomp_compute.h"
#include "scenes/scene.h"
#include "widgets/widgets.h"

#include <Eigen/Core>

namespace linscape::scenes {

class ProjectionScene final : public Scene {
public:
    enum class Mode { Line, LeastSquares };

    ProjectionScene();

    std::string_view id() const override { return "projection"; }
    std::string_view title() const override { return "Projections and least squares"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_drag != Drag::None; }
    void reset() override;

    const decomp::LineProjection& projection() const;
    const decomp::LineFit& fit() const;
    const Eigen::MatrixXd& points() const { return m_points; }

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    enum class Drag { None, U, B, Point };

    void frameView(const Eigen::Vector2d& size);
    void drawLineMode(render::Canvas& canvas, const SceneContext& ctx);
    void drawLeastSquares(render::Canvas& canvas, const SceneContext& ctx);
    void drawPlane(render::Canvas& canvas, const SceneContext& ctx);

    // State
    Mode m_mode = Mode::Line;
    Eigen::Vector2d m_u{3, 1}, m_b{1.5, 3};
    Eigen::MatrixXd m_points;
    double m_duration = 2.0, m_t = 2.0;
    bool m_showLabels = true, m_showHud = true;

    // Derived (per version)
    mutable decomp::LineProjection m_proj;
    mutable decomp::LineFit m_fit;
    mutable std::uint64_t m_derivedVersion = ~0ull;
    void refresh() const;

    // View and interaction
    render::View2D m_view;
    bool m_framed = false;
    Vec2 m_plate{0, 0}; // the overlay's size: the plot is framed beside or below it
    Drag m_drag = Drag::None, m_hover = Drag::None;
    int m_dragPoint = -1, m_hoverPoint = -1;
    widgets::MatrixEditorState m_uEditor, m_bEditor;
};

} // namespace linscape::scenes
