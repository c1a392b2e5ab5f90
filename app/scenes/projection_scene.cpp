// The projection scene; see projection_scene.h. Conventions: column vectors, world y up; points
// are the rows (x, y) of an n x 2 matrix. P comes from the engine's QR (projectionOnto) and the
// line fit from its complete orthogonal decomposition: never an explicit inverse.
#include "scenes/projection_scene.h"

#include "engine/interpolation.h"
#include "scenes/decomp_draw.h"
#include "scenes/draw2d.h"

#include <Eigen/Dense>
#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

std::string vec(const Eigen::Vector2d& v, int digits = 3) {
    return "(" + prettyNumber(v.x(), digits) + ", " + prettyNumber(v.y(), digits) + ")";
}

// A value that is zero up to rounding is shown as 0; the honest size of the rounding is shown
// separately where it matters (|P² − P|).
std::string nearZero(double v, double scale) {
    return std::abs(v) <= 1e-12 * std::max(scale, 1e-300) ? "0" : prettyNumber(v, 3);
}

constexpr float kPick = 16.0f; // pixels

} // namespace

ProjectionScene::ProjectionScene() {
    reset();
}

void ProjectionScene::reset() {
    m_mode = Mode::Line;
    m_u = {3, 1};
    m_b = {1.5, 3};
    m_points = decomp::defaultFitPoints();
    m_duration = 2.0;
    m_t = m_duration;
    m_showLabels = m_showHud = true;
    m_framed = false;
    m_drag = m_hover = Drag::None;
    touch();
}

std::vector<ParamSpec> ProjectionScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec mode;
    mode.name = "mode";
    mode.type = ParamType::Choice;
    mode.choices = {"line", "least_squares"};
    mode.help = "project b onto a line, or fit a line to points by least squares";
    p.push_back(mode);
    for (const char* n : {"b", "u"}) {
        ParamSpec v;
        v.name = n;
        v.type = ParamType::Matrix;
        v.rows = 2;
        v.cols = 1;
        v.help = n[0] == 'b' ? "the vector to project" : "the vector spanning the line";
        p.push_back(v);
    }
    ParamSpec pts;
    pts.name = "points";
    pts.type = ParamType::Matrix;
    pts.minCols = pts.maxCols = 2; // cols alone is only checked together with rows
    pts.minRows = 1;
    pts.maxRows = 64;
    pts.help = "least squares: the points, one (x, y) per row";
    p.push_back(pts);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "animation length in seconds (b dropping onto the line)";
    p.push_back(dur);
    for (const char* b : {"show_labels", "show_hud"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> ProjectionScene::param(const std::string& name) const {
    if (name == "mode")
        return ParamValue(std::string(m_mode == Mode::Line ? "line" : "least_squares"));
    if (name == "b") return ParamValue(Eigen::MatrixXd(m_b));
    if (name == "u") return ParamValue(Eigen::MatrixXd(m_u));
    if (name == "points") return ParamValue(m_points);
    if (name == "duration") return ParamValue(m_duration);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    return std::nullopt;
}

std::string ProjectionScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "mode") {
        m_mode = std::get<std::string>(value) == "line" ? Mode::Line : Mode::LeastSquares;
    } else if (name == "b" || name == "u") {
        (name == "b" ? m_b : m_u) = std::get<Eigen::MatrixXd>(value).col(0);
    } else if (name == "points") {
        m_points = std::get<Eigen::MatrixXd>(value);
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else if (name == "show_labels") {
        m_showLabels = std::get<bool>(value);
    } else if (name == "show_hud") {
        m_showHud = std::get<bool>(value);
    }
    if (m_drag == Drag::None) m_framed = false;
    return {};
}

void ProjectionScene::refresh() const {
    if (m_derivedVersion == version()) return;
    m_proj = decomp::projectOntoLine(m_u, m_b);
    m_fit = decomp::fitLine(m_points);
    m_derivedVersion = version();
}

const decomp::LineProjection& ProjectionScene::projection() const {
    refresh();
    return m_proj;
}

const decomp::LineFit& ProjectionScene::fit() const {
    refresh();
    return m_fit;
}

void ProjectionScene::update(double t) {
    m_t = std::clamp(t, 0.0, m_duration);
}

void ProjectionScene::frameView(const Eigen::Vector2d& size) {
    // The content's bounding box, padded, fitted into the part of the viewport right of the
    // overlay. Only on edits, never during a drag, so the plane holds still under the mouse.
    Eigen::Vector2d lo(0, 0), hi(0, 0);
    auto include = [&](const Eigen::Vector2d& p) {
        lo = lo.cwiseMin(p);
        hi = hi.cwiseMax(p);
    };
    if (m_mode == Mode::Line) {
        include(m_u);
        include(m_b);
        include(m_proj.p);
    } else {
        lo = hi = m_points.row(0).transpose();
        for (Eigen::Index i = 0; i < m_points.rows(); ++i)
            include(m_points.row(i).transpose());
        for (Eigen::Index i = 0; i < m_fit.fitted.size(); ++i)
            include({m_points(i, 0), m_fit.fitted(i)});
    }
    const Eigen::Vector2d mid = 0.5 * (lo + hi);
    const Eigen::Vector2d half = (0.5 * 1.25 * (hi - lo)).cwiseMax(Eigen::Vector2d(1, 1));
    frameBeside(m_view, size, mid - half, mid + half, m_showHud ? m_plate : Vec2(0, 0),
                size.y() / 5.0);
    m_framed = true;
}

void ProjectionScene::drawPlane(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const double spacing = niceGridSpacing(m_view.pixelsPerUnit, 36);
    drawTransformedGrid(canvas, m_view, Eigen::Matrix2d::Identity(), spacing, pal.gridFaint, 1.0f,
                        Color{0, 0, 0, 0}, 0);
    drawAxes(canvas, m_view, spacing, pal, ctx.textScale, true);
}

void ProjectionScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    refresh();
    if (m_mode == Mode::Line)
        drawLineMode(canvas, ctx);
    else
        drawLeastSquares(canvas, ctx);
}

void ProjectionScene::drawLineMode(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float base = 15 * ts;
    const decomp::LineProjection& pr = m_proj;
    const bool deg = pr.degenerate;

    // The overlay's lines first: the view is framed beside them.
    // Cases a student must not miss, at the top of the overlay (or as banners without it).
    std::vector<PlateLine> notes;
    const double bn = m_b.norm();
    if (deg) {
        notes.push_back({"u = 0 spans only the origin: there is no line,", pal.warning});
        notes.push_back({"so P = 0 and p = 0. Drag u away from 0.", pal.warning});
    } else if (bn > 0 && pr.residual.norm() <= 1e-9 * bn) {
        notes.push_back({"b already lies on the line: p = b, residual 0", pal.accent});
    } else if (bn > 0 && pr.p.norm() <= 1e-9 * bn) {
        notes.push_back({"b is perpendicular to u: its projection is p = 0", pal.accent});
    } else if (bn == 0) {
        notes.push_back({"b = 0: its projection is p = 0", pal.accent});
    }
    const bool hud = m_showHud && ctx.showHud;
    std::vector<PlateLine> top{
        {"u = " + vec(m_u) + ",   b = " + vec(m_b), pal.text},
        {deg ? std::string("U: none (u = 0 spans no line)")
             : "U = u / \u2016u\u2016 = " + vec(pr.unit, 4) + "   (QR of u)",
         deg ? pal.warning : pal.jHat},
    };
    if (hud && !notes.empty()) {
        notes.back().gapBefore = 0;
        top.insert(top.begin(), notes.begin(), notes.end());
        top[notes.size()].gapBefore = 0.4f;
    }
    std::vector<PlateLine> bottom{
        {"p = Pb = " + vec(pr.p), pal.imageVector},
        {"b \u2212 p = " + vec(pr.residual) + ",   u \u00b7 (b \u2212 p) = " +
             nearZero(m_u.dot(pr.residual), m_u.norm() * m_b.norm()),
         pal.kHat},
        {"P\u00b2 = P,  P\u1d40 = P   (max |P\u00b2 \u2212 P| = " +
             prettyNumber(pr.idempotenceError, 2) + ")",
         pal.text},
        {"Q, R = np.linalg.qr(u.reshape(2, 1))", pal.textDim, 13 * ts, 0.4f},
        {"P = Q @ Q.T;   p = P @ b", pal.textDim, 13 * ts},
    };
    const Eigen::MatrixXd pm = pr.projector;
    const Vec2 msz = measureMatrix(canvas, pm, base, "P = UU\u1d40 =");
    const Vec2 topSz = measureTextPlate(canvas, top, base);
    const Vec2 botSz = measureTextPlate(canvas, bottom, base);
    const float plateW = std::max({topSz.x(), botSz.x(), msz.x() + base * 1.4f});
    const float pad = 12;
    m_plate = {plateW, topSz.y() + msz.y() + botSz.y() - base * 0.6f};
    const Eigen::Vector2d size(canvas.width(), canvas.height());
    if (!m_framed || m_view.viewportSize != size) frameView(size);

    drawPlane(canvas, ctx);
    const View2D& view = m_view;
    const Vec2 o = view.toScreen({0, 0});
    const double s = m_duration > 0 ? engine::easeInOut(m_t / m_duration) : 1.0;
    const float fade = float(std::clamp((s - 0.75) / 0.25, 0.0, 1.0));

    // The line span(u), then b, its drop, p and u on top.
    if (!deg) drawWorldLine(canvas, view, {0, 0}, m_u, 2.5f, pal.jHat.withAlpha(0.4f));
    const Vec2 bTip = view.toScreen(m_b), pTip = view.toScreen(pr.p);
    const Vec2 foot = view.toScreen(m_b + s * (pr.p - m_b));
    const bool hasResidual = (bTip - pTip).norm() > 2.0f;
    const bool hasP = (pTip - o).norm() > 2.0f;
    if (hasResidual && s > 0) {
        canvas.dashedLine(bTip, foot, 2.5f, pal.kHat, 7, 5);
        canvas.disc(foot, 4.5f, pal.kHat);
    }
    // p lies on u's line: drawn wide underneath, with u thinner on top, so both stay visible.
    if (hasP) canvas.arrow(o, pTip, 7.0f, pal.imageVector.withAlpha(float(0.15 + 0.85 * s)), 17);
    if (fade > 0 && hasResidual && hasP)
        drawRightAngle(canvas, pTip, o - pTip, bTip - pTip, 11, 1.8f, pal.text.withAlpha(fade));
    else if (fade > 0 && hasResidual && !deg)
        drawRightAngle(canvas, pTip, view.toScreen(m_u) - o, bTip - pTip, 11, 1.8f,
                       pal.text.withAlpha(fade));
    canvas.arrow(o, bTip, 4.0f, pal.vector);
    const Vec2 uTip = view.toScreen(m_u);
    const bool uHot = m_hover == Drag::U || m_drag == Drag::U;
    const bool bHot = m_hover == Drag::B || m_drag == Drag::B;
    if (!deg) canvas.arrow(o, uTip, uHot ? 4.0f : 3.0f, pal.jHat);
    if (uHot) canvas.ring(uTip, 13, 2, pal.jHat.withAlpha(0.8f));
    if (bHot) canvas.ring(bTip, 13, 2, pal.vector.withAlpha(0.8f));
    canvas.disc(o, deg ? 6.0f : 3.5f, deg ? pal.jHat : pal.axis);

    if (m_showLabels) {
        const float ls = 20 * ts;
        labelArrow(canvas, o, bTip, "b", ls, pal.vector, pal.background, {uTip - o});
        if (!deg) labelArrow(canvas, o, uTip, "u", ls, pal.jHat, pal.background, {bTip - o});
        if (hasP && fade > 0)
            labelArrow(canvas, o, pTip, "p = Pb", 18 * ts, pal.imageVector.withAlpha(fade),
                       pal.background, {bTip - pTip, uTip - o});
        if (hasResidual && hasP && fade > 0) {
            Vec2 n = bTip - pTip;
            n = Vec2(n.y(), -n.x()).normalized();
            if (n.dot(pTip - o) < 0) n = -n; // away from the origin side
            const Vec2 at = 0.5f * (bTip + pTip) + n * (16 * ts);
            canvas.text(at, "b \u2212 p", 17 * ts, pal.kHat.withAlpha(fade), render::Anchor::Center,
                        pal.background);
        }
    }

    if (hud) {
        const float h = topSz.y() + msz.y() + botSz.y() - base * 0.6f;
        drawPlate(canvas, {pad, pad}, {pad + plateW, pad + h}, pal);
        std::vector<PlateLine> noPlate;
        // Draw the text without extra plates: plates share one background.
        float y = pad + base * 0.7f;
        for (const PlateLine& l : top) {
            y += base * l.gapBefore;
            canvas.text({pad + base * 0.7f, y}, l.text, l.size > 0 ? l.size : base, l.color);
            y += base * 1.3f;
        }
        drawMatrix(canvas, {pad + base * 0.7f, y + 2}, pm, base, {}, pal.text, "P = UU\u1d40 =");
        y += msz.y() + base * 0.5f;
        for (const PlateLine& l : bottom) {
            const float ls = l.size > 0 ? l.size : base;
            y += ls * l.gapBefore;
            canvas.text({pad + base * 0.7f, y}, l.text, ls, l.color);
            y += ls * 1.3f;
        }
    }
    if (!hud)
        for (size_t i = 0; i < notes.size(); ++i)
            drawBanner(canvas, notes[i].text, notes[i].color, pal, ts, int(i));
}

void ProjectionScene::drawLeastSquares(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float base = 15 * ts;
    const decomp::LineFit& f = m_fit;
    const Eigen::Index n = m_points.rows();

    std::vector<PlateLine> notes;
    if (f.ok && !f.unique) {
        if (f.identical && n == 1) {
            notes.push_back({"One point: every line through it fits,", pal.warning});
            notes.push_back({"so m and c are not unique.", pal.warning});
        } else if (f.identical) {
            notes.push_back({"All points are identical: every line", pal.warning});
            notes.push_back({"through them fits, so m and c are not unique.", pal.warning});
        } else {
            notes.push_back({"All x are equal: the columns x and 1 of X", pal.warning});
            notes.push_back({"are parallel (rank 1), so m and c are not", pal.warning});
            notes.push_back({"unique; no line y = mx + c is vertical.", pal.warning});
        }
        notes.push_back({"lstsq returns the minimum-norm (m, c), dashed.", pal.warning});
    }
    const bool hud = m_showHud && ctx.showHud;
    std::vector<PlateLine> lines = hud ? notes : std::vector<PlateLine>{};
    const std::string sign = f.intercept < 0 ? " \u2212 " : " + ";
    lines.push_back({"fit:  y = " + prettyNumber(f.slope, 4) + " x" + sign +
                         prettyNumber(std::abs(f.intercept), 4),
                     pal.imageVector, 0, lines.empty() ? 0.0f : 0.4f});
    lines.push_back({"m = " + prettyNumber(f.slope, 4) + ",  c = " + prettyNumber(f.intercept, 4) +
                         (f.unique ? "" : "  (not unique)"),
                     f.unique ? pal.text : pal.warning});
    lines.push_back({"b = the y values; this projects b", pal.text, 0, 0.3f});
    lines.push_back({"onto the column space of X = [x 1]", pal.text});
    lines.push_back({"(" + std::to_string(n) + "\u00d72):  p = X (m, c)", pal.text});
    lines.push_back(
        {"\u2016b \u2212 p\u2016 = " + prettyNumber(f.residualNorm, 4) + ", the least possible",
         pal.kHat});
    lines.push_back(
        {"X\u1d40(b \u2212 p) = 0   (max " + prettyNumber(f.orthogonality, 2) + "):", pal.text});
    lines.push_back({"the residual is perpendicular to col(X)", pal.text});
    lines.push_back({"solved by QR, never by inverting X\u1d40X", pal.textDim});
    lines.push_back({"X = np.column_stack([x, np.ones_like(x)])", pal.textDim, 12.5f * ts, 0.4f});
    lines.push_back({"(m, c), *_ = np.linalg.lstsq(X, b, rcond=None)", pal.textDim, 12.5f * ts});
    const Vec2 plateSz = measureTextPlate(canvas, lines, base);
    const float pad = 12;
    m_plate = plateSz;
    const Eigen::Vector2d size(canvas.width(), canvas.height());
    if (!m_framed || m_view.viewportSize != size) frameView(size);

    drawPlane(canvas, ctx);
    const View2D& view = m_view;
    const double s = m_duration > 0 ? engine::easeInOut(m_t / m_duration) : 1.0;
    if (f.ok) {
        drawWorldLine(canvas, view, {0, f.intercept}, {1, f.slope}, 3.0f,
                      pal.imageVector.withAlpha(0.9f), !f.unique);
        for (Eigen::Index i = 0; i < n; ++i) {
            const Eigen::Vector2d pt = m_points.row(i).transpose();
            const Vec2 a = view.toScreen(pt);
            const Vec2 b = view.toScreen({pt.x(), pt.y() + s * (f.fitted(i) - pt.y())});
            if ((a - b).norm() > 1.0f) canvas.line(a, b, 2.2f, pal.kHat.withAlpha(0.9f));
            canvas.ring(view.toScreen({pt.x(), f.fitted(i)}), 3.5f, 1.6f, pal.imageVector);
        }
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        const Vec2 a = view.toScreen(m_points.row(i).transpose());
        const bool hot = (m_hover == Drag::Point && m_hoverPoint == i) ||
                         (m_drag == Drag::Point && m_dragPoint == i);
        drawDataPoint(canvas, a, hot ? 7.0f : 5.5f, pal.vector, pal.background);
        if (hot) canvas.ring(a, 12, 2, pal.vector.withAlpha(0.8f));
    }
    if (hud)
        drawTextPlate(canvas, {pad, pad}, lines, base, pal);
    else
        for (size_t i = 0; i < notes.size(); ++i)
            drawBanner(canvas, notes[i].text, notes[i].color, pal, ts, int(i));
}

void ProjectionScene::input(const ViewportInput& in, const SceneContext&) {
    if (!m_framed) return;
    const View2D& view = m_view;
    auto dist = [&](const Eigen::Vector2d& w) { return (view.toScreen(w) - in.mouse).norm(); };
    if (m_drag == Drag::None) {
        m_hover = Drag::None;
        m_hoverPoint = -1;
        if (in.hovered) {
            if (m_mode == Mode::Line) {
                if (dist(m_b) < kPick)
                    m_hover = Drag::B;
                else if (dist(m_u) < kPick)
                    m_hover = Drag::U;
            } else {
                float best = kPick;
                for (Eigen::Index i = 0; i < m_points.rows(); ++i) {
                    const float d = dist(m_points.row(i).transpose());
                    if (d < best) {
                        best = d;
                        m_hoverPoint = int(i);
                        m_hover = Drag::Point;
                    }
                }
            }
        }
        if (in.pressed[0] && m_hover != Drag::None) {
            m_drag = m_hover;
            m_dragPoint = m_hoverPoint;
        }
        return;
    }
    if (!in.down[0]) {
        m_drag = Drag::None;
        // Re-frame only when something left the view.
        const Eigen::Vector2d lo = view.worldMin(), hi = view.worldMax();
        auto outside = [&](const Eigen::Vector2d& p) {
            return (p.array() < lo.array()).any() || (p.array() > hi.array()).any();
        };
        bool out = outside(m_u) || outside(m_b);
        if (m_mode == Mode::LeastSquares)
            for (Eigen::Index i = 0; i < m_points.rows(); ++i)
                out = out || outside(m_points.row(i).transpose());
        if (out) m_framed = false;
        return;
    }
    Eigen::Vector2d w = view.toWorld(in.mouse);
    const double quantum = std::pow(10.0, std::floor(std::log10(20.0 / view.pixelsPerUnit)));
    w = (w / quantum).array().round().matrix() * quantum;
    if (in.shift) w = (w * 2).array().round().matrix() / 2;
    if (m_drag == Drag::U) m_u = w;
    if (m_drag == Drag::B) m_b = w;
    if (m_drag == Drag::Point && m_dragPoint >= 0 && m_dragPoint < m_points.rows())
        m_points.row(m_dragPoint) = w.transpose();
    touch();
}

std::string ProjectionScene::statusLine() const {
    if (m_drag == Drag::U) return "Dragging u: the line follows; p = Pb updates";
    if (m_drag == Drag::B) return "Dragging b: it drops perpendicularly onto the line";
    if (m_drag == Drag::Point) return "Dragging a point: the fit and its residuals follow";
    if (m_mode == Mode::Line) return "Drag the tips of b and u \u00b7 Shift snaps to halves";
    return "Drag any point \u00b7 Shift snaps to halves \u00b7 add or remove points in the panel";
}

void ProjectionScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    int mode = m_mode == Mode::Line ? 0 : 1;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::Combo("mode", &mode, "onto a line\0least squares\0"))
        setParam("mode", std::string(mode == 0 ? "line" : "least_squares"));
    const decomp::LineProjection& pr = projection();
    const decomp::LineFit& f = fit();
    if (m_mode == Mode::Line) {
        widgets::sectionHeader("Vectors", pal);
        Eigen::MatrixXd b = m_b, u = m_u;
        ImGui::TextUnformatted("b");
        ImGui::SameLine();
        if (widgets::matrixEditor("b", b, m_bEditor, {pal.vector}, pal)) setParam("b", b);
        ImGui::TextUnformatted("u");
        ImGui::SameLine();
        if (widgets::matrixEditor("u", u, m_uEditor, {pal.jHat}, pal)) setParam("u", u);
        widgets::sectionHeader("Readouts", pal);
        widgets::readoutRow("U", pr.degenerate ? "none: u = 0" : vec(pr.unit, 4),
                            "Q, R = np.linalg.qr(u.reshape(2, 1))", pal);
        widgets::readoutRow("P",
                            "[[" + prettyNumber(pr.projector(0, 0), 4) + ", " +
                                prettyNumber(pr.projector(0, 1), 4) + "], [" +
                                prettyNumber(pr.projector(1, 0), 4) + ", " +
                                prettyNumber(pr.projector(1, 1), 4) + "]]",
                            "P = Q @ Q.T", pal);
        widgets::readoutRow("p = Pb", vec(pr.p, 4), "p = P @ b", pal);
        widgets::readoutRow("b \u2212 p", vec(pr.residual, 4), "r = b - p", pal);
        widgets::readoutRow("|P\u00b2 \u2212 P|", prettyNumber(pr.idempotenceError, 2),
                            "np.abs(P @ P - P).max()", pal);
    } else {
        widgets::sectionHeader("Points", pal);
        ImGui::Text("%d points", int(m_points.rows()));
        if (ImGui::Button("add point") && m_points.rows() < 64) {
            Eigen::MatrixXd p(m_points.rows() + 1, 2);
            p.topRows(m_points.rows()) = m_points;
            const Eigen::Vector2d c = m_view.center;
            p.row(m_points.rows()) << std::round(c.x() * 10) / 10, std::round(c.y() * 10) / 10;
            setParam("points", p);
        }
        ImGui::SameLine();
        if (ImGui::Button("remove last") && m_points.rows() > 1)
            setParam("points", Eigen::MatrixXd(m_points.topRows(m_points.rows() - 1)));
        ImGui::SameLine();
        if (ImGui::Button("seeded default")) setParam("points", decomp::defaultFitPoints());
        widgets::sectionHeader("Readouts", pal);
        widgets::readoutRow("slope m", prettyNumber(f.slope, 5),
                            "(m, c), *_ = np.linalg.lstsq(X, b, rcond=None)", pal);
        widgets::readoutRow("intercept c", prettyNumber(f.intercept, 5), nullptr, pal);
        widgets::readoutRow("rank of X", std::to_string(f.rank), "np.linalg.matrix_rank(X)", pal);
        widgets::readoutRow("\u2016b \u2212 p\u2016", prettyNumber(f.residualNorm, 5),
                            "np.linalg.norm(b - X @ [m, c])", pal);
        if (!f.explanation.empty()) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextColored({pal.warning.r, pal.warning.g, pal.warning.b, 1}, "%s",
                               f.explanation.c_str());
            ImGui::PopTextWrapPos();
        }
    }
}

} // namespace linscape::scenes
