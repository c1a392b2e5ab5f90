// Orbit camera math.
#include "render/view.h"

#include <Eigen/Geometry> // cross(): without it the camera compiles but never links

#include <algorithm>
#include <cmath>

namespace linscape::render {

Eigen::Vector3d OrbitCamera::eye() const {
    const double cp = std::cos(pitch);
    return target +
           distance * Eigen::Vector3d(cp * std::cos(yaw), cp * std::sin(yaw), std::sin(pitch));
}

void OrbitCamera::basis(Eigen::Vector3d& right, Eigen::Vector3d& up,
                        Eigen::Vector3d& forward) const {
    forward = (target - eye()).normalized();
    right = forward.cross(Eigen::Vector3d::UnitZ());
    if (right.norm() < 1e-9) right = Eigen::Vector3d::UnitX();
    right.normalize();
    up = right.cross(forward);
}

ProjectedPoint OrbitCamera::project(const Eigen::Vector3d& world) const {
    Eigen::Vector3d right, up, forward;
    basis(right, up, forward);
    const Eigen::Vector3d rel = world - eye();
    const double z = rel.dot(forward);
    ProjectedPoint p;
    p.depth = z;
    p.visible = z > 0.05;
    const double zz = std::max(z, 0.05);
    const double f = viewportSize.y() * 0.5 / std::tan(fovY * 0.5);
    p.screen = {float(viewportSize.x() * 0.5 + rel.dot(right) * f / zz),
                float(viewportSize.y() * 0.5 - rel.dot(up) * f / zz)};
    return p;
}

double OrbitCamera::pixelsPerUnitAtTarget() const {
    return viewportSize.y() * 0.5 / std::tan(fovY * 0.5) / distance;
}

void OrbitCamera::orbit(double dYaw, double dPitch) {
    yaw = std::remainder(yaw + dYaw, 2 * M_PI);
    pitch = std::clamp(pitch + dPitch, -1.5, 1.5);
}

void OrbitCamera::zoom(double factor) {
    distance = std::clamp(distance * factor, 2.0, 200.0);
}

} // namespace linscape::render
