// The PCA scene's direct manipulation (see pca_scene.h): hovering a point highlights it (its
// centred position, its drop onto PC1 and its score), and dragging moves it; the mean, the
// covariance, the axes and the variance follow. A moved point stays moved until the cloud changes.
#include "scenes/pca_scene.h"

#include "scenes/decomp_draw.h"
#include "scenes/draw2d.h"
#include "scenes/draw_decomp.h"

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

constexpr float kPick = 12.0f;

std::string pointText(const Eigen::Vector2d& p) {
    return "(" + prettyNumber(p.x(), 3) + ", " + prettyNumber(p.y(), 3) + ")";
}

} // namespace

int PcaScene::hoveredPoint() const {
    const int h = m_dragPoint >= 0 ? m_dragPoint : m_hoverPoint >= 0 ? m_hoverPoint : m_hoverParam;
    return h >= 0 && h < points().rows() ? h : -1;
}

void PcaScene::input(const ViewportInput& in, const SceneContext&) {
    refresh();
    const View2D& view = m_view;
    const Eigen::Index n = m_points.rows();
    if (m_dragPoint < 0) {
        m_hoverPoint = -1;
        // Points are grabbed where they rest at the end (centred; the app holds the timeline at
        // its end during a drag). One point alone always centres onto the origin: nothing to move.
        if (in.hovered && atEnd() && n >= 2) {
            float best = kPick;
            for (Eigen::Index i = 0; i < n; ++i) {
                const float d = (view.toScreen(shownPoint(i)) - in.mouse).norm();
                if (d < best) {
                    best = d;
                    m_hoverPoint = int(i);
                }
            }
        }
        if (in.pressed[0] && m_hoverPoint >= 0) {
            m_dragPoint = m_hoverPoint;
            m_grabOffset = shownPoint(m_dragPoint) - view.toWorld(in.mouse);
            m_held.hold(view);
        }
        return;
    }
    if (!in.down[0]) {
        m_dragPoint = -1;
        m_held.release();
        return;
    }
    if (m_dragPoint >= n) {
        m_dragPoint = -1;
        return;
    }
    Eigen::Vector2d w = view.toWorld(in.mouse) + m_grabOffset;
    if (in.shift) w = snapToGrid(view, w);
    if (!w.allFinite()) return;
    // The point is shown centred, c = x - mean, and the mean moves with x: solve
    // x - (others + x) / n = w for x, so the point lands exactly under the cursor.
    const Eigen::Vector2d x = m_points.row(m_dragPoint).transpose();
    const Eigen::Vector2d others = m_points.colwise().sum().transpose() - x;
    const double nn = double(n);
    Eigen::Vector2d next = (nn * w + others) / (nn - 1);
    next = roundTo(next, dragQuantum(view));
    if (!next.allFinite() || next.cwiseAbs().maxCoeff() > 1e6 || next == x) return;
    m_moved[m_dragPoint] = next;
    touch();
}

void PcaScene::drawHover(render::Canvas& canvas, const SceneContext& ctx, int i) {
    const Palette& pal = *ctx.palette;
    const View2D& view = m_view;
    const decomp::Pca2& pc = m_pca;
    const Eigen::Vector2d x = m_points.row(i).transpose();
    const Eigen::Vector2d shown = shownPoint(i);
    const Vec2 at = view.toScreen(shown);
    const bool projected = pc.ok && !pc.degenerate && atEnd();
    std::string text = "X[" + std::to_string(i) + "] = " + pointText(x);
    if (projected) {
        // Its drop onto PC1, drawn brighter than the others', and its score z on PC1.
        const Eigen::Vector2d c = x - pc.mean;
        const double z = c.dot(pc.axes.col(0));
        const Vec2 q = view.toScreen(z * pc.axes.col(0));
        if ((q - at).norm() > 1) canvas.line(at, q, 2.2f, pal.kHat);
        drawDataPoint(canvas, q, 5.5f, pal.vector, pal.background);
        canvas.ring(q, 9, 1.6f, pal.kHat);
        text += ",  z = " + prettyNumber(z, 3) + " on PC1";
    }
    drawDataPoint(canvas, at, 5.5f, pal.vector, pal.background);
    canvas.ring(at, 11, 2.0f, pal.highlight);
    // Off the point on its own side of PC1, away from the line and the labels along it; on the
    // other side when that box would run into the overlay plate or off the viewport.
    Eigen::Vector2d away =
        pc.ok && !pc.degenerate ? Eigen::Vector2d(pc.axes.col(1)) : Eigen::Vector2d(0, 1);
    if (pc.ok && (x - pc.mean).dot(away) < 0) away = -away;
    const float size = 15 * ctx.textScale, gap = 14;
    const Vec2 ext = canvas.measureText(text, size);
    auto fits = [&](Vec2 dir) {
        const Vec2 c = labelOffsetCenter(canvas, at, dir, text, size, gap);
        const Vec2 lo = c - ext * 0.5f, hi = c + ext * 0.5f;
        const float pad = 12; // the plate's corner, as draw() places it
        const bool onPlate = m_framedPlate.x() > 0 && lo.x() < pad + m_framedPlate.x() &&
                             lo.y() < pad + m_framedPlate.y();
        return !onPlate && lo.x() >= 0 && lo.y() >= 0 && hi.x() <= canvas.width() &&
               hi.y() <= canvas.height();
    };
    Vec2 dir = screenDir(away);
    if (!fits(dir) && fits(-dir)) dir = -dir;
    labelOffset(canvas, at, dir, text, size, pal.text, pal.background, gap);
}

std::string PcaScene::statusLine() const {
    if (m_dragPoint >= 0)
        return "Dragging X[" + std::to_string(m_dragPoint) +
               "]: the mean, the covariance and the axes follow \u00b7 Shift snaps to the grid";
    if (points().rows() < 2) return "One point: centred, it always sits on the origin";
    if (!atEnd())
        return "Space replays: centre, axes, project \u00b7 drag points once the animation ends";
    return "Drag any point (it stays moved until the seed or count changes) \u00b7 Space "
           "replays: centre, axes, project";
}

} // namespace linscape::scenes
