// The eigenvector scene's direct manipulation (see eigen_scene.h): in grid mode the tips of î and
// ĵ (the columns of A) are dragged to edit A while the eigen-lines follow; in sweep mode v is
// dragged around the circle to set the sweep angle. Also the handles' drawing and status lines.
#include "scenes/eigen_detail.h"
#include "scenes/eigen_scene.h"

#include "scenes/draw_decomp.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
using namespace eigen_detail;

void EigenScene::drawColumns(render::Canvas& canvas, const SceneContext& ctx) {
    // Thinner than the eigenvectors: these are the handles, the eigenvectors are the subject.
    const Palette& pal = *ctx.palette;
    const View2D& view = m_view;
    const Vec2 o = view.toScreen({0, 0});
    const Color colors[2] = {pal.iHat, pal.jHat};
    const char* names[2] = {"\u00ee", "\u0135"};
    const Drag which[2] = {Drag::IHat, Drag::JHat};
    Vec2 tips[2];
    for (int c = 0; c < 2; ++c)
        tips[c] = view.toScreen(m_current.col(c));
    for (int c = 0; c < 2; ++c) {
        const bool hot = m_hover == which[c] || m_drag == which[c];
        const Color col = colors[c].withAlpha(hot ? 1.0f : 0.85f);
        if ((tips[c] - o).norm() > 2)
            canvas.arrow(o, tips[c], hot ? 3.6f : 2.6f, col);
        else
            canvas.ring(o, 7.0f, 2.0f, col); // a zero column: the handle sits on the origin
        if (hot) canvas.ring(tips[c], 12, 2, col.withAlpha(0.8f));
        if (m_showLabels)
            labelArrow(canvas, o, tips[c], names[c], 19 * ctx.textScale, col, pal.background,
                       {tips[1 - c] - o});
    }
}

EigenScene::Drag EigenScene::hitTest(const Eigen::Vector2f& mouse) const {
    constexpr float kPick = 16.0f;
    const View2D& view = m_view;
    if (m_mode == Mode::Sweep) {
        const Eigen::Vector2d v(std::cos(m_theta), std::sin(m_theta));
        return (view.toScreen(v) - mouse).norm() < kPick ? Drag::Sweep : Drag::None;
    }
    // The columns are drawn where A puts î and ĵ only once the animation has arrived there.
    if (!atEnd()) return Drag::None;
    if ((view.toScreen(m_a.col(0)) - mouse).norm() < kPick) return Drag::IHat;
    if ((view.toScreen(m_a.col(1)) - mouse).norm() < kPick) return Drag::JHat;
    return Drag::None;
}

void EigenScene::input(const ViewportInput& in, const SceneContext&) {
    const View2D& view = m_view;
    if (m_drag == Drag::None) {
        m_hover = in.hovered ? hitTest(in.mouse) : Drag::None;
        if (in.pressed[0] && m_hover != Drag::None) {
            m_drag = m_hover;
            m_held.hold(view);
            const Eigen::Vector2d w = view.toWorld(in.mouse);
            if (m_drag == Drag::Sweep) {
                m_grabAngle = m_theta - std::atan2(w.y(), w.x());
                m_dragTheta = m_theta;
                m_dragThetaT = m_t;
            } else {
                m_grabOffset = m_a.col(m_drag == Drag::IHat ? 0 : 1) - w;
            }
        }
        if (in.hovered && in.wheel != 0) {
            m_zoom = std::clamp(m_zoom * std::pow(1.15, double(in.wheel)), 0.05, 20.0);
            touch();
        }
        return;
    }
    if (!in.down[0]) {
        m_drag = Drag::None;
        m_held.release();
        return;
    }
    if (m_drag == Drag::Sweep) {
        const Eigen::Vector2d w = view.toWorld(in.mouse);
        // At the origin the mouse has no direction: v stays where it was.
        if (w.norm() * view.pixelsPerUnit < 3 || !w.allFinite()) return;
        double a = std::atan2(w.y(), w.x()) + m_grabAngle;
        if (in.shift) a = std::round(a / (kPi / 12)) * (kPi / 12); // 15° steps
        a = std::fmod(a, 2 * kPi);
        if (a < 0) a += 2 * kPi;
        if (std::abs(a - 2 * kPi) < 1e-12) a = 0;
        m_dragTheta = m_theta = a;
        return;
    }
    const Eigen::Vector2d w = dragWorldPoint(view, in.mouse, m_grabOffset, in.shift);
    if (!w.allFinite()) return;
    Eigen::Matrix2d a = m_a;
    a.col(m_drag == Drag::IHat ? 0 : 1) = w;
    if (a != m_a) setParam("A", Eigen::MatrixXd(a));
}

std::string EigenScene::statusLine() const {
    if (m_drag == Drag::IHat)
        return "Dragging \u00ee: the first column of A \u00b7 the eigen-lines follow \u00b7 Shift "
               "snaps to the grid";
    if (m_drag == Drag::JHat)
        return "Dragging \u0135: the second column of A \u00b7 the eigen-lines follow \u00b7 "
               "Shift snaps to the grid";
    if (m_drag == Drag::Sweep)
        return "Dragging v around the circle \u00b7 Shift: 15\u00b0 steps \u00b7 a marker "
               "appears where Av lines up with v";
    return m_mode == Mode::Grid
               ? (atEnd() ? "Drag the tips of \u00ee and \u0135 (A's columns) \u00b7 Shift snaps "
                            "to the grid \u00b7 mode: sweep turns v around the circle \u00b7 "
                            "wheel zooms"
                          : "Eigen-lines hold still while the grid moves \u00b7 drag \u00ee and "
                            "\u0135 once it ends \u00b7 wheel zooms")
               : "Drag v around the circle, or scrub the timeline \u00b7 a marker stays where Av "
                 "lines up with v \u00b7 wheel zooms";
}

} // namespace linscape::scenes
