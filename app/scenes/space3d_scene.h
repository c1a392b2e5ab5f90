// The 3D linear-map scene: space deforming under a 3x3 matrix A, animated from the identity and
// seen through an orbit camera. Ground grid and axes, î ĵ k̂, the unit cube becoming a
// parallelepiped of volume |det A|, a sparse deformed lattice, orientation and collapse.
#pragma once

#include "engine/analysis.h"
#include "engine/interpolation.h"
#include "render/view.h"
#include "scenes/scene.h"
#include "scenes/view3d.h"
#include "widgets/widgets.h"

#include <Eigen/Core>
#include <optional>

namespace linscape::scenes {

class Space3DScene final : public Scene {
public:
    Space3DScene();

    std::string_view id() const override { return "space3d"; }
    std::string_view title() const override { return "Linear maps in 3D"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_drag != Drag::None && m_drag != Drag::Orbit; }
    void reset() override;

    const Eigen::Matrix3d& matrix() const { return m_a; }
    const Eigen::Matrix3d& current() const { return m_current; }
    const engine::Analysis* analysis() const;
    // The camera as the last draw (or camera params) set it up for a viewport of this size.
    const OrbitCamera& camera() const { return m_cam; }
    void setupCamera(double width, double height);
    // Restores the camera to its home (the camera_* parameters), keeping the matrix.
    void resetCamera();

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    enum class Drag { None, Orbit, IHat, JHat, KHat };

    void setMatrix(const Eigen::Matrix3d& a);
    bool atEnd() const;
    // Framing of the final picture (identity and A together), so the camera holds still while A
    // animates: target and radius.
    void framing(Eigen::Vector3d& target, double& radius) const;

    // Drawing parts (space3d_draw.cpp).
    void drawGround(render::Canvas& canvas, const style::Palette& pal, float ts, double step,
                    double extent);
    void drawLattice(render::Canvas& canvas, const style::Palette& pal);
    void drawCollapse(render::Canvas& canvas, const style::Palette& pal, double radius);
    void drawCube(render::Canvas& canvas, const style::Palette& pal, float ts, bool flat,
                  bool flipped);
    void drawBasis(render::Canvas& canvas, const style::Palette& pal, float ts);
    void drawHud(render::Canvas& canvas, const SceneContext& ctx, bool flipped, double step);

    // State
    Eigen::Matrix3d m_a = Eigen::Matrix3d::Identity();
    engine::PathKind m_path = engine::PathKind::Linear;
    double m_duration = 2.0;
    double m_t = 0;
    bool m_showGrid = true, m_showAxes = true, m_showLattice = true, m_showCube = true;
    bool m_showLabels = true, m_showHud = true;
    // Camera home (parameters, degrees; distance 0 = frame automatically) and the live camera.
    double m_homeYaw = 40, m_homePitch = 24, m_homeDistance = 0;
    double m_yaw = 40, m_pitch = 24, m_zoom = 1;

    // Derived
    Eigen::Matrix3d m_current = Eigen::Matrix3d::Identity();
    mutable std::optional<engine::Analysis> m_analysis;
    mutable std::uint64_t m_analysisVersion = ~0ull;
    OrbitCamera m_cam;

    // Interaction
    Drag m_drag = Drag::None;
    Drag m_hover = Drag::None;
    Vec2 m_lastMouse{0, 0};
    Eigen::Vector3d m_dragOffset{0, 0, 0}; // tip minus the plane hit where the drag began
    bool m_dragVertical = false;
    bool m_frameFrozen = false; // framing held from a tip drag until a typed matrix or reset
    Eigen::Vector3d m_frozenTarget{0, 0, 0};
    double m_frozenRadius = 1;
    widgets::MatrixEditorState m_editor;
};

} // namespace linscape::scenes
