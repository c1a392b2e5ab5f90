// The held view and drag rounding of the planar scenes; see drag_view.h.
#include "scenes/drag_view.h"

#include "engine/interpolation.h"
#include "scenes/draw2d.h"

#include <algorithm>
#include <cmath>

namespace linscape::scenes {

void HeldView::hold(const render::View2D& shown) {
    m_holding = true;
    m_frame = -1;
    m_from = shown;
}

void HeldView::release() {
    if (!m_holding) return;
    m_holding = false;
    m_frame = 0;
}

void HeldView::clear() {
    m_holding = false;
    m_frame = -1;
}

render::View2D HeldView::apply(const render::View2D& target) {
    if (!m_holding && m_frame < 0) return target;
    render::View2D v = target;
    if (m_holding) {
        v.center = m_from.center;
        v.pixelsPerUnit = m_from.pixelsPerUnit;
        return v;
    }
    ++m_frame;
    const double s = engine::easeInOut(std::min(1.0, double(m_frame) / kSettleFrames));
    if (m_frame >= kSettleFrames) m_frame = -1;
    // Zoom eases in log space (each frame the same ratio), the centre linearly.
    const double a = std::max(m_from.pixelsPerUnit, 1e-9), b = std::max(target.pixelsPerUnit, 1e-9);
    v.pixelsPerUnit = std::exp(std::log(a) + s * (std::log(b) - std::log(a)));
    v.center = m_from.center + s * (target.center - m_from.center);
    return s >= 1 ? target : v;
}

double dragQuantum(const render::View2D& view) {
    // A power of ten no larger than 2 px, so the tip never lags the cursor visibly.
    return std::pow(10.0, std::floor(std::log10(2.0 / std::max(view.pixelsPerUnit, 1e-9))));
}

Eigen::Vector2d roundTo(const Eigen::Vector2d& w, double q) {
    Eigen::Vector2d r = (w / q).array().round().matrix() * q;
    for (int k = 0; k < 2; ++k)
        if (r(k) == 0) r(k) = 0; // -0 would print as "-0"
    return r;
}

Eigen::Vector2d snapToGrid(const render::View2D& view, const Eigen::Vector2d& w) {
    // Half steps, so 0.5 entries are reachable at normal zoom.
    return roundTo(w, niceGridSpacing(view.pixelsPerUnit) * 0.5);
}

Eigen::Vector2d dragWorldPoint(const render::View2D& view, const Eigen::Vector2f& mouse,
                               const Eigen::Vector2d& grabOffset, bool snap) {
    const Eigen::Vector2d w = roundTo(view.toWorld(mouse) + grabOffset, dragQuantum(view));
    // Within a few pixels of the origin the tip lands exactly on it: a zero column is a case
    // worth reaching (the scenes explain it), and pixel-exact aim is not.
    if (w.norm() * static_cast<double>(view.pixelsPerUnit) < static_cast<double>(kOriginSnapPx))
        return Eigen::Vector2d::Zero();
    return snap ? snapToGrid(view, w) : w;
}

} // namespace linscape::scenes
