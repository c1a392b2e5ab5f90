// The SVD scene's direct manipulation (see svd_scene.h): the tips of î and ĵ, the columns of A,
// are dragged to edit A once the three stages have arrived there; U, Σ, Vᵀ and the ellipse
// follow, and each new SVD continues from the previous one so U and V never flip sign mid-drag.
#include "scenes/svd_scene.h"

#include "scenes/draw2d.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {

void SvdScene::drawColumns(render::Canvas& canvas, const SceneContext& ctx) {
    // In the text colour, thin: the singular vectors (coloured like U's columns) stay the subject.
    const Palette& pal = *ctx.palette;
    const View2D& view = m_view;
    const Vec2 o = view.toScreen({0, 0});
    const char* names[2] = {"\u00ee", "\u0135"};
    const Drag which[2] = {Drag::IHat, Drag::JHat};
    Vec2 tips[2];
    for (int c = 0; c < 2; ++c)
        tips[c] = view.toScreen(m_a.col(c));
    for (int c = 0; c < 2; ++c) {
        const bool hot = m_hover == which[c] || m_drag == which[c];
        const Color col = pal.text.withAlpha(hot ? 1.0f : 0.8f);
        if ((tips[c] - o).norm() > 2)
            canvas.arrow(o, tips[c], hot ? 3.4f : 2.4f, col);
        else
            canvas.ring(o, 7.0f, 2.0f, col); // a zero column: the handle sits on the origin
        if (hot) canvas.ring(tips[c], 12, 2, col.withAlpha(0.8f));
        if (m_showLabels)
            labelArrow(canvas, o, tips[c], names[c], 18 * ctx.textScale, col, pal.background,
                       {tips[1 - c] - o});
    }
}

void SvdScene::input(const ViewportInput& in, const SceneContext&) {
    constexpr float kPick = 16.0f;
    const View2D& view = m_view;
    if (m_drag == Drag::None) {
        m_hover = Drag::None;
        // The handles exist once the stages have arrived at A (the picture is A then).
        if (in.hovered && m_progress >= 3) {
            if ((view.toScreen(m_a.col(0)) - in.mouse).norm() < kPick)
                m_hover = Drag::IHat;
            else if ((view.toScreen(m_a.col(1)) - in.mouse).norm() < kPick)
                m_hover = Drag::JHat;
        }
        if (in.pressed[0] && m_hover != Drag::None) {
            m_drag = m_hover;
            m_grabOffset = m_a.col(m_drag == Drag::IHat ? 0 : 1) - view.toWorld(in.mouse);
            m_held.hold(view);
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
    const Eigen::Vector2d w = dragWorldPoint(view, in.mouse, m_grabOffset, in.shift);
    if (!w.allFinite()) return;
    Eigen::Matrix2d a = m_a;
    a.col(m_drag == Drag::IHat ? 0 : 1) = w;
    if (a == m_a) return;
    // Each step's SVD is chosen nearest the previous one: a drag is a path, not a fresh matrix.
    m_continueFromPrevious = true;
    setParam("A", Eigen::MatrixXd(a));
    m_continueFromPrevious = false;
}

std::string SvdScene::statusLine() const {
    if (m_drag != Drag::None)
        return std::string("Dragging ") +
               (m_drag == Drag::IHat ? "\u00ee: the first" : "\u0135: the second") +
               " column of A \u00b7 U, \u03a3, V\u1d40 and the ellipse follow \u00b7 Shift snaps "
               "to the grid";
    if (m_progress >= 3)
        return "Drag the tips of \u00ee and \u0135 (A's columns) \u00b7 Shift snaps to the grid "
               "\u00b7 "
               "dashed: A applied directly \u00b7 wheel zooms";
    return "Three stages: V\u1d40 rotates, \u03a3 scales, U rotates \u00b7 dashed: A applied "
           "directly \u00b7 drag \u00ee and \u0135 once they end \u00b7 wheel zooms";
}

} // namespace linscape::scenes
