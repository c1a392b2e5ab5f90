// The 3D eigenvector scene; see eigen3d_scene.h. The path (1 − s)I + sA is a polynomial in A, so
// every eigenvector and every invariant plane of A is one of A(s) too: the lines hold still and
// only lengths change on them. World z is up, right-handed; the camera orbits.
#include "scenes/eigen3d_scene.h"

#include "engine/interpolation.h"
#include "scenes/draw2d.h"
#include "scenes/draw_decomp.h"

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

bool sameValue(double x, double y) {
    return std::abs(x - y) <= 1e-12 * std::max({1.0, std::abs(x), std::abs(y)});
}

} // namespace

EigenAxes3 eigenAxes3(const Eigen::Matrix3d& a) {
    EigenAxes3 out;
    if (!a.allFinite()) return out;
    auto r = engine::analyzeEigen(a);
    if (!r.ok()) return out;
    const engine::EigenResult& e = r.value();
    out.ok = true;
    out.kind = e.kind;
    out.symmetric = e.symmetric;
    out.explanation = e.explanation;
    for (Eigen::Index j = 0; j < e.vectors.cols(); ++j)
        out.axes.push_back({e.vectors.col(j).normalized(), e.realValues[size_t(j)]});
    if (e.kind == engine::EigenCase::Complex) {
        for (const auto& v : e.values)
            if (v.imag() > 0) {
                out.pair = v;
                break;
            }
        // The pair's real invariant plane is the null space of (A − aI)² + b²I (rank 1).
        const double re = out.pair.real(), im = out.pair.imag();
        const Eigen::Matrix3d shifted = a - re * Eigen::Matrix3d::Identity();
        const Eigen::Matrix3d q = shifted * shifted + im * im * Eigen::Matrix3d::Identity();
        Eigen::JacobiSVD<Eigen::Matrix3d> svd(q, Eigen::ComputeFullV);
        Eigen::Vector3d pa = svd.matrixV().col(1), pb = svd.matrixV().col(2);
        // Same plane, tidier basis: planeA along the coordinate axis closest to the plane.
        int best = 0;
        double bestLen = -1;
        for (int k = 0; k < 3; ++k) {
            const Eigen::Vector3d ek = Eigen::Vector3d::Unit(k);
            const double len = std::hypot(ek.dot(pa), ek.dot(pb));
            if (len > bestLen + 1e-9) bestLen = len, best = k;
        }
        const Eigen::Vector3d ek = Eigen::Vector3d::Unit(best);
        const Eigen::Vector3d inPlane = ek.dot(pa) * pa + ek.dot(pb) * pb;
        const Eigen::Vector3d normal = pa.cross(pb).normalized();
        out.planeA = inPlane.normalized();
        out.planeB = normal.cross(out.planeA).normalized();
        out.hasPlane = out.planeTurns = true;
        out.modulus = std::abs(out.pair);
        out.angle = std::arg(out.pair);
    } else if (e.kind == engine::EigenCase::RepeatedReal) {
        const auto& ax = out.axes;
        if (ax.size() == 3 && sameValue(ax[0].lambda, ax[1].lambda) &&
            sameValue(ax[1].lambda, ax[2].lambda)) {
            out.every = true;
        } else {
            for (size_t i = 0; i < ax.size() && !out.hasPlane; ++i)
                for (size_t j = i + 1; j < ax.size() && !out.hasPlane; ++j)
                    if (sameValue(ax[i].lambda, ax[j].lambda)) {
                        out.planeA = ax[i].dir;
                        const Eigen::Vector3d b = ax[j].dir - ax[j].dir.dot(ax[i].dir) * ax[i].dir;
                        out.planeB = b.normalized();
                        out.planeLambda = ax[i].lambda;
                        out.hasPlane = true;
                    }
        }
    } else if (e.kind == engine::EigenCase::Defective) {
        out.missing = 3 - int(out.axes.size());
    }
    return out;
}

Eigen3DScene::Eigen3DScene() {
    reset();
}

void Eigen3DScene::reset() {
    // Three distinct real eigenvalues along tilted, non-perpendicular directions.
    m_a << 2.2, 0.6, 0.3, 0.2, 1.4, 0.4, 0.1, 0.3, 0.8;
    m_duration = 3.0;
    m_t = m_duration;
    m_showCube = m_showOther = m_showLabels = m_showHud = m_showCaption = m_showAxes = true;
    m_camera = render::OrbitCamera{};
    m_camera.yaw = 0.7;
    m_camera.pitch = 0.4;
    m_dragging = false;
    touch();
    update(m_t);
}

std::vector<ParamSpec> Eigen3DScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec a;
    a.name = "A";
    a.type = ParamType::Matrix;
    a.rows = a.cols = 3;
    a.help = "the 3x3 matrix whose eigen-directions are drawn";
    p.push_back(a);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "length of the animation from I to A, in seconds";
    p.push_back(dur);
    for (const char* b : {"show_cube", "show_other_vector", "show_axes", "show_labels", "show_hud",
                          "show_caption"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> Eigen3DScene::param(const std::string& name) const {
    if (name == "A") return ParamValue(Eigen::MatrixXd(m_a));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "show_cube") return ParamValue(m_showCube);
    if (name == "show_other_vector") return ParamValue(m_showOther);
    if (name == "show_axes") return ParamValue(m_showAxes);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    if (name == "show_caption") return ParamValue(m_showCaption);
    return std::nullopt;
}

std::string Eigen3DScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "A") {
        const Eigen::MatrixXd& a = std::get<Eigen::MatrixXd>(value);
        for (Eigen::Index c = 0; c < a.cols(); ++c)
            for (Eigen::Index r = 0; r < a.rows(); ++r)
                if (!std::isfinite(a(r, c)))
                    return "A: the entry at row " + std::to_string(r + 1) + ", column " +
                           std::to_string(c + 1) + " is " +
                           (std::isnan(a(r, c)) ? "NaN" : "infinite") +
                           "; every entry must be a finite number";
        if (a.cwiseAbs().maxCoeff() > 1e6)
            return "A: entries must lie between \u22121000000 and 1000000";
        m_a = a;
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else {
        const bool b = std::get<bool>(value);
        if (name == "show_cube") m_showCube = b;
        if (name == "show_other_vector") m_showOther = b;
        if (name == "show_axes") m_showAxes = b;
        if (name == "show_labels") m_showLabels = b;
        if (name == "show_hud") m_showHud = b;
        if (name == "show_caption") m_showCaption = b;
    }
    update(m_t);
    return {};
}

void Eigen3DScene::refresh() const {
    if (m_cachedMatrix == m_a && m_analysis) return;
    m_cachedMatrix = m_a;
    m_axes = eigenAxes3(m_a);
    m_analysis.reset();
    m_radius = 1;
    if (auto r = engine::analyze(m_a); r.ok()) {
        m_analysis = std::move(r).value();
        // ||(1 − s)I + sA|| <= max(1, ||A||) along the whole path.
        m_radius = std::max(1.0, m_analysis->svd.singularValues(0));
    }
}

const EigenAxes3& Eigen3DScene::axes() const {
    refresh();
    return m_axes;
}

void Eigen3DScene::update(double t) {
    refresh();
    m_t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, m_duration);
    m_s = m_duration > 0 && m_t < m_duration ? engine::easeInOut(m_t / m_duration) : 1.0;
    m_current = (1 - m_s) * Eigen::Matrix3d::Identity() + m_s * m_a;
}

std::string Eigen3DScene::caption() const {
    refresh();
    const EigenAxes3& e = m_axes;
    if (!e.ok) return "The eigenvalues of this matrix are out of range.";
    std::string s = e.explanation;
    if (e.every) {
        s += " Every line through the origin stays put; the axes are drawn as three of them.";
    } else if (e.kind == engine::EigenCase::Complex) {
        s += " The shaded plane is the pair's: A(s) keeps it but turns every vector in it (the "
             "arrow there), while the line of \u03bb = " +
             num(e.axes.empty() ? 0.0 : e.axes[0].lambda) + " holds still.";
    } else if (e.kind == engine::EigenCase::Defective) {
        s += " Only " + std::to_string(e.axes.size()) + " eigen-line" +
             (e.axes.size() == 1 ? "" : "s") + " can be drawn: " + std::to_string(e.missing) +
             " direction" + (e.missing == 1 ? " is" : "s are") + " missing.";
    } else {
        s += " While space deforms, vectors on the eigen-lines only stretch (by 1 \u2212 s + "
             "s\u03bb)";
        s += m_showOther ? "; the grey vector leaves its line." : ".";
    }
    return s;
}

Vec2 Eigen3DScene::project(const Eigen::Vector3d& p) const {
    return m_camera.project(p).screen + m_shift;
}

void Eigen3DScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    refresh();
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const EigenAxes3& e = m_axes;
    const Eigen::Matrix3d& m = m_current;

    const bool hud = m_showHud && ctx.showHud;
    const Vec2 hudMax = hud ? drawHud(canvas, ctx, false) : Vec2(0, 0);
    const std::string captionText = m_showCaption ? caption() : std::string();
    const float reserve = m_showCaption ? captionHeight(canvas, captionText, ts) : 0.0f;
    const float x0 = hudMax.x(), y1 = canvas.height() - reserve;
    const float regionW = canvas.width() - x0, regionH = std::max(y1, 60.0f);
    m_shift =
        Vec2(x0 + regionW * 0.5f - canvas.width() * 0.5f, regionH * 0.5f - canvas.height() * 0.5f);
    m_freeMin = Vec2(x0, 0);
    m_freeMax = Vec2(canvas.width(), y1);
    m_camera.viewportSize = {canvas.width(), canvas.height()};
    const double half = std::max(20.0, 0.5 * std::min<double>(regionW, regionH) - 18.0);
    const double f = double(canvas.height()) * 0.5 / std::tan(m_camera.fovY * 0.5);
    m_camera.distance = std::max(2.4 * m_radius, f * m_radius * 1.3 / half);
    const Vec2 o = project({0, 0, 0});
    const double len = 1.25 * m_radius;
    // Vectors start this long, so the one stretched most along the path reaches 0.9 R.
    double largest = 1;
    if (m_analysis && m_analysis->eigen)
        for (const auto& v : m_analysis->eigen->values)
            largest = std::max(largest, std::abs(v));
    const double unit = 0.9 * m_radius / largest;

    if (m_showAxes) {
        const char* names[3] = {"x", "y", "z"};
        for (int i = 0; i < 3; ++i) {
            const Eigen::Vector3d ax = Eigen::Vector3d::Unit(i) * len;
            const Vec2 b = project(ax);
            canvas.line(project(-ax), b, 1.2f, pal.axis.withAlpha(0.4f));
            // An eigen-line along this axis carries its own label there.
            bool covered = false;
            for (const auto& eax : m_axes.axes)
                covered = covered || std::abs(eax.dir(i)) > 0.98;
            if (m_showLabels && !covered)
                labelOffset(canvas, b, b - o, names[i], 13 * ts, pal.textDim, pal.background, 3);
        }
    }
    if (m_showCube) {
        // The centred unit cube deforming with A(s): space moves, the eigen-lines do not.
        for (int axis = 0; axis < 3; ++axis)
            for (int k = 0; k < 4; ++k) {
                Eigen::Vector3d p0, p1;
                const int u = (axis + 1) % 3, v = (axis + 2) % 3;
                p0(axis) = -0.5, p1(axis) = 0.5;
                p0(u) = p1(u) = (k & 1) ? 0.5 : -0.5;
                p0(v) = p1(v) = (k & 2) ? 0.5 : -0.5;
                canvas.line(project(unit * (m * p0)), project(unit * (m * p1)), 1.2f,
                            pal.grid.withAlpha(0.8f));
            }
    }
    if (e.ok && e.hasPlane) {
        const Color c = e.planeTurns ? pal.highlight : pal.accent;
        std::vector<Vec2> disc;
        for (int i = 0; i < 64; ++i) {
            const double t = 2 * kPi * i / 64;
            disc.push_back(project(len * (std::cos(t) * e.planeA + std::sin(t) * e.planeB)));
        }
        canvas.fillConvex(disc, c.withAlpha(0.10f));
        canvas.polyline(disc, 1.2f, c.withAlpha(0.45f), true);
        if (m_showLabels) {
            const std::string text =
                e.planeTurns ? "\u03bb = " + num(e.pair.real()) + " \u00b1 " + num(e.pair.imag()) +
                                   "i: turns " + deg(e.angle) + ", \u00d7" + num(e.modulus)
                             : "every vector here: \u00d7" + num(e.planeLambda);
            std::vector<Vec2> spots;
            for (int k = 0; k < 8; ++k) {
                const double t = -kPi / 4 + k * kPi / 4;
                spots.push_back(project(len * (std::cos(t) * e.planeA + std::sin(t) * e.planeB)));
            }
            const Vec2 at = spots[pickLabelAnchor(canvas, spots, text, 13 * ts)];
            labelOffset(canvas, at, at - o, text, 13 * ts, c, pal.background, 4);
        }
        if (e.planeTurns) {
            // One vector of the plane: where it started (dashed), the arc it has turned through,
            // and where A(s) has taken it.
            const Eigen::Vector3d w = unit * e.planeA;
            const Vec2 start = project(w);
            canvas.dashedLine(o, start, 1.4f, c.withAlpha(0.6f), 5, 4);
            std::vector<Vec2> trail;
            for (int i = 0; i <= 32; ++i) {
                const double si = m_s * i / 32.0;
                trail.push_back(project(((1 - si) * Eigen::Matrix3d::Identity() + si * m_a) * w));
            }
            canvas.polyline(trail, 1.4f, c.withAlpha(0.6f));
            const Vec2 tip = project(m * w);
            if ((tip - o).norm() > 2) canvas.arrow(o, tip, 3.2f, c);
        }
    }
    if (e.ok && m_showOther && !e.every && !e.planeTurns) {
        // A vector that is not an eigenvector, for contrast: the candidate farthest from every
        // eigen-line and eigen-plane.
        const Eigen::Vector3d candidates[4] = {
            Eigen::Vector3d(1, 1, 1).normalized(), Eigen::Vector3d(1, -1, 1).normalized(),
            Eigen::Vector3d(-1, 1, 1).normalized(), Eigen::Vector3d(1, 1, -1).normalized()};
        Eigen::Vector3d w = candidates[0];
        double best = -1;
        for (const auto& c : candidates) {
            double d = 1;
            for (const auto& ax : e.axes)
                d = std::min(d, c.cross(ax.dir).norm());
            if (e.hasPlane) d = std::min(d, std::abs(c.dot(e.planeA.cross(e.planeB))));
            if (d > best + 1e-9) best = d, w = c;
        }
        const Eigen::Vector3d dw = w * len;
        canvas.dashedLine(project(-dw), project(dw), 1.2f, pal.textDim.withAlpha(0.45f), 5, 5);
        const Vec2 tip = project(unit * (m * w));
        if ((tip - o).norm() > 2) canvas.arrow(o, tip, 2.6f, pal.textDim);
    }
    if (e.ok) {
        const Color colors[3] = {pal.iHat, pal.jHat, pal.kHat};
        for (size_t i = 0; i < e.axes.size() && i < 3; ++i) {
            const auto& ax = e.axes[i];
            const Eigen::Vector3d d = ax.dir * len;
            const Vec2 a = project(-d), b = project(d);
            canvas.line(a, b, 1.8f, colors[i].withAlpha(0.55f));
            const Vec2 tip = project(unit * (m * ax.dir));
            if ((tip - o).norm() > 2) canvas.arrow(o, tip, 3.6f, colors[i]);
            if (m_showLabels) {
                const std::string text = "\u03bb" + std::string(kSub[i]) + " = " + num(ax.lambda);
                const Vec2 at = pickLabelAnchor(canvas, {b, a}, text, 14 * ts) == 0 ? b : a;
                labelOffset(canvas, at, at - o, text, 14 * ts, colors[i], pal.background, 4);
            }
        }
    }
    canvas.disc(o, 3.5f, pal.axis);
    if (hud) drawHud(canvas, ctx, true);
    if (m_showCaption) drawCaption(canvas, captionText, pal.text, pal, ts);
}

size_t Eigen3DScene::pickLabelAnchor(const render::Canvas& canvas, const std::vector<Vec2>& anchors,
                                     const std::string& text, float size) const {
    const Vec2 o = project({0, 0, 0});
    const Vec2 half = canvas.measureText(text, size) * 0.5f;
    // The first that fits; when none does, the one that sticks out least.
    size_t best = 0;
    float bestOver = 1e30f;
    for (size_t i = 0; i < anchors.size(); ++i) {
        const Vec2 c = labelOffsetCenter(canvas, anchors[i], anchors[i] - o, text, size, 4);
        const float m = 4; // keep off the very edge
        const float over = std::max(0.0f, m_freeMin.x() + m - (c.x() - half.x())) +
                           std::max(0.0f, c.x() + half.x() + m - m_freeMax.x()) +
                           std::max(0.0f, m_freeMin.y() + m - (c.y() - half.y())) +
                           std::max(0.0f, c.y() + half.y() + m - m_freeMax.y());
        if (over < bestOver) best = i, bestOver = over;
        if (over <= 0) break;
    }
    return best;
}

Vec2 Eigen3DScene::drawHud(render::Canvas& canvas, const SceneContext& ctx, bool draw) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float size = 13 * ts, small = 12 * ts, npSize = 11 * ts;
    const float pad = 10;
    const EigenAxes3& e = m_axes;
    std::string values = "\u03bb = ";
    if (m_analysis && m_analysis->eigen) {
        const auto& vals = m_analysis->eigen->values;
        for (size_t i = 0; i < vals.size(); ++i) {
            if (vals[i].imag() < 0) continue; // shown with its partner as a ± bi
            if (i) values += ", ";
            values += vals[i].imag() > 0
                          ? num(vals[i].real()) + " \u00b1 " + num(vals[i].imag()) + "i"
                          : num(vals[i].real());
        }
    }
    const std::string kind =
        e.ok ? std::string(engine::eigenCaseName(e.kind)) + (e.symmetric ? ", symmetric" : "")
             : std::string("out of range");
    const std::string path = "A(s) = (1\u2212s)I + sA,  s = " + num(m_s);
    const std::string np = e.symmetric ? "w, V = np.linalg.eigh(A)" : "w, V = np.linalg.eig(A)";
    const Vec2 matSize = measureMatrix(canvas, m_a, size, "A =");
    const float x0 = pad * 2, y0 = pad * 2;
    const float vY = y0 + matSize.y() + 6, kY = vY + small * 1.4f, pY = kY + small * 1.4f,
                nY = pY + small * 1.4f;
    const float w = std::max(
        {matSize.x(), canvas.measureText(values, small).x(), canvas.measureText(kind, small).x(),
         canvas.measureText(path, small).x(), canvas.measureText(np, npSize).x()});
    const Vec2 corner(pad * 3 + w, nY + npSize * 1.3f + pad);
    if (!draw) return corner;
    drawPlate(canvas, {pad, pad}, corner, pal);
    drawMatrix(canvas, {x0, y0}, m_a, size, {pal.iHat, pal.jHat, pal.kHat}, pal.text, "A =");
    canvas.text({x0, vY}, values, small, pal.text);
    canvas.text({x0, kY}, kind, small, pal.textDim);
    canvas.text({x0, pY}, path, small, pal.textDim);
    canvas.text({x0, nY}, np, npSize, pal.textDim);
    return corner;
}

void Eigen3DScene::input(const ViewportInput& in, const SceneContext&) {
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

std::string Eigen3DScene::statusLine() const {
    return "Drag to orbit \u00b7 coloured lines: eigen-directions (they hold still) \u00b7 grey: a "
           "vector that is not an eigenvector";
}

void Eigen3DScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Matrix A", pal);
    Eigen::MatrixXd a = m_a;
    if (widgets::matrixEditor("A", a, m_editor, {pal.iHat, pal.jHat, pal.kHat}, pal, 60.0f))
        if (const std::string why = setParam("A", a); !why.empty()) m_editor.error = why;
    widgets::sectionHeader("Show", pal);
    bool changed = false;
    changed |= ImGui::Checkbox("cube", &m_showCube);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("other vector", &m_showOther);
    changed |= ImGui::Checkbox("axes", &m_showAxes);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("labels", &m_showLabels);
    changed |= ImGui::Checkbox("overlay", &m_showHud);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("caption", &m_showCaption);
    if (changed) touch();
    refresh();
    if (!m_analysis) return;
    widgets::sectionHeader("Eigen", pal);
    const EigenAxes3& e = m_axes;
    for (size_t i = 0; i < e.axes.size() && i < 3; ++i) {
        const auto& ax = e.axes[i];
        const std::string name = "\u03bb" + std::string(kSub[i]) + " = " + num(ax.lambda);
        widgets::readoutRow(name.c_str(),
                            "(" + num(ax.dir.x()) + ", " + num(ax.dir.y()) + ", " +
                                num(ax.dir.z()) + ")",
                            "V[:, i]  # w, V = np.linalg.eig(A)", pal);
    }
    if (e.planeTurns)
        widgets::readoutRow("complex pair",
                            num(e.pair.real()) + " \u00b1 " + num(e.pair.imag()) +
                                "i = " + num(e.modulus) + "\u00b7e^(\u00b1i " + deg(e.angle) + ")",
                            "np.abs(w), np.angle(w, deg=True)", pal);
    widgets::sectionHeader("Readouts", pal);
    widgets::analysisReadouts(*m_analysis, "A", pal);
}

} // namespace linscape::scenes
