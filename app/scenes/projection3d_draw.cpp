// Drawing of the 3D projection scene (see projection3d_scene.h): painter's order, far things
// first: the ground grid and axes, the span (plane patch or line), then the vectors, the drop and
// its right angle; in least-squares mode the points under the fitted plane, the plane, the rest.
#include "engine/interpolation.h"
#include "scenes/draw2d.h"
#include "scenes/projection3d_scene.h"

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

// Zero up to rounding (relative to `scale`) is shown as 0; the size of the rounding is shown
// separately where it matters (|P² − P|, Qᵀr).
double clean(double v, double scale) {
    return std::abs(v) <= 1e-12 * std::max(scale, 1e-300) ? 0.0 : v;
}

std::string vec3(const Eigen::Vector3d& v, double scale, int digits = 3) {
    return "(" + prettyNumber(clean(v.x(), scale), digits) + ", " +
           prettyNumber(clean(v.y(), scale), digits) + ", " +
           prettyNumber(clean(v.z(), scale), digits) + ")";
}

std::string signedTerm(double v, const std::string& name, bool first) {
    const std::string mag = prettyNumber(std::abs(v), 4);
    if (first) return (v < 0 ? "\u2212" : "") + mag + name;
    return (v < 0 ? " \u2212 " : " + ") + mag + name;
}

} // namespace

Vec2 Projection3DScene::plate(render::Canvas& canvas, const SceneContext& ctx,
                              const std::vector<PlateLine>& top, const Eigen::MatrixXd& m,
                              const std::string& prefix, const std::vector<PlateLine>& bottom,
                              bool draw) {
    const Palette& pal = *ctx.palette;
    const float base = 13 * ctx.textScale, pad = 10;
    const Vec2 tsz = measureTextPlate(canvas, top, base);
    const Vec2 msz = m.size() ? measureMatrix(canvas, m, base, prefix) : Vec2(0, 0);
    const Vec2 bsz = measureTextPlate(canvas, bottom, base);
    const float w = std::max({tsz.x(), bsz.x(), msz.x() + base * 1.4f});
    const float h = tsz.y() + msz.y() + bsz.y() - base * (m.size() ? 0.6f : 1.4f);
    if (!draw) return {w, h};
    drawPlate(canvas, {pad, pad}, {pad + w, pad + h}, pal);
    const float x = pad + base * 0.7f;
    float y = pad + base * 0.7f;
    auto lines = [&](const std::vector<PlateLine>& ls) {
        for (const PlateLine& l : ls) {
            const float s = l.size > 0 ? l.size : base;
            y += s * l.gapBefore;
            canvas.text({x, y}, l.text, s, l.color);
            y += s * 1.3f;
        }
    };
    lines(top);
    if (m.size()) {
        drawMatrix(canvas, {x, y + 2}, m, base, {}, pal.text, prefix);
        y += msz.y() + base * 0.5f;
    }
    lines(bottom);
    return {w, h};
}

void Projection3DScene::frameStage(render::Canvas& canvas, Vec2 plateSize,
                                   const Eigen::Vector3d& target, double radius) {
    const float pad = 10;
    Vec2 lo(0, 0), hi(canvas.width(), canvas.height() - 26);
    if (plateSize.x() > 0) lo.x() = plateSize.x() + 2 * pad;
    m_stage.frame(canvas, lo, hi, target, radius);
}

void Projection3DScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    refresh();
    if (m_mode == Mode::Plane)
        drawPlaneMode(canvas, ctx);
    else
        drawFitMode(canvas, ctx);
}

void Projection3DScene::drawPlaneMode(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale, small = 11.5f * ts;
    const decomp::PlaneProjection& pr = m_proj;
    const int dim = pr.dimension;
    const double scale = std::max({m_b.norm(), m_u1.norm(), m_u2.norm(), 1e-300});
    const bool hud = m_showHud && ctx.showHud;

    // Overlay text, measured first: the stage is framed beside it.
    const std::vector<std::string> noteText = notes();
    std::vector<PlateLine> top;
    if (hud)
        for (size_t i = 0; i < noteText.size(); ++i)
            top.push_back(
                {noteText[i], i < 2 && (dim < 2 || pr.nearlyParallel) ? pal.warning : pal.accent});
    const float gap = top.empty() ? 0.0f : 0.4f;
    top.push_back({"b = " + vec3(m_b, scale), pal.vector, 0, gap});
    top.push_back(
        {"u\u2081 = " + vec3(m_u1, scale) + ",  u\u2082 = " + vec3(m_u2, scale), pal.jHat});
    if (dim == 0) top.push_back({"Q: no columns (the span is {0})", pal.warning});
    for (int j = 0; j < dim; ++j)
        top.push_back({std::string(j ? "q\u2082" : "q\u2081") + " = " + vec3(pr.Q.col(j), 1, 4) +
                           (j + 1 == dim ? "   (QR of [u\u2081 u\u2082])" : ""),
                       j ? pal.iHat : pal.jHat});
    const std::string prefix = dim == 2   ? "P = QQ\u1d40 ="
                               : dim == 1 ? "P = q\u2081q\u2081\u1d40 ="
                                          : "P = 0 =";
    Eigen::MatrixXd pm = pr.projector;
    for (Eigen::Index i = 0; i < pm.size(); ++i)
        pm(i) = clean(pm(i), 1);
    std::vector<PlateLine> bottom{
        {"p = Pb = " + vec3(pr.p, scale), pal.imageVector},
        {"b \u2212 p = " + vec3(pr.residual, scale), pal.kHat},
        {dim == 0 ? std::string("no Q: P = 0 sends every b to 0")
                  : "Q\u1d40(b \u2212 p) = 0   (max " + prettyNumber(pr.orthogonality, 2) + ")",
         pal.text},
        {"P\u00b2 = P,  P\u1d40 = P   (max |P\u00b2 \u2212 P| = " +
             prettyNumber(pr.idempotenceError, 2) + ")",
         pal.text},
        {dim == 2 ? "Q, R = np.linalg.qr(np.column_stack([u1, u2]))"
                  : "Q = scipy.linalg.orth(np.column_stack([u1, u2]))",
         pal.textDim, small, 0.4f},
        {"P = Q @ Q.T;   p = P @ b", pal.textDim, small},
    };
    const Vec2 psz = hud ? plate(canvas, ctx, top, pm, prefix, bottom, false) : Vec2(0, 0);

    // Frame everything that is drawn; not while a tip is dragged, so it stays under the mouse.
    const double extent = std::max({m_b.norm(), m_u1.norm(), m_u2.norm(), 1.0}) * 1.1;
    if (!m_frameFrozen) {
        Eigen::Vector3d lo = Eigen::Vector3d::Zero(), hi = Eigen::Vector3d::Zero();
        for (const Eigen::Vector3d& v : {m_b, m_u1, m_u2, pr.p}) {
            lo = lo.cwiseMin(v);
            hi = hi.cwiseMax(v);
        }
        m_frameTarget = 0.5 * (lo + hi);
        m_frameRadius = std::max(0.5 * (hi - lo).norm() * 1.25, 0.7 * extent);
    }
    frameStage(canvas, psz, m_frameTarget, m_frameRadius);
    const Stage3D& st = m_stage;
    const double step = niceStep3(extent);
    st.ground(canvas, pal, ts, extent, step, m_showLabels);

    // The span: a square patch of the plane with lines every step, or the whole line.
    const Eigen::Vector3d q1 = pr.Q.col(0), q2 = pr.Q.col(1);
    if (dim == 2) {
        // Just past the vectors in each direction of the plane, so the patch reads as a patch.
        double e1 = 0, e2 = 0;
        for (const Eigen::Vector3d& v : {m_b, m_u1, m_u2, pr.p}) {
            e1 = std::max(e1, std::abs(v.dot(q1)));
            e2 = std::max(e2, std::abs(v.dot(q2)));
        }
        e1 = std::max(1.25 * e1, 0.4 * extent);
        e2 = std::max(1.25 * e2, 0.4 * extent);
        st.polygon(canvas,
                   {e1 * q1 + e2 * q2, e1 * q1 - e2 * q2, -e1 * q1 - e2 * q2, -e1 * q1 + e2 * q2},
                   pal.jHat.withAlpha(0.16f), pal.jHat.withAlpha(0.55f), 1.5f);
        const int n1 = std::clamp(int(std::floor(e1 / step)), 0, 30);
        const int n2 = std::clamp(int(std::floor(e2 / step)), 0, 30);
        for (int k = -n1; k <= n1; ++k)
            st.line(canvas, k * step * q1 - e2 * q2, k * step * q1 + e2 * q2, 1.0f,
                    pal.jHat.withAlpha(0.22f));
        for (int k = -n2; k <= n2; ++k)
            st.line(canvas, -e1 * q1 + k * step * q2, e1 * q1 + k * step * q2, 1.0f,
                    pal.jHat.withAlpha(0.22f));
    } else if (dim == 1) {
        st.line(canvas, -1.4 * extent * q1, 1.4 * extent * q1, 2.5f, pal.jHat.withAlpha(0.55f));
    }

    const double s = m_duration > 0 ? engine::easeInOut(m_t / m_duration) : 1.0;
    const float fade = float(std::clamp((s - 0.75) / 0.25, 0.0, 1.0));
    const Eigen::Vector3d o = Eigen::Vector3d::Zero();
    const double rn = pr.residual.norm(), pn = pr.p.norm();
    const bool hasResidual = rn > 1e-9 * scale, hasP = pn > 1e-9 * scale;
    // u1, u2 under b and p: they lie in the plane.
    if (m_u1.norm() > 0) st.arrow(canvas, o, m_u1, 3.0f, pal.jHat);
    if (m_u2.norm() > 0) st.arrow(canvas, o, m_u2, 3.0f, pal.iHat);
    if (hasP) st.arrow(canvas, o, pr.p, 5.0f, pal.imageVector.withAlpha(float(0.15 + 0.85 * s)));
    if (hasResidual && s > 0) {
        const Eigen::Vector3d foot = m_b + s * (pr.p - m_b);
        st.line(canvas, m_b, foot, 2.5f, pal.kHat, true);
        if (st.inFront(foot)) canvas.disc(st.screen(foot), 4.0f, pal.kHat);
    }
    if (fade > 0 && hasResidual && dim > 0) {
        const Eigen::Vector3d d1 = hasP ? Eigen::Vector3d(-pr.p / pn) : q1;
        const Eigen::Vector3d d2 = pr.residual / rn;
        double size = std::min(0.14 * extent, 0.4 * rn);
        if (hasP) size = std::min(size, 0.4 * pn);
        st.rightAngle(canvas, pr.p, d1, d2, size, 1.8f, pal.text.withAlpha(fade));
    }
    if (m_b.norm() > 0) st.arrow(canvas, o, m_b, 4.0f, pal.vector);
    const Drag hot = m_drag != Drag::None ? m_drag : m_hover;
    if (hot != Drag::None) {
        const Eigen::Vector3d& v = hot == Drag::B ? m_b : hot == Drag::U1 ? m_u1 : m_u2;
        const Color c = hot == Drag::B ? pal.vector : hot == Drag::U1 ? pal.jHat : pal.iHat;
        if (st.inFront(v)) canvas.ring(st.screen(v), 12, 2, c.withAlpha(0.8f));
    }
    if (st.inFront(o)) canvas.disc(st.screen(o), dim == 0 ? 6.0f : 3.5f, pal.axis);

    if (m_showLabels) {
        const float ls = 17 * ts;
        if (m_b.norm() > 0) st.label(canvas, m_b, o, "b", ls, pal.vector, pal.background);
        if (m_u1.norm() > 0) st.label(canvas, m_u1, o, "u\u2081", ls, pal.jHat, pal.background);
        if (m_u2.norm() > 0) st.label(canvas, m_u2, o, "u\u2082", ls, pal.iHat, pal.background);
        if (hasP && fade > 0) {
            // Away from both the origin and b, so the label clears p's arrow and the drop.
            Eigen::Vector3d away = pr.p / pn;
            if (hasResidual) away -= pr.residual / rn;
            st.label(canvas, pr.p, pr.p - away, "p = Pb", 15 * ts, pal.imageVector.withAlpha(fade),
                     pal.background);
        }
        if (hasResidual && hasP && fade > 0) {
            const Eigen::Vector3d mid = 0.5 * (m_b + pr.p);
            if (st.inFront(mid)) {
                const Vec2 a = st.screen(m_b), b = st.screen(pr.p);
                Vec2 nrm = b - a;
                nrm = nrm.norm() > 1 ? Vec2(Vec2(nrm.y(), -nrm.x()).normalized()) : Vec2(1, 0);
                if (nrm.dot(a - st.screen(o)) < 0) nrm = -nrm;
                canvas.text(st.screen(mid) + nrm * (14 * ts), "b \u2212 p", 15 * ts,
                            pal.kHat.withAlpha(fade), render::Anchor::Center, pal.background);
            }
        }
    }

    if (hud)
        plate(canvas, ctx, top, pm, prefix, bottom, true);
    else
        for (size_t i = 0; i < noteText.size(); ++i)
            drawBanner(canvas, noteText[i],
                       i < 2 && (dim < 2 || pr.nearlyParallel) ? pal.warning : pal.accent, pal, ts,
                       int(i));
}

void Projection3DScene::drawFitMode(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale, small = 11.5f * ts;
    const decomp::PlaneFit& f = m_fit;
    const Eigen::MatrixXd& pts = m_points;
    const Eigen::Index n = pts.rows();
    const bool hud = m_showHud && ctx.showHud;
    const Eigen::Vector3d c = f.coefficients;
    const double zScale = std::max(1.0, pts.col(2).cwiseAbs().maxCoeff());

    const std::vector<std::string> noteText = notes();
    std::vector<PlateLine> top;
    if (hud)
        for (const std::string& s : noteText)
            top.push_back({s, pal.warning});
    top.push_back({"n = " + std::to_string(n) + " points" +
                       (m_custom ? std::string(" (yours)")
                                 : ",  noise " + prettyNumber(m_noise, 3) + ",  seed " +
                                       prettyNumber(m_seed, 10)),
                   pal.text, 0, top.empty() ? 0.0f : 0.4f});
    top.push_back({"fit:  z = " + signedTerm(c(0), " x", true) + signedTerm(c(1), " y", false) +
                       signedTerm(c(2), "", false) + (f.unique ? "" : "  (not unique)"),
                   f.unique ? pal.imageVector : pal.warning});
    std::vector<PlateLine> bottom{
        {"z (the " + std::to_string(n) + " heights) projected onto col(X),", pal.text, 0, 0.3f},
        {"X = [x y 1] (" + std::to_string(n) + "\u00d73):  p = X (a, b, c)", pal.text},
        {"\u2016z \u2212 p\u2016 = " + prettyNumber(clean(f.residualNorm, zScale), 4) +
             ", the least possible",
         pal.kHat},
        {"X\u1d40(z \u2212 p) = 0  (max " + prettyNumber(f.orthogonality, 2) + "):", pal.text},
        {"the residual is perpendicular to col(X)", pal.text},
        {"solved by QR, never by inverting X\u1d40X", pal.textDim},
        {"X = np.column_stack([x, y, np.ones(n)])", pal.textDim, small, 0.4f},
        {"coef, *_ = np.linalg.lstsq(X, z, rcond=None)", pal.textDim, small},
    };
    const Vec2 psz = hud ? plate(canvas, ctx, top, {}, "", bottom, false) : Vec2(0, 0);

    // The patch of the fitted plane over the points' (x, y) range.
    Eigen::Vector2d xyLo(0, 0), xyHi(0, 0);
    Eigen::Vector3d lo = Eigen::Vector3d::Zero(), hi = Eigen::Vector3d::Zero();
    if (f.ok) {
        xyLo = pts.leftCols(2).colwise().minCoeff().transpose();
        xyHi = pts.leftCols(2).colwise().maxCoeff().transpose();
        const Eigen::Vector2d mid = 0.5 * (xyLo + xyHi);
        const Eigen::Vector2d half = (0.5 * 1.1 * (xyHi - xyLo)).cwiseMax(Eigen::Vector2d(1, 1));
        xyLo = mid - half;
        xyHi = mid + half;
    }
    auto planeAt = [&](double x, double y) {
        return Eigen::Vector3d(x, y, c(0) * x + c(1) * y + c(2));
    };
    const std::vector<Eigen::Vector3d> patch{
        planeAt(xyLo.x(), xyLo.y()), planeAt(xyHi.x(), xyLo.y()), planeAt(xyHi.x(), xyHi.y()),
        planeAt(xyLo.x(), xyHi.y())};
    for (const Eigen::Vector3d& p : patch) {
        lo = lo.cwiseMin(p);
        hi = hi.cwiseMax(p);
    }
    for (Eigen::Index i = 0; i < n; ++i) {
        lo = lo.cwiseMin(pts.row(i).transpose());
        hi = hi.cwiseMax(pts.row(i).transpose());
    }
    // Not while a point is dragged, so it stays under the mouse.
    if (!m_frameFrozen) {
        m_frameTarget = 0.5 * (lo + hi);
        m_frameRadius = std::max(0.5 * (hi - lo).norm() * 0.85, 1.0);
    }
    frameStage(canvas, psz, m_frameTarget, m_frameRadius);
    const Stage3D& st = m_stage;
    const double extent = std::max(
        {std::abs(xyLo.x()), std::abs(xyLo.y()), std::abs(xyHi.x()), std::abs(xyHi.y()), 1.0});
    st.ground(canvas, pal, ts, extent, niceStep3(extent), m_showLabels);

    const double s = m_duration > 0 ? engine::easeInOut(m_t / m_duration) : 1.0;
    const Color planeColor = f.unique ? pal.imageVector : pal.warning;
    // Looking down, points under the plane go first, so the translucent plane covers them.
    const bool fromAbove =
        m_stage.cam.eye().z() > planeAt(m_stage.cam.eye().x(), m_stage.cam.eye().y()).z();
    auto drawPoints = [&](bool under) {
        for (Eigen::Index i = 0; i < n && f.ok; ++i) {
            const Eigen::Vector3d x = pts.row(i).transpose();
            const double zh = f.fitted(i);
            if ((x.z() < zh) != (under == fromAbove)) continue;
            const Eigen::Vector3d foot(x.x(), x.y(), x.z() + s * (zh - x.z()));
            if (std::abs(zh - x.z()) > 1e-12 * zScale) st.line(canvas, x, foot, 1.8f, pal.kHat);
            if (!st.inFront(x)) continue;
            const Color fill = pal.vector.scaledAlpha(st.fade(x));
            canvas.disc(st.screen(x), 4.2f, pal.background);
            canvas.disc(st.screen(x), 3.4f, fill);
        }
    };
    drawPoints(true);
    if (f.ok) {
        const Color fill = planeColor.withAlpha(float(0.16 * std::max(s, 0.25)));
        st.polygon(canvas, patch, fill, Color{0, 0, 0, 0});
        for (int k = 0; k < 4; ++k)
            st.line(canvas, patch[k], patch[(k + 1) % 4], 1.6f, planeColor.withAlpha(0.7f),
                    !f.unique);
    }
    drawPoints(false);
    const Eigen::Index hot = hotPoint();
    if (hot >= 0 && hot < n) {
        // The grabbed point: a ring, and its coordinates and residual beside it.
        const Eigen::Vector3d x = pts.row(hot).transpose();
        if (st.inFront(x)) {
            canvas.ring(st.screen(x), 9, 2, pal.vector.withAlpha(0.9f));
            if (f.ok) {
                const double r = x.z() - f.fitted(hot);
                const std::string text = "(" + prettyNumber(x.x(), 3) + ", " +
                                         prettyNumber(x.y(), 3) + ", " + prettyNumber(x.z(), 3) +
                                         ")  residual " + prettyNumber(clean(r, zScale), 3);
                // Beside the ring on the side with room, kept clear of the plate and the edges.
                const float size = 13 * ts;
                const Vec2 at = st.screen(x), ext = canvas.measureText(text, size);
                const float left = hud ? psz.x() + 24 : 4, right = canvas.width() - 4;
                Vec2 label(at.x() + 14 + 0.5f * ext.x(), at.y() - 14);
                if (label.x() + 0.5f * ext.x() > right) label.x() = at.x() - 14 - 0.5f * ext.x();
                label.x() = std::clamp(label.x(), left + 0.5f * ext.x(),
                                       std::max(left + 0.5f * ext.x(), right - 0.5f * ext.x()));
                label.y() =
                    std::clamp(label.y(), 0.5f * ext.y() + 4,
                               std::max(0.5f * ext.y() + 4, canvas.height() - 0.5f * ext.y() - 4));
                canvas.text(label, text, size, pal.vector, render::Anchor::Center, pal.background);
            }
        }
    }
    if (m_showLabels && f.ok) {
        // Below the patch's lowest corner on screen, kept inside the canvas.
        int low = 0;
        for (int k = 1; k < 4; ++k)
            if (st.inFront(patch[k]) && st.screen(patch[k]).y() > st.screen(patch[low]).y())
                low = k;
        st.label(canvas, patch[low], patch[low] + Eigen::Vector3d(0, 0, 1), "z = ax + by + c",
                 15 * ts, planeColor, pal.background);
    }

    if (hud)
        plate(canvas, ctx, top, {}, "", bottom, true);
    else
        for (size_t i = 0; i < noteText.size(); ++i)
            drawBanner(canvas, noteText[i], pal.warning, pal, ts, int(i));
}

} // namespace linscape::scenes
