// The SVD of a 3x3 matrix in space: the unit sphere (as a wireframe) goes through Vᵀ, Σ and U as
// three timeline stages and ends as the ellipsoid with semi-axes σ₁, σ₂, σ₃; drag to orbit.
#pragma once

#include "engine/analysis.h"
#include "render/view.h"
#include "scenes/decomp_math.h"
#include "scenes/scene.h"
#include "widgets/widgets.h"

#include <Eigen/Core>
#include <optional>

namespace linscape::scenes {

class Svd3DScene final : public Scene {
public:
    Svd3DScene();

    std::string_view id() const override { return "svd3d"; }
    std::string_view title() const override { return "SVD in 3D"; }
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

    const Eigen::Matrix3d& matrix() const { return m_a; }
    const Eigen::Matrix3d& current() const { return m_current; }
    const decomp::SvdStages3& factors() const;
    std::string caption() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    void refresh() const;
    Vec2 project(const Eigen::Vector3d& p) const;
    double depthOf(const Eigen::Vector3d& p) const;
    Vec2 drawHud(render::Canvas& canvas, const SceneContext& ctx, bool draw);

    Eigen::Matrix3d m_a = Eigen::Matrix3d::Identity();
    double m_duration = 6.0;
    double m_t = 0;
    bool m_showSphere = true, m_showVectors = true, m_showDirect = true, m_showLabels = true;
    bool m_showHud = true, m_showCaption = true, m_showAxes = true;

    Eigen::Matrix3d m_current = Eigen::Matrix3d::Identity();
    double m_progress = 0;
    mutable std::optional<engine::Analysis> m_analysis;
    mutable decomp::SvdStages3 m_stages;
    mutable double m_radius = 1; // largest distance from the origin over all stages
    mutable Eigen::Matrix3d m_cachedMatrix = Eigen::Matrix3d::Constant(std::nan(""));

    render::OrbitCamera m_camera;
    Vec2 m_shift{0, 0}; // screen offset that centres the picture in the free area
    bool m_dragging = false;
    Vec2 m_lastMouse{0, 0};
    widgets::MatrixEditorState m_editor;
};

} // namespace linscape::scenes
