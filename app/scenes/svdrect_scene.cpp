// The rectangular SVD scene's state, parameters, captions, input and panel; drawing lives in
// svdrect_draw.cpp. Signs: the engine's canonical SVD, with (u₂, v₂) negated together when that
// makes both factors rotations (see svdrect_math.h); world z is up, right-handed.
#include "scenes/svdrect_scene.h"

#include "scenes/draw2d.h"
#include "widgets/widgets.h"

#include <Eigen/Dense>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace linscape::scenes {
namespace {

std::string num(double x) {
    return prettyNumber(std::abs(x) < 1e-12 ? 0.0 : x, 3);
}

std::string deg(double radians) {
    return num(radians * 180.0 / std::numbers::pi) + "\u00b0";
}

std::string vec(const Eigen::VectorXd& v) {
    std::string s = "(";
    for (Eigen::Index i = 0; i < v.size(); ++i)
        s += (i ? ", " : "") + num(v(i));
    return s + ")";
}

Eigen::MatrixXd defaultTall() {
    Eigen::MatrixXd a(3, 2);
    a << 1.3, 0.2, 0.3, 1.0, 0.1, -0.73;
    return a;
}

Eigen::MatrixXd defaultWide() {
    Eigen::MatrixXd a(2, 3);
    a << 1.3, 0.5, 0.4, -0.3, 0.9, 0.6;
    return a;
}

} // namespace

SvdRectScene::SvdRectScene() {
    reset();
}

void SvdRectScene::reset() {
    m_tall = true;
    m_a32 = defaultTall();
    m_a23 = defaultWide();
    m_duration = 6.0;
    m_t = m_duration;
    m_showSurface = m_showVectors = m_showDirect = m_showLabels = true;
    m_showHud = m_showCaption = m_showAxes = true;
    m_camera = render::OrbitCamera{};
    m_camera.yaw = 0.65;
    m_camera.pitch = 0.42;
    m_dragging = false;
    touch();
    update(m_t);
}

std::vector<ParamSpec> SvdRectScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec shape;
    shape.name = "shape";
    shape.type = ParamType::Choice;
    shape.choices = {"3x2", "2x3"};
    shape.help = "3x2 lifts the plane into space; 2x3 flattens space onto the plane";
    p.push_back(shape);
    ParamSpec a;
    a.name = "A";
    a.type = ParamType::Matrix;
    a.minRows = a.minCols = 2;
    a.maxRows = a.maxCols = 3;
    a.help = "the 3x2 or 2x3 matrix, shown as U \u03a3 V\u1d40 (its shape sets `shape`)";
    p.push_back(a);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "length of the three stages together, in seconds";
    p.push_back(dur);
    for (const char* b : {"show_surface", "show_vectors", "show_direct", "show_labels", "show_hud",
                          "show_caption", "show_axes"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> SvdRectScene::param(const std::string& name) const {
    if (name == "shape") return ParamValue(std::string(m_tall ? "3x2" : "2x3"));
    if (name == "A") return ParamValue(matrix());
    if (name == "duration") return ParamValue(m_duration);
    if (name == "show_surface") return ParamValue(m_showSurface);
    if (name == "show_vectors") return ParamValue(m_showVectors);
    if (name == "show_direct") return ParamValue(m_showDirect);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    if (name == "show_caption") return ParamValue(m_showCaption);
    if (name == "show_axes") return ParamValue(m_showAxes);
    return std::nullopt;
}

std::string SvdRectScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "A") {
        const Eigen::MatrixXd& a = std::get<Eigen::MatrixXd>(value);
        const bool tall = a.rows() == 3 && a.cols() == 2, wide = a.rows() == 2 && a.cols() == 3;
        if (!tall && !wide)
            return "A is " + std::to_string(a.rows()) + "x" + std::to_string(a.cols()) +
                   ": this scene takes a 3x2 or a 2x3 matrix (scene svd takes 2x2, svd3d 3x3)";
        for (Eigen::Index c = 0; c < a.cols(); ++c)
            for (Eigen::Index r = 0; r < a.rows(); ++r)
                if (!std::isfinite(a(r, c)))
                    return "A: the entry at row " + std::to_string(r + 1) + ", column " +
                           std::to_string(c + 1) + " is " +
                           (std::isnan(a(r, c)) ? "NaN" : "infinite") +
                           "; every entry must be a finite number";
        if (a.cwiseAbs().maxCoeff() > 1e6)
            return "A: entries must lie between \u22121000000 and 1000000";
        m_tall = tall;
        (tall ? m_a32 : m_a23) = a;
    } else if (name == "shape") {
        // The same shape again keeps the matrix (a lesson may set A first, then its shape).
        m_tall = std::get<std::string>(value) == "3x2";
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else {
        const bool b = std::get<bool>(value);
        if (name == "show_surface") m_showSurface = b;
        if (name == "show_vectors") m_showVectors = b;
        if (name == "show_direct") m_showDirect = b;
        if (name == "show_labels") m_showLabels = b;
        if (name == "show_hud") m_showHud = b;
        if (name == "show_caption") m_showCaption = b;
        if (name == "show_axes") m_showAxes = b;
    }
    update(m_t);
    return {};
}

void SvdRectScene::refresh() const {
    const Eigen::MatrixXd& a = matrix();
    if (m_analysis && m_cachedMatrix.rows() == a.rows() && m_cachedMatrix.cols() == a.cols() &&
        m_cachedMatrix == a)
        return;
    m_cachedMatrix = a;
    m_analysis.reset();
    m_radius = 1;
    auto r = engine::analyze(a);
    if (r.ok()) {
        m_analysis = std::move(r).value();
        m_svd = decomp::rectSvd(a, *m_analysis);
        // Rotations keep lengths; the scale stage moves each axis between 1 and σᵢ.
        m_radius = std::max(1.0, m_svd.sigma(0));
    } else {
        m_svd = decomp::rectSvd(Eigen::MatrixXd(), engine::Analysis{});
    }
}

const decomp::RectSvd& SvdRectScene::factors() const {
    refresh();
    return m_svd;
}

std::vector<TimelineStage> SvdRectScene::stages() const {
    const double d = m_duration;
    return {{"1 \u00b7 V\u1d40 rotates", 0, d / 3},
            {m_tall ? "2 \u00b7 \u03a3 scales, lifts" : "2 \u00b7 \u03a3 scales, drops z", d / 3,
             2 * d / 3},
            {"3 \u00b7 U rotates", 2 * d / 3, d}};
}

void SvdRectScene::update(double t) {
    refresh();
    m_t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, m_duration);
    m_progress = m_duration > 0 && m_t < m_duration ? 3.0 * m_t / m_duration : 3.0;
    m_current = decomp::rectStageMatrix(m_svd, m_progress);
}

std::string SvdRectScene::shapeLine() const {
    return m_tall ? "(3,2) = (3,3)(3,2)(2,2)" : "(2,3) = (2,2)(2,3)(3,3)";
}

std::string SvdRectScene::caption() const {
    refresh();
    if (!m_analysis) return "The SVD of this matrix is out of range.";
    const decomp::RectSvd& r = m_svd;
    const double p = m_progress;
    const double s1 = r.sigma(0), s2 = r.sigma(1);
    const bool zero = s1 <= r.tolerance;
    std::string s;
    if (m_tall) {
        if (p <= 0)
            s = "A is 3x2: it takes the plane R\u00b2 into space R\u00b3. V\u1d40 turns the "
                "plane, \u03a3 scales it and sets it into space as z = 0, U turns space.";
        else if (p < 1)
            s = "1 \u00b7 V\u1d40 turns the plane by " + deg(decomp::planeAngle(r)) +
                ": v\u2081, v\u2082 turn onto x and y.";
        else if (p < 2)
            s = "2 \u00b7 \u03a3 (3x2) stretches x by " + num(s1) + " and y by " + num(s2) +
                " and places the plane in R\u00b3 as its z = 0 plane (third row of \u03a3: 0).";
        else if (p < 3)
            s = "3 \u00b7 U turns space by " + deg(r.stages.angleU) + " about " +
                vec(r.stages.axisU) +
                ": x, y land on u\u2081, u\u2082; the plane tilts onto "
                "the column space.";
        else if (zero)
            s = "U\u03a3V\u1d40 ends where A sends the circle directly: at the origin.";
        else if (r.rank == 1)
            s = "U\u03a3V\u1d40 ends where A sends the circle directly (dashed): a segment of "
                "half-length " +
                num(s1) + " along u\u2081 " + vec(r.U.col(0)) + ".";
        else
            s = "U\u03a3V\u1d40 ends where A sends the circle directly (dashed): an ellipse "
                "with semi-axes " +
                num(s1) + ", " + num(s2) + " on the plane of u\u2081, u\u2082; u\u2083 " +
                vec(r.U.col(2)) + " is normal to it: no x reaches that direction.";
        if (zero)
            s += " A = 0: every vector goes to the origin; U and V are then any rotations "
                 "(Linscape keeps the axes).";
        else if (r.rank == 1)
            s += " Rank 1 (a zero column or parallel columns): \u03c3\u2082 = 0 and v\u2082 " +
                 vec(r.Vt.row(1).transpose()) + " goes to 0 (the null space).";
    } else {
        if (p <= 0)
            s = "A is 2x3: it flattens space R\u00b3 onto the plane R\u00b2. V\u1d40 turns "
                "space, \u03a3 scales x, y and drops z, U turns the plane.";
        else if (p < 1)
            s = "1 \u00b7 V\u1d40 turns space by " + deg(r.stages.angleVt) + " about " +
                vec(r.stages.axisVt) + ": v\u2081, v\u2082, v\u2083 turn onto x, y, z.";
        else if (p < 2)
            s = "2 \u00b7 \u03a3 (2x3) stretches x by " + num(s1) + ", y by " + num(s2) +
                " and drops z: the sphere flattens onto a filled ellipse; v\u2083 " +
                vec(r.Vt.row(2).transpose()) + " (the null space) collapses to 0.";
        else if (p < 3)
            s = "3 \u00b7 U turns the plane by " + deg(decomp::planeAngle(r)) +
                ": x, y land on u\u2081, u\u2082, the ellipse's axes.";
        else if (zero)
            s = "U\u03a3V\u1d40 ends where A sends the sphere directly: at the origin.";
        else if (r.rank == 1)
            s = "U\u03a3V\u1d40 ends where A sends the sphere directly (dashed): a segment of "
                "half-length " +
                num(s1) + " along u\u2081 " + vec(r.U.col(0)) + ".";
        else
            s = "U\u03a3V\u1d40 ends where A sends the sphere directly (dashed): a filled ellipse "
                "with semi-axes " +
                num(s1) + ", " + num(s2) +
                "; A v\u2083 = 0 for v\u2083 = " + vec(r.Vt.row(2).transpose()) + ".";
        if (zero)
            s += " A = 0: all of space goes to the origin; U and V are then any rotations "
                 "(Linscape keeps the axes).";
        else if (r.rank == 1)
            s += " Rank 1 (parallel rows): \u03c3\u2082 = 0 and the null space is the plane of "
                 "v\u2082, v\u2083.";
    }
    if (r.repeated)
        s += " \u03c3\u2081 = \u03c3\u2082: the singular vectors are not unique; Linscape keeps "
             "those nearest the axes.";
    // With σ₂ = 0 the second pair is arbitrary anyway: the sign is not worth a sentence.
    if (r.pairFlipped && p > 0 && r.rank == 2)
        s += " (u\u2082, v\u2082) are negated together so both factors rotate; NumPy may "
             "show other signs.";
    return s;
}

void SvdRectScene::input(const ViewportInput& in, const SceneContext&) {
    if (in.pressed[0] && in.hovered) {
        m_dragging = true;
        m_lastMouse = in.mouse;
    }
    if (m_dragging) {
        if (!in.down[0]) {
            m_dragging = false;
            return;
        }
        const Vec2 d = in.mouse - m_lastMouse;
        m_lastMouse = in.mouse;
        m_camera.orbit(-double(d.x()) * 0.01, double(d.y()) * 0.01);
    }
}

std::string SvdRectScene::statusLine() const {
    return m_tall ? "Drag to orbit \u00b7 3x2: the plane goes into space \u00b7 dashed: A applied "
                    "directly"
                  : "Drag to orbit \u00b7 2x3: space flattens onto the plane \u00b7 dashed: A "
                    "applied directly";
}

void SvdRectScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Shape", pal);
    int shape = m_tall ? 0 : 1;
    bool shapeChanged = ImGui::RadioButton("3x2 (plane into space)", &shape, 0);
    shapeChanged |= ImGui::RadioButton("2x3 (space onto the plane)", &shape, 1);
    if (shapeChanged) setParam("shape", std::string(shape == 0 ? "3x2" : "2x3"));
    widgets::sectionHeader("Matrix A", pal);
    Eigen::MatrixXd a = matrix();
    if (widgets::matrixEditor("A", a, m_editor, {pal.iHat, pal.jHat, pal.kHat}, pal, 60.0f))
        if (const std::string why = setParam("A", a); !why.empty()) m_editor.error = why;
    widgets::sectionHeader("Show", pal);
    bool changed = false;
    changed |= ImGui::Checkbox(m_tall ? "disc and grid" : "sphere", &m_showSurface);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("singular vectors", &m_showVectors);
    changed |= ImGui::Checkbox("A directly (dashed)", &m_showDirect);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("axes", &m_showAxes);
    changed |= ImGui::Checkbox("labels", &m_showLabels);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("overlay", &m_showHud);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("caption", &m_showCaption);
    if (changed) touch();
    refresh();
    if (!m_analysis) return;
    const decomp::RectSvd& r = m_svd;
    widgets::sectionHeader("SVD", pal);
    widgets::readoutRow("shapes", shapeLine(), "U, S, Vt = np.linalg.svd(A)  # full_matrices=True",
                        pal);
    widgets::readoutRow("singular values", num(r.sigma(0)) + ",  " + num(r.sigma(1)),
                        "np.linalg.svd(A, compute_uv=False)", pal);
    widgets::readoutRow("\u03a3",
                        m_tall ? "3x2, diag(\u03c3) on top, a row of 0"
                               : "2x3, diag(\u03c3) and a column of 0",
                        "Sigma = np.zeros(A.shape); np.fill_diagonal(Sigma, S)", pal);
    if (m_tall)
        widgets::readoutRow("u\u2083 (normal)", vec(r.U.col(2)), "U[:, 2]", pal);
    else
        widgets::readoutRow("v\u2083 (null space)", vec(r.Vt.row(2).transpose()), "Vt[2]", pal);
    widgets::sectionHeader("Readouts", pal);
    widgets::analysisReadouts(*m_analysis, "A", pal);
}

} // namespace linscape::scenes
