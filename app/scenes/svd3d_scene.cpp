// The 3D SVD scene; see svd3d_scene.h. Same sign convention as the planar one (U, V rotations,
// a reflection as the negative last entry of Σ). World z is up, right-handed; the camera orbits.
#include "scenes/svd3d_scene.h"

#include "engine/interpolation.h"
#include "scenes/draw2d.h"
#include "scenes/draw_decomp.h"
#include "widgets/widgets.h"

#include <Eigen/Dense>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace linscape::scenes {
namespace {

constexpr double kPi = std::numbers::pi;
const char* const kSub[3] = {"\u2081", "\u2082", "\u2083"};

std::string num(double x) {
    return prettyNumber(std::abs(x) < 1e-12 ? 0.0 : x, 3);
}

std::string deg(double radians) {
    return num(radians * 180.0 / kPi) + "\u00b0";
}

std::string vec(const Eigen::Vector3d& v) {
    return "(" + num(v.x()) + ", " + num(v.y()) + ", " + num(v.z()) + ")";
}

int stageOf(double p) {
    return std::clamp(int(std::floor(p)), 0, 2);
}

} // namespace

Svd3DScene::Svd3DScene() {
    reset();
}

void Svd3DScene::reset() {
    // Three distinct singular values and two visible rotations.
    m_a << 1.8, 0.6, 0.2, -0.3, 1.2, 0.5, 0.2, -0.4, 0.7;
    m_duration = 6.0;
    m_t = m_duration;
    m_showSphere = m_showVectors = m_showDirect = m_showLabels = true;
    m_showHud = m_showCaption = m_showAxes = true;
    m_camera = render::OrbitCamera{};
    m_camera.yaw = 0.65;
    m_camera.pitch = 0.38;
    m_dragging = false;
    touch();
    update(m_t);
}

std::vector<ParamSpec> Svd3DScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec a;
    a.name = "A";
    a.type = ParamType::Matrix;
    a.rows = a.cols = 3;
    a.help = "the 3x3 matrix, shown as U Σ Vᵀ";
    p.push_back(a);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "length of the three stages together, in seconds";
    p.push_back(dur);
    for (const char* b : {"show_sphere", "show_vectors", "show_direct", "show_labels", "show_hud",
                          "show_caption", "show_axes"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> Svd3DScene::param(const std::string& name) const {
    if (name == "A") return ParamValue(Eigen::MatrixXd(m_a));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "show_sphere") return ParamValue(m_showSphere);
    if (name == "show_vectors") return ParamValue(m_showVectors);
    if (name == "show_direct") return ParamValue(m_showDirect);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    if (name == "show_caption") return ParamValue(m_showCaption);
    if (name == "show_axes") return ParamValue(m_showAxes);
    return std::nullopt;
}

std::string Svd3DScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "A") {
        const Eigen::Matrix3d a = std::get<Eigen::MatrixXd>(value);
        if (!a.allFinite()) return "A: every entry must be a finite number";
        m_a = a;
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else {
        const bool b = std::get<bool>(value);
        if (name == "show_sphere") m_showSphere = b;
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

void Svd3DScene::refresh() const {
    if (m_cachedMatrix == m_a && m_analysis) return;
    m_cachedMatrix = m_a;
    auto r = engine::analyze(m_a);
    m_analysis.reset();
    m_stages = {};
    m_radius = 1;
    if (r.ok()) {
        m_analysis = std::move(r).value();
        m_stages = decomp::svdStages3(m_analysis->svd);
        // Rotations keep lengths and the scale stage moves each axis between 1 and |S_i|.
        m_radius = std::max(1.0, m_analysis->svd.singularValues(0));
    }
}

const decomp::SvdStages3& Svd3DScene::factors() const {
    refresh();
    return m_stages;
}

std::vector<TimelineStage> Svd3DScene::stages() const {
    const double d = m_duration;
    return {{"1 \u00b7 V\u1d40 rotates", 0, d / 3},
            {"2 \u00b7 \u03a3 scales", d / 3, 2 * d / 3},
            {"3 \u00b7 U rotates", 2 * d / 3, d}};
}

void Svd3DScene::update(double t) {
    refresh();
    m_t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, m_duration);
    m_progress = m_duration > 0 && m_t < m_duration ? 3.0 * m_t / m_duration : 3.0;
    m_current = decomp::svdStageMatrix3(m_stages, m_progress);
}

Vec2 Svd3DScene::project(const Eigen::Vector3d& p) const {
    return m_camera.project(p).screen + m_shift;
}

double Svd3DScene::depthOf(const Eigen::Vector3d& p) const {
    return m_camera.project(p).depth;
}

void Svd3DScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    refresh();
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const double p = m_progress;
    const int stage = stageOf(p);
    const decomp::SvdStages3& st = m_stages;
    const Eigen::Matrix3d& m = m_current;

    // Layout: overlay and the tallest caption first, then the camera fits the free area.
    const bool hud = m_showHud && ctx.showHud;
    const Vec2 hudMax = hud ? drawHud(canvas, ctx, false) : Vec2(0, 0);
    float reserve = 0;
    if (m_showCaption) reserve = captionHeight(canvas, caption(), ts);
    const float x0 = hudMax.x(), y1 = canvas.height() - reserve;
    const float regionW = canvas.width() - x0, regionH = std::max(y1, 60.0f);
    m_shift =
        Vec2(x0 + regionW * 0.5f - canvas.width() * 0.5f, regionH * 0.5f - canvas.height() * 0.5f);
    m_camera.viewportSize = {canvas.width(), canvas.height()};
    const double half = std::max(20.0, 0.5 * std::min<double>(regionW, regionH) - 18.0);
    const double f = double(canvas.height()) * 0.5 / std::tan(m_camera.fovY * 0.5);
    // The sphere of radius m_radius (times a margin for perspective) fills `half` pixels.
    m_camera.distance = std::max(2.4 * m_radius, f * m_radius * 1.15 / half);

    const Vec2 o = project({0, 0, 0});
    const double originDepth = depthOf({0, 0, 0});
    const bool flipped = m.determinant() < 0;
    const Color surface = flipped ? pal.areaFlip : pal.area;

    // The sphere's image as latitude and longitude circles; segments behind the origin are
    // drawn first and faint (a depth cue without sorting).
    struct Seg {
        Vec2 a, b;
        bool back;
    };
    std::vector<Seg> segs;
    if (m_showSphere) {
        auto circle = [&](auto point) {
            const int n = 64;
            Eigen::Vector3d prev = m * point(0.0);
            for (int i = 1; i <= n; ++i) {
                const Eigen::Vector3d cur = m * point(2 * kPi * i / n);
                segs.push_back(
                    {project(prev), project(cur), depthOf(0.5 * (prev + cur)) > originDepth});
                prev = cur;
            }
        };
        for (int k = -2; k <= 2; ++k) {
            const double phi = k * kPi / 6;
            circle([&](double a) {
                return Eigen::Vector3d(std::cos(phi) * std::cos(a), std::cos(phi) * std::sin(a),
                                       std::sin(phi));
            });
        }
        for (int k = 0; k < 6; ++k) {
            const double th = k * kPi / 6;
            circle([&](double a) {
                return Eigen::Vector3d(std::cos(th) * std::cos(a), std::sin(th) * std::cos(a),
                                       std::sin(a));
            });
        }
        for (const Seg& s : segs)
            if (s.back) canvas.line(s.a, s.b, 1.2f, surface.withAlpha(0.25f));
    }
    if (m_showAxes) {
        const double len = 1.3 * m_radius;
        const char* names[3] = {"x", "y", "z"};
        for (int i = 0; i < 3; ++i) {
            const Eigen::Vector3d e = Eigen::Vector3d::Unit(i) * len;
            const Vec2 a = project(-e), b = project(e);
            canvas.line(a, b, 1.4f, pal.axis.withAlpha(0.55f));
            if (m_showLabels)
                labelOffset(canvas, b, b - o, names[i], 14 * ts, pal.textDim, pal.background, 3);
        }
    }
    if (m_showDirect)
        for (int i = 0; i < 3; ++i) {
            const Vec2 tip = project(m_a * st.Vt.row(i).transpose());
            if ((tip - o).norm() > 2)
                canvas.dashedLine(o, tip, 1.6f, pal.highlight.withAlpha(0.6f), 6, 5);
            canvas.ring(tip, 5.0f, 1.6f, pal.highlight.withAlpha(0.6f));
        }
    if (m_showVectors) {
        const Color colors[3] = {pal.iHat, pal.jHat, pal.kHat};
        for (int i = 0; i < 3; ++i) {
            const Eigen::Vector3d v = st.Vt.row(i).transpose();
            const Vec2 tip = project(m * v);
            if ((tip - o).norm() > 2) canvas.arrow(o, tip, 3.6f, colors[i]);
            if (!m_showLabels) continue;
            const std::string text =
                p < 1 ? "v" + std::string(kSub[i])
                      : "\u03c3" + std::string(kSub[i]) + " = " + num(std::abs(st.S(i)));
            // Along the vector, beyond its tip; a squashed one keeps its axis direction.
            Eigen::Matrix3d frame = Eigen::Matrix3d::Identity();
            if (stage == 0) frame = m * st.Vt.transpose();
            if (stage == 2)
                frame = decomp::rotation3(st.axisU,
                                          engine::easeInOut(std::min(p, 3.0) - 2) * st.angleU);
            const Vec2 dir = (tip - o).norm() > 4 ? Vec2(tip - o) : Vec2(project(frame.col(i)) - o);
            labelOffset(canvas, tip, dir, text, 15 * ts, colors[i], pal.background, 4);
        }
    }
    for (const Seg& s : segs)
        if (!s.back) canvas.line(s.a, s.b, 1.5f, surface.withAlpha(0.75f));
    canvas.disc(o, 3.5f, pal.axis);

    if (hud) drawHud(canvas, ctx, true);
    if (m_showCaption) drawCaption(canvas, caption(), pal.text, pal, ts);
}

Vec2 Svd3DScene::drawHud(render::Canvas& canvas, const SceneContext& ctx, bool draw) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    // 13 px at least: at 12 px the canvas loses thin glyphs (the minus sign) at some sub-pixel
    // offsets.
    const float size = 13 * ts, small = 12 * ts;
    const float pad = 10;
    const decomp::SvdStages3& st = m_stages;
    // Σ as shown: values the rank tolerance counts as zero are shown as 0, not as 1e-17.
    Eigen::Vector3d shownS = st.S;
    if (m_analysis)
        for (int i = 0; i < 3; ++i)
            if (std::abs(shownS(i)) <= m_analysis->rankTolerance) shownS(i) = 0;
    const double p = m_progress;
    const int stage = p >= 3 ? 3 : stageOf(p);
    const Color last = st.S(2) < 0 ? pal.areaFlip : pal.text;
    const SvdFactorRow factors[3] = {
        {"U", st.U, {pal.iHat, pal.jHat, pal.kHat}, "3 \u00b7 rotate " + deg(st.angleU), 2},
        {"\u03a3",
         Eigen::Matrix3d(shownS.asDiagonal()),
         {pal.text, pal.text, last},
         "2 \u00b7 scale",
         1},
        {"V\u1d40", st.Vt, {}, "1 \u00b7 rotate " + deg(st.angleVt), 0},
    };
    const Eigen::Vector3d sv = m_analysis && m_analysis->svd.singularValues.size() == 3
                                   ? Eigen::Vector3d(m_analysis->svd.singularValues)
                                   : Eigen::Vector3d::Zero();
    const std::string svText = "\u03c3 = " + num(sv(0)) + ", " + num(sv(1)) + ", " + num(sv(2));
    const std::string numpy = "U, S, Vt = np.linalg.svd(A)";
    const SvdFactorMetrics fm = measureSvdFactors(canvas, factors, size, small);
    const float gap = size * 0.5f, rowH = fm.matH + 5;
    const float x0 = pad * 2, y0 = pad * 2, titleH = size * 1.5f;
    const float rowsY = y0 + titleH, svY = rowsY + 3 * rowH + 3, npY = svY + small * 1.4f;
    const float w =
        std::max({fm.prefixW + gap + fm.matW + gap + fm.stepW,
                  canvas.measureText(svText, small).x(), canvas.measureText(numpy, 11 * ts).x()});
    const Vec2 corner(pad * 3 + w, npY + 11 * ts * 1.3f + pad);
    if (!draw) return corner;
    drawPlate(canvas, {pad, pad}, corner, pal);
    canvas.text({x0, y0}, "A = U\u03a3V\u1d40", size, pal.text);
    drawSvdFactors(canvas, pal, factors, fm, stage, p, x0, rowsY, rowH, gap, size, small);
    canvas.text({x0, svY}, svText, small, pal.text);
    canvas.text({x0, npY}, numpy, 11 * ts, pal.textDim);
    return corner;
}

std::string Svd3DScene::caption() const {
    refresh();
    if (!m_analysis) return "The SVD of this matrix is out of range.";
    const decomp::SvdStages3& st = m_stages;
    const auto& sv = m_analysis->svd.singularValues;
    const double tol = m_analysis->rankTolerance;
    const double p = m_progress;
    const int rank = m_analysis->rank;
    std::string s;
    if (p <= 0) {
        s = "A = U\u03a3V\u1d40 in space: V\u1d40 rotates, \u03a3 scales along x, y, z, U rotates; "
            "the "
            "unit sphere becomes an ellipsoid.";
    } else if (p < 1) {
        s = "1 \u00b7 V\u1d40 turns space by " + deg(st.angleVt) + " about " + vec(st.axisVt) +
            ": v\u2081, v\u2082, v\u2083 turn onto x, y, z.";
    } else if (p < 2) {
        s = "2 \u00b7 \u03a3 stretches along x, y, z by " + num(sv(0)) + ", " + num(sv(1)) + ", " +
            num(sv(2));
        s += st.S(2) < 0 ? "; \u2212\u03c3\u2083 flips z: the sphere goes through flat and comes "
                           "out mirrored."
             : rank == 2 ? ": the sphere flattens onto a disc (\u03c3\u2083 = 0)."
             : rank < 2  ? ": the sphere collapses (rank " + std::to_string(rank) + ")."
                         : ".";
    } else if (p < 3) {
        s = "3 \u00b7 U turns by " + deg(st.angleU) + " about " + vec(st.axisU) +
            ": the axes land on u\u2081, u\u2082, u\u2083, the ellipsoid's axes.";
    } else {
        s = "U\u03a3V\u1d40 ends where A sends the sphere directly (dashed): semi-axes " +
            num(sv(0)) + ", " + num(sv(1)) + ", " + num(sv(2)) +
            " along u\u2081, u\u2082, u\u2083.";
    }
    if (sv(0) <= tol)
        s += " A = 0 sends all of space to the origin.";
    else if (rank < 3)
        s += " Rank " + std::to_string(rank) + ": A flattens space onto its column space.";
    if (m_analysis->svd.repeated && sv(0) > tol)
        s += " Repeated singular values: U and V are not unique; Linscape picks those nearest the "
             "axes.";
    if (m_analysis->svd.reflection && p >= 1)
        s += " det A < 0: U, V stay rotations and the reflection is \u03a3's \u2212\u03c3\u2083.";
    return s;
}

void Svd3DScene::input(const ViewportInput& in, const SceneContext&) {
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

std::string Svd3DScene::statusLine() const {
    return "Drag to orbit \u00b7 three stages: V\u1d40 rotates, \u03a3 scales, U rotates \u00b7 "
           "dashed: A "
           "applied directly";
}

void Svd3DScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Matrix A", pal);
    Eigen::MatrixXd a = m_a;
    if (widgets::matrixEditor("A", a, m_editor, {pal.iHat, pal.jHat, pal.kHat}, pal, 60.0f))
        setParam("A", a);
    widgets::sectionHeader("Show", pal);
    bool changed = false;
    changed |= ImGui::Checkbox("sphere", &m_showSphere);
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
    const engine::SvdResult& svd = m_analysis->svd;
    widgets::sectionHeader("SVD", pal);
    widgets::readoutRow("singular values",
                        num(svd.singularValues(0)) + ",  " + num(svd.singularValues(1)) + ",  " +
                            num(svd.singularValues(2)),
                        "np.linalg.svd(A, compute_uv=False)", pal);
    widgets::readoutRow("U turns", deg(m_stages.angleU) + " about " + vec(m_stages.axisU),
                        "U, S, Vt = np.linalg.svd(A)", pal);
    widgets::readoutRow("V\u1d40 turns", deg(m_stages.angleVt) + " about " + vec(m_stages.axisVt),
                        "scipy.spatial.transform.Rotation.from_matrix(Vt).as_rotvec()", pal);
    widgets::sectionHeader("Readouts", pal);
    widgets::analysisReadouts(*m_analysis, "A", pal);
}

} // namespace linscape::scenes
