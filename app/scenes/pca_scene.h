// PCA in 2D: a seeded point cloud with an editable correlation is centred, its covariance
// X_c^T X_c / n diagonalised, the principal axes drawn scaled by the standard deviations with the
// variance each explains, and the points dropped onto the first component, as staged animations.
#pragma once

#include "render/view.h"
#include "scenes/decomp_compute.h"
#include "scenes/drag_view.h"
#include "scenes/scene.h"

#include <Eigen/Core>
#include <map>

namespace linscape::scenes {

class PcaScene final : public Scene {
public:
    PcaScene();

    std::string_view id() const override { return "pca"; }
    std::string_view title() const override { return "PCA: principal components"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    std::vector<TimelineStage> stages() const override;
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_dragPoint >= 0; }
    bool busy() const override { return m_held.settling(); }
    void reset() override;

    // The cloud (seeded or typed) with the points the user dragged moved.
    const Eigen::MatrixXd& points() const;
    const decomp::Pca2& pca() const;
    // Points moved by dragging: index -> where it was put (kept until seed, count or points
    // change, or a reset).
    const std::map<int, Eigen::Vector2d>& movedPoints() const { return m_moved; }
    // The point highlighted as under the mouse (the mouse, else the `hover` parameter; -1: none)
    // and the one being dragged (-1: none).
    int hoveredPoint() const;
    int draggedPoint() const { return m_dragPoint; }
    // Where point i is drawn at the current time (what the mouse grabs).
    Eigen::Vector2d shownPoint(Eigen::Index i) const;
    // The view the last draw() used (input hit-tests against it).
    const render::View2D& view() const { return m_view; }

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    void refresh() const;
    void frameView(const Eigen::Vector2d& size, render::Vec2 plate);
    bool atEnd() const { return m_duration <= 0 || m_t >= m_duration; }
    // The hovered point's ring, residual and label (pca_input.cpp).
    void drawHover(render::Canvas& canvas, const SceneContext& ctx, int i);

    // State
    double m_rho = 0.75;
    int m_count = 80;
    double m_seed = 7;
    bool m_custom = false; // points given explicitly instead of generated
    Eigen::MatrixXd m_customPoints;
    double m_duration = 6.0, m_t = 6.0;
    bool m_showHud = true;
    std::map<int, Eigen::Vector2d> m_moved;
    int m_hoverParam = -1;

    // Derived
    mutable Eigen::MatrixXd m_points;
    mutable decomp::Pca2 m_pca;
    mutable std::uint64_t m_derivedVersion = ~0ull;
    render::View2D m_view, m_framed; // shown, and the framing the content asks for
    std::uint64_t m_framedVersion = ~0ull;
    Eigen::Vector2d m_framedSize{0, 0};
    Vec2 m_framedPlate{0, 0};

    // Dragging a point: it stays under the cursor in the picture shown (centred at the end).
    int m_hoverPoint = -1, m_dragPoint = -1;
    Eigen::Vector2d m_grabOffset{0, 0};
    HeldView m_held;
};

} // namespace linscape::scenes
