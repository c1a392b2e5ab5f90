// The eigenvector scene: the plane deforms from I to A while the eigen-directions stay on their
// lines and only stretch (grid mode), or a unit vector v sweeps the circle with Av drawn and the
// directions where they line up are marked (sweep mode). Every eigen case gets a sentence.
#pragma once

#include "engine/analysis.h"
#include "render/view.h"
#include "scenes/decomp_math.h"
#include "scenes/drag_view.h"
#include "scenes/scene.h"
#include "widgets/widgets.h"

#include <Eigen/Core>
#include <optional>

namespace linscape::scenes {

class EigenScene final : public Scene {
public:
    enum class Mode { Grid, Sweep };

    EigenScene();

    std::string_view id() const override { return "eigen"; }
    std::string_view title() const override { return "Eigenvectors"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_drag != Drag::None; }
    bool busy() const override { return m_held.settling(); }
    void reset() override;

    const Eigen::Matrix2d& matrix() const { return m_a; }
    Mode mode() const { return m_mode; }
    // Grid mode: the matrix applied now, (1 - s) I + s A. That path has A's eigenvectors at every
    // s (with eigenvalues 1 - s + sλ), so the eigen-lines hold still while the grid moves.
    const Eigen::Matrix2d& current() const { return m_current; }
    // Sweep mode: the angle of v now (0 at t = 0, a full turn at the end), or where the user
    // dragged v (kept until the timeline moves).
    double sweepAngle() const { return m_theta; }
    // The view the last draw() used (input hit-tests against it).
    const render::View2D& view() const { return m_view; }
    // Where v and Av line up, and which of them the sweep has passed by now.
    const decomp::Alignments& alignments() const;
    std::vector<decomp::Alignment> passedAlignments() const;
    const engine::Analysis* analysis() const;
    // The sentence shown under the picture.
    std::string caption() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    enum class Drag { None, IHat, JHat, Sweep };

    void refresh() const;
    bool atEnd() const { return m_duration <= 0 || m_t >= m_duration; }
    Drag hitTest(const Eigen::Vector2f& mouse) const;
    void frameView(Vec2 size, Vec2 overlayMax, float captionTop);
    void drawGridMode(render::Canvas& canvas, const SceneContext& ctx);
    void drawSweepMode(render::Canvas& canvas, const SceneContext& ctx);
    // The columns of the matrix now (î and ĵ), the handles that edit A (eigen_input.cpp).
    void drawColumns(render::Canvas& canvas, const SceneContext& ctx);
    // Draws the overlay (or only measures it) and returns its bottom-right corner.
    Vec2 drawHud(render::Canvas& canvas, const SceneContext& ctx, bool draw);

    // State
    Eigen::Matrix2d m_a = Eigen::Matrix2d::Identity();
    Mode m_mode = Mode::Grid;
    double m_duration = 3.0;
    double m_t = 0;
    bool m_showGrid = true, m_showOriginal = true, m_showLabels = true, m_showHud = true;
    bool m_showCaption = true, m_showOther = true, m_showCircle = true;

    // Derived (cached per version)
    Eigen::Matrix2d m_current = Eigen::Matrix2d::Identity();
    double m_theta = 0;
    mutable std::optional<engine::Analysis> m_analysis;
    mutable decomp::Alignments m_alignments;
    mutable std::uint64_t m_cacheVersion = ~0ull;

    render::View2D m_view;
    double m_zoom = 1.0;
    // Direct manipulation: the columns of A in grid mode, v's angle in sweep mode.
    Drag m_drag = Drag::None, m_hover = Drag::None;
    Eigen::Vector2d m_grabOffset{0, 0}; // tip minus the mouse's world point at the press
    double m_grabAngle = 0;             // sweep: v's angle minus the mouse's at the press
    std::optional<double> m_dragTheta;  // sweep angle set by a drag
    double m_dragThetaT = 0;            // the timeline time it was set at
    HeldView m_held;
    widgets::MatrixEditorState m_editor;
};

} // namespace linscape::scenes
