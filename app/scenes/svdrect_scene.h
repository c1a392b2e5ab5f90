// The SVD of a rectangular matrix in space: a 3x2 matrix lifts the unit circle of the plane to an
// ellipse on a plane in R^3, a 2x3 matrix flattens the unit sphere onto a filled ellipse in R^2
// (its null space collapses). Vᵀ, Σ and U play as three timeline stages; drag to orbit.
#pragma once

#include "engine/analysis.h"
#include "render/view.h"
#include "scenes/scene.h"
#include "scenes/svdrect_math.h"
#include "widgets/widgets.h"

#include <Eigen/Core>
#include <optional>

namespace linscape::scenes {

class SvdRectScene final : public Scene {
public:
    SvdRectScene();

    std::string_view id() const override { return "svdrect"; }
    std::string_view title() const override { return "SVD of a 3x2 or 2x3 matrix"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    std::vector<TimelineStage> stages() const override;
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_dragging; }
    void reset() override;

    bool tall() const { return m_tall; }
    const Eigen::MatrixXd& matrix() const { return m_tall ? m_a32 : m_a23; }
    const Eigen::Matrix3d& current() const { return m_current; }
    const decomp::RectSvd& factors() const;
    std::string caption() const;
    // The shapes line, e.g. "(3,2) = (3,3)(3,2)(2,2)".
    std::string shapeLine() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    void refresh() const;
    Vec2 project(const Eigen::Vector3d& p) const;
    double depthOf(const Eigen::Vector3d& p) const;
    Vec2 drawHud(render::Canvas& canvas, const SceneContext& ctx, bool draw);
    void drawTall(render::Canvas& canvas, const SceneContext& ctx);
    void drawWide(render::Canvas& canvas, const SceneContext& ctx);
    void drawAxes(render::Canvas& canvas, const SceneContext& ctx, float zAlpha);
    void drawVectors(render::Canvas& canvas, const SceneContext& ctx);
    // Of the anchors, the first whose label (placed as labelOffset would) fits the free area.
    size_t pickLabelAnchor(const render::Canvas& canvas, const std::vector<Vec2>& anchors,
                           const std::string& text, float size) const;

    // Each shape keeps its own matrix, so switching back and forth loses nothing.
    bool m_tall = true;
    Eigen::MatrixXd m_a32, m_a23;
    double m_duration = 6.0;
    double m_t = 0;
    bool m_showSurface = true, m_showVectors = true, m_showDirect = true, m_showLabels = true;
    bool m_showHud = true, m_showCaption = true, m_showAxes = true;

    Eigen::Matrix3d m_current = Eigen::Matrix3d::Identity();
    double m_progress = 0;
    mutable std::optional<engine::Analysis> m_analysis;
    mutable decomp::RectSvd m_svd;
    mutable double m_radius = 1;
    mutable Eigen::MatrixXd m_cachedMatrix;

    render::OrbitCamera m_camera;
    Vec2 m_shift{0, 0};
    Vec2 m_freeMin{0, 0}, m_freeMax{0, 0}; // the viewport left free by the overlay and caption
    bool m_dragging = false;
    Vec2 m_lastMouse{0, 0};
    widgets::MatrixEditorState m_editor;
};

} // namespace linscape::scenes
