// Projections in space: b dropped onto the plane spanned by u1, u2 (p = Pb, P = QQ^T with Q from
// QR, the residual perpendicular; parallel or zero vectors shrink the plane to a line or nothing),
// and the least-squares plane z = a x + b y + c as the projection of z onto col([x y 1]).
#pragma once

#include "scenes/decomp3d_compute.h"
#include "scenes/decomp_draw.h"
#include "scenes/scene.h"
#include "scenes/stage3d.h"
#include "widgets/widgets.h"

#include <Eigen/Core>

namespace linscape::scenes {

class Projection3DScene final : public Scene {
public:
    enum class Mode { Plane, LeastSquares };

    Projection3DScene();

    std::string_view id() const override { return "projection3d"; }
    std::string_view title() const override { return "Projection in 3D, plane fit"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_stage.dragging() || m_drag != Drag::None; }
    void reset() override;

    Mode mode() const { return m_mode; }
    const Stage3D& stage() const { return m_stage; } // the camera of the last draw
    const decomp::PlaneProjection& projection() const;
    const decomp::PlaneFit& fit() const;
    const Eigen::MatrixXd& points() const;
    // The cloud point under the mouse or being dragged (least-squares mode); -1: none.
    Eigen::Index hotPoint() const {
        return m_drag == Drag::Point ? m_point : m_hoverPoint >= 0 ? m_hoverPoint : m_hoverParam;
    }
    // The sentences a student must not miss (degenerate spans, non-unique fits); empty: none.
    std::vector<std::string> notes() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    enum class Drag { None, B, U1, U2, Point };

    void refresh() const;
    Eigen::Vector3d dragged() const;
    void setDragged(const Eigen::Vector3d& v);
    void drawPlaneMode(render::Canvas& canvas, const SceneContext& ctx);
    void drawFitMode(render::Canvas& canvas, const SceneContext& ctx);
    // The overlay plate: measured (draw = false) or drawn; returns its size.
    Vec2 plate(render::Canvas& canvas, const SceneContext& ctx, const std::vector<PlateLine>& top,
               const Eigen::MatrixXd& m, const std::string& prefix,
               const std::vector<PlateLine>& bottom, bool draw);
    void frameStage(render::Canvas& canvas, Vec2 plateSize, const Eigen::Vector3d& target,
                    double radius);

    // State
    Mode m_mode = Mode::Plane;
    Eigen::Vector3d m_b{1.4, 1.9, 2.6}, m_u1{2, 0, 0.5}, m_u2{0.3, 1.8, 0.9};
    Eigen::Vector3d m_truePlane{0.4, -0.3, 1.0};
    int m_count = 30;
    double m_noise = 0.5, m_seed = 3;
    bool m_custom = false;
    Eigen::MatrixXd m_customPoints;
    double m_duration = 2.0, m_t = 2.0;
    double m_yawDeg = -30, m_pitchDeg = 28;
    bool m_cameraSet = false; // camera_yaw/pitch given: a mode change keeps them
    bool m_showLabels = true, m_showHud = true;

    // Derived (per version)
    mutable decomp::PlaneProjection m_proj;
    mutable decomp::PlaneFit m_fit;
    mutable Eigen::MatrixXd m_points;
    mutable std::uint64_t m_derivedVersion = ~0ull;

    Stage3D m_stage;
    // A tip or point drag moves on the horizontal plane through it (Ctrl: the vertical one facing
    // the camera); the framing holds still meanwhile, so it stays under the mouse. Dragging a
    // point of the seeded cloud turns the cloud into the student's own points.
    Drag m_drag = Drag::None, m_hover = Drag::None;
    Eigen::Index m_point = -1, m_hoverPoint = -1;
    Eigen::Index m_hoverParam = -1; // the "hover" parameter: a highlight without a mouse
    bool m_dragVertical = false;
    Eigen::Vector3d m_dragOrigin{0, 0, 0};
    bool m_frameFrozen = false;
    Eigen::Vector3d m_frameTarget{0, 0, 0};
    double m_frameRadius = 1;
    widgets::MatrixEditorState m_bEditor, m_u1Editor, m_u2Editor, m_planeEditor;
};

} // namespace linscape::scenes
