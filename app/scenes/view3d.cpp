// 3D-on-canvas helpers; see view3d.h.
#include "scenes/view3d.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace linscape::scenes {

double cameraDepth(const OrbitCamera& cam, const Eigen::Vector3d& world) {
    Eigen::Vector3d right, up, forward;
    cam.basis(right, up, forward);
    return (world - cam.eye()).dot(forward);
}

bool projectSegment(const OrbitCamera& cam, const Eigen::Vector3d& a, const Eigen::Vector3d& b,
                    render::Vec2& sa, render::Vec2& sb, double* depthA, double* depthB) {
    double za = cameraDepth(cam, a), zb = cameraDepth(cam, b);
    if (!std::isfinite(za) || !std::isfinite(zb)) return false;
    if (za < kNearPlane && zb < kNearPlane) return false;
    Eigen::Vector3d pa = a, pb = b;
    // Move the end behind the near plane onto it (slightly in front, so project() keeps it).
    const double zc = kNearPlane * 1.01;
    if (za < kNearPlane) {
        pa = a + (b - a) * ((zc - za) / (zb - za));
        za = zc;
    } else if (zb < kNearPlane) {
        pb = b + (a - b) * ((zc - zb) / (za - zb));
        zb = zc;
    }
    sa = cam.project(pa).screen;
    sb = cam.project(pb).screen;
    if (depthA) *depthA = za;
    if (depthB) *depthB = zb;
    return std::isfinite(sa.x()) && std::isfinite(sa.y()) && std::isfinite(sb.x()) &&
           std::isfinite(sb.y());
}

void screenRay(const OrbitCamera& cam, render::Vec2 screen, Eigen::Vector3d& origin,
               Eigen::Vector3d& direction) {
    Eigen::Vector3d right, up, forward;
    cam.basis(right, up, forward);
    const double f = cam.viewportSize.y() * 0.5 / std::tan(cam.fovY * 0.5);
    const double x = (double(screen.x()) - cam.viewportSize.x() * 0.5) / f;
    const double y = -(double(screen.y()) - cam.viewportSize.y() * 0.5) / f;
    origin = cam.eye();
    direction = (forward + x * right + y * up).normalized();
}

std::optional<Eigen::Vector3d> rayPlane(const Eigen::Vector3d& origin,
                                        const Eigen::Vector3d& direction,
                                        const Eigen::Vector3d& point,
                                        const Eigen::Vector3d& normal) {
    const double denom = direction.dot(normal);
    if (std::abs(denom) < 1e-6) return std::nullopt;
    const double s = (point - origin).dot(normal) / denom;
    if (!(s > 0) || !std::isfinite(s)) return std::nullopt;
    return origin + s * direction;
}

double fitDistance(double radius, double fovY, double aspect, double margin) {
    // A sphere of radius r seen at distance d subtends asin(r / d): fit half the narrower angle.
    const double halfY = fovY * 0.5;
    const double halfX = std::atan(std::tan(halfY) * std::max(aspect, 1e-3));
    const double half = std::min(halfY, halfX);
    return margin * radius / std::sin(half);
}

void drawFacesBackToFront(render::Canvas& canvas, const OrbitCamera& cam,
                          std::vector<Face3D>& faces) {
    std::vector<size_t> order(faces.size());
    std::iota(order.begin(), order.end(), size_t(0));
    for (Face3D& f : faces) {
        Eigen::Vector3d c = Eigen::Vector3d::Zero();
        for (const auto& p : f.points)
            c += p;
        f.depth = f.points.empty() ? 0 : cameraDepth(cam, c / double(f.points.size()));
    }
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return faces[a].depth > faces[b].depth; });
    std::vector<render::Vec2> screen;
    for (size_t idx : order) {
        const Face3D& f = faces[idx];
        screen.clear();
        bool ok = f.points.size() >= 3;
        for (const auto& p : f.points) {
            const render::ProjectedPoint pp = cam.project(p);
            if (cameraDepth(cam, p) < kNearPlane || !std::isfinite(pp.screen.x()) ||
                !std::isfinite(pp.screen.y())) {
                ok = false;
                break;
            }
            screen.push_back(pp.screen);
        }
        if (!ok) continue;
        if (f.fill.a > 0) canvas.fillConvex(screen, f.fill);
        if (f.edge.a > 0 && f.edgeWidth > 0) canvas.polyline(screen, f.edgeWidth, f.edge, true);
    }
}

Collapse3D collapseForRank(int rank) {
    if (rank >= 3) return Collapse3D::None;
    if (rank == 2) return Collapse3D::Plane;
    if (rank == 1) return Collapse3D::Line;
    return Collapse3D::Point;
}

std::string collapseSentence(Collapse3D c) {
    switch (c) {
    case Collapse3D::Plane:
        return "det A = 0: space collapses onto a plane, the column space of A (rank 2)";
    case Collapse3D::Line:
        return "det A = 0: space collapses onto a line, the column space of A (rank 1)";
    case Collapse3D::Point:
        return "A = 0: every vector collapses to the origin (rank 0)";
    case Collapse3D::None:
        break;
    }
    return {};
}

} // namespace linscape::scenes
