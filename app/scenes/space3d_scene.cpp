// The 3D linear-map scene's state, parameters, animation, input and panel; drawing lives in
// space3d_draw.cpp. Conventions: column vectors, î = A e1 is the first column; right-handed world
// with z up; camera angles in degrees (yaw about z from the x axis, pitch above the ground).
#include "scenes/space3d_scene.h"

#include "scenes/draw2d.h"
#include "widgets/widgets.h"

#include <Eigen/Dense>
#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

constexpr double kDefaultYaw = 40, kDefaultPitch = 24;
constexpr double kDegree = M_PI / 180.0;

} // namespace

Space3DScene::Space3DScene() {
    reset();
}

void Space3DScene::reset() {
    // A first picture with everything visible: a shear and stretch with det 3.
    m_a << 1.5, 0.5, 0, 0, 1, 0.5, 0.25, 0, 2;
    m_path = engine::PathKind::Linear;
    m_duration = 2.0;
    m_t = m_duration;
    m_showGrid = m_showAxes = m_showLattice = m_showCube = m_showLabels = m_showHud = true;
    m_homeYaw = kDefaultYaw;
    m_homePitch = kDefaultPitch;
    m_homeDistance = 0;
    m_current = m_a;
    m_drag = m_hover = Drag::None;
    m_frameFrozen = false;
    resetCamera();
    touch();
}

void Space3DScene::resetCamera() {
    m_frameFrozen = false;
    m_yaw = m_homeYaw;
    m_pitch = m_homePitch;
    m_zoom = 1;
}

std::vector<ParamSpec> Space3DScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec a;
    a.name = "matrix";
    a.type = ParamType::Matrix;
    a.rows = a.cols = 3;
    a.help = "the 3x3 matrix; its columns are where î, ĵ and k̂ land";
    p.push_back(a);
    ParamSpec path;
    path.name = "path";
    path.type = ParamType::Choice;
    path.choices = {"linear", "polar", "svd"};
    path.help = "how the animation travels from I to A";
    p.push_back(path);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "animation length in seconds";
    p.push_back(dur);
    ParamSpec yaw;
    yaw.name = "camera_yaw";
    yaw.type = ParamType::Number;
    yaw.minValue = -360;
    yaw.maxValue = 360;
    yaw.help = "camera angle about the vertical z axis, degrees from the x axis";
    p.push_back(yaw);
    ParamSpec pitch;
    pitch.name = "camera_pitch";
    pitch.type = ParamType::Number;
    pitch.minValue = -85;
    pitch.maxValue = 85;
    pitch.help = "camera elevation above the ground plane, degrees";
    p.push_back(pitch);
    ParamSpec dist;
    dist.name = "camera_distance";
    dist.type = ParamType::Number;
    dist.minValue = 0;
    dist.maxValue = 1e6;
    dist.help = "camera distance from the target in world units; 0 frames the picture";
    p.push_back(dist);
    for (const char* b :
         {"show_grid", "show_axes", "show_lattice", "show_cube", "show_labels", "show_hud"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> Space3DScene::param(const std::string& name) const {
    if (name == "matrix") return ParamValue(Eigen::MatrixXd(m_a));
    if (name == "path") return ParamValue(std::string(engine::pathKindName(m_path)));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "camera_yaw") return ParamValue(m_homeYaw);
    if (name == "camera_pitch") return ParamValue(m_homePitch);
    if (name == "camera_distance") return ParamValue(m_homeDistance);
    if (name == "show_grid") return ParamValue(m_showGrid);
    if (name == "show_axes") return ParamValue(m_showAxes);
    if (name == "show_lattice") return ParamValue(m_showLattice);
    if (name == "show_cube") return ParamValue(m_showCube);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    return std::nullopt;
}

std::string Space3DScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "matrix") {
        setMatrix(std::get<Eigen::MatrixXd>(value));
        if (!dragging()) m_frameFrozen = false;
    } else if (name == "path") {
        engine::parsePathKind(std::get<std::string>(value), m_path);
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else if (name == "camera_yaw") {
        m_homeYaw = m_yaw = std::get<double>(value);
    } else if (name == "camera_pitch") {
        m_homePitch = m_pitch = std::get<double>(value);
    } else if (name == "camera_distance") {
        const double d = std::get<double>(value);
        if (d != 0 && d < 0.5) return "camera_distance must be 0 (automatic) or at least 0.5";
        m_homeDistance = d;
        m_zoom = 1;
    } else {
        const bool b = std::get<bool>(value);
        if (name == "show_grid") m_showGrid = b;
        if (name == "show_axes") m_showAxes = b;
        if (name == "show_lattice") m_showLattice = b;
        if (name == "show_cube") m_showCube = b;
        if (name == "show_labels") m_showLabels = b;
        if (name == "show_hud") m_showHud = b;
    }
    return {};
}

void Space3DScene::setMatrix(const Eigen::Matrix3d& a) {
    if (!a.allFinite()) return;
    m_a = a;
}

const engine::Analysis* Space3DScene::analysis() const {
    if (m_analysisVersion != version() || !m_analysis) {
        auto r = engine::analyze(m_a);
        m_analysis.reset();
        if (r.ok()) m_analysis = std::move(r).value();
        m_analysisVersion = version();
    }
    return m_analysis ? &*m_analysis : nullptr;
}

bool Space3DScene::atEnd() const {
    return dragging() || m_duration <= 0 || m_t >= m_duration;
}

void Space3DScene::update(double t) {
    m_t = std::clamp(t, 0.0, m_duration);
    if (atEnd()) {
        m_current = m_a;
        return;
    }
    const double s = engine::easeInOut(m_t / m_duration);
    m_current = engine::interpolate(m_a, s, m_path);
}

void Space3DScene::framing(Eigen::Vector3d& target, double& radius) const {
    if (m_frameFrozen) {
        // While a tip is dragged the camera holds still; re-framing under the mouse would move
        // the drag plane and make the tip run away from the cursor.
        target = m_frozenTarget;
        radius = m_frozenRadius;
        return;
    }
    // The bounding box of both unit cubes (before and after), so the whole animation stays in view.
    Eigen::Vector3d lo = Eigen::Vector3d::Zero(), hi = Eigen::Vector3d::Ones();
    for (int c = 0; c < 8; ++c) {
        const Eigen::Vector3d corner(c & 1, (c >> 1) & 1, (c >> 2) & 1);
        const Eigen::Vector3d p = m_a * corner;
        lo = lo.cwiseMin(p);
        hi = hi.cwiseMax(p);
    }
    target = 0.5 * (lo + hi);
    radius = std::max(0.5 * (hi - lo).norm(), 1.0);
}

void Space3DScene::setupCamera(double width, double height) {
    Eigen::Vector3d target;
    double radius = 1;
    framing(target, radius);
    m_cam.viewportSize = {std::max(width, 1.0), std::max(height, 1.0)};
    m_cam.target = target;
    m_cam.fovY = 0.75;
    m_cam.yaw = m_yaw * kDegree;
    m_cam.pitch = std::clamp(m_pitch, -85.0, 85.0) * kDegree;
    const double fit = fitDistance(radius, m_cam.fovY, width / std::max(height, 1.0), 1.15);
    const double base = m_homeDistance > 0 ? m_homeDistance : fit;
    m_cam.distance = std::max(base * m_zoom, 0.5);
}

void Space3DScene::input(const ViewportInput& in, const SceneContext&) {
    const Eigen::Matrix3d& a = m_a;
    auto tipNear = [&](int col) {
        const Eigen::Vector3d tip = a.col(col);
        if (cameraDepth(m_cam, tip) < kNearPlane) return false;
        return (m_cam.project(tip).screen - in.mouse).norm() < 16.0f;
    };
    if (m_drag == Drag::None) {
        m_hover = Drag::None;
        if (in.hovered && atEnd()) {
            if (tipNear(0))
                m_hover = Drag::IHat;
            else if (tipNear(1))
                m_hover = Drag::JHat;
            else if (tipNear(2))
                m_hover = Drag::KHat;
        }
        if (in.pressed[0]) {
            m_drag = m_hover != Drag::None ? m_hover : Drag::Orbit;
            m_lastMouse = in.mouse;
            if (m_drag != Drag::Orbit) {
                framing(m_frozenTarget, m_frozenRadius);
                m_frameFrozen = true;
                // The drag plane goes through the tip: horizontal, or (Ctrl) vertical facing the
                // camera, so the tip stays under the mouse and moves where the user expects.
                const int col = int(m_drag) - int(Drag::IHat);
                m_dragVertical = in.ctrl;
                Eigen::Vector3d o, d;
                screenRay(m_cam, in.mouse, o, d);
                Eigen::Vector3d right, up, forward;
                m_cam.basis(right, up, forward);
                Eigen::Vector3d n = m_dragVertical ? Eigen::Vector3d(forward.x(), forward.y(), 0)
                                                   : Eigen::Vector3d::UnitZ();
                if (n.norm() < 1e-6) n = forward;
                n.normalize();
                const auto hit = rayPlane(o, d, a.col(col), n);
                m_dragOffset = hit ? Eigen::Vector3d(a.col(col) - *hit) : Eigen::Vector3d::Zero();
            }
        }
        if (in.hovered && in.wheel != 0)
            m_zoom = std::clamp(m_zoom * std::pow(0.88, double(in.wheel)), 0.1, 10.0);
        if (in.hovered && ImGui::GetCurrentContext() && ImGui::IsMouseDoubleClicked(0) &&
            m_hover == Drag::None)
            resetCamera();
    }
    if (m_drag == Drag::None) return;
    if (!in.down[0]) {
        // The framing stays as it was (no jump on release); the next typed matrix, parameter or
        // view reset frames the picture again.
        m_drag = Drag::None;
        return;
    }
    if (m_drag == Drag::Orbit) {
        const Vec2 d = in.mouse - m_lastMouse;
        m_lastMouse = in.mouse;
        m_yaw = std::remainder(m_yaw - double(d.x()) * 0.4, 360.0);
        m_pitch = std::clamp(m_pitch + double(d.y()) * 0.4, -85.0, 85.0);
        return;
    }
    const int col = int(m_drag) - int(Drag::IHat);
    Eigen::Vector3d o, d;
    screenRay(m_cam, in.mouse, o, d);
    Eigen::Vector3d right, up, forward;
    m_cam.basis(right, up, forward);
    Eigen::Vector3d n =
        m_dragVertical ? Eigen::Vector3d(forward.x(), forward.y(), 0) : Eigen::Vector3d::UnitZ();
    if (n.norm() < 1e-6) n = forward;
    n.normalize();
    const auto hit = rayPlane(o, d, a.col(col), n);
    if (!hit) return;
    Eigen::Vector3d w = *hit + m_dragOffset;
    if (!w.allFinite() || w.norm() > 1e6) return;
    // Entries a person would type: 0.01 steps, or half-unit grid steps with Shift.
    const double quantum = in.shift ? 0.5 : 0.01;
    w = (w / quantum).array().round().matrix() * quantum;
    Eigen::Matrix3d next = m_a;
    if (m_dragVertical)
        next.col(col) = w; // moves in the camera-facing vertical plane
    else
        next.col(col) << w.x(), w.y(), m_a(2, col); // height stays as it was
    if (next != m_a) setParam("matrix", Eigen::MatrixXd(next));
}

std::string Space3DScene::statusLine() const {
    switch (m_drag) {
    case Drag::IHat:
        return "Dragging \u00ee: the first column of A (Ctrl: up and down)";
    case Drag::JHat:
        return "Dragging \u0135: the second column of A (Ctrl: up and down)";
    case Drag::KHat:
        return "Dragging k\u0302: the third column of A (Ctrl: up and down)";
    case Drag::Orbit:
        return "Orbiting: drag left and right to turn, up and down to tilt";
    case Drag::None:
        break;
    }
    return "Drag to orbit \u00b7 wheel zooms \u00b7 double-click resets the view \u00b7 drag a tip "
           "to edit (Ctrl: vertical, Shift: snap)";
}

void Space3DScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Matrix A", pal);
    Eigen::MatrixXd a = m_a;
    if (widgets::matrixEditor("A3", a, m_editor, {pal.iHat, pal.jHat, pal.kHat}, pal))
        setParam("matrix", a);
    ImGui::TextDisabled("columns: where \u00ee, \u0135 and k\u0302 land");

    widgets::sectionHeader("Camera", pal);
    float yaw = float(m_yaw), pitch = float(m_pitch);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::SliderFloat("yaw", &yaw, -180, 180, "%.0f\u00b0")) m_yaw = yaw;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::SliderFloat("pitch", &pitch, -85, 85, "%.0f\u00b0")) m_pitch = pitch;
    if (ImGui::Button("Reset view")) resetCamera();
    widgets::helpMarker("Back to the starting camera (also: double-click the empty view).");

    widgets::sectionHeader("Show", pal);
    bool changed = false;
    changed |= ImGui::Checkbox("ground grid", &m_showGrid);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("axes", &m_showAxes);
    changed |= ImGui::Checkbox("lattice", &m_showLattice);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("unit cube", &m_showCube);
    changed |= ImGui::Checkbox("labels", &m_showLabels);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("overlay", &m_showHud);
    if (changed) touch();
    int path = int(m_path);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::Combo("path", &path, "linear\0polar (rigid rotations)\0svd\0")) {
        m_path = engine::PathKind(path);
        touch();
    }

    if (const engine::Analysis* an = analysis()) {
        widgets::sectionHeader("Readouts", pal);
        widgets::readoutRow("shape rule", "(3,3) @ (3,1) -> (3,1)", "A @ x", pal);
        widgets::analysisReadouts(*an, "A", pal);
    }
}

} // namespace linscape::scenes
