// Drawing 3D geometry on the 2D canvas through an orbit camera: near-plane clipping, rays back
// from the screen (for dragging), translucent faces sorted back to front, and the rank-to-collapse
// rule the 3D scene explains. Plain CPU math on top of render::OrbitCamera; no GL.
#pragma once

#include "render/canvas.h"
#include "render/view.h"
#include "style/theme.h"

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

namespace linscape::scenes {

using render::OrbitCamera;

// Points closer to the eye than this (along the view direction) are clipped: no projection of a
// point behind the camera ever reaches the screen.
constexpr double kNearPlane = 0.05;

// Camera-space depth of a world point (distance along the view direction).
double cameraDepth(const OrbitCamera& cam, const Eigen::Vector3d& world);

// Clips the segment a-b to the part in front of the near plane and projects it. False when nothing
// is left. depthA/depthB (optional) receive the depths of the clipped ends.
bool projectSegment(const OrbitCamera& cam, const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                    render::Vec2& sa, render::Vec2& sb, double* depthA = nullptr,
                    double* depthB = nullptr);

// The ray from the eye through a viewport pixel: origin = eye, direction unit length.
void screenRay(const OrbitCamera& cam, render::Vec2 screen, Eigen::Vector3d& origin,
               Eigen::Vector3d& direction);

// Where that ray meets the plane through `point` with unit normal `normal`; nullopt when the ray
// is parallel to the plane (within 1e-6) or the hit lies behind the eye.
std::optional<Eigen::Vector3d> rayPlane(const Eigen::Vector3d& origin,
                                        const Eigen::Vector3d& direction,
                                        const Eigen::Vector3d& point,
                                        const Eigen::Vector3d& normal);

// The distance that fits a sphere of `radius` about the target in the vertical field of view
// (and, with aspect < 1, in the horizontal one), with `margin` (1.1 = 10% spare).
double fitDistance(double radius, double fovY, double aspect, double margin = 1.1);

// A planar convex polygon in world space, filled translucent with its outline.
struct Face3D {
    std::vector<Eigen::Vector3d> points;
    style::Color fill;
    style::Color edge;
    float edgeWidth = 1.5f;
    double depth = 0; // filled by drawFacesBackToFront
};

// Painter's algorithm: sorts by the depth of each face's centroid, farthest first (ties keep their
// order, so frames are deterministic), and draws. Faces with any corner behind the near plane are
// skipped rather than drawn distorted.
void drawFacesBackToFront(render::Canvas& canvas, const OrbitCamera& cam,
                          std::vector<Face3D>& faces);

// What the image of R^3 is for a 3x3 matrix of the given rank.
enum class Collapse3D { None, Plane, Line, Point };
Collapse3D collapseForRank(int rank);
// The sentence the scene shows for it (empty for None).
std::string collapseSentence(Collapse3D c);

} // namespace linscape::scenes
