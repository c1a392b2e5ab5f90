// Direct manipulation in the planar scenes: a view that holds still while something is dragged
// (re-framing under the mouse would make the dragged tip run away from the cursor) and eases to
// the new framing afterwards, and the rule that turns a mouse position into typed-looking entries.
#pragma once

#include "render/view.h"

#include <Eigen/Core>

namespace linscape::scenes {

class HeldView {
public:
    // Frames eased over after a drag ends. Counted in drawn frames, not seconds, so it stays
    // deterministic (scenes never read the wall clock): a quarter second at 60 fps.
    static constexpr int kSettleFrames = 15;

    // From now on apply() returns `shown` (the view the user grabbed something in).
    void hold(const render::View2D& shown);
    // The drag ended: the next kSettleFrames calls of apply() ease from the held view to the
    // target. Does nothing when not holding.
    void release();
    // Drops any hold or easing (a reset, a typed matrix): the next apply() is the target.
    void clear();
    // The view to draw this frame, given the framing the scene would choose now. Advances the
    // easing by one frame. The viewport size and offset always come from the target.
    render::View2D apply(const render::View2D& target);

    bool holding() const { return m_holding; }
    // True while easing after a release (the app keeps drawing frames meanwhile).
    bool settling() const { return !m_holding && m_frame >= 0; }

private:
    bool m_holding = false;
    int m_frame = -1; // easing: frames done since release; -1: not easing
    render::View2D m_from;
};

// The step dragged entries are rounded to: a power of ten at most 2 px long (0.01 at normal
// zoom, coarser when zoomed far out), so entries look typed and the tip stays under the cursor.
double dragQuantum(const render::View2D& view);
// `w` on the nearest half grid step of the view (Shift while dragging).
Eigen::Vector2d snapToGrid(const render::View2D& view, const Eigen::Vector2d& w);
// `w` rounded to multiples of q (entries rounded to zero are +0, never -0).
Eigen::Vector2d roundTo(const Eigen::Vector2d& w, double q);

// The world point a drag puts under `mouse` (plus the grab offset), rounded to dragQuantum; with
// `snap`, to half grid steps so 0.5 entries are reachable. Within kOriginSnapPx of the origin it
// is exactly the origin.
constexpr float kOriginSnapPx = 5.0f;
Eigen::Vector2d dragWorldPoint(const render::View2D& view, const Eigen::Vector2f& mouse,
                               const Eigen::Vector2d& grabOffset, bool snap);

} // namespace linscape::scenes
