// The eigenvector scene; see eigen_scene.h. Conventions: column vectors, world y up, angles
// counter-clockwise from the x-axis; eigenvalues and vectors come from engine::analyze (real
// values descending, vector signs with the largest entry positive).
#include "scenes/eigen_scene.h"
#include "scenes/eigen_detail.h"

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
using namespace eigen_detail;

EigenScene::EigenScene() {
    reset();
}

void EigenScene::reset() {
    m_a << 2, 1, 1, 2; // symmetric, λ = 3 and 1 at 45° and 135°: the classic first picture
    m_mode = Mode::Grid;
    m_duration = 3.0;
    m_t = m_duration;
    m_showGrid = m_showOriginal = m_showLabels = m_showHud = m_showCaption = true;
    m_showOther = m_showCircle = true;
    m_zoom = 1.0;
    m_drag = m_hover = Drag::None;
    m_dragTheta.reset();
    m_held.clear();
    touch();
    update(m_t);
}

std::vector<ParamSpec> EigenScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec a;
    a.name = "A";
    a.type = ParamType::Matrix;
    a.rows = a.cols = 2;
    a.help = "the 2x2 matrix whose eigenvectors are shown";
    p.push_back(a);
    ParamSpec mode;
    mode.name = "mode";
    mode.type = ParamType::Choice;
    mode.choices = {"grid", "sweep"};
    mode.help = "grid: the plane deforms from I to A; sweep: v turns around the circle with Av";
    p.push_back(mode);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "animation length in seconds";
    p.push_back(dur);
    for (const char* b : {"show_grid", "show_original_grid", "show_labels", "show_hud",
                          "show_caption", "show_other_vector", "show_circle"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> EigenScene::param(const std::string& name) const {
    if (name == "A") return ParamValue(Eigen::MatrixXd(m_a));
    if (name == "mode") return ParamValue(std::string(m_mode == Mode::Grid ? "grid" : "sweep"));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "show_grid") return ParamValue(m_showGrid);
    if (name == "show_original_grid") return ParamValue(m_showOriginal);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    if (name == "show_caption") return ParamValue(m_showCaption);
    if (name == "show_other_vector") return ParamValue(m_showOther);
    if (name == "show_circle") return ParamValue(m_showCircle);
    return std::nullopt;
}

std::string EigenScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "A") {
        const Eigen::Matrix2d a = std::get<Eigen::MatrixXd>(value);
        if (!a.allFinite()) return "A: every entry must be a finite number";
        m_a = a;
    } else if (name == "mode") {
        m_mode = std::get<std::string>(value) == "sweep" ? Mode::Sweep : Mode::Grid;
        m_dragTheta.reset();
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else {
        const bool b = std::get<bool>(value);
        if (name == "show_grid") m_showGrid = b;
        if (name == "show_original_grid") m_showOriginal = b;
        if (name == "show_labels") m_showLabels = b;
        if (name == "show_hud") m_showHud = b;
        if (name == "show_caption") m_showCaption = b;
        if (name == "show_other_vector") m_showOther = b;
        if (name == "show_circle") m_showCircle = b;
    }
    update(m_t);
    return {};
}

void EigenScene::refresh() const {
    if (m_cacheVersion == version()) return;
    m_cacheVersion = version();
    auto r = engine::analyze(m_a);
    m_analysis.reset();
    if (r.ok()) m_analysis = std::move(r).value();
    m_alignments = decomp::eigenAlignments(m_a);
}

const engine::Analysis* EigenScene::analysis() const {
    refresh();
    return m_analysis && m_analysis->eigen ? &*m_analysis : nullptr;
}

const decomp::Alignments& EigenScene::alignments() const {
    refresh();
    return m_alignments;
}

std::vector<decomp::Alignment> EigenScene::passedAlignments() const {
    std::vector<decomp::Alignment> out;
    for (const auto& h : alignments().hits)
        if (h.angle <= m_theta + 1e-12) out.push_back(h);
    return out;
}

void EigenScene::update(double t) {
    const double tt = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, m_duration);
    if (m_dragTheta) {
        // A dragged v stays where it was put (the app holds the timeline at its end during the
        // drag) until the timeline moves: then the animation takes over again.
        if (m_drag == Drag::Sweep)
            m_dragThetaT = tt;
        else if (tt != m_dragThetaT)
            m_dragTheta.reset();
    }
    m_t = tt;
    const double u = m_duration > 0 ? m_t / m_duration : 1.0;
    // Sweep at constant speed (a student reads the angle off the circle); the grid eases.
    m_theta = m_dragTheta ? *m_dragTheta : 2 * kPi * u;
    const double s = u >= 1 ? 1.0 : engine::easeInOut(u);
    m_current = s >= 1 ? m_a : Eigen::Matrix2d((1 - s) * Eigen::Matrix2d::Identity() + s * m_a);
}

void EigenScene::frameView(Vec2 size, Vec2 overlayMax, float captionTop) {
    // The image of the unit circle reaches |row_i| along axis i; every vector drawn (eigenvectors,
    // columns, the sweep's ellipse, the path (1-s)I + sA) stays inside that box and the circle.
    const Eigen::Vector2d extent(std::max(1.0, m_a.row(0).norm()),
                                 std::max(1.0, m_a.row(1).norm()));
    fitBesideOverlay(m_view, size, extent * 1.05, overlayMax, captionTop, 28.0f,
                     std::max(double(size.y()) / 3.5, 8.0), m_zoom);
    // Held still while a tip is dragged, eased to the new framing afterwards.
    m_view = m_held.apply(m_view);
}

void EigenScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    refresh();
    // The overlay and caption are laid out first so the picture can be framed in the space they
    // leave; both depend only on A and the mode, so the camera holds still while t runs.
    const bool hud = m_showHud && ctx.showHud;
    const std::string text = m_showCaption ? caption() : std::string();
    const Vec2 hudMax = hud ? drawHud(canvas, ctx, false) : Vec2(0, 0);
    const float captionTop = canvas.height() - captionHeight(canvas, text, ctx.textScale);
    frameView({canvas.width(), canvas.height()}, hudMax, captionTop);
    if (m_mode == Mode::Grid)
        drawGridMode(canvas, ctx);
    else
        drawSweepMode(canvas, ctx);
    if (hud) drawHud(canvas, ctx, true);
    if (!text.empty()) drawCaption(canvas, text, ctx.palette->text, *ctx.palette, ctx.textScale);
}

void EigenScene::drawGridMode(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const View2D& view = m_view;
    const float ts = ctx.textScale;
    const double spacing = niceGridSpacing(view.pixelsPerUnit);
    const Eigen::Matrix2d& m = m_current;
    if (m_showOriginal)
        drawTransformedGrid(canvas, view, Eigen::Matrix2d::Identity(), spacing, pal.gridFaint, 1.0f,
                            pal.gridFaint, 1.0f);
    drawAxes(canvas, view, spacing, pal, ts, false);
    if (m_showGrid) {
        // Fade the grid where the map squashes its lines together (near-singular moments).
        const double squeeze = Eigen::JacobiSVD<Eigen::Matrix2d>(m).singularValues()(1);
        const float fade = gridFade(squeeze * spacing * view.pixelsPerUnit);
        drawTransformedGrid(canvas, view, m, spacing, pal.grid.withAlpha(0.7f * fade), 1.4f,
                            pal.axis.withAlpha(0.75f), 2.0f);
    }
    if (m_showCircle) drawMappedCircle(canvas, view, m, 1.6f, pal.textDim.withAlpha(0.7f));
    const Vec2 o = view.toScreen({0, 0});
    if (!m_analysis || !m_analysis->eigen) {
        drawColumns(canvas, ctx);
        canvas.disc(o, 3.5f, pal.axis);
        return;
    }
    const engine::EigenResult& e = *m_analysis->eigen;
    const auto lines = eigenLines(e);

    // The eigen-lines hold still (the path (1-s)I + sA keeps A's eigenvectors).
    for (size_t i = 0; i < lines.size(); ++i)
        drawSpanLine(canvas, view, lines[i].dir, 3.0f, lineColor(pal, i).withAlpha(0.45f));
    if (e.symmetric && lines.size() == 2)
        drawRightAngle(canvas, view, lines[0].dir, lines[1].dir, 16.0f, pal.text.withAlpha(0.8f));

    // An ordinary vector for contrast: it is turned off its own line.
    if (m_showOther && !everyDirection(e)) {
        const Eigen::Vector2d w = ordinaryDirection(lines);
        drawSpanLine(canvas, view, w, 1.4f, pal.vector.withAlpha(0.55f), true);
        const Vec2 wTip = view.toScreen(w), mwTip = view.toScreen(m * w);
        canvas.arrow(o, wTip, 2.2f, pal.vector.withAlpha(0.4f));
        canvas.arrow(o, mwTip, 3.2f, pal.vector);
        if (m_showLabels && (mwTip - wTip).norm() > 20)
            labelOffset(canvas, wTip, wTip - o, "v", 15 * ts, pal.vector.withAlpha(0.75f),
                        pal.background, 4);
        if (m_showLabels && (mwTip - o).norm() > 4)
            labelOffset(canvas, mwTip, mwTip - o, "Av", 17 * ts, pal.vector, pal.background);
        // A rotation turns every vector by the same angle: show it on the ordinary vector.
        if (e.kind == engine::EigenCase::Complex && rigidRotation(m_a) && m_t >= m_duration) {
            const double a0 = std::atan2(w.y(), w.x());
            const double sweep = std::arg(complexValue(e));
            std::vector<Vec2> arc;
            const double r = 0.45;
            for (int k = 0; k <= 40; ++k) {
                const double a = a0 + sweep * k / 40.0;
                arc.push_back(view.toScreen({r * std::cos(a), r * std::sin(a)}));
            }
            canvas.polyline(arc, 2.0f, pal.text.withAlpha(0.85f));
            if (m_showLabels) {
                const double mid = a0 + sweep * 0.5;
                labelOffset(canvas, arc[20], screenDir({std::cos(mid), std::sin(mid)}), deg(sweep),
                            15 * ts, pal.text, pal.background, 4);
            }
        }
    }

    // λI: every direction is an eigen-direction; a fan of vectors all scaled alike.
    if (everyDirection(e)) {
        const Color c = lineColor(pal, 0);
        for (int k = 0; k < 12; ++k) {
            const double a = kPi * (k / 6.0 + 1.0 / 12.0);
            const Eigen::Vector2d d(std::cos(a), std::sin(a));
            drawSpanLine(canvas, view, d, 1.0f, c.withAlpha(0.18f));
            canvas.arrow(o, view.toScreen(d), 1.6f, c.withAlpha(0.3f));
            canvas.arrow(o, view.toScreen(m * d), 2.6f, c);
        }
        if (m_showLabels) {
            const double a = kPi / 12.0;
            const Eigen::Vector2d d(std::cos(a), std::sin(a));
            const Vec2 tip = view.toScreen(m * d);
            labelOffset(canvas, tip, (tip - o).norm() > 4 ? Vec2(tip - o) : Vec2(1, -1),
                        "\u03bb = " + num(e.realValues[0]), 18 * ts, c, pal.background);
        }
    }

    drawColumns(canvas, ctx);

    for (size_t i = 0; i < lines.size(); ++i) {
        const Color c = lineColor(pal, i);
        const Vec2 ghost = view.toScreen(lines[i].dir);
        const Vec2 tip = view.toScreen(m * lines[i].dir);
        canvas.arrow(o, ghost, 2.2f, c.withAlpha(0.35f));
        canvas.arrow(o, tip, 4.2f, c);
        if (m_showLabels) {
            // Beside the tip, on the side of the line facing up (continuous: no flipping sides).
            Vec2 n(-screenDir(lines[i].dir).y(), screenDir(lines[i].dir).x());
            if (n.y() > 0 || (n.y() == 0 && n.x() < 0)) n = -n;
            labelOffset(canvas, tip, n, lines[i].name + " = " + num(lines[i].lambda), 18 * ts, c,
                        pal.background, 7);
        }
    }
    canvas.disc(o, 3.5f, pal.axis);
}

void EigenScene::drawSweepMode(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const View2D& view = m_view;
    const float ts = ctx.textScale;
    const double spacing = niceGridSpacing(view.pixelsPerUnit);
    if (m_showOriginal)
        drawTransformedGrid(canvas, view, Eigen::Matrix2d::Identity(), spacing, pal.gridFaint, 1.0f,
                            pal.gridFaint, 1.0f);
    drawAxes(canvas, view, spacing, pal, ts, false);
    const Vec2 o = view.toScreen({0, 0});
    const decomp::Alignments& al = m_alignments;
    const bool every = al.kind == decomp::Alignments::Kind::Every;
    const Color c0 = lineColor(pal, 0);

    // The unit circle v travels on, and the ellipse Av traces (faint ahead, solid behind).
    drawMappedCircle(canvas, view, Eigen::Matrix2d::Identity(), 1.6f,
                     (every ? c0 : pal.textDim).withAlpha(0.75f));
    if (m_showCircle) drawMappedCircle(canvas, view, m_a, 1.4f, pal.vector.withAlpha(0.28f));
    drawMappedArc(canvas, view, m_a, m_theta, 2.6f, (every ? c0 : pal.vector).withAlpha(0.9f));

    // The eigen-directions found so far: their line, v there on the circle, Av on the ellipse.
    const auto passed = passedAlignments();
    // Which line a hit belongs to: the engine's order (λ₁ the larger) so colours match the HUD.
    auto lineIndex = [&](const decomp::Alignment& h) -> size_t {
        if (al.hits.size() < 4) return 0;
        double lo = al.hits[0].lambda, hi = al.hits[0].lambda;
        for (const auto& x : al.hits) {
            lo = std::min(lo, x.lambda);
            hi = std::max(hi, x.lambda);
        }
        if (hi - lo > 1e-9 * std::max(1.0, m_a.norm())) return h.lambda < 0.5 * (lo + hi) ? 1 : 0;
        // Equal λ on two lines cannot happen (that is λI); fall back to angle order.
        return std::fmod(h.angle, kPi) < std::fmod(al.hits[0].angle, kPi) + 1e-9 ? 0 : 1;
    };
    for (const auto& h : passed) {
        const Eigen::Vector2d v(std::cos(h.angle), std::sin(h.angle));
        drawSpanLine(canvas, view, v, 2.0f, lineColor(pal, lineIndex(h)).withAlpha(0.35f));
    }
    for (const auto& h : passed) {
        const Color c = lineColor(pal, lineIndex(h));
        const Eigen::Vector2d v(std::cos(h.angle), std::sin(h.angle));
        canvas.disc(view.toScreen(v), 5.5f, c);
        canvas.ring(view.toScreen(m_a * v), 6.5f, 2.2f, c);
    }

    // v and Av now.
    const Eigen::Vector2d v(std::cos(m_theta), std::sin(m_theta));
    const Eigen::Vector2d av = m_a * v;
    const Vec2 vTip = view.toScreen(v), avTip = view.toScreen(av);
    const decomp::Alignment* near = nullptr;
    for (const auto& h : al.hits) {
        double d = std::abs(h.angle - std::fmod(m_theta, 2 * kPi));
        d = std::min(d, 2 * kPi - d);
        if (d <= kAlignedGlow) near = &h;
    }
    const Color avColor = every ? c0 : near ? lineColor(pal, lineIndex(*near)) : pal.vector;
    const bool hotV = m_hover == Drag::Sweep || m_drag == Drag::Sweep;
    canvas.arrow(o, vTip, hotV ? 4.2f : 3.0f, pal.text.withAlpha(0.9f));
    if (hotV) canvas.ring(vTip, 12, 2, pal.text.withAlpha(0.8f));
    if ((avTip - o).norm() > 2) canvas.arrow(o, avTip, 4.0f, avColor);
    if (m_showLabels) {
        // v's label goes along the circle on the side away from Av (it changes side only where
        // they line up, the moment a marker appears), tilted inwards, off the circle where the
        // markers sit; Av's sits beyond its tip.
        const Vec2 ahead(float(-std::sin(m_theta)), float(-std::cos(m_theta)));
        const double turn = v.x() * av.y() - v.y() * av.x(); // > 0: Av is ahead of v
        const Vec2 inward = screenDir(-v);
        const Vec2 side = turn > 0 ? Vec2(-ahead) : ahead;
        // Lined up, Av's shaft runs through v's tip and inward would sit on it: fade the tilt.
        const float tilt =
            0.6f * float(std::min(1.0, std::abs(turn) / std::max(0.25 * av.norm(), 1e-300)));
        labelOffset(canvas, vTip, side * 0.8f + inward * tilt, "v", 18 * ts, pal.text,
                    pal.background, 6);
        std::string avText = "Av";
        if (near || every) avText = "Av = " + num(every ? al.everyLambda : near->lambda) + "v";
        if ((avTip - o).norm() > 2)
            labelOffset(canvas, avTip, avTip - o, avText, 18 * ts, avColor, pal.background);
        else
            labelOffset(canvas, o, Vec2(1, 1), "Av = 0", 16 * ts, avColor, pal.background);
    }
    canvas.disc(o, 3.5f, pal.axis);
}

Vec2 EigenScene::drawHud(render::Canvas& canvas, const SceneContext& ctx, bool draw) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float size = 16 * ts, small = 14 * ts;
    const float pad = 10;
    const Eigen::MatrixXd shown = m_a;
    const Vec2 msz = measureMatrix(canvas, shown, size, "A =");
    struct Row {
        std::string text;
        Color color;
        float size;
    };
    std::vector<Row> rows;
    const engine::EigenResult* e = m_analysis && m_analysis->eigen ? &*m_analysis->eigen : nullptr;
    if (e) {
        if (m_a.isZero(0)) {
            rows.push_back({"\u03bb = 0 in every direction", lineColor(pal, 0), small});
        } else if (everyDirection(*e)) {
            rows.push_back({"\u03bb = " + num(e->realValues[0]) + " (every direction)",
                            lineColor(pal, 0), small});
        } else if (e->kind == engine::EigenCase::Complex) {
            const auto z = complexValue(*e);
            rows.push_back({"\u03bb = " + complexText(z), pal.text, small});
            rows.push_back(
                {"|\u03bb| = " + num(std::abs(z)) + ",  angle \u00b1" + deg(std::abs(std::arg(z))),
                 pal.text, small});
        } else {
            const auto lines = eigenLines(*e);
            for (size_t i = 0; i < lines.size(); ++i) {
                const std::string v =
                    lines.size() == 1 ? "v" : "v" + std::string(subscript(int(i)));
                rows.push_back({lines[i].name + " = " + num(lines[i].lambda) + "    " + v + " = (" +
                                    num(lines[i].dir.x()) + ", " + num(lines[i].dir.y()) + ")",
                                lineColor(pal, i), small});
            }
            if (e->kind == engine::EigenCase::Defective)
                rows.push_back({"(\u03bb repeated, one direction)", pal.textDim, small});
        }
    }
    if (m_mode == Mode::Sweep)
        rows.push_back(
            {"v at " + deg(std::fmod(m_theta, 2 * kPi) < 1e-12 && m_theta > 0 ? 2 * kPi : m_theta),
             pal.text, small});
    rows.push_back(
        {e && e->symmetric ? "np.linalg.eigh(A)" : "np.linalg.eig(A)", pal.textDim, 13 * ts});
    float w = msz.x(), h = msz.y();
    for (const Row& r : rows) {
        w = std::max(w, canvas.measureText(r.text, r.size).x());
        h += r.size * 1.35f;
    }
    h += 4;
    if (!draw) return {pad * 3 + w, pad * 3 + h};
    drawPlate(canvas, {pad, pad}, {pad * 3 + w, pad * 3 + h}, pal);
    drawMatrix(canvas, {pad * 2, pad * 2}, shown, size, {pal.iHat, pal.jHat}, pal.text, "A =");
    float y = pad * 2 + msz.y() + 6;
    for (const Row& r : rows) {
        canvas.text({pad * 2, y}, r.text, r.size, r.color);
        y += r.size * 1.35f;
    }
    return {pad * 3 + w, pad * 3 + h};
}

void EigenScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Matrix A", pal);
    Eigen::MatrixXd a = m_a;
    if (widgets::matrixEditor("A", a, m_editor, {pal.iHat, pal.jHat}, pal)) setParam("A", a);
    ImGui::TextDisabled("try 2I, a shear [[1,1],[0,1]], a rotation [[0,-1],[1,0]]");

    widgets::sectionHeader("Show", pal);
    int mode = int(m_mode);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::Combo("mode", &mode, "grid (I to A)\0sweep (v around the circle)\0"))
        setParam("mode", std::string(mode == 0 ? "grid" : "sweep"));
    bool changed = false;
    changed |= ImGui::Checkbox("grid", &m_showGrid);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("original grid", &m_showOriginal);
    changed |= ImGui::Checkbox("ordinary vector", &m_showOther);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("circle", &m_showCircle);
    changed |= ImGui::Checkbox("labels", &m_showLabels);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("overlay", &m_showHud);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("caption", &m_showCaption);
    if (changed) touch();

    refresh();
    if (!m_analysis || !m_analysis->eigen) return;
    const engine::EigenResult& e = *m_analysis->eigen;
    widgets::sectionHeader("Eigen", pal);
    const char* call = e.symmetric ? "w, V = np.linalg.eigh(A)" : "w, V = np.linalg.eig(A)";
    std::string values;
    for (const auto& z : e.values)
        values += (values.empty() ? "" : ",  ") + widgets::formatComplex(z.real(), z.imag(), 4);
    widgets::readoutRow("eigenvalues", values, call, pal);
    for (Eigen::Index j = 0; j < e.vectors.cols(); ++j) {
        const std::string name = "v" + std::string(subscript(int(std::min<Eigen::Index>(j, 1))));
        widgets::readoutRow(name.c_str(),
                            "(" + num(e.vectors(0, j)) + ", " + num(e.vectors(1, j)) + ")",
                            e.symmetric ? "V[:, j]  (orthonormal)" : "V[:, j]  (unit length)", pal);
    }
    widgets::readoutRow("case", std::string(engine::eigenCaseName(e.kind)),
                        e.symmetric ? "np.allclose(A, A.T)  # symmetric" : "", pal);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(e.explanation.c_str());
    ImGui::PopTextWrapPos();
    widgets::sectionHeader("Readouts", pal);
    widgets::analysisReadouts(*m_analysis, "A", pal);
}

} // namespace linscape::scenes
