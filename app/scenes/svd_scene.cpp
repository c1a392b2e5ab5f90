// The SVD scene; see svd_scene.h. Sign convention (the engine's canonical SVD): U and V are
// proper rotations and a reflection in A is carried by a negative last entry of Σ, so the picture
// always rotates, scales (possibly through flat: the mirror) and rotates. Column vectors, y up.
#include "scenes/svd_scene.h"

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

std::string num(double x) {
    return prettyNumber(std::abs(x) < 1e-12 ? 0.0 : x, 3);
}

std::string deg(double radians) {
    return num(radians * 180.0 / kPi) + "\u00b0";
}

const char* const kSub[2] = {"\u2081", "\u2082"};

// Stage index 0, 1, 2 for progress in [0, 3) (3 counts as the last stage).
int stageOf(double p) {
    return std::clamp(int(std::floor(p)), 0, 2);
}

std::vector<Vec2> arc(const View2D& view, double radius, double from, double sweep) {
    std::vector<Vec2> pts;
    const int steps = std::max(4, int(std::abs(sweep) / 0.05));
    for (int i = 0; i <= steps; ++i) {
        const double a = from + sweep * double(i) / steps;
        pts.push_back(view.toScreen({radius * std::cos(a), radius * std::sin(a)}));
    }
    return pts;
}

} // namespace

SvdScene::SvdScene() {
    reset();
}

void SvdScene::reset() {
    // Both rotations visible, σ = 2.92 and 1.20, det 3.5: a clear first picture.
    m_a << 2, 1.5, -0.5, 1.375;
    m_duration = 6.0;
    m_t = m_duration;
    m_showGrid = m_showOriginal = m_showCircle = m_showVectors = true;
    m_showDirect = m_showLabels = m_showHud = m_showCaption = true;
    m_showStageGhost = true;
    m_only = 0;
    m_zoom = 1.0;
    m_drag = m_hover = Drag::None;
    m_held.clear();
    m_previousSvd.reset();
    touch();
    update(m_t);
}

std::vector<ParamSpec> SvdScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec a;
    a.name = "A";
    a.type = ParamType::Matrix;
    a.rows = a.cols = 2;
    a.help = "the 2x2 matrix, shown as U Σ Vᵀ";
    p.push_back(a);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "length of the animation in seconds (the three stages share it)";
    p.push_back(dur);
    ParamSpec stage;
    stage.name = "stage";
    stage.type = ParamType::Choice;
    stage.choices = {"all", "1", "2", "3"};
    stage.help = "all: Vᵀ, Σ, U in turn; 1, 2 or 3: the animation plays only that stage (for a "
                 "lesson step), starting where the previous ones ended";
    p.push_back(stage);
    for (const char* b :
         {"show_grid", "show_original_grid", "show_circle", "show_vectors", "show_direct",
          "show_labels", "show_hud", "show_caption", "show_stage_ghost"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> SvdScene::param(const std::string& name) const {
    if (name == "A") return ParamValue(Eigen::MatrixXd(m_a));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "show_grid") return ParamValue(m_showGrid);
    if (name == "show_original_grid") return ParamValue(m_showOriginal);
    if (name == "show_circle") return ParamValue(m_showCircle);
    if (name == "show_vectors") return ParamValue(m_showVectors);
    if (name == "show_direct") return ParamValue(m_showDirect);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    if (name == "show_caption") return ParamValue(m_showCaption);
    if (name == "show_stage_ghost") return ParamValue(m_showStageGhost);
    if (name == "stage")
        return ParamValue(m_only == 0 ? std::string("all") : std::to_string(m_only));
    return std::nullopt;
}

std::string SvdScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "A") {
        const Eigen::Matrix2d a = std::get<Eigen::MatrixXd>(value);
        if (!a.allFinite()) return "A: every entry must be a finite number";
        // A matrix typed or set from a lesson gets the canonical choice; a small edit in the
        // panel continues from the previous factors so nothing flips while the user types.
        if (!m_continueFromPrevious) m_previousSvd.reset();
        m_continueFromPrevious = false;
        m_a = a;
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else if (name == "stage") {
        const std::string v = std::get<std::string>(value);
        m_only = v == "all" ? 0 : std::clamp(std::stoi(v), 1, 3);
    } else {
        const bool b = std::get<bool>(value);
        if (name == "show_grid") m_showGrid = b;
        if (name == "show_original_grid") m_showOriginal = b;
        if (name == "show_circle") m_showCircle = b;
        if (name == "show_vectors") m_showVectors = b;
        if (name == "show_direct") m_showDirect = b;
        if (name == "show_labels") m_showLabels = b;
        if (name == "show_hud") m_showHud = b;
        if (name == "show_caption") m_showCaption = b;
        if (name == "show_stage_ghost") m_showStageGhost = b;
    }
    m_cacheVersion = ~0ull;
    update(m_t);
    return {};
}

void SvdScene::refresh() const {
    if (m_cachedMatrix == m_a && m_analysis) return;
    m_cachedMatrix = m_a;
    engine::AnalysisOptions opt;
    if (m_previousSvd) opt.previousSvd = &*m_previousSvd;
    auto r = engine::analyze(m_a, opt);
    m_analysis.reset();
    m_stages = {};
    if (r.ok()) {
        m_analysis = std::move(r).value();
        m_previousSvd = m_analysis->svd;
        m_stages = decomp::svdStages(m_analysis->svd);
    }
    // The box every stage's picture fits in, so the camera holds still through all three.
    m_extent = {1, 1};
    for (int i = 0; i <= 90; ++i) {
        const Eigen::Matrix2d m = decomp::svdStageMatrix(m_stages, 3.0 * i / 90.0);
        m_extent = m_extent.cwiseMax(Eigen::Vector2d(m.row(0).norm(), m.row(1).norm()));
    }
}

const engine::Analysis* SvdScene::analysis() const {
    refresh();
    return m_analysis ? &*m_analysis : nullptr;
}

const decomp::SvdStages& SvdScene::factors() const {
    refresh();
    return m_stages;
}

std::vector<TimelineStage> SvdScene::stages() const {
    const double d = m_duration;
    const char* const labels[3] = {"1 \u00b7 V\u1d40 rotates", "2 \u00b7 \u03a3 scales",
                                   "3 \u00b7 U rotates"};
    if (m_only > 0) return {{labels[m_only - 1], 0, d}};
    return {{labels[0], 0, d / 3}, {labels[1], d / 3, 2 * d / 3}, {labels[2], 2 * d / 3, d}};
}

void SvdScene::update(double t) {
    refresh();
    m_t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, m_duration);
    if (m_only > 0) {
        // One stage over the whole animation: progress runs from its start to its end.
        const double u = m_duration > 0 && m_t < m_duration ? m_t / m_duration : 1.0;
        m_progress = u >= 1 ? double(m_only) : (m_only - 1) + u;
    } else {
        m_progress = m_duration > 0 ? 3.0 * m_t / m_duration : 3.0;
        if (m_t >= m_duration) m_progress = 3.0;
    }
    m_current = decomp::svdStageMatrix(m_stages, m_progress);
}

void SvdScene::frameView(Vec2 size, Vec2 overlayMax, float captionTop) {
    fitBesideOverlay(m_view, size, m_extent * 1.05, overlayMax, captionTop, 26.0f,
                     std::max(double(size.y()) / 3.5, 8.0), m_zoom);
    // Held still while a tip is dragged, eased to the new framing afterwards.
    m_view = m_held.apply(m_view);
}

void SvdScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    refresh();
    const Palette& pal = *ctx.palette;
    // Overlay and caption first, so the picture is framed in the space they leave. The caption
    // changes with the stage; the tallest one is reserved so the camera never moves.
    const bool hud = m_showHud && ctx.showHud;
    const Vec2 hudMax = hud ? drawHud(canvas, ctx, false) : Vec2(0, 0);
    const CaptionKey key{version(), canvas.width(), ctx.textScale};
    if (!(key == m_captionKey)) {
        m_captionKey = key;
        m_captionReserve = 0;
        for (double p : {0.0, 0.5, 1.5, 2.5, 3.0})
            m_captionReserve =
                std::max(m_captionReserve, captionHeight(canvas, captionAt(p), ctx.textScale));
    }
    const float reserve = m_showCaption ? m_captionReserve : 0.0f;
    frameView({canvas.width(), canvas.height()}, hudMax, canvas.height() - reserve);
    const View2D& view = m_view;
    const float ts = ctx.textScale;
    const double spacing = niceGridSpacing(view.pixelsPerUnit);
    const Eigen::Matrix2d& m = m_current;
    const decomp::SvdStages& st = m_stages;
    const double p = m_progress;
    const int stage = stageOf(p);

    if (m_showOriginal)
        drawTransformedGrid(canvas, view, Eigen::Matrix2d::Identity(), spacing, pal.gridFaint, 1.0f,
                            pal.gridFaint, 1.0f);
    drawAxes(canvas, view, spacing, pal, ts, false);
    if (m_showGrid) {
        // Fade the moving grid as it squashes, so a nearly flat stage reads as a band, not a
        // thicket of lines: the current smallest stretch is |d| in stage 2, else |S| or 1.
        double squeeze = 1.0;
        if (p > 1 && p < 2) {
            const Eigen::Vector2d d = Eigen::Vector2d::Ones() +
                                      engine::easeInOut(p - 1) * (st.S - Eigen::Vector2d::Ones());
            squeeze = d.cwiseAbs().minCoeff();
        } else if (p >= 2) {
            squeeze = st.S.cwiseAbs().minCoeff();
        }
        const float fade = gridFade(squeeze * spacing * view.pixelsPerUnit);
        drawTransformedGrid(canvas, view, m, spacing, pal.grid.withAlpha(0.7f * fade), 1.4f,
                            pal.axis.withAlpha(0.75f), 2.0f);
    }
    const Vec2 o = view.toScreen({0, 0});

    // The circle's image now; its fill turns to the flip colour once the mirror has happened.
    const bool flippedNow = m.determinant() < 0;
    const Color area = flippedNow ? pal.areaFlip : pal.area;
    if (m_showCircle) drawMappedCircle(canvas, view, m, 2.6f, area, area.withAlpha(0.16f));

    // Stage 3 turns the axis-aligned ellipse ΣVᵀ: keep it faintly where it started.
    if (m_showStageGhost && m_showCircle && p > 2 && p < 3)
        drawMappedCircle(canvas, view, Eigen::Matrix2d(st.S.asDiagonal()) * st.Vt, 1.4f,
                         area.withAlpha(0.45f), Color{0, 0, 0, 0}, true);

    // Where A sends the circle directly: the staged picture ends exactly on it.
    if (m_showDirect) {
        drawMappedCircle(canvas, view, m_a, 1.8f, pal.highlight.withAlpha(0.7f), Color{0, 0, 0, 0},
                         true);
        if (m_showVectors)
            for (int i = 0; i < 2; ++i) {
                const Vec2 tip = view.toScreen(m_a * st.Vt.row(i).transpose());
                if ((tip - o).norm() > 2)
                    canvas.dashedLine(o, tip, 1.6f, pal.text.withAlpha(0.5f), 6, 5);
            }
    }

    if (m_showVectors) {
        const Color colors[2] = {pal.iHat, pal.jHat};
        // Stage 1: where v₁, v₂ started, and the angle turned so far.
        if (stage == 0 && p > 0)
            for (int i = 0; i < 2; ++i)
                canvas.arrow(o, view.toScreen(st.Vt.row(i).transpose()), 2.0f,
                             colors[i].withAlpha(0.3f));
        const double r = std::min(0.42, 0.5 * std::max(std::abs(st.S(1)), 0.3));
        const double turned = stage == 0   ? engine::easeInOut(p) * st.angleVt
                              : stage == 2 ? engine::easeInOut(p - 2) * st.angleU
                                           : 0.0;
        if (std::abs(turned) > 0.03 && stage != 1 && p < 3) {
            const Eigen::Vector2d from =
                stage == 0 ? Eigen::Vector2d(st.Vt.row(0).transpose()) : Eigen::Vector2d(1, 0);
            const double a0 = std::atan2(from.y(), from.x());
            auto pts = arc(view, r, a0, turned);
            canvas.polyline(pts, 2.0f, pal.text.withAlpha(0.8f));
            canvas.arrow(pts[pts.size() - 2], pts.back(), 2.0f, pal.text.withAlpha(0.8f), 8.0f);
        }
        // The unsigned frame the vectors sit in now: v₁, v₂ turning (stage 1), the axes (stage
        // 2), the axes turning (stage 3). Labels are placed from it, so they move continuously
        // even where a reflection squashes a vector through zero.
        const Eigen::Matrix2d frame = stage == 0   ? Eigen::Matrix2d(m * st.Vt.transpose())
                                      : stage == 1 ? Eigen::Matrix2d::Identity()
                                                   : decomp::rotation(p >= 3 ? st.angleU : turned);
        for (int i = 0; i < 2; ++i) {
            const Eigen::Vector2d v = st.Vt.row(i).transpose();
            const Vec2 tip = view.toScreen(m * v);
            if ((tip - o).norm() > 2) canvas.arrow(o, tip, 4.2f, colors[i]);
        }
        if (m_showLabels)
            for (int i = 0; i < 2; ++i) {
                const Eigen::Vector2d v = st.Vt.row(i).transpose();
                const Vec2 tip = view.toScreen(m * v);
                const Vec2 other = screenDir(frame.col(1 - i));
                if (p < 1) {
                    // Unit vectors: the name just beyond the tip.
                    labelOffset(canvas, tip, screenDir(frame.col(i)), "v" + std::string(kSub[i]),
                                17 * ts, colors[i], pal.background, 5);
                } else {
                    // A semi-axis. Long: its length beside its middle, on the side away from
                    // the other vector. Short (squashed): beyond the origin on the far side from
                    // the other label. Blended by length, so it never jumps.
                    const std::string text =
                        "\u03c3" + std::string(kSub[i]) + " = " + num(std::abs(st.S(i)));
                    const Vec2 own = screenDir(frame.col(i));
                    // Anchor and direction are blended (not the two positions), so the label
                    // swings around the tip instead of passing over the arrow.
                    const Vec2 shortAnchor = (tip - o).dot(own) > 0 ? tip : o;
                    const float len = (tip - o).norm();
                    const float wLong = std::clamp((len - 16.0f) / 20.0f, 0.0f, 1.0f);
                    const Vec2 anchor = shortAnchor + (o + (tip - o) * 0.5f - shortAnchor) * wLong;
                    const Vec2 dir = own * (1 - wLong) - other * wLong;
                    labelOffset(canvas, anchor, dir.norm() > 1e-3f ? dir : Vec2(-other), text,
                                16 * ts, colors[i], pal.background, 5);
                }
            }
    }
    if (p >= 3) drawColumns(canvas, ctx);
    canvas.disc(o, 3.5f, pal.axis);

    if (hud) drawHud(canvas, ctx, true);
    if (m_showCaption) drawCaption(canvas, caption(), pal.text, pal, ts);
}

Vec2 SvdScene::drawHud(render::Canvas& canvas, const SceneContext& ctx, bool draw) {
    // A column read top to bottom as the formula, A = U Σ Vᵀ, each factor with its step (applied
    // bottom to top: Vᵀ first); the active step is highlighted with its progress.
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float size = 14 * ts, small = 13 * ts;
    const float pad = 10;
    const decomp::SvdStages& st = m_stages;
    // Σ as shown: values the rank tolerance counts as zero are shown as 0, not as 1e-17.
    Eigen::Vector2d shownS = st.S;
    if (m_analysis)
        for (int i = 0; i < 2; ++i)
            if (std::abs(shownS(i)) <= m_analysis->rankTolerance) shownS(i) = 0;
    const double p = m_progress;
    // The highlighted step: the one playing (3: all done). A single-stage animation keeps its
    // own step highlighted even at its end, where progress touches the next one.
    const int stage = m_only > 0 ? m_only - 1 : p >= 3 ? 3 : stageOf(p);
    const Color sigmaFlip = st.S(1) < 0 ? pal.areaFlip : pal.text;
    const SvdFactorRow factors[3] = {
        {"U", st.U, {pal.iHat, pal.jHat}, "3 \u00b7 rotate " + deg(st.angleU), 2},
        {"\u03a3",
         Eigen::Matrix2d(shownS.asDiagonal()),
         {pal.text, sigmaFlip},
         "2 \u00b7 scale",
         1},
        {"V\u1d40", st.Vt, {}, "1 \u00b7 rotate " + deg(st.angleVt), 0},
    };
    const std::string title = "A = U\u03a3V\u1d40";
    const std::string sv =
        "\u03c3\u2081 = " + num(m_analysis ? m_analysis->svd.singularValues(0) : 0) +
        "   \u03c3\u2082 = " + num(m_analysis ? m_analysis->svd.singularValues(1) : 0);
    const std::string numpy = "U, S, Vt = np.linalg.svd(A)";
    const SvdFactorMetrics fm = measureSvdFactors(canvas, factors, size, small);
    const float gap = size * 0.5f;
    const float rowH = fm.matH + 6;
    const float x0 = pad * 2, y0 = pad * 2;
    const float titleH = size * 1.5f;
    const float rowsY = y0 + titleH;
    const float svY = rowsY + 3 * rowH + 4;
    const float npY = svY + small * 1.45f;
    const float w =
        std::max({fm.prefixW + gap + fm.matW + gap + fm.stepW, canvas.measureText(sv, small).x(),
                  canvas.measureText(numpy, 12 * ts).x()});
    const Vec2 corner(pad * 3 + w, npY + 12 * ts * 1.3f + pad);
    if (!draw) return corner;
    drawPlate(canvas, {pad, pad}, corner, pal);
    canvas.text({x0, y0}, title, size, pal.text);
    drawSvdFactors(canvas, pal, factors, fm, stage, p, x0, rowsY, rowH, gap, size, small);
    canvas.text({x0, svY}, sv, small, pal.text);
    canvas.text({x0, npY}, numpy, 12 * ts, pal.textDim);
    return corner;
}

std::string SvdScene::caption() const {
    return captionAt(m_progress);
}

std::string SvdScene::captionAt(double p) const {
    refresh();
    if (!m_analysis) return "The SVD of this matrix is out of range.";
    const decomp::SvdStages& st = m_stages;
    const auto& sv = m_analysis->svd.singularValues;
    const double tol = m_analysis->rankTolerance;
    const bool zero = sv(0) <= tol;
    std::string s;
    if (p <= 0) {
        s = "A = U\u03a3V\u1d40 acts in three steps: V\u1d40 rotates, \u03a3 scales along the "
            "axes, "
            "U rotates.";
    } else if (p < 1) {
        s = std::abs(st.angleVt) < 1e-9
                ? "1 \u00b7 V\u1d40 = I: v\u2081 and v\u2082 already lie on the axes."
                : "1 \u00b7 V\u1d40 rotates the plane by " + deg(st.angleVt) +
                      ": the right singular vectors v\u2081, v\u2082 turn onto the axes.";
    } else if (p < 2) {
        s = "2 \u00b7 \u03a3 stretches along the axes, by \u03c3\u2081 = " + num(sv(0)) +
            " along x and \u03c3\u2082 = " + num(sv(1)) + " along y";
        s += st.S(1) < 0 ? "; \u2212\u03c3\u2082 flips y: the circle goes through flat and comes "
                           "out mirrored."
             : sv(0) <= tol ? ": everything shrinks to the origin."
             : sv(1) <= tol ? ": the circle flattens onto a segment."
                            : ": the circle becomes an ellipse.";
    } else if (p < 3) {
        s = std::abs(st.angleU) < 1e-9
                ? "3 \u00b7 U = I: the ellipse's axes are already u\u2081, u\u2082."
                : "3 \u00b7 U rotates by " + deg(st.angleU) +
                      ": the axes turn onto the left singular vectors u\u2081, u\u2082.";
    } else {
        s = "U\u03a3V\u1d40 lands exactly where A sends the circle directly (dashed): an ellipse "
            "with semi-axes \u03c3\u2081 = " +
            num(sv(0)) + " and \u03c3\u2082 = " + num(sv(1)) + " along u\u2081, u\u2082.";
    }
    if (zero) {
        s += " A = 0: \u03a3 = 0 sends the whole plane to the origin.";
    } else if (sv(1) <= tol) {
        s += " \u03c3\u2082 = 0: \u03a3 flattens the plane onto a line, so A has rank 1.";
    } else if (m_analysis->svd.repeated) {
        s += " \u03c3\u2081 = \u03c3\u2082: A stretches every direction alike, so U and V are not "
             "unique; Linscape picks the pair nearest the axes";
        s += (st.Vt - Eigen::Matrix2d::Identity()).cwiseAbs().maxCoeff() < 1e-9 ? " (V = I)." : ".";
    }
    if (m_analysis->svd.reflection && p >= 1)
        s += " det A < 0: U, V stay rotations and the reflection is \u03a3's \u2212\u03c3\u2082 "
             "(NumPy keeps \u03c3\u2082 \u2265 0 and reflects U or V\u1d40).";
    // A column dragged onto the origin: say what happened to its arrow.
    if (!zero)
        for (int c = 0; c < 2; ++c)
            if (m_a.col(c).isZero(0))
                s += std::string(" ") + (c == 0 ? "\u00ee" : "\u0135") + " is on the origin: A's " +
                     (c == 0 ? "first" : "second") + " column is 0, so A sends " +
                     (c == 0 ? "e\u2081" : "e\u2082") + " to the origin.";
    return s;
}

void SvdScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Matrix A", pal);
    Eigen::MatrixXd a = m_a;
    if (widgets::matrixEditor("A", a, m_editor, {pal.iHat, pal.jHat}, pal)) {
        m_continueFromPrevious = true;
        setParam("A", a);
        m_continueFromPrevious = false;
    }
    ImGui::TextDisabled("try a reflection [[1,0],[0,-2]] or a rotation-scale [[1,-1],[1,1]]");

    widgets::sectionHeader("Show", pal);
    bool changed = false;
    changed |= ImGui::Checkbox("grid", &m_showGrid);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("original grid", &m_showOriginal);
    changed |= ImGui::Checkbox("circle", &m_showCircle);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("singular vectors", &m_showVectors);
    changed |= ImGui::Checkbox("A directly (dashed)", &m_showDirect);
    changed |= ImGui::Checkbox("labels", &m_showLabels);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("overlay", &m_showHud);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("caption", &m_showCaption);
    changed |= ImGui::Checkbox("stage 3: ellipse before U", &m_showStageGhost);
    if (changed) touch();
    int only = m_only;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::Combo("play", &only,
                     "all three stages\0stage 1: V\u1d40\0stage 2: \u03a3\0stage 3: U\0"))
        setParam("stage", std::string(only == 0 ? "all" : std::to_string(only)));

    refresh();
    if (!m_analysis) return;
    const engine::SvdResult& svd = m_analysis->svd;
    widgets::sectionHeader("SVD", pal);
    widgets::readoutRow("singular values",
                        "\u03c3\u2081 = " + num(svd.singularValues(0)) +
                            ",  \u03c3\u2082 = " + num(svd.singularValues(1)),
                        "np.linalg.svd(A, compute_uv=False)", pal);
    auto mat = [](const Eigen::MatrixXd& x) {
        return "[[" + num(x(0, 0)) + ", " + num(x(0, 1)) + "], [" + num(x(1, 0)) + ", " +
               num(x(1, 1)) + "]]";
    };
    widgets::readoutRow("U", mat(svd.U), "U, S, Vt = np.linalg.svd(A)", pal);
    widgets::readoutRow("\u03a3", mat(Eigen::MatrixXd(svd.S.asDiagonal())), "np.diag(S)", pal);
    widgets::readoutRow("V\u1d40", mat(svd.Vt), "Vt", pal);
    widgets::readoutRow("rotations",
                        "U by " + deg(m_stages.angleU) + ",  V\u1d40 by " + deg(m_stages.angleVt),
                        "np.degrees(np.arctan2(U[1,0], U[0,0]))", pal);
    if (svd.reflection)
        ImGui::TextWrapped("det A < 0: the reflection is the sign of \u03a3's last entry; NumPy "
                           "returns S >= 0 and puts det -1 into U or Vt instead.");
    if (svd.repeated)
        ImGui::TextWrapped("Repeated singular values: U and V are not unique; Linscape keeps the "
                           "choice nearest the axes (or the previous one while you edit).");
    widgets::sectionHeader("Readouts", pal);
    widgets::analysisReadouts(*m_analysis, "A", pal);
}

} // namespace linscape::scenes
