// The shared orbit-camera stage of the 3D decomposition scenes; see stage3d.h.
#include "scenes/stage3d.h"

#include "scenes/draw2d.h"
#include "scenes/draw_decomp.h"

#include <algorithm>
#include <cmath>

namespace linscape::scenes {

void Stage3D::resetView(double yaw, double pitch) {
    cam = OrbitCamera{};
    cam.yaw = yaw;
    cam.pitch = pitch;
    m_zoom = 1;
    m_dragging = false;
}

void Stage3D::frame(const render::Canvas& canvas, Vec2 lo, Vec2 hi, const Eigen::Vector3d& target,
                    double radius) {
    radius = std::isfinite(radius) ? std::max(radius, 1e-3) : 1.0;
    m_radius = radius;
    cam.target = target.allFinite() ? target : Eigen::Vector3d::Zero();
    cam.viewportSize = {canvas.width(), canvas.height()};
    const float w = std::max(hi.x() - lo.x(), 60.0f), h = std::max(hi.y() - lo.y(), 60.0f);
    m_shift =
        Vec2(lo.x() + w * 0.5f - canvas.width() * 0.5f, lo.y() + h * 0.5f - canvas.height() * 0.5f);
    const double half = std::max(20.0, 0.5 * std::min<double>(w, h) - 14.0);
    const double f = double(canvas.height()) * 0.5 / std::tan(cam.fovY * 0.5);
    // Perspective makes the near side of the sphere larger: 1.15 keeps it inside.
    cam.distance = std::max(2.2 * radius, f * radius * 1.05 / half) * m_zoom;
}

float Stage3D::fade(const Eigen::Vector3d& p) const {
    const double rel = (depth(p) - cam.distance) / m_radius;
    return float(std::clamp(1.0 - 0.3 * rel, 0.4, 1.0));
}

void Stage3D::line(render::Canvas& canvas, const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                   float width, Color color, bool dashed) const {
    Vec2 sa, sb;
    if (!projectSegment(cam, a, b, sa, sb)) return;
    sa += m_shift;
    sb += m_shift;
    const Vec2 lo(-4000, -4000), hi(canvas.width() + 4000, canvas.height() + 4000);
    if (!clipSegment(sa, sb, lo, hi)) return;
    const Color c = color.scaledAlpha(fade(0.5 * (a + b)));
    if (dashed)
        canvas.dashedLine(sa, sb, width, c, 7, 5);
    else
        canvas.line(sa, sb, width, c);
}

void Stage3D::arrow(render::Canvas& canvas, const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                    float width, Color color) const {
    if (!inFront(a) || !inFront(b)) {
        line(canvas, a, b, width, color);
        return;
    }
    const Vec2 sa = screen(a), sb = screen(b);
    if ((sb - sa).norm() < 2.0f) return;
    canvas.arrow(sa, sb, width, color.scaledAlpha(fade(b)));
}

void Stage3D::polygon(render::Canvas& canvas, const std::vector<Eigen::Vector3d>& pts, Color fill,
                      Color edge, float edgeWidth) const {
    std::vector<Vec2> s;
    for (const Eigen::Vector3d& p : pts) {
        if (!inFront(p)) return;
        s.push_back(screen(p));
        if (!s.back().allFinite()) return;
    }
    if (s.size() < 3) return;
    if (fill.a > 0) canvas.fillConvex(s, fill);
    if (edge.a > 0 && edgeWidth > 0) canvas.polyline(s, edgeWidth, edge, true);
}

void Stage3D::rightAngle(render::Canvas& canvas, const Eigen::Vector3d& at,
                         const Eigen::Vector3d& d1, const Eigen::Vector3d& d2, double size,
                         float width, Color color) const {
    const Eigen::Vector3d a = at + size * d1, c = at + size * d2, b = a + size * d2;
    if (!inFront(a) || !inFront(b) || !inFront(c)) return;
    const Vec2 pts[3] = {screen(a), screen(b), screen(c)};
    canvas.polyline(pts, width, color);
}

void Stage3D::ground(render::Canvas& canvas, const style::Palette& pal, float ts, double extent,
                     double step, bool labels) const {
    const int n = std::clamp(int(std::floor(extent / step)), 1, 40);
    const double e = n * step;
    for (int k = -n; k <= n; ++k) {
        if (k == 0) continue;
        const double u = k * step;
        line(canvas, {u, -e, 0}, {u, e, 0}, 1.0f, pal.grid.withAlpha(0.5f));
        line(canvas, {-e, u, 0}, {e, u, 0}, 1.0f, pal.grid.withAlpha(0.5f));
    }
    const char* names[3] = {"x", "y", "z"};
    for (int axis = 0; axis < 3; ++axis) {
        const Eigen::Vector3d d = Eigen::Vector3d::Unit(axis) * (e + 0.3 * step);
        line(canvas, -d, {0, 0, 0}, 1.3f, pal.axis.withAlpha(0.45f));
        line(canvas, {0, 0, 0}, d, 1.7f, pal.axis.withAlpha(0.85f));
        const Eigen::Vector3d end = d * (1 + 0.06);
        if (labels && inFront(end))
            canvas.text(screen(end), names[axis], 15 * ts, pal.textDim, render::Anchor::Center,
                        pal.background);
    }
}

void Stage3D::label(render::Canvas& canvas, const Eigen::Vector3d& at, const Eigen::Vector3d& from,
                    const std::string& text, float size, Color color, Color halo) const {
    if (!inFront(at)) return;
    const Vec2 s = screen(at);
    Vec2 dir = inFront(from) ? Vec2(s - screen(from)) : Vec2(1, -1);
    if (dir.norm() < 3) dir = Vec2(1, -1);
    // Kept inside the canvas: a label pushed past the edge is moved back, not cut.
    const Vec2 ext = canvas.measureText(text, size);
    Vec2 c = labelOffsetCenter(canvas, s, dir, text, size, 5);
    c.x() = std::clamp(c.x(), 0.5f * ext.x() + 4,
                       std::max(0.5f * ext.x() + 4, canvas.width() - 0.5f * ext.x() - 4));
    c.y() = std::clamp(c.y(), 0.5f * ext.y() + 4,
                       std::max(0.5f * ext.y() + 4, canvas.height() - 0.5f * ext.y() - 4));
    canvas.text(c, text, size, color, render::Anchor::Center, halo);
}

bool Stage3D::orbitInput(const ViewportInput& in, double yaw, double pitch) {
    if (in.hovered && in.wheel != 0)
        m_zoom = std::clamp(m_zoom * std::pow(0.9, in.wheel), 0.2, 5.0);
    if (in.pressed[1] && in.hovered) resetView(yaw, pitch); // right click: starting view
    if (in.pressed[0] && in.hovered) {
        m_dragging = true;
        m_last = in.mouse;
    }
    if (m_dragging) {
        if (!in.down[0]) {
            m_dragging = false;
        } else {
            const Vec2 d = in.mouse - m_last;
            m_last = in.mouse;
            cam.orbit(-double(d.x()) * 0.01, double(d.y()) * 0.01);
        }
    }
    return m_dragging;
}

double niceStep3(double radius) {
    const double raw = std::max(radius, 1e-6) / 4;
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    const double m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : 5) * p;
}

} // namespace linscape::scenes
