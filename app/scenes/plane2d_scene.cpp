// The 2D linear-map scene; see plane2d_scene.h. Conventions: column vectors, î = A e1 is the first
// column, ĵ = A e2 the second; world y points up.
#include "scenes/plane2d_scene.h"

#include "engine/matrix_parse.h"
#include "scenes/draw2d.h"
#include "widgets/widgets.h"

#include <Eigen/Dense>
#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {

Plane2DScene::Plane2DScene() {
    reset();
}

void Plane2DScene::reset() {
    m_a << 2, 1, 0, 1.5; // a first picture with everything visible: shear, stretch, det 3
    m_b << 0, -1, 1, 0;  // a quarter turn: composing with it shows order matters
    m_v = {1, 2};
    m_mode = PlaneMode::Map;
    m_preset = PlanePreset::Custom;
    m_presetValues = {};
    m_path = engine::PathKind::Linear;
    m_duration = 2.0;
    m_t = duration();
    m_showGrid = m_showOriginal = m_showSquare = m_showLabels = m_showHud = m_showTicks = true;
    m_showVector = false;
    m_zoom = 1.0;
    m_drag = m_hover = DragTarget::None;
    m_held.clear();
    m_current = m_a;
    m_currentRight = m_b * m_a;
    touch();
}

double Plane2DScene::duration() const {
    return planFor(m_mode, m_a, m_b, m_duration).duration;
}

std::vector<TimelineStage> Plane2DScene::stages() const {
    return planFor(m_mode, m_a, m_b, m_duration).stages;
}

std::vector<ParamSpec> Plane2DScene::params() const {
    std::vector<ParamSpec> p;
    auto matrix = [&](const char* name, int rows, int cols, const char* help) {
        ParamSpec m;
        m.name = name;
        m.type = ParamType::Matrix;
        m.rows = rows;
        m.cols = cols;
        m.help = help;
        p.push_back(m);
    };
    auto number = [&](const char* name, double lo, double hi, const char* help) {
        ParamSpec n;
        n.name = name;
        n.type = ParamType::Number;
        n.minValue = lo;
        n.maxValue = hi;
        n.help = help;
        p.push_back(n);
    };
    auto choice = [&](const char* name, std::vector<std::string> choices, const char* help) {
        ParamSpec c;
        c.name = name;
        c.type = ParamType::Choice;
        c.choices = std::move(choices);
        c.help = help;
        p.push_back(c);
    };
    matrix("A", 2, 2, "the 2x2 matrix; its columns are where î and ĵ land");
    matrix("v", 2, 1, "a vector drawn with its image Av (show_vector)");
    choice("mode", planeModeNames(),
           "map: I to A; compose: first B, then A; commute: AB next to BA; inverse: A, then "
           "A^-1 undoing it; transpose: I to A^T");
    matrix("matrix_b", 2, 2, "the second matrix B for compose and commute (AB = first B, then A)");
    choice("preset", planePresetNames(),
           "sets A from a named family and the sliders below (custom: A as typed)");
    number("theta", -360, 360,
           "degrees: the rotation angle, or the line's angle for reflection, projection and "
           "singular");
    number("scale_x", -10, 10, "scale: the x factor; singular: the length of î on the line");
    number("scale_y", -10, 10, "scale: the y factor; singular: the length of ĵ on the line");
    number("shear", -10, 10, "shear: k in [[1, k], [0, 1]]");
    number("seed", 0, 1e9, "random: the seed (the same seed gives the same matrix)");
    choice("path", {"linear", "polar", "svd"}, "how the animation travels from I to A");
    number("duration", 0, 60, "animation length in seconds (per stage)");
    for (const char* b : {"show_grid", "show_original_grid", "show_square", "show_vector",
                          "show_labels", "show_hud", "show_ticks"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> Plane2DScene::param(const std::string& name) const {
    const PresetValues& pv = m_presetValues;
    if (name == "A") return ParamValue(Eigen::MatrixXd(m_a));
    if (name == "v") return ParamValue(Eigen::MatrixXd(m_v));
    if (name == "mode") return ParamValue(planeModeNames()[size_t(m_mode)]);
    if (name == "matrix_b") return ParamValue(Eigen::MatrixXd(m_b));
    if (name == "preset") return ParamValue(planePresetNames()[size_t(m_preset)]);
    if (name == "theta") return ParamValue(pv.thetaDeg);
    if (name == "scale_x") return ParamValue(pv.scaleX);
    if (name == "scale_y") return ParamValue(pv.scaleY);
    if (name == "shear") return ParamValue(pv.shear);
    if (name == "seed") return ParamValue(double(pv.seed));
    if (name == "path") return ParamValue(std::string(engine::pathKindName(m_path)));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "show_grid") return ParamValue(m_showGrid);
    if (name == "show_original_grid") return ParamValue(m_showOriginal);
    if (name == "show_square") return ParamValue(m_showSquare);
    if (name == "show_vector") return ParamValue(m_showVector);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    if (name == "show_ticks") return ParamValue(m_showTicks);
    return std::nullopt;
}

std::string Plane2DScene::applyParam(const std::string& name, const ParamValue& value) {
    PresetValues& pv = m_presetValues;
    auto choiceIndex = [&](const std::vector<std::string>& names) {
        const auto it = std::find(names.begin(), names.end(), std::get<std::string>(value));
        return int(it - names.begin());
    };
    if (name == "A") {
        setMatrix(std::get<Eigen::MatrixXd>(value));
        m_preset = PlanePreset::Custom; // a typed or dragged matrix leaves the preset family
    } else if (name == "v") {
        m_v = std::get<Eigen::MatrixXd>(value).col(0);
    } else if (name == "mode") {
        m_mode = PlaneMode(choiceIndex(planeModeNames()));
    } else if (name == "matrix_b") {
        m_b = std::get<Eigen::MatrixXd>(value);
    } else if (name == "preset") {
        m_preset = PlanePreset(choiceIndex(planePresetNames()));
        applyPreset();
    } else if (name == "theta" || name == "scale_x" || name == "scale_y" || name == "shear" ||
               name == "seed") {
        const double x = std::get<double>(value);
        if (name == "seed" && x != std::floor(x)) return "seed must be a whole number";
        if (name == "theta") pv.thetaDeg = x;
        if (name == "scale_x") pv.scaleX = x;
        if (name == "scale_y") pv.scaleY = x;
        if (name == "shear") pv.shear = x;
        if (name == "seed") pv.seed = std::uint64_t(x);
        applyPreset();
    } else if (name == "path") {
        engine::parsePathKind(std::get<std::string>(value), m_path);
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else {
        const bool b = std::get<bool>(value);
        if (name == "show_grid") m_showGrid = b;
        if (name == "show_original_grid") m_showOriginal = b;
        if (name == "show_square") m_showSquare = b;
        if (name == "show_vector") m_showVector = b;
        if (name == "show_labels") m_showLabels = b;
        if (name == "show_hud") m_showHud = b;
        if (name == "show_ticks") m_showTicks = b;
    }
    return {};
}

void Plane2DScene::applyPreset() {
    if (m_preset != PlanePreset::Custom) setMatrix(presetMatrix(m_preset, m_presetValues));
}

void Plane2DScene::setMatrix(const Eigen::Matrix2d& a) {
    if (!a.allFinite()) return;
    m_a = a;
}

const engine::Analysis* Plane2DScene::analysis() const {
    if (m_analysisVersion != version() || !m_analysis) {
        auto r = engine::analyze(m_a);
        m_analysis.reset();
        if (r.ok()) m_analysis = std::move(r).value();
        m_analysisVersion = version();
    }
    return m_analysis ? &*m_analysis : nullptr;
}

const engine::Analysis* Plane2DScene::analysisOf(const Eigen::Matrix2d& m) const {
    if (m == m_a) return analysis();
    for (const CachedAnalysis& c : m_analysisCache)
        if (c.m == m) return c.a ? &*c.a : nullptr;
    if (m_analysisCache.size() >= 8) m_analysisCache.pop_front(); // the oldest is not in use
    CachedAnalysis c;
    c.m = m;
    auto r = engine::analyze(m);
    if (r.ok()) c.a = std::move(r).value();
    m_analysisCache.push_back(std::move(c));
    return m_analysisCache.back().a ? &*m_analysisCache.back().a : nullptr;
}

std::string Plane2DScene::inverseRefusalText() const {
    return m_mode == PlaneMode::Inverse ? inverseRefusal(m_a) : std::string();
}

bool Plane2DScene::atEnd() const {
    return m_drag != DragTarget::None || m_duration <= 0 || m_t >= duration();
}

void Plane2DScene::update(double t) {
    m_t = std::clamp(t, 0.0, duration());
    const double tt = m_drag != DragTarget::None ? duration() : m_t;
    m_current = planeMatrixAt(m_mode, m_a, m_b, m_duration, tt, m_path, 0);
    m_currentRight = planeMatrixAt(m_mode, m_a, m_b, m_duration, tt, m_path, 1);
}

void Plane2DScene::input(const ViewportInput& in, const SceneContext&) {
    const View2D& view = m_view;
    auto near = [&](const Eigen::Vector2d& w) {
        return (view.toScreen(w) - in.mouse).norm() < 16.0f;
    };
    auto tipOf = [&](DragTarget t) -> Eigen::Vector2d {
        return t == DragTarget::IHat ? m_a.col(0) : t == DragTarget::JHat ? m_a.col(1) : m_v;
    };
    if (m_drag == DragTarget::None) {
        m_hover = DragTarget::None;
        if (in.hovered && m_mode == PlaneMode::Map) {
            if (near(m_a.col(0)))
                m_hover = DragTarget::IHat;
            else if (near(m_a.col(1)))
                m_hover = DragTarget::JHat;
            else if (m_showVector && near(m_v))
                m_hover = DragTarget::Vector;
        }
        if (in.pressed[0] && m_hover != DragTarget::None) {
            m_drag = m_hover;
            // The tip keeps its offset from the cursor (no jump on the first move), and the
            // framing holds still until the drag ends, so the tip stays under the cursor.
            m_grabOffset = tipOf(m_drag) - view.toWorld(in.mouse);
            m_held.hold(view);
        }
        if (in.hovered && in.wheel != 0) {
            m_zoom = std::clamp(m_zoom * std::pow(1.15, double(in.wheel)), 0.05, 20.0);
            touch();
        }
    }
    if (m_drag != DragTarget::None) {
        if (!in.down[0]) {
            m_drag = DragTarget::None;
            m_held.release(); // ease to the framing of the new matrix
            return;
        }
        const Eigen::Vector2d w = dragWorldPoint(view, in.mouse, m_grabOffset, in.shift);
        if (!w.allFinite()) return;
        Eigen::Matrix2d a = m_a;
        if (m_drag == DragTarget::IHat) a.col(0) = w;
        if (m_drag == DragTarget::JHat) a.col(1) = w;
        if (m_drag == DragTarget::Vector) {
            if (w != m_v) {
                m_v = w;
                touch();
            }
            return;
        }
        if (a != m_a) setParam("A", Eigen::MatrixXd(a));
    }
}

std::string Plane2DScene::statusLine() const {
    if (m_drag == DragTarget::IHat) return "Dragging \u00ee: the first column of A";
    if (m_drag == DragTarget::JHat) return "Dragging \u0135: the second column of A";
    if (m_mode != PlaneMode::Map)
        return "Type entries in the panel \u00b7 switch the mode to map to drag \u00ee and "
               "\u0135 \u00b7 wheel zooms";
    return "Drag the tips of \u00ee and \u0135 \u00b7 Shift snaps to the grid \u00b7 wheel zooms";
}

void Plane2DScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float fs = ImGui::GetFontSize();
    widgets::sectionHeader("Mode", pal);
    int mode = int(m_mode);
    ImGui::SetNextItemWidth(fs * 14);
    if (ImGui::Combo("##mode", &mode,
                     "map: I \u2192 A\0compose: first B, then A\0commute: AB next to BA\0"
                     "inverse: A, then A\u207b\u00b9\0transpose: A\u1d40\0"))
        setParam("mode", planeModeNames()[size_t(mode)]);

    widgets::sectionHeader("Matrix A", pal);
    Eigen::MatrixXd a = m_a;
    if (widgets::matrixEditor("A", a, m_editor, {pal.iHat, pal.jHat}, pal)) setParam("A", a);
    ImGui::TextDisabled("columns: where \u00ee and \u0135 land");
    int preset = int(m_preset);
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::Combo("preset", &preset,
                     "custom\0rotation\0scale\0shear\0reflection\0projection\0singular\0"
                     "random\0"))
        setParam("preset", planePresetNames()[size_t(preset)]);
    PresetValues pv = m_presetValues;
    auto slider = [&](const char* label, const char* param, double& value, float lo, float hi,
                      const char* format) {
        float f = float(value);
        ImGui::SetNextItemWidth(fs * 11);
        if (ImGui::SliderFloat(label, &f, lo, hi, format)) setParam(param, double(f));
    };
    switch (m_preset) {
    case PlanePreset::Rotation:
        slider("angle", "theta", pv.thetaDeg, -180, 180, "%.0f\u00b0");
        break;
    case PlanePreset::Reflection:
    case PlanePreset::Projection:
        slider("line angle", "theta", pv.thetaDeg, -90, 90, "%.0f\u00b0");
        break;
    case PlanePreset::Scale:
        slider("x factor", "scale_x", pv.scaleX, -3, 3, "%.2f");
        slider("y factor", "scale_y", pv.scaleY, -3, 3, "%.2f");
        break;
    case PlanePreset::Shear:
        slider("k", "shear", pv.shear, -3, 3, "%.2f");
        break;
    case PlanePreset::Singular:
        slider("line angle", "theta", pv.thetaDeg, -90, 90, "%.0f\u00b0");
        slider("|\u00ee|", "scale_x", pv.scaleX, -3, 3, "%.2f");
        slider("|\u0135|", "scale_y", pv.scaleY, -3, 3, "%.2f");
        break;
    case PlanePreset::Random: {
        int seed = int(std::min<std::uint64_t>(pv.seed, 1000000));
        ImGui::SetNextItemWidth(fs * 6);
        if (ImGui::InputInt("seed", &seed) && seed >= 0) setParam("seed", double(seed));
        break;
    }
    case PlanePreset::Custom:
        break;
    }

    if (m_mode == PlaneMode::Compose || m_mode == PlaneMode::Commute) {
        widgets::sectionHeader("Matrix B (applied first in AB)", pal);
        Eigen::MatrixXd b = m_b;
        if (widgets::matrixEditor("B", b, m_editorB, {}, pal)) setParam("matrix_b", b);
    }

    widgets::sectionHeader("Show", pal);
    bool changed = false;
    changed |= ImGui::Checkbox("grid", &m_showGrid);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("original grid", &m_showOriginal);
    changed |= ImGui::Checkbox("unit square", &m_showSquare);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("vector v", &m_showVector);
    changed |= ImGui::Checkbox("labels", &m_showLabels);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("overlay", &m_showHud);
    if (changed) touch();
    int path = int(m_path);
    ImGui::SetNextItemWidth(fs * 8);
    if (ImGui::Combo("path", &path, "linear\0polar (rigid rotations)\0svd\0")) {
        m_path = engine::PathKind(path);
        touch();
    }
    widgets::helpMarker("How the animation travels from the identity to A. Linear blends the "
                        "entries; polar and svd keep rotations rigid.");

    widgets::sectionHeader("Readouts", pal);
    const char* symbol = "A";
    Eigen::Matrix2d shown = m_a;
    switch (m_mode) {
    case PlaneMode::Map:
    case PlaneMode::Inverse:
        widgets::readoutRow("shape rule", "(2,2) @ (2,1) -> (2,1)", "A @ v", pal);
        break;
    case PlaneMode::Compose:
    case PlaneMode::Commute:
        widgets::readoutRow("shape rule", "(2,2) @ (2,2) -> (2,2)", "A @ B", pal);
        // Named, so each NumPy line below is valid as written ("AB.shape", not "A @ B.shape").
        widgets::readoutRow("AB", "first B, then A; the readouts below are of AB", "AB = A @ B",
                            pal);
        symbol = "AB";
        shown = m_a * m_b;
        break;
    case PlaneMode::Transpose:
        widgets::readoutRow("shape rule", "(2,2).T -> (2,2)", "A.T", pal);
        symbol = "A.T";
        shown = m_a.transpose();
        break;
    }
    if (m_mode == PlaneMode::Commute)
        widgets::readoutRow("AB == BA", (m_a * m_b).isApprox(m_b * m_a) ? "yes" : "no",
                            "np.allclose(A @ B, B @ A)", pal);
    if (m_mode == PlaneMode::Inverse) {
        const std::string why = inverseRefusal(m_a);
        if (!why.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text,
                                  ImVec4(pal.warning.r, pal.warning.g, pal.warning.b, 1));
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(why.c_str());
            ImGui::PopTextWrapPos();
            ImGui::PopStyleColor();
        }
    }
    if (const engine::Analysis* an = analysisOf(shown)) widgets::analysisReadouts(*an, symbol, pal);
}

} // namespace linscape::scenes
