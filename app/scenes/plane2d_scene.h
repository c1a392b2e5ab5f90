// The 2D linear-map scene: the plane deforming under a 2x2 matrix A, animated from the identity.
// Grid, axes, î and ĵ, the unit square becoming a parallelogram of area |det A|, orientation,
// collapse when singular, a vector v with Av, and direct manipulation of î and ĵ. Presets with
// sliders, and modes: composition (first B, then A), AB next to BA, inverse, transpose.
#pragma once

#include "engine/analysis.h"
#include "engine/interpolation.h"
#include "render/view.h"
#include "scenes/drag_view.h"
#include "scenes/plane2d_modes.h"
#include "scenes/scene.h"
#include "widgets/widgets.h"

#include <Eigen/Core>
#include <deque>
#include <optional>

namespace linscape::scenes {

class Plane2DScene final : public Scene {
public:
    Plane2DScene();

    std::string_view id() const override { return "plane2d"; }
    std::string_view title() const override { return "Linear maps in 2D"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override;
    std::vector<TimelineStage> stages() const override;
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_drag != DragTarget::None; }
    // After a drag the view eases to its new framing over a few frames.
    bool busy() const override { return m_held.settling(); }
    void reset() override;

    const Eigen::Matrix2d& matrix() const { return m_a; }
    const Eigen::Matrix2d& matrixB() const { return m_b; }
    PlaneMode mode() const { return m_mode; }
    // The matrix shown at the current time (identity -> A along the path; in commute mode, the
    // left panel, AB).
    Eigen::Matrix2d current() const { return m_current; }
    const engine::Analysis* analysis() const;
    // The view the last draw() used (input hit-tests against it).
    const render::View2D& view() const { return m_view; }
    // The refusal shown in inverse mode when A is singular (empty otherwise).
    std::string inverseRefusalText() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    enum class DragTarget { None, IHat, JHat, Vector };

    // What one panel of the picture shows (commute mode draws two side by side).
    struct PlaneFrame {
        Eigen::Matrix2d m;                       // the matrix at the current time
        const engine::Analysis* final = nullptr; // of the matrix this panel ends on
        bool atEnd = true;
        bool interactive = true;                // hover rings on î and ĵ
        const Eigen::Matrix2d* ghost = nullptr; // a dashed parallelogram for comparison
    };

    void setMatrix(const Eigen::Matrix2d& a);
    void applyPreset();
    bool atEnd() const;
    // keepOut: the overlay's bottom-right corner; the origin moves off it (0, 0: centred).
    void frameView(render::View2D& view, const Eigen::Vector2d& offset, const Eigen::Vector2d& size,
                   Vec2 keepOut) const;
    // Analysis of any matrix the picture shows, cached by value (2x2: microseconds).
    const engine::Analysis* analysisOf(const Eigen::Matrix2d& m) const;
    // Drawing (plane2d_draw.cpp).
    void drawPlane(render::Canvas& canvas, const SceneContext& ctx, const render::View2D& view,
                   const PlaneFrame& frame);
    // Returns the overlay's bottom-right corner; measureOnly: draws nothing.
    Vec2 drawHud(render::Canvas& canvas, const SceneContext& ctx, bool measureOnly = false);
    void drawModeBanners(render::Canvas& canvas, const SceneContext& ctx, Vec2 hudCorner);

    // State
    Eigen::Matrix2d m_a = Eigen::Matrix2d::Identity();
    Eigen::Matrix2d m_b = Eigen::Matrix2d::Identity();
    Eigen::Vector2d m_v{1, 2};
    PlaneMode m_mode = PlaneMode::Map;
    PlanePreset m_preset = PlanePreset::Custom;
    PresetValues m_presetValues;
    engine::PathKind m_path = engine::PathKind::Linear;
    double m_duration = 2.0;
    double m_t = 0;
    bool m_showGrid = true, m_showOriginal = true, m_showSquare = true, m_showVector = false;
    bool m_showLabels = true, m_showHud = true, m_showTicks = true;

    // Derived
    Eigen::Matrix2d m_current = Eigen::Matrix2d::Identity();
    Eigen::Matrix2d m_currentRight = Eigen::Matrix2d::Identity(); // commute: BA
    mutable std::optional<engine::Analysis> m_analysis;
    mutable std::uint64_t m_analysisVersion = ~0ull;
    struct CachedAnalysis {
        Eigen::Matrix2d m;
        std::optional<engine::Analysis> a;
    };
    // A deque: pointers handed out stay valid while newer entries are added in the same frame.
    mutable std::deque<CachedAnalysis> m_analysisCache;

    // View and interaction
    render::View2D m_view;
    double m_zoom = 1.0; // user zoom on top of the automatic framing
    DragTarget m_drag = DragTarget::None;
    DragTarget m_hover = DragTarget::None;
    Eigen::Vector2d m_grabOffset{0, 0}; // the tip minus the mouse's world point at the press
    HeldView m_held;                    // the framing, held still while a tip is dragged
    widgets::MatrixEditorState m_editor, m_editorB;
};

} // namespace linscape::scenes
