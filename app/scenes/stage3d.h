// An orbit-camera stage shared by the 3D projection, plane-fit and PCA scenes: framing a sphere of
// content in the part of the viewport an overlay leaves free, depth-faded lines and arrows with
// near-plane clipping, flat 3D polygons, the ground grid with axes, and drag-to-orbit input.
#pragma once

#include "scenes/scene.h"
#include "scenes/view3d.h"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace linscape::scenes {

using style::Color;

class Stage3D {
public:
    OrbitCamera cam;

    // Back to the starting view (yaw, pitch in radians).
    void resetView(double yaw, double pitch);
    // Aims at `target` and sets the distance so a sphere of `radius` fills the rectangle
    // [lo, hi] of the canvas (times the user's zoom).
    void frame(const render::Canvas& canvas, Vec2 lo, Vec2 hi, const Eigen::Vector3d& target,
               double radius);
    Vec2 screen(const Eigen::Vector3d& p) const { return cam.project(p).screen + m_shift; }
    double depth(const Eigen::Vector3d& p) const { return cameraDepth(cam, p); }
    bool inFront(const Eigen::Vector3d& p) const { return depth(p) > kNearPlane; }
    // The ray from the eye through a viewport pixel (for dragging points in space).
    void ray(Vec2 mouse, Eigen::Vector3d& origin, Eigen::Vector3d& direction) const {
        screenRay(cam, mouse - m_shift, origin, direction);
    }
    // 1 at the target's depth, fading (to 0.4) towards the back of the content sphere.
    float fade(const Eigen::Vector3d& p) const;

    void line(render::Canvas& canvas, const Eigen::Vector3d& a, const Eigen::Vector3d& b,
              float width, Color color, bool dashed = false) const;
    void arrow(render::Canvas& canvas, const Eigen::Vector3d& a, const Eigen::Vector3d& b,
               float width, Color color) const;
    // A flat convex polygon, filled, with an outline (alpha 0: none); skipped when a corner is
    // behind the near plane.
    void polygon(render::Canvas& canvas, const std::vector<Eigen::Vector3d>& pts, Color fill,
                 Color edge, float edgeWidth = 1.5f) const;
    // The small square of a right angle at `at` with legs along the unit directions d1, d2.
    void rightAngle(render::Canvas& canvas, const Eigen::Vector3d& at, const Eigen::Vector3d& d1,
                    const Eigen::Vector3d& d2, double size, float width, Color color) const;
    // The xy grid (z = 0) over [-extent, extent]^2 every `step`, and the axes, labelled.
    void ground(render::Canvas& canvas, const style::Palette& pal, float textScale, double extent,
                double step, bool labels) const;
    // A label just off the projected point, in the screen direction away from `from`.
    void label(render::Canvas& canvas, const Eigen::Vector3d& at, const Eigen::Vector3d& from,
               const std::string& text, float size, Color color, Color halo) const;

    // Drag to orbit, wheel to zoom, double-click to reset to (yaw, pitch). Returns true while a
    // drag is on.
    bool orbitInput(const ViewportInput& in, double yaw, double pitch);
    bool dragging() const { return m_dragging; }

private:
    Vec2 m_shift{0, 0};
    double m_radius = 1, m_zoom = 1;
    bool m_dragging = false;
    Vec2 m_last{0, 0};
};

// A "nice" grid step for content of this radius (1, 2 or 5 times a power of ten).
double niceStep3(double radius);

} // namespace linscape::scenes
