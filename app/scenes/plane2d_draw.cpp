// Drawing of the 2D linear-map scene (see plane2d_scene.h): one plane panel (grid, square,
// orientation, collapse, vectors, î and ĵ), drawn once or, for AB next to BA, twice side by side;
// then the overlay for the mode and the sentences a student must not miss.
#include "scenes/draw2d.h"
#include "scenes/plane2d_scene.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

constexpr float kBasisWidth = 4.5f;
constexpr double kNearSingularCondition = 1e3;

std::vector<Vec2> arcPoints(const View2D& view, double radius, double from, double sweep) {
    std::vector<Vec2> pts;
    const int steps = std::max(6, int(std::abs(sweep) / 0.08));
    for (int i = 0; i <= steps; ++i) {
        const double a = from + sweep * double(i) / steps;
        pts.push_back(view.toScreen({radius * std::cos(a), radius * std::sin(a)}));
    }
    return pts;
}

} // namespace

void Plane2DScene::frameView(View2D& view, const Eigen::Vector2d& offset,
                             const Eigen::Vector2d& size, Vec2 keepOut) const {
    view.viewportSize = size;
    view.offset = offset;
    view.center = {0, 0};
    const double defaultPpu = std::max(size.y() / 9.0, 8.0);
    // Fit every stage's end picture (not the animated one) so the camera holds still while the
    // matrices animate; both panels of AB | BA share one scale so they can be compared.
    std::vector<Eigen::Matrix2d> ends;
    switch (m_mode) {
    case PlaneMode::Map:
        ends = {m_a};
        break;
    case PlaneMode::Compose:
        ends = {m_b, m_a * m_b};
        break;
    case PlaneMode::Commute:
        ends = {m_b, m_a * m_b, m_a, m_b * m_a};
        break;
    case PlaneMode::Inverse:
        ends = {m_a};
        break;
    case PlaneMode::Transpose:
        ends = {m_a.transpose(), m_a};
        break;
    }
    double maxX = 1.3, maxY = 1.3;
    auto fit = [&](const Eigen::Vector2d& p) {
        maxX = std::max(maxX, std::abs(p.x()) * 1.1);
        maxY = std::max(maxY, std::abs(p.y()) * 1.1);
    };
    for (const Eigen::Matrix2d& e : ends) {
        fit(e.col(0));
        fit(e.col(1));
        fit(e.col(0) + e.col(1));
    }
    if (m_showVector && m_mode == PlaneMode::Map) {
        fit(m_a * m_v);
        fit(m_v);
    }
    if (keepOut.x() <= 0) {
        const double ppu = std::min(0.46 * size.x() / maxX, 0.44 * size.y() / maxY);
        view.pixelsPerUnit = std::min(defaultPpu, ppu) * m_zoom;
        return;
    }
    // The modes' overlays are wide (two or three matrices): fit the picture's bounding box either
    // below the overlay or right of it, whichever shows it larger, so nothing hides under it.
    Eigen::Vector2d lo(-0.3, -0.3), hi(0.3, 0.3);
    auto grow = [&](const Eigen::Vector2d& p) {
        lo = lo.cwiseMin(p * 1.1);
        hi = hi.cwiseMax(p * 1.1);
    };
    for (const Eigen::Matrix2d& e : ends) {
        grow(e.col(0));
        grow(e.col(1));
        grow(e.col(0) + e.col(1));
        grow(Eigen::Vector2d::Zero());
    }
    if (m_mode == PlaneMode::Inverse || m_mode == PlaneMode::Compose) grow({1, 1}); // I's square
    const Eigen::Vector2d box = (hi - lo).cwiseMax(1e-9);
    const double m = 16, kx = double(keepOut.x()), ky = double(keepOut.y());
    const Eigen::Vector2d below[2] = {{m, ky + m}, {size.x() - m, size.y() - m}};
    const Eigen::Vector2d beside[2] = {{kx + m, m}, {size.x() - m, size.y() - m}};
    double bestPpu = -1;
    Eigen::Vector2d regionCentre = size * 0.5;
    for (const auto* r : {below, beside}) {
        const Eigen::Vector2d ext = (r[1] - r[0]).cwiseMax(1.0);
        const double ppu = std::min({ext.x() / box.x(), ext.y() / box.y(), defaultPpu});
        if (ppu > bestPpu) {
            bestPpu = ppu;
            regionCentre = 0.5 * (r[0] + r[1]);
        }
    }
    view.pixelsPerUnit = bestPpu * m_zoom;
    const Eigen::Vector2d boxCentre = 0.5 * (lo + hi);
    view.center = {boxCentre.x() - (regionCentre.x() - size.x() * 0.5) / view.pixelsPerUnit,
                   boxCentre.y() + (regionCentre.y() - size.y() * 0.5) / view.pixelsPerUnit};
}

void Plane2DScene::drawPlane(Canvas& canvas, const SceneContext& ctx, const View2D& view,
                             const PlaneFrame& frame) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const double spacing = niceGridSpacing(view.pixelsPerUnit);
    const Eigen::Matrix2d& m = frame.m;
    const engine::Analysis* an = frame.final;
    const Vec2 vmin = view.offset.cast<float>(),
               vmax = (view.offset + view.viewportSize).cast<float>();

    // Grids: the original plane faintly underneath, its image on top.
    if (m_showOriginal)
        drawTransformedGrid(canvas, view, Eigen::Matrix2d::Identity(), spacing, pal.gridFaint, 1.0f,
                            pal.gridFaint, 1.0f);
    if (m_showTicks || m_showOriginal) drawAxes(canvas, view, spacing, pal, ts, m_showTicks);
    // The moving grid is the image of a lattice whose spacing suits A's scale (fixed for the whole
    // animation, so lines never pop): the unit lattice for ordinary matrices.
    double latticeSpacing = spacing;
    if (an && an->svd.singularValues.size() == 2) {
        const auto& sv = an->svd.singularValues;
        const double scale = sv(1) > 1e-12 * sv(0) ? std::sqrt(sv(0) * sv(1)) : sv(0);
        if (scale > 0) latticeSpacing = niceGridSpacing(view.pixelsPerUnit * scale);
    }
    if (m_showGrid)
        drawTransformedGrid(canvas, view, m, latticeSpacing, pal.grid.withAlpha(0.85f), 1.6f,
                            pal.axis.withAlpha(0.9f), 2.2f);

    const Eigen::Vector2d i = m.col(0), j = m.col(1);
    const Vec2 o = view.toScreen({0, 0});
    const double det = m.determinant();
    const double scaleRef = std::max({m.norm(), 1e-300});
    const bool flat = std::abs(det) <= 1e-9 * scaleRef * scaleRef;
    const bool flipped = det < 0 && !flat;
    const Color areaColor = flipped ? pal.areaFlip : pal.area;

    // The unit square's image and its area.
    if (m_showSquare) {
        const Vec2 quad[4] = {o, view.toScreen(i), view.toScreen(i + j), view.toScreen(j)};
        canvas.fillConvex(quad, areaColor.withAlpha(0.30f));
        canvas.polyline(quad, 2.0f, areaColor.withAlpha(0.95f), true);
        // Orientation marker: an arc from î towards ĵ; it turns clockwise when A flips the plane.
        const double li = i.norm(), lj = j.norm();
        if (!flat && li > 1e-9 && lj > 1e-9) {
            const double a0 = std::atan2(i.y(), i.x());
            const double sweep = std::atan2(i.x() * j.y() - i.y() * j.x(), i.dot(j));
            const double rPx = std::clamp(0.3 * std::min(li, lj) * view.pixelsPerUnit, 14.0, 46.0);
            const double r = rPx / view.pixelsPerUnit;
            auto pts = arcPoints(view, r, a0 + sweep * 0.12, sweep * 0.7);
            if (pts.size() >= 2) {
                canvas.polyline(pts, 2.2f, areaColor);
                canvas.arrow(pts[pts.size() - 2], pts.back(), 2.2f, areaColor, 9.0f);
            }
        }
        if (m_showLabels && !flat) {
            std::string text = "area = " + prettyNumber(std::abs(det), 3);
            const float size = 18 * ts;
            const Vec2 ext = canvas.measureText(text, size);
            const Vec2 c = view.toScreen((i + j) * 0.5);
            // Inside when the whole label (with a margin) lies within the parallelogram, else
            // beside the far corner, pushed out along the diagonal.
            const Eigen::Matrix2d inv = m.inverse();
            bool inside = true;
            for (float sx : {-0.5f, 0.5f})
                for (float sy : {-0.5f, 0.5f}) {
                    const Vec2 corner = c + Vec2(sx * (ext.x() + 10), sy * (ext.y() + 6));
                    const Eigen::Vector2d uv = inv * view.toWorld(corner);
                    inside = inside && uv.minCoeff() >= 0 && uv.maxCoeff() <= 1;
                }
            if (inside) {
                canvas.text(c, text, size, pal.text, render::Anchor::Center, pal.background);
            } else {
                const Vec2 far = view.toScreen(i + j);
                Vec2 out = far - o;
                out = out.norm() > 1e-3f ? Vec2(out.normalized()) : Vec2(1, -1).normalized();
                const float r =
                    0.5f * std::abs(out.x()) * ext.x() + 0.5f * std::abs(out.y()) * ext.y() + 10;
                canvas.text(far + out * r, text, 16 * ts, pal.text, render::Anchor::Center,
                            pal.background);
            }
        }
    }

    // A comparison outline (transpose: the square under A itself), dashed so it reads as a ghost.
    if (frame.ghost && m_showSquare) {
        const Eigen::Matrix2d& g = *frame.ghost;
        const Vec2 q[4] = {o, view.toScreen(g.col(0)), view.toScreen(g.col(0) + g.col(1)),
                           view.toScreen(g.col(1))};
        for (int k = 0; k < 4; ++k)
            canvas.dashedLine(q[k], q[(k + 1) % 4], 1.8f, pal.textDim.withAlpha(0.9f));
    }

    // Collapse: the column space as a highlighted line (rank 1) or the origin (rank 0).
    if (frame.atEnd && an && an->rank < 2) {
        if (an->rank == 1) {
            Eigen::Vector2d d = an->svd.U.col(0);
            const double far = 4.0 * (view.viewportSize.norm() / view.pixelsPerUnit);
            Vec2 a = view.toScreen(-far * d), b = view.toScreen(far * d);
            if (clipSegment(a, b, vmin, vmax)) canvas.line(a, b, 6.0f, pal.area.withAlpha(0.55f));
        } else {
            canvas.disc(o, 9.0f, pal.area);
        }
    }

    // The vector v and its image.
    if (m_showVector && m_mode == PlaneMode::Map) {
        const Vec2 vTip = view.toScreen(m_v), avTip = view.toScreen(m * m_v);
        canvas.arrow(o, vTip, 3.0f, pal.vector.withAlpha(0.45f));
        canvas.arrow(o, avTip, 3.5f, pal.vector);
        if (m_showLabels) {
            labelArrow(canvas, o, vTip, "v", 20 * ts, pal.vector.withAlpha(0.8f), pal.background,
                       {avTip - o});
            labelArrow(canvas, o, avTip, "Av", 20 * ts, pal.vector, pal.background, {vTip - o});
        }
    }

    // Basis vectors last, so they sit on top.
    const Vec2 iTip = view.toScreen(i), jTip = view.toScreen(j);
    const bool hotI =
        frame.interactive && (m_hover == DragTarget::IHat || m_drag == DragTarget::IHat);
    const bool hotJ =
        frame.interactive && (m_hover == DragTarget::JHat || m_drag == DragTarget::JHat);
    const float hi = hotI ? 1.4f : 1.0f, hj = hotJ ? 1.4f : 1.0f;
    canvas.arrow(o, iTip, kBasisWidth * hi, pal.iHat);
    canvas.arrow(o, jTip, kBasisWidth * hj, pal.jHat);
    if (hotI) canvas.ring(iTip, 13, 2, pal.iHat.withAlpha(0.8f));
    if (hotJ) canvas.ring(jTip, 13, 2, pal.jHat.withAlpha(0.8f));
    if (m_showLabels) {
        // Axes through a tip count as lines to avoid, as do the other basis vector's direction.
        auto avoidFor = [&](Vec2 tip, Vec2 other) {
            std::vector<Vec2> lines{other - o};
            if (std::abs(tip.y() - o.y()) < 14) lines.push_back({1, 0});
            if (std::abs(tip.x() - o.x()) < 14) lines.push_back({0, 1});
            return lines;
        };
        labelArrow(canvas, o, iTip, "\u00ee", 26 * ts, pal.iHat, pal.background,
                   avoidFor(iTip, jTip));
        labelArrow(canvas, o, jTip, "\u0135", 26 * ts, pal.jHat, pal.background,
                   avoidFor(jTip, iTip));
    }
    canvas.disc(o, 3.5f, pal.axis);
}

void Plane2DScene::draw(Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const Eigen::Vector2d full(canvas.width(), canvas.height());
    const bool end = atEnd();
    if (m_mode != PlaneMode::Commute) {
        const Vec2 keepOut =
            m_mode == PlaneMode::Map ? Vec2(0, 0) : drawHud(canvas, ctx, /*measureOnly=*/true);
        frameView(m_view, {0, 0}, full, keepOut);
        m_view = m_held.apply(m_view);
        PlaneFrame f;
        f.m = m_current;
        f.final = analysisOf(planeFinalMatrix(m_mode, m_a, m_b));
        // Inverse mode ends on I; its collapse (when refused) is A's.
        f.atEnd = end;
        f.interactive = m_mode == PlaneMode::Map;
        const Eigen::Matrix2d ghost = m_a;
        if (m_mode == PlaneMode::Transpose) f.ghost = &ghost;
        drawPlane(canvas, ctx, m_view, f);
    } else {
        // AB | BA: two panels with one scale, a divider, and a title on each.
        const Eigen::Vector2d half(std::floor(full.x() * 0.5), full.y());
        View2D right;
        frameView(m_view, {0, 0}, half, {0, 0});
        frameView(right, {half.x(), 0}, Eigen::Vector2d(full.x() - half.x(), full.y()), {0, 0});
        right.pixelsPerUnit = m_view.pixelsPerUnit;
        PlaneFrame l, r;
        l.m = m_current;
        l.final = analysisOf(m_a * m_b);
        r.m = m_currentRight;
        r.final = analysisOf(m_b * m_a);
        l.atEnd = r.atEnd = end;
        l.interactive = r.interactive = false;
        drawPlane(canvas, ctx, m_view, l);
        drawPlane(canvas, ctx, right, r);
        canvas.fillRect({float(half.x()) - 1.5f, 0}, {float(half.x()) + 1.5f, float(full.y())},
                        pal.border);
        const float size = 17 * ts;
        const char* titles[2] = {"AB: first B, then A", "BA: first A, then B"};
        const Eigen::Matrix2d prods[2] = {m_a * m_b, m_b * m_a};
        for (int k = 0; k < 2; ++k) {
            const float x0 = k == 0 ? 0.0f : float(half.x());
            const float w = k == 0 ? float(half.x()) : float(full.x() - half.x());
            const std::string det = "det = " + prettyNumber(prods[k].determinant(), 4);
            const Vec2 tsz = canvas.measureText(titles[k], size);
            const Vec2 msz = measureMatrix(canvas, prods[k], size);
            const Vec2 dsz = canvas.measureText(det, size);
            const float pw = std::max({tsz.x(), msz.x(), dsz.x()}) + 24;
            const float ph = tsz.y() + msz.y() + dsz.y() + size * 0.9f + 20;
            const float right0 = x0 + w - 12;
            drawPlate(canvas, {right0 - pw, 12}, {right0, 12 + ph}, pal);
            float y = 22;
            canvas.text({right0 - pw + 12, y}, titles[k], size, pal.text);
            y += tsz.y() + size * 0.45f;
            drawMatrix(canvas, {right0 - pw + 12, y}, prods[k], size, {pal.iHat, pal.jHat},
                       pal.text);
            y += msz.y() + size * 0.45f;
            canvas.text({right0 - pw + 12, y}, det, size, pal.textDim);
        }
    }
    const Vec2 hudCorner = drawHud(canvas, ctx);
    drawModeBanners(canvas, ctx, hudCorner);
}

Vec2 Plane2DScene::drawHud(Canvas& canvas, const SceneContext& ctx, bool measureOnly) {
    if (!m_showHud || !ctx.showHud) return {0, 0};
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float size = 18 * ts, pad = 12;
    const engine::Analysis* an = analysis();
    // The matrices of the mode, side by side; the one whose columns î and ĵ show is coloured.
    struct Item {
        std::string prefix;
        Eigen::MatrixXd m;
        bool basis;
    };
    std::vector<Item> items;
    std::vector<std::pair<std::string, Color>> lines;
    const double detA = m_a.determinant();
    const bool flipA = an && an->detSign < 0;
    auto detLine = [&](const std::string& what, double value, bool flip) {
        lines.push_back({what + " = " + prettyNumber(value, 4), flip ? pal.areaFlip : pal.text});
    };
    switch (m_mode) {
    case PlaneMode::Map:
        items = {{"A =", m_a, true}};
        if (an && an->det)
            detLine("det A", *an->det, flipA);
        else if (an)
            lines.push_back({"det A: beyond a double's range", pal.warning});
        break;
    case PlaneMode::Compose: {
        const Eigen::Matrix2d ab = m_a * m_b;
        items = {{"AB =", ab, true}, {"= A", m_a, false}, {"B", m_b, false}};
        lines.push_back({"det(AB) = det A · det B = " + prettyNumber(detA, 3) + " × " +
                             prettyNumber(m_b.determinant(), 3) + " = " +
                             prettyNumber(ab.determinant(), 4),
                         ab.determinant() < 0 ? pal.areaFlip : pal.text});
        const bool second = m_t > m_duration;
        lines.push_back(
            {second ? "now: A acts on the result of B" : "now: B acts first", pal.textDim});
        break;
    }
    case PlaneMode::Commute:
        items = {{"A =", m_a, false}, {"B =", m_b, false}};
        lines.push_back({(m_a * m_b - m_b * m_a).norm() <= 1e-12 * std::max(1.0, (m_a * m_b).norm())
                             ? "AB = BA: these two happen to commute"
                             : "AB ≠ BA: the order of the maps matters",
                         pal.accent});
        break;
    case PlaneMode::Inverse:
        items = {{"A =", m_a, m_t <= m_duration}};
        if (an && an->inverse) {
            items.push_back({"A⁻¹ =", *an->inverse, m_t > m_duration});
            if (an->det)
                lines.push_back(
                    {"det A⁻¹ = 1 / det A = " + prettyNumber(1.0 / *an->det, 4), pal.text});
            lines.push_back({"A⁻¹A = I: the grid returns to where it began", pal.textDim});
        } else {
            // The reason goes here; the verdict is the banner.
            const std::string why = inverseRefusal(m_a);
            const auto cut = why.find(". ");
            lines.push_back({cut == std::string::npos ? why : why.substr(cut + 2), pal.warning});
        }
        break;
    case PlaneMode::Transpose:
        items = {{"A =", m_a, false}, {"Aᵀ =", m_a.transpose(), true}};
        if (an && an->det) detLine("det Aᵀ = det A", *an->det, flipA);
        lines.push_back({"columns of Aᵀ are the rows of A (dashed: A's square)", pal.textDim});
        break;
    }
    if (m_mode != PlaneMode::Commute && an && an->rank == 2 && an->conditionNumber &&
        *an->conditionNumber > 10)
        lines.push_back(
            {"cond(A) = " + prettyNumber(*an->conditionNumber, 3),
             *an->conditionNumber > kNearSingularCondition ? pal.warning : pal.textDim});
    float w = 0, mh = 0;
    const float gap = size * 0.8f;
    for (size_t k = 0; k < items.size(); ++k) {
        const Vec2 sz = measureMatrix(canvas, items[k].m, size, items[k].prefix);
        w += sz.x() + (k ? gap : 0);
        mh = std::max(mh, sz.y());
    }
    for (const auto& [text, color] : lines)
        w = std::max(w, canvas.measureText(text, size).x());
    // Matrix row, a half-line gap, then the text lines 1.3 sizes apart.
    float h = mh;
    if (!lines.empty())
        h += size * 0.5f + canvas.measureText(lines[0].first, size).y() +
             float(lines.size() - 1) * size * 1.3f;
    if (measureOnly) return {pad * 3 + w, pad * 3 + h};
    drawPlate(canvas, {pad, pad}, {pad * 3 + w, pad * 3 + h}, pal);
    float x = pad * 2;
    for (const Item& it : items) {
        const std::vector<Color> cols =
            it.basis ? std::vector<Color>{pal.iHat, pal.jHat} : std::vector<Color>{};
        x += drawMatrix(canvas, {x, pad * 2}, it.m, size, cols, pal.text, it.prefix).x() + gap;
    }
    float y = pad * 2 + mh + size * 0.5f;
    for (const auto& [text, color] : lines) {
        canvas.text({pad * 2, y}, text, size, color);
        y += size * 1.3f;
    }
    const double spacing = niceGridSpacing(m_view.pixelsPerUnit);
    if (spacing > 1.0) {
        const std::string note =
            "grid squares are " + prettyNumber(spacing, 3) + " × " + prettyNumber(spacing, 3);
        canvas.text({canvas.width() - pad, canvas.height() - pad}, note, 14 * ts, pal.textDim,
                    render::Anchor::BottomRight, pal.background);
    }
    return {pad * 3 + w, pad * 3 + h};
}

void Plane2DScene::drawModeBanners(Canvas& canvas, const SceneContext& ctx, Vec2 hudCorner) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    // The refusal is shown throughout, not only at the end: it is why nothing plays back.
    if (m_mode == PlaneMode::Inverse) {
        const std::string why = inverseRefusal(m_a);
        if (!why.empty()) {
            // The verdict; the overlay gives the reason (each fits a small viewport).
            drawBanner(canvas, why.substr(0, why.find(". ") + 1), pal.warning, pal, ts, 0,
                       hudCorner);
            return;
        }
    }
    if (!atEnd() || m_mode == PlaneMode::Commute) return;
    const engine::Analysis* an = analysisOf(planeFinalMatrix(m_mode, m_a, m_b));
    if (!an) return;
    const std::string M = m_mode == PlaneMode::Compose     ? "AB"
                          : m_mode == PlaneMode::Transpose ? "Aᵀ"
                                                           : "A";
    if (an->rank == 0)
        drawBanner(canvas, M + " = 0: every vector collapses to the origin (rank 0, det 0)",
                   pal.warning, pal, ts, 0, hudCorner);
    else if (an->rank == 1)
        drawBanner(canvas,
                   "det " + M + " = 0: the plane collapses onto a line, the column space of " + M +
                       " (rank 1)",
                   pal.warning, pal, ts, 0, hudCorner);
    else if (an->conditionNumber && *an->conditionNumber > kNearSingularCondition)
        drawBanner(canvas,
                   "Nearly singular: cond(" + M + ") = " + prettyNumber(*an->conditionNumber, 3) +
                       ", so solving " + M + "x = b amplifies errors that much",
                   pal.warning, pal, ts, 0, hudCorner);
    else if (an->detSign < 0)
        drawBanner(canvas, "det " + M + " < 0: the plane is flipped (î to ĵ now turns clockwise)",
                   pal.areaFlip, pal, ts, 0, hudCorner);
}

} // namespace linscape::scenes
