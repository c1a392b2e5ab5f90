// The 3D projection scene's state, parameters, input and panel; drawing is in
// projection3d_draw.cpp. Conventions: column vectors, world z up; points are rows (x, y, z).
#include "scenes/projection3d_scene.h"

#include "engine/matrix_parse.h"
#include "scenes/draw2d.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

constexpr double kDeg = M_PI / 180.0;
constexpr double kMaxEntry = 1e6; // larger values leave nothing readable on screen

std::string vec3(const Eigen::Vector3d& v, int digits = 4) {
    return "(" + prettyNumber(v.x(), digits) + ", " + prettyNumber(v.y(), digits) + ", " +
           prettyNumber(v.z(), digits) + ")";
}

} // namespace

Projection3DScene::Projection3DScene() {
    reset();
}

void Projection3DScene::reset() {
    m_mode = Mode::Plane;
    m_b = {1.4, 1.9, 2.6};
    m_u1 = {2, 0, 0.5};
    m_u2 = {0.3, 1.8, 0.9};
    m_truePlane = {0.4, -0.3, 1.0};
    m_count = 30;
    m_noise = 0.5;
    m_seed = 3;
    m_custom = false;
    m_customPoints.resize(0, 3);
    m_hoverParam = -1;
    m_duration = 2.0;
    m_t = m_duration;
    m_yawDeg = -30;
    m_pitchDeg = 28;
    m_cameraSet = false;
    m_showLabels = m_showHud = true;
    m_stage.resetView(m_yawDeg * kDeg, m_pitchDeg * kDeg);
    touch();
}

std::vector<ParamSpec> Projection3DScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec mode;
    mode.name = "mode";
    mode.type = ParamType::Choice;
    mode.choices = {"plane", "least_squares"};
    mode.help = "project b onto a plane, or fit a plane z = ax + by + c to points";
    p.push_back(mode);
    const char* vecs[4][2] = {
        {"b", "the vector to project"},
        {"u1", "the first vector spanning the plane"},
        {"u2", "the second vector spanning the plane"},
        {"true_plane", "least squares: (a, b, c) of the seeded cloud's plane"}};
    for (const auto& v : vecs) {
        ParamSpec s;
        s.name = v[0];
        s.type = ParamType::Matrix;
        s.rows = 3;
        s.cols = 1;
        s.help = v[1];
        p.push_back(s);
    }
    ParamSpec n;
    n.name = "count";
    n.type = ParamType::Number;
    n.minValue = 1;
    n.maxValue = 200;
    n.help = "least squares: how many seeded points";
    p.push_back(n);
    ParamSpec noise;
    noise.name = "noise";
    noise.type = ParamType::Number;
    noise.minValue = 0;
    noise.maxValue = 5;
    noise.help = "least squares: standard deviation of the seeded points' z about the plane";
    p.push_back(noise);
    ParamSpec seed;
    seed.name = "seed";
    seed.type = ParamType::Number;
    seed.minValue = 0;
    seed.maxValue = 1e9;
    seed.help = "least squares: the seed of the cloud (same seed, same points)";
    p.push_back(seed);
    ParamSpec pts;
    pts.name = "points";
    pts.type = ParamType::Matrix;
    pts.minCols = pts.maxCols = 3;
    pts.minRows = 1;
    pts.maxRows = 200;
    pts.help = "least squares: your own points, one (x, y, z) per row (replaces the seeded cloud)";
    p.push_back(pts);
    ParamSpec hover;
    hover.name = "hover";
    hover.type = ParamType::Number;
    hover.minValue = -1;
    hover.maxValue = 199;
    hover.help = "least squares: the point highlighted as if under the mouse, 0-based row of the "
                 "points (-1: none)";
    p.push_back(hover);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "animation length in seconds (b dropping onto the plane, residuals growing)";
    p.push_back(dur);
    for (const char* c : {"camera_yaw", "camera_pitch"}) {
        ParamSpec s;
        s.name = c;
        s.type = ParamType::Number;
        s.minValue = c[7] == 'y' ? -360 : -85;
        s.maxValue = c[7] == 'y' ? 360 : 85;
        s.help = c[7] == 'y' ? "camera turn about the z axis, degrees"
                             : "camera height above the xy-plane, degrees";
        p.push_back(s);
    }
    for (const char* b : {"show_labels", "show_hud"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> Projection3DScene::param(const std::string& name) const {
    if (name == "mode")
        return ParamValue(std::string(m_mode == Mode::Plane ? "plane" : "least_squares"));
    if (name == "b") return ParamValue(Eigen::MatrixXd(m_b));
    if (name == "u1") return ParamValue(Eigen::MatrixXd(m_u1));
    if (name == "u2") return ParamValue(Eigen::MatrixXd(m_u2));
    if (name == "true_plane") return ParamValue(Eigen::MatrixXd(m_truePlane));
    if (name == "count") return ParamValue(double(m_count));
    if (name == "hover") return ParamValue(double(m_hoverParam));
    if (name == "noise") return ParamValue(m_noise);
    if (name == "seed") return ParamValue(m_seed);
    if (name == "points") return ParamValue(Eigen::MatrixXd(points()));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "camera_yaw") return ParamValue(m_yawDeg);
    if (name == "camera_pitch") return ParamValue(m_pitchDeg);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    return std::nullopt;
}

std::string Projection3DScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "mode") {
        m_mode = std::get<std::string>(value) == "plane" ? Mode::Plane : Mode::LeastSquares;
        // Each mode's own starting view (the fitted planes slope the other way), unless the
        // camera was set.
        if (!m_cameraSet) {
            m_yawDeg = m_mode == Mode::Plane ? -30 : 35;
            m_pitchDeg = m_mode == Mode::Plane ? 28 : 22;
            m_stage.resetView(m_yawDeg * kDeg, m_pitchDeg * kDeg);
        }
    } else if (name == "b" || name == "u1" || name == "u2" || name == "true_plane" ||
               name == "points") {
        const Eigen::MatrixXd& m = std::get<Eigen::MatrixXd>(value);
        if (!m.allFinite()) return "'" + name + "': every entry must be a finite number";
        if (m.cwiseAbs().maxCoeff() > kMaxEntry)
            return "'" + name + "': entries must lie between -1e6 and 1e6";
        if (name == "points") {
            m_customPoints = m;
            m_custom = true;
        } else {
            const Eigen::Vector3d v = m.col(0);
            (name == "b" ? m_b : name == "u1" ? m_u1 : name == "u2" ? m_u2 : m_truePlane) = v;
            if (name == "true_plane") m_custom = false;
        }
    } else if (name == "count" || name == "seed") {
        const double v = std::get<double>(value);
        if (v != std::round(v))
            return "'" + name + "' must be a whole number, not " + engine::formatNumber(v, 6);
        (name == "count" ? (void)(m_count = int(v)) : (void)(m_seed = v));
        m_custom = false;
    } else if (name == "hover") {
        const double v = std::get<double>(value);
        if (v != std::round(v))
            return "'hover' must be a whole number, not " + engine::formatNumber(v, 6);
        m_hoverParam = Eigen::Index(v);
    } else if (name == "noise") {
        m_noise = std::get<double>(value);
        m_custom = false;
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
        m_t = std::min(m_t, m_duration);
    } else if (name == "camera_yaw" || name == "camera_pitch") {
        (name == "camera_yaw" ? m_yawDeg : m_pitchDeg) = std::get<double>(value);
        m_cameraSet = true;
        m_stage.resetView(m_yawDeg * kDeg, m_pitchDeg * kDeg);
    } else if (name == "show_labels") {
        m_showLabels = std::get<bool>(value);
    } else if (name == "show_hud") {
        m_showHud = std::get<bool>(value);
    }
    return {};
}

void Projection3DScene::refresh() const {
    if (m_derivedVersion == version()) return;
    m_proj = decomp::projectOntoPlane(m_u1, m_u2, m_b);
    m_points = m_custom ? m_customPoints
                        : decomp::planeCloud(m_count, m_truePlane, m_noise, std::uint64_t(m_seed));
    m_fit = decomp::fitPlane(m_points);
    m_derivedVersion = version();
}

const decomp::PlaneProjection& Projection3DScene::projection() const {
    refresh();
    return m_proj;
}

const decomp::PlaneFit& Projection3DScene::fit() const {
    refresh();
    return m_fit;
}

const Eigen::MatrixXd& Projection3DScene::points() const {
    refresh();
    return m_points;
}

std::vector<std::string> Projection3DScene::notes() const {
    refresh();
    std::vector<std::string> out;
    if (m_mode == Mode::Plane) {
        const decomp::PlaneProjection& pr = m_proj;
        const double bn = m_b.norm();
        if (pr.dimension == 0) {
            out.push_back("u\u2081 = u\u2082 = 0 span only the origin: there is no plane,");
            out.push_back("so P = 0 and p = 0. Give u\u2081 or u\u2082 a direction.");
        } else if (pr.dimension == 1) {
            out.push_back(pr.parallel ? "u\u2081 and u\u2082 are parallel: they span only a line,"
                          : pr.zeroU1 ? "u\u2081 = 0: u\u2081 and u\u2082 span only a line,"
                                      : "u\u2082 = 0: u\u2081 and u\u2082 span only a line,");
            out.push_back("so b is projected onto that line (P has rank 1).");
        } else if (pr.nearlyParallel) {
            out.push_back("u\u2081 and u\u2082 are only " + engine::formatNumber(pr.angleDeg, 2) +
                          "\u00b0 apart: the plane they span");
            out.push_back("swings with the smallest change to either.");
        }
        if (pr.dimension > 0 && bn > 0 && pr.residual.norm() <= 1e-9 * bn)
            out.push_back("b already lies in the span: p = b, residual 0");
        else if (pr.dimension > 0 && bn > 0 && pr.p.norm() <= 1e-9 * bn)
            out.push_back("b is perpendicular to the span: p = 0");
        else if (bn == 0)
            out.push_back("b = 0: its projection is p = 0");
    } else {
        const decomp::PlaneFit& f = m_fit;
        if (f.ok && !f.unique) {
            if (f.identical)
                out.push_back(m_points.rows() == 1 ? "One point: every plane through it fits,"
                                                   : "All points are identical: every plane");
            if (f.identical && m_points.rows() > 1) out.push_back("through them fits exactly,");
            if (f.oneSpot) {
                out.push_back("All points share one (x, y): X has rank 1;");
                out.push_back("only the height there is fixed (the mean z),");
            }
            if (f.collinear) {
                out.push_back("The (x, y) lie on one line: X has rank 2, so");
                out.push_back("the plane can turn about that line,");
            }
            out.push_back("so a, b, c are not unique: lstsq returns the");
            out.push_back("minimum-norm (a, b, c), drawn dashed.");
        }
    }
    return out;
}

void Projection3DScene::update(double t) {
    m_t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, m_duration);
}

Eigen::Vector3d Projection3DScene::dragged() const {
    switch (m_drag) {
    case Drag::B:
        return m_b;
    case Drag::U1:
        return m_u1;
    case Drag::U2:
        return m_u2;
    case Drag::Point:
        if (m_point >= 0 && m_point < m_customPoints.rows())
            return m_customPoints.row(m_point).transpose();
        break;
    case Drag::None:
        break;
    }
    return Eigen::Vector3d::Zero();
}

void Projection3DScene::setDragged(const Eigen::Vector3d& v) {
    switch (m_drag) {
    case Drag::B:
        m_b = v;
        break;
    case Drag::U1:
        m_u1 = v;
        break;
    case Drag::U2:
        m_u2 = v;
        break;
    case Drag::Point:
        if (m_point >= 0 && m_point < m_customPoints.rows())
            m_customPoints.row(m_point) = v.transpose();
        break;
    case Drag::None:
        break;
    }
}

void Projection3DScene::input(const ViewportInput& in, const SceneContext&) {
    if (m_drag == Drag::None && !m_stage.dragging()) {
        m_hover = Drag::None;
        m_hoverPoint = -1;
        if (m_mode == Mode::Plane && in.hovered) {
            float best = 14;
            const std::pair<Drag, Eigen::Vector3d> tips[3] = {
                {Drag::B, m_b}, {Drag::U1, m_u1}, {Drag::U2, m_u2}};
            for (const auto& [d, v] : tips) {
                if (!m_stage.inFront(v)) continue;
                const float dist = (m_stage.screen(v) - in.mouse).norm();
                if (dist < best) {
                    best = dist;
                    m_hover = d;
                }
            }
        } else if (m_mode == Mode::LeastSquares && in.hovered) {
            // The nearest point within a few pixels; of points drawn on top of each other, the
            // one nearest the camera (it is the one the student sees).
            refresh();
            float best = 0;
            double bestDepth = 0;
            const Eigen::Vector3d eye = m_stage.cam.eye();
            for (Eigen::Index i = 0; i < m_points.rows(); ++i) {
                const Eigen::Vector3d x = m_points.row(i).transpose();
                if (!m_stage.inFront(x)) continue;
                const float dist = (m_stage.screen(x) - in.mouse).norm();
                if (dist >= 9) continue;
                const double depth = (x - eye).norm();
                if (m_hoverPoint < 0 || dist < best - 1.5f ||
                    (std::abs(dist - best) <= 1.5f && depth < bestDepth)) {
                    best = dist;
                    bestDepth = depth;
                    m_hoverPoint = i;
                }
            }
            if (m_hoverPoint >= 0) m_hover = Drag::Point;
        }
        if (in.pressed[0] && m_hover != Drag::None) {
            m_drag = m_hover;
            if (m_drag == Drag::Point) {
                // From here on the cloud is the student's: keep every point where it is.
                m_customPoints = m_points;
                m_custom = true;
                m_point = m_hoverPoint;
            }
            m_dragVertical = in.ctrl;
            m_dragOrigin = dragged();
            m_frameFrozen = true;
            return;
        }
    }
    if (m_drag == Drag::None) {
        m_stage.orbitInput(in, m_yawDeg * kDeg, m_pitchDeg * kDeg);
        return;
    }
    if (!in.down[0]) {
        m_drag = Drag::None;
        m_point = -1;
        m_frameFrozen = false;
        return;
    }
    Eigen::Vector3d origin, dir, right, up, forward;
    m_stage.ray(in.mouse, origin, dir);
    m_stage.cam.basis(right, up, forward);
    Eigen::Vector3d normal = Eigen::Vector3d::UnitZ();
    if (m_dragVertical) {
        normal = Eigen::Vector3d(forward.x(), forward.y(), 0);
        if (normal.norm() < 1e-6) return;
        normal.normalize();
    }
    const std::optional<Eigen::Vector3d> hit = rayPlane(origin, dir, m_dragOrigin, normal);
    if (!hit) return;
    const double q = in.shift ? 0.5 : 0.1; // Shift: half-unit steps
    Eigen::Vector3d v = (*hit / q).array().round().matrix() * q;
    // The plane holds the coordinates it does not move along exactly.
    if (!m_dragVertical) {
        v.z() = m_dragOrigin.z();
    } else if (m_drag == Drag::Point) {
        // A point dragged up and down keeps its (x, y): only its height, and so its residual,
        // changes.
        v.x() = m_dragOrigin.x();
        v.y() = m_dragOrigin.y();
    }
    v = v.cwiseMax(-100.0).cwiseMin(100.0);
    if (v == dragged()) return;
    setDragged(v);
    touch();
}

std::string Projection3DScene::statusLine() const {
    if (m_drag == Drag::Point)
        return m_dragVertical
                   ? "Dragging the point up and down (Ctrl): the plane and its residuals "
                     "follow"
                   : "Dragging the point on its horizontal plane (Ctrl at the press: up "
                     "and down)";
    if (m_drag != Drag::None)
        return m_dragVertical ? "Dragging up and down (Ctrl): p = Pb follows"
                              : "Dragging on the horizontal plane (Ctrl at the press: up and down)";
    if (m_stage.dragging()) return "Orbiting \u00b7 release to stop";
    return m_mode == Mode::Plane
               ? "Drag a tip to move it (Ctrl: vertically, Shift: half steps) \u00b7 drag space to "
                 "orbit \u00b7 right-click resets"
               : "Drag a point to move it (Ctrl: up and down, Shift: half steps) \u00b7 drag space "
                 "to orbit \u00b7 wheel zooms";
}

void Projection3DScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    int mode = m_mode == Mode::Plane ? 0 : 1;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::Combo("mode", &mode, "onto a plane\0least-squares plane\0"))
        setParam("mode", std::string(mode == 0 ? "plane" : "least_squares"));
    refresh();
    auto editVec = [&](const char* label, const char* name, const Eigen::Vector3d& v,
                       widgets::MatrixEditorState& st, Color c) {
        // Edited as a row (compact); the parameter stays a column.
        Eigen::MatrixXd m = v.transpose();
        ImGui::TextUnformatted(label);
        ImGui::SameLine();
        if (widgets::matrixEditor(name, m, st, {c, c, c}, pal, 56.0f)) {
            const std::string err = setParam(name, Eigen::MatrixXd(m.transpose()));
            if (!err.empty()) st.error = err;
        }
    };
    if (m_mode == Mode::Plane) {
        widgets::sectionHeader("Vectors", pal);
        editVec("b ", "b", m_b, m_bEditor, pal.vector);
        editVec("u\u2081", "u1", m_u1, m_u1Editor, pal.jHat);
        editVec("u\u2082", "u2", m_u2, m_u2Editor, pal.iHat);
        const decomp::PlaneProjection& pr = m_proj;
        widgets::sectionHeader("Readouts", pal);
        widgets::readoutRow("dim span", std::to_string(pr.dimension),
                            "np.linalg.matrix_rank(np.column_stack([u1, u2]))", pal);
        for (int j = 0; j < pr.dimension; ++j)
            widgets::readoutRow(j == 0 ? "q\u2081" : "q\u2082", vec3(pr.Q.col(j)),
                                j == 0 ? "Q, R = np.linalg.qr(np.column_stack([u1, u2]))" : nullptr,
                                pal);
        std::string p;
        for (int i = 0; i < 3; ++i)
            p += std::string(i ? ", " : "[") + "[" + prettyNumber(pr.projector(i, 0), 4) + ", " +
                 prettyNumber(pr.projector(i, 1), 4) + ", " + prettyNumber(pr.projector(i, 2), 4) +
                 "]";
        widgets::readoutRow("P", p + "]", "P = Q @ Q.T", pal);
        widgets::readoutRow("p = Pb", vec3(pr.p), "p = P @ b", pal);
        widgets::readoutRow("b \u2212 p", vec3(pr.residual), "r = b - p", pal);
        widgets::readoutRow("|P\u00b2 \u2212 P|", prettyNumber(pr.idempotenceError, 2),
                            "np.abs(P @ P - P).max()", pal);
    } else {
        widgets::sectionHeader("Cloud", pal);
        int n = m_count;
        if (ImGui::SliderInt("points", &n, 1, 200)) setParam("count", double(n));
        float noise = float(m_noise);
        if (ImGui::SliderFloat("noise", &noise, 0.0f, 5.0f, "%.2f"))
            setParam("noise", double(std::round(noise * 100) / 100));
        int seed = int(m_seed);
        if (ImGui::InputInt("seed", &seed) && seed >= 0) setParam("seed", double(seed));
        editVec("a, b, c", "true_plane", m_truePlane, m_planeEditor, pal.textDim);
        if (m_custom) {
            ImGui::TextDisabled("showing your own %d points", int(m_points.rows()));
            if (ImGui::Button("back to the seeded cloud")) setParam("noise", m_noise);
        }
        const decomp::PlaneFit& f = m_fit;
        widgets::sectionHeader("Readouts", pal);
        widgets::readoutRow("a, b, c", vec3(f.coefficients, 5),
                            "np.linalg.lstsq(X, z, rcond=None)[0]", pal);
        widgets::readoutRow("rank of X", std::to_string(f.rank), "np.linalg.matrix_rank(X)", pal);
        widgets::readoutRow("\u2016z \u2212 p\u2016", prettyNumber(f.residualNorm, 5),
                            "np.linalg.norm(z - X @ coef)", pal);
        if (!f.explanation.empty()) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored({pal.warning.r, pal.warning.g, pal.warning.b, 1}, "%s",
                               f.explanation.c_str());
            ImGui::PopTextWrapPos();
        }
    }
    widgets::sectionHeader("View", pal);
    if (ImGui::Button("Reset view")) m_stage.resetView(m_yawDeg * kDeg, m_pitchDeg * kDeg);
    bool changed = ImGui::Checkbox("labels", &m_showLabels);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("overlay", &m_showHud);
    if (changed) touch();
}

} // namespace linscape::scenes
