// Drawing of the rectangular SVD scene (see svdrect_scene.h): the plane's disc and grid (3x2) or
// the sphere (2x3) under the staged map, the singular vectors, the column space or the null space,
// A applied directly as a dashed ghost, and the factor overlay.
#include "engine/interpolation.h"
#include "scenes/draw2d.h"
#include "scenes/draw_decomp.h"
#include "scenes/svdrect_scene.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace linscape::scenes {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr int kCircle = 72;
const char* const kSub[3] = {"\u2081", "\u2082", "\u2083"};

std::string num(double x) {
    return prettyNumber(std::abs(x) < 1e-12 ? 0.0 : x, 3);
}

std::string deg(double radians) {
    return num(radians * 180.0 / kPi) + "\u00b0";
}

int stageOf(double p) {
    return std::clamp(int(std::floor(p)), 0, 2);
}

double eased(double x) {
    return engine::easeInOut(std::clamp(x, 0.0, 1.0));
}

// Every other segment of a closed curve: a dashed outline that needs no arc-length bookkeeping.
void dashedLoop(Canvas& canvas, const std::vector<Vec2>& pts, float width, Color color) {
    for (size_t i = 0; i + 1 < pts.size(); i += 2)
        canvas.line(pts[i], pts[i + 1], width, color);
}

} // namespace

Vec2 SvdRectScene::project(const Eigen::Vector3d& p) const {
    return m_camera.project(p).screen + m_shift;
}

double SvdRectScene::depthOf(const Eigen::Vector3d& p) const {
    return m_camera.project(p).depth;
}

void SvdRectScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    refresh();
    const float ts = ctx.textScale;
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
    // The axes reach 1.3 R: fit a sphere a little larger than that.
    m_camera.distance = std::max(2.4 * m_radius, f * m_radius * 1.25 / half);

    if (m_tall)
        drawTall(canvas, ctx);
    else
        drawWide(canvas, ctx);
    drawVectors(canvas, ctx);
    canvas.disc(project({0, 0, 0}), 3.5f, ctx.palette->axis);
    if (hud) drawHud(canvas, ctx, true);
    if (m_showCaption) drawCaption(canvas, captionText, ctx.palette->text, *ctx.palette, ts);
}

size_t SvdRectScene::pickLabelAnchor(const render::Canvas& canvas, const std::vector<Vec2>& anchors,
                                     const std::string& text, float size) const {
    const Vec2 o = project({0, 0, 0});
    const Vec2 half = canvas.measureText(text, size) * 0.5f;
    // The first that fits; when none does, the one that sticks out least.
    size_t best = 0;
    float bestOver = 1e30f;
    for (size_t i = 0; i < anchors.size(); ++i) {
        const Vec2 c = labelOffsetCenter(canvas, anchors[i], anchors[i] - o, text, size, 3);
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

void SvdRectScene::drawAxes(render::Canvas& canvas, const SceneContext& ctx, float zAlpha) {
    if (!m_showAxes) return;
    const Palette& pal = *ctx.palette;
    const Vec2 o = project({0, 0, 0});
    const double len = 1.3 * m_radius;
    const char* names[3] = {"x", "y", "z"};
    for (int i = 0; i < 3; ++i) {
        const float alpha = i == 2 ? zAlpha : 1.0f;
        if (alpha <= 0.01f) continue;
        const Eigen::Vector3d e = Eigen::Vector3d::Unit(i) * len;
        const Vec2 a = project(-e), b = project(e);
        canvas.line(a, b, 1.4f, pal.axis.withAlpha(0.55f * alpha));
        if (m_showLabels)
            labelOffset(canvas, b, b - o, names[i], 14 * ctx.textScale,
                        pal.textDim.withAlpha(alpha), pal.background, 3);
    }
}

void SvdRectScene::drawTall(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const decomp::RectSvd& r = m_svd;
    const Eigen::Matrix3d& m = m_current;
    const double p = m_progress;
    // R^3 appears as Σ sets the plane into it.
    drawAxes(canvas, ctx, float(0.2 + 0.8 * eased(p - 1)));

    // The column space (u₁, u₂) and its normal u₃ come in with the U stage.
    const double f3 = eased(p - 2);
    if (f3 > 0 && r.rank == 2 && m_showSurface) {
        const double e = 0.95 * m_radius;
        const Eigen::Vector3d u1 = r.U.col(0), u2 = r.U.col(1), u3 = r.U.col(2);
        std::vector<Vec2> quad = {project(e * (u1 + u2)), project(e * (u1 - u2)),
                                  project(e * (-u1 - u2)), project(e * (-u1 + u2))};
        canvas.fillConvex(quad, pal.accent.withAlpha(float(0.07 * f3)));
        canvas.polyline(quad, 1.0f, pal.accent.withAlpha(float(0.35 * f3)), true);
        const Vec2 o = project({0, 0, 0});
        if (m_showLabels) {
            // Beyond the middle of an edge, pointing away from the origin, where it fits.
            // The σ labels sit at the +u₁, +u₂ ends: try the others first.
            const std::vector<Vec2> mids = {project(-e * u2), project(-e * u1), project(e * u1),
                                            project(e * u2)};
            const std::string text = "column space";
            const Vec2 mid = mids[pickLabelAnchor(canvas, mids, text, 13 * ts)];
            labelOffset(canvas, mid, mid - o, text, 13 * ts, pal.accent.withAlpha(float(f3)),
                        pal.background, 3);
        }
        // The normal as a line through the origin, labelled at the end farther from the σ
        // labels (which sit at the tips of the singular vectors).
        const Vec2 np = project(0.9 * m_radius * u3), nm = project(-0.9 * m_radius * u3);
        canvas.dashedLine(nm, np, 1.6f, pal.textDim.withAlpha(float(0.8 * f3)), 5, 4);
        auto clearance = [&](Vec2 at) {
            float d = 1e30f;
            for (int i = 0; i < 2; ++i)
                d = std::min(d,
                             (project(m * Eigen::Vector3d(r.Vt(i, 0), r.Vt(i, 1), 0)) - at).norm());
            return d;
        };
        const Vec2 n = clearance(np) >= clearance(nm) ? np : nm;
        if (m_showLabels)
            labelOffset(canvas, n, n - o, "u\u2083: normal", 13 * ts,
                        pal.textDim.withAlpha(float(f3)), pal.background, 3);
    }
    if (m_showSurface) {
        // The square [-1, 1]² of the plane as a grid, and the unit disc inside it.
        for (int k = -2; k <= 2; ++k) {
            const double c = 0.5 * k;
            const Color g = (k == 0 ? pal.axis : pal.grid).withAlpha(k == 0 ? 0.5f : 0.45f);
            canvas.line(project(m * Eigen::Vector3d(c, -1, 0)),
                        project(m * Eigen::Vector3d(c, 1, 0)), 1.1f, g);
            canvas.line(project(m * Eigen::Vector3d(-1, c, 0)),
                        project(m * Eigen::Vector3d(1, c, 0)), 1.1f, g);
        }
        std::vector<Vec2> pts;
        pts.reserve(kCircle);
        for (int i = 0; i < kCircle; ++i) {
            const double a = 2 * kPi * i / kCircle;
            pts.push_back(project(m * Eigen::Vector3d(std::cos(a), std::sin(a), 0)));
        }
        canvas.fillConvex(pts, pal.area.withAlpha(0.22f));
        canvas.polyline(pts, 2.0f, pal.area.withAlpha(0.9f), true);
    }
    if (m_showDirect) {
        const Eigen::Matrix3d a3 = decomp::embedded(r);
        std::vector<Vec2> pts;
        for (int i = 0; i <= kCircle; ++i) {
            const double a = 2 * kPi * i / kCircle;
            pts.push_back(project(a3 * Eigen::Vector3d(std::cos(a), std::sin(a), 0)));
        }
        dashedLoop(canvas, pts, 1.6f, pal.highlight.withAlpha(0.7f));
    }
}

void SvdRectScene::drawWide(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const decomp::RectSvd& r = m_svd;
    const Eigen::Matrix3d& m = m_current;
    const double p = m_progress;
    const double squash = eased(p - 1);
    const Vec2 o = project({0, 0, 0});

    // The output plane R² as z = 0, stronger once space lands on it.
    {
        const double e = 1.0 * m_radius;
        std::vector<Vec2> quad = {project({e, e, 0}), project({-e, e, 0}), project({-e, -e, 0}),
                                  project({e, -e, 0})};
        canvas.fillConvex(quad, pal.accent.withAlpha(float(0.03 + 0.05 * squash)));
        canvas.polyline(quad, 1.0f, pal.accent.withAlpha(float(0.2 + 0.25 * squash)), true);
        if (m_showLabels) {
            const std::string text = "R\u00b2 (z = 0)";
            // Corners from the far one (top of the picture, usually empty) to the near one.
            std::vector<Vec2> spots = quad;
            std::stable_sort(spots.begin(), spots.end(),
                             [](const Vec2& a, const Vec2& b) { return a.y() < b.y(); });
            const Vec2 at = spots[pickLabelAnchor(canvas, spots, text, 13 * ts)];
            labelOffset(canvas, at, at - o, text, 13 * ts,
                        pal.accent.withAlpha(float(0.5 + 0.5 * squash)), pal.background, 3);
        }
    }
    drawAxes(canvas, ctx, float(1.0 - 0.7 * squash));

    // The null-space line (through v₃) until it is squashed away.
    const Eigen::Vector3d v3 = r.Vt.row(2).transpose();
    const Eigen::Vector3d mv3 = m * v3;
    if (m_showVectors && p < 2 && mv3.norm() > 1e-6) {
        const Eigen::Vector3d d = mv3.normalized() * 1.25 * m_radius;
        const Color c = pal.kHat.withAlpha(float(0.55 * (1 - squash)));
        canvas.dashedLine(project(-d), project(d), 1.5f, c, 6, 5);
        if (m_showLabels) {
            const Vec2 end = project(-d);
            labelOffset(canvas, end, end - o, "null space", 13 * ts, c.withAlpha(float(1 - squash)),
                        pal.background, 3);
        }
    }

    struct Seg {
        Vec2 a, b;
        bool back;
    };
    std::vector<Seg> segs;
    const double originDepth = depthOf({0, 0, 0});
    const Color surface = pal.area;
    if (m_showSurface) {
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
        // Once flat, the back/front split means nothing: draw every segment alike.
        const float backAlpha = float(0.25 + 0.35 * squash);
        for (const Seg& s : segs)
            if (s.back) canvas.line(s.a, s.b, 1.2f, surface.withAlpha(backAlpha));
        // The great circle through v₁, v₂ becomes the rim of the filled ellipse.
        std::vector<Vec2> rim;
        const Eigen::Vector3d v1 = r.Vt.row(0).transpose(), v2 = r.Vt.row(1).transpose();
        for (int i = 0; i < kCircle; ++i) {
            const double a = 2 * kPi * i / kCircle;
            rim.push_back(project(m * (std::cos(a) * v1 + std::sin(a) * v2)));
        }
        canvas.fillConvex(rim, surface.withAlpha(float(0.05 + 0.25 * squash)));
        canvas.polyline(rim, float(1.4 + 0.8 * squash),
                        surface.withAlpha(float(0.5 + 0.45 * squash)), true);
    }
    if (m_showDirect) {
        const Eigen::Matrix3d a3 = decomp::embedded(r);
        const Eigen::Vector3d v1 = r.Vt.row(0).transpose(), v2 = r.Vt.row(1).transpose();
        std::vector<Vec2> pts;
        for (int i = 0; i <= kCircle; ++i) {
            const double a = 2 * kPi * i / kCircle;
            pts.push_back(project(a3 * (std::cos(a) * v1 + std::sin(a) * v2)));
        }
        dashedLoop(canvas, pts, 1.6f, pal.highlight.withAlpha(0.7f));
    }
    for (const Seg& s : segs)
        if (!s.back) canvas.line(s.a, s.b, 1.5f, surface.withAlpha(0.75f));
}

void SvdRectScene::drawVectors(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const decomp::RectSvd& r = m_svd;
    const decomp::SvdStages3& st = r.stages;
    const Eigen::Matrix3d& m = m_current;
    const double p = m_progress;
    const int stage = stageOf(p);
    const Vec2 o = project({0, 0, 0});
    // Input-space singular vectors as 3D points: (v, 0) for 3x2, v for 2x3.
    const int count = m_tall ? 2 : 3;
    auto inputVector = [&](int i) -> Eigen::Vector3d {
        if (m_tall) return Eigen::Vector3d(r.Vt(i, 0), r.Vt(i, 1), 0);
        return r.Vt.row(i).transpose();
    };
    const Eigen::Matrix3d a3 = decomp::embedded(r);
    if (m_showDirect)
        for (int i = 0; i < 2; ++i) {
            const Vec2 tip = project(a3 * inputVector(i));
            if ((tip - o).norm() > 2)
                canvas.dashedLine(o, tip, 1.6f, pal.highlight.withAlpha(0.6f), 6, 5);
            canvas.ring(tip, 5.0f, 1.6f, pal.highlight.withAlpha(0.6f));
        }
    if (!m_showVectors) return;
    const Color colors[3] = {pal.iHat, pal.jHat, pal.kHat};
    // Where a squashed vector's label goes: along the axis it is turning with.
    Eigen::Matrix3d frame = Eigen::Matrix3d::Identity();
    if (stage == 0) frame = m * st.Vt.transpose();
    if (stage == 2) frame = decomp::rotation3(st.axisU, eased(p - 2) * st.angleU);
    for (int i = 0; i < count; ++i) {
        const Vec2 tip = project(m * inputVector(i));
        const bool visible = (tip - o).norm() > 2;
        if (visible) canvas.arrow(o, tip, 3.6f, colors[i]);
        if (!m_showLabels) continue;
        std::string text;
        if (i == 2)
            text = p < 2 ? "v\u2083" : "";
        else
            text = p < 1 ? "v" + std::string(kSub[i])
                         : "\u03c3" + std::string(kSub[i]) + " = " + num(r.sigma(i));
        // Both at the origin (A = 0): one label says it for both.
        if (i == 0 && r.sigma(0) <= r.tolerance && p >= 2) text = "\u03c3\u2081 = \u03c3\u2082 = 0";
        if (i == 1 && r.sigma(0) <= r.tolerance && p >= 2) text.clear();
        if (text.empty()) continue;
        const Vec2 dir = (tip - o).norm() > 4 ? Vec2(tip - o) : Vec2(project(frame.col(i)) - o);
        labelOffset(canvas, tip, dir, text, 15 * ts, colors[i], pal.background, 4);
    }
}

Vec2 SvdRectScene::drawHud(render::Canvas& canvas, const SceneContext& ctx, bool draw) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float size = 13 * ts, small = 12 * ts;
    const float pad = 10;
    const decomp::RectSvd& r = m_svd;
    // Σ as shown: values the rank tolerance counts as zero are 0, not 1e-17.
    const double tol = r.tolerance;
    const Eigen::MatrixXd sigma = r.Sigma.unaryExpr([tol](double v) { return v <= tol ? 0.0 : v; });
    const double p = m_progress;
    const int stage = p >= 3 ? 3 : stageOf(p);
    const std::string uStep = m_tall ? "3 \u00b7 rotate " + deg(r.stages.angleU)
                                     : "3 \u00b7 rotate " + deg(decomp::planeAngle(r));
    const std::string vStep = m_tall ? "1 \u00b7 rotate " + deg(decomp::planeAngle(r))
                                     : "1 \u00b7 rotate " + deg(r.stages.angleVt);
    // Entries at rounding level (1e-17) are shown as 0.
    auto clean = [](const Eigen::MatrixXd& q) -> Eigen::MatrixXd {
        return q.unaryExpr([](double v) { return std::abs(v) < 1e-12 ? 0.0 : v; });
    };
    const SvdFactorRow factors[3] = {
        {"U", clean(r.U), {pal.iHat, pal.jHat, pal.kHat}, uStep, 2},
        {"\u03a3", sigma, {}, m_tall ? "2 \u00b7 scale, lift" : "2 \u00b7 scale, drop z", 1},
        {"V\u1d40", clean(r.Vt), {}, vStep, 0},
    };
    const std::string title = "A = U\u03a3V\u1d40   " + shapeLine();
    const std::string svText = "\u03c3 = " + num(r.sigma(0)) + ", " + num(r.sigma(1)) + "   rank " +
                               std::to_string(r.rank);
    const std::string np1 = "U, S, Vt = np.linalg.svd(A)";
    const std::string np2 = "Sigma = np.zeros(A.shape); np.fill_diagonal(Sigma, S)";
    const SvdFactorMetrics fm = measureSvdFactors(canvas, factors, size, small);
    const float gap = size * 0.5f, rowH = fm.matH + 5;
    const float x0 = pad * 2, y0 = pad * 2, titleH = size * 1.5f;
    const float rowsY = y0 + titleH, svY = rowsY + 3 * rowH + 3, npY = svY + small * 1.4f;
    const float npSize = 11 * ts;
    const float w =
        std::max({fm.prefixW + gap + fm.matW + gap + fm.stepW, canvas.measureText(title, size).x(),
                  canvas.measureText(svText, small).x(), canvas.measureText(np1, npSize).x(),
                  canvas.measureText(np2, npSize).x()});
    const Vec2 corner(pad * 3 + w, npY + npSize * 2.6f + pad);
    if (!draw) return corner;
    drawPlate(canvas, {pad, pad}, corner, pal);
    canvas.text({x0, y0}, title, size, pal.text);
    drawSvdFactors(canvas, pal, factors, fm, stage, p, x0, rowsY, rowH, gap, size, small);
    canvas.text({x0, svY}, svText, small, pal.text);
    canvas.text({x0, npY}, np1, npSize, pal.textDim);
    canvas.text({x0, npY + npSize * 1.3f}, np2, npSize, pal.textDim);
    return corner;
}

} // namespace linscape::scenes
