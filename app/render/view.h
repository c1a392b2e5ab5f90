// Cameras as plain math (no GL): View2D maps a world plane to viewport pixels (y up in the world,
// down on screen); OrbitCamera projects 3D world points for the painter's-order canvas.
// Conventions: right-handed world, column vectors, angles in radians.
#pragma once

#include <Eigen/Core>

namespace linscape::render {

struct View2D {
    Eigen::Vector2d center{0, 0};       // world point at the viewport centre
    double pixelsPerUnit = 60;          // zoom
    Eigen::Vector2d viewportSize{1, 1}; // logical pixels
    Eigen::Vector2d offset{0, 0};       // canvas pixels of the viewport's top-left (side by side)

    Eigen::Vector2f toScreen(const Eigen::Vector2d& world) const {
        return {
            float(offset.x() + viewportSize.x() * 0.5 + (world.x() - center.x()) * pixelsPerUnit),
            float(offset.y() + viewportSize.y() * 0.5 - (world.y() - center.y()) * pixelsPerUnit)};
    }
    Eigen::Vector2d toWorld(const Eigen::Vector2f& screen) const {
        return {center.x() +
                    (double(screen.x()) - offset.x() - viewportSize.x() * 0.5) / pixelsPerUnit,
                center.y() -
                    (double(screen.y()) - offset.y() - viewportSize.y() * 0.5) / pixelsPerUnit};
    }
    // World-space rectangle visible in the viewport: min corner, max corner.
    Eigen::Vector2d worldMin() const {
        return toWorld({float(offset.x()), float(offset.y() + viewportSize.y())});
    }
    Eigen::Vector2d worldMax() const {
        return toWorld({float(offset.x() + viewportSize.x()), float(offset.y())});
    }
};

struct ProjectedPoint {
    Eigen::Vector2f screen; // logical pixels
    double depth = 0;       // distance along the view direction (larger = farther)
    bool visible = true;    // in front of the camera
};

// A camera orbiting a target: yaw around world z (up), pitch above the xy-plane.
struct OrbitCamera {
    Eigen::Vector3d target{0, 0, 0};
    double yaw = 0.9;      // radians
    double pitch = 0.45;   // radians, clamped to (-1.5, 1.5)
    double distance = 9.0; // world units
    double fovY = 0.75;    // radians
    Eigen::Vector2d viewportSize{1, 1};

    Eigen::Vector3d eye() const;
    // Right, up and forward unit vectors of the camera.
    void basis(Eigen::Vector3d& right, Eigen::Vector3d& up, Eigen::Vector3d& forward) const;
    ProjectedPoint project(const Eigen::Vector3d& world) const;
    // Pixels per world unit at the target's depth (for sizing things consistently).
    double pixelsPerUnitAtTarget() const;
    void orbit(double dYaw, double dPitch);
    void zoom(double factor); // distance *= factor, clamped
};

} // namespace linscape::render
