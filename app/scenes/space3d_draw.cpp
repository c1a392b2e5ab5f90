// Drawing of the 3D linear-map scene (see space3d_scene.h): painter's order on the canvas, far
// things first: ground grid and axes, the deformed lattice, the collapse target, the cube's faces
// sorted back to front, then î ĵ k̂ on top, then the overlay.
#include "scenes/draw2d.h"
#include "scenes/space3d_scene.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

constexpr double kNearSingularCondition = 1e3;
constexpr float kBasisWidth = 4.5f;

// Farther things fade a little, which is most of what makes a wireframe read as 3D.
float depthFade(const OrbitCamera& cam, double depth, double radius) {
    const double rel = (depth - cam.distance) / std::max(radius, 1e-9);
    return float(std::clamp(1.0 - 0.35 * rel, 0.35, 1.0));
}

void line3(Canvas& canvas, const OrbitCamera& cam, const Eigen::Vector3d& a,
           const Eigen::Vector3d& b, float width, Color color, double radius, bool fade = true) {
    Vec2 sa, sb;
    double da = 0, db = 0;
    if (!projectSegment(cam, a, b, sa, sb, &da, &db)) return;
    const Vec2 lo(-4000, -4000), hi(canvas.width() + 4000, canvas.height() + 4000);
    if (!clipSegment(sa, sb, lo, hi)) return;
    const float k = fade ? depthFade(cam, 0.5 * (da + db), radius) : 1.0f;
    canvas.line(sa, sb, width, color.scaledAlpha(k));
}

// Distance from a label of extent `ext` centred at p to the segment a-b, in pixels (0 when the
// label's box touches it; approximated by the distance to the centre less half the box).
float distanceToSegment(Vec2 p, Vec2 a, Vec2 b, Vec2 ext) {
    const Vec2 ab = b - a;
    const float len2 = ab.squaredNorm();
    const float t = len2 > 1e-6f ? std::clamp((p - a).dot(ab) / len2, 0.0f, 1.0f) : 0.0f;
    const Vec2 d = p - (a + ab * t);
    const Vec2 dir = d.norm() > 1e-3f ? Vec2(d.normalized()) : Vec2(0, 1);
    const float half = 0.5f * (std::abs(dir.x()) * ext.x() + std::abs(dir.y()) * ext.y());
    return d.norm() - half;
}

} // namespace

void Space3DScene::drawGround(Canvas& canvas, const Palette& pal, float ts, double step,
                              double extent) {
    const OrbitCamera& cam = m_cam;
    const int n = int(std::round(extent / step));
    if (m_showGrid)
        for (int k = -n; k <= n; ++k) {
            if (k == 0 && m_showAxes) continue;
            const double u = k * step;
            line3(canvas, cam, {u, -extent, 0}, {u, extent, 0}, 1.0f, pal.grid.withAlpha(0.55f),
                  extent);
            line3(canvas, cam, {-extent, u, 0}, {extent, u, 0}, 1.0f, pal.grid.withAlpha(0.55f),
                  extent);
        }
    if (!m_showAxes) return;
    const char* names[3] = {"x", "y", "z"};
    // The vertical axis stops a little above the picture, so its label stays in view.
    Eigen::Vector3d target;
    double radius = 1;
    framing(target, radius);
    const double zTop = std::clamp(target.z() + radius * 0.8, 1.5, extent);
    for (int axis = 0; axis < 3; ++axis) {
        Eigen::Vector3d e = Eigen::Vector3d::Zero();
        e(axis) = 1;
        const double len = axis == 2 ? zTop : extent;
        line3(canvas, cam, -len * e, Eigen::Vector3d::Zero(), 1.4f, pal.axis.withAlpha(0.45f),
              extent);
        line3(canvas, cam, Eigen::Vector3d::Zero(), len * e, 1.8f, pal.axis.withAlpha(0.9f),
              extent);
        const Eigen::Vector3d end = (len + 0.08 * extent) * e;
        if (m_showLabels && cameraDepth(cam, end) > kNearPlane)
            canvas.text(cam.project(end).screen, names[axis], 15 * ts, pal.textDim,
                        render::Anchor::Center, pal.background);
    }
}

void Space3DScene::drawLattice(Canvas& canvas, const Palette& pal) {
    // The image of the integer lattice in [-1, 1]^3: the unit cube is its positive octant cell.
    const OrbitCamera& cam = m_cam;
    const Eigen::Matrix3d& m = m_current;
    double radius = 1;
    Eigen::Vector3d target;
    framing(target, radius);
    const Color c = pal.grid.withAlpha(0.8f);
    for (int axis = 0; axis < 3; ++axis) {
        const int u = (axis + 1) % 3, w = (axis + 2) % 3;
        for (int i = -1; i <= 1; ++i)
            for (int j = -1; j <= 1; ++j) {
                Eigen::Vector3d a = Eigen::Vector3d::Zero(), b = Eigen::Vector3d::Zero();
                a(axis) = -1;
                b(axis) = 1;
                a(u) = b(u) = i;
                a(w) = b(w) = j;
                line3(canvas, cam, m * a, m * b, 1.3f, c, radius);
            }
    }
    for (int x = -1; x <= 1; ++x)
        for (int y = -1; y <= 1; ++y)
            for (int z = -1; z <= 1; ++z) {
                const Eigen::Vector3d p = m * Eigen::Vector3d(x, y, z);
                const double d = cameraDepth(cam, p);
                if (d < kNearPlane) continue;
                canvas.disc(cam.project(p).screen, 2.4f,
                            pal.grid.withAlpha(0.95f).scaledAlpha(depthFade(cam, d, radius)));
            }
}

void Space3DScene::drawCollapse(Canvas& canvas, const Palette& pal, double radius) {
    const engine::Analysis* an = analysis();
    if (!an || !atEnd()) return;
    const Collapse3D kind = collapseForRank(an->rank);
    const OrbitCamera& cam = m_cam;
    if (kind == Collapse3D::Plane) {
        // The column space: a translucent square in the plane of the first two left singular
        // vectors, large enough to hold everything that landed on it.
        const Eigen::Vector3d u = an->svd.U.col(0), v = an->svd.U.col(1);
        const double s = radius * 1.3;
        std::vector<Face3D> face(1);
        face[0].points = {s * (u + v), s * (-u + v), s * (-u - v), s * (u - v)};
        face[0].fill = pal.area.withAlpha(0.13f);
        face[0].edge = pal.area.withAlpha(0.6f);
        face[0].edgeWidth = 1.5f;
        drawFacesBackToFront(canvas, cam, face);
    } else if (kind == Collapse3D::Line) {
        const Eigen::Vector3d u = an->svd.U.col(0);
        line3(canvas, cam, -radius * 2.5 * u, radius * 2.5 * u, 6.0f, pal.area.withAlpha(0.55f),
              radius, false);
    } else if (kind == Collapse3D::Point) {
        if (cameraDepth(cam, Eigen::Vector3d::Zero()) > kNearPlane)
            canvas.disc(cam.project(Eigen::Vector3d::Zero()).screen, 9.0f, pal.area);
    }
}

void Space3DScene::drawCube(Canvas& canvas, const Palette& pal, float ts, bool flat, bool flipped) {
    const OrbitCamera& cam = m_cam;
    const Eigen::Matrix3d& m = m_current;
    const Color base = flipped ? pal.areaFlip : pal.area;
    // On a light background the fill colour's own edges vanish: darken them there.
    const Color& bg = pal.background;
    const bool lightBg = 0.2126f * bg.r + 0.7152f * bg.g + 0.0722f * bg.b > 0.5f;
    const Color edge = lightBg ? mix(base, Color{0, 0, 0, 1}, 0.35f) : base;
    Eigen::Vector3d right, up, forward;
    cam.basis(right, up, forward);
    std::vector<Face3D> faces;
    for (int axis = 0; axis < 3; ++axis) {
        const int u = (axis + 1) % 3, w = (axis + 2) % 3;
        for (int side = 0; side <= 1; ++side) {
            Eigen::Vector3d c[4];
            for (int q = 0; q < 4; ++q) {
                c[q].setZero();
                c[q](axis) = side;
            }
            c[1](u) = 1;
            c[2](u) = 1;
            c[2](w) = 1;
            c[3](w) = 1;
            Face3D f;
            for (const auto& p : c)
                f.points.push_back(m * p);
            // Faces seen face-on are a little denser than those seen edge-on: a shading cue
            // that survives translucency.
            const Eigen::Vector3d n = (f.points[1] - f.points[0]).cross(f.points[3] - f.points[0]);
            const double facing = n.norm() > 1e-12 ? std::abs(n.normalized().dot(forward)) : 0.0;
            f.fill = base.withAlpha(float(0.10 + 0.14 * facing));
            f.edge = edge.withAlpha(0.9f);
            f.edgeWidth = 1.8f;
            faces.push_back(std::move(f));
        }
    }
    drawFacesBackToFront(canvas, cam, faces);

    const Eigen::Vector3d i = m.col(0), j = m.col(1);
    // Orientation marker: a curled arrow from î towards ĵ near the origin; its colour (and the
    // overlay) says whether î, ĵ, k̂ are still right-handed.
    const double li = i.norm(), lj = j.norm();
    if (!flat && li > 1e-9 && lj > 1e-9) {
        const Eigen::Vector3d e1 = i / li;
        Eigen::Vector3d e2 = j - j.dot(e1) * e1;
        if (e2.norm() > 1e-9) {
            e2.normalize();
            const double phi = std::atan2(j.dot(e2), j.dot(e1));
            const double r = 0.32 * std::min(li, lj);
            std::vector<Vec2> pts;
            bool ok = true;
            for (int s = 0; s <= 16 && ok; ++s) {
                const double th = phi * (0.15 + 0.65 * s / 16.0);
                const Eigen::Vector3d p = r * (std::cos(th) * e1 + std::sin(th) * e2);
                ok = cameraDepth(cam, p) > kNearPlane;
                pts.push_back(cam.project(p).screen);
            }
            if (ok && (pts.back() - pts.front()).norm() > 6) {
                canvas.polyline(pts, 2.2f, base);
                canvas.arrow(pts[pts.size() - 2], pts.back(), 2.2f, base, 9.0f);
            }
        }
    }

    if (m_showLabels && !flat) {
        // The label goes where it is farthest from î, ĵ and k̂ on screen: the body's centre or
        // one of the faces' centres (the body centre often lies right behind an arrow).
        const std::string text = "volume = " + prettyNumber(std::abs(m.determinant()), 3);
        const float size = 17 * ts;
        const Vec2 ext = canvas.measureText(text, size);
        const Eigen::Vector3d zero = Eigen::Vector3d::Zero();
        if (cameraDepth(cam, zero) <= kNearPlane) return;
        const Vec2 o = cam.project(zero).screen;
        std::vector<Vec2> tips;
        for (int c = 0; c < 3; ++c)
            if (cameraDepth(cam, m.col(c)) > kNearPlane)
                tips.push_back(cam.project(m.col(c)).screen);
        // Candidates in cube coordinates: the centre, the six face centres, and just outside each
        // face (used only when every spot on the solid is crowded).
        std::vector<Eigen::Vector3d> candidates = {{0.5, 0.5, 0.5}};
        for (double out : {0.0, 0.15})
            for (int axis = 0; axis < 3; ++axis)
                for (double side : {0.0, 1.0}) {
                    Eigen::Vector3d c(0.5, 0.5, 0.5);
                    c(axis) = side + (side > 0 ? out : -out);
                    candidates.push_back(c);
                }
        Eigen::Vector3d target;
        double radius = 1;
        framing(target, radius);
        const double zTop = std::max(target.z() + radius * 0.8, 1.5);
        float best = -1e30f;
        Vec2 where(0, 0);
        for (const Eigen::Vector3d& c : candidates) {
            const Eigen::Vector3d p = m * c;
            if (cameraDepth(cam, p) <= kNearPlane) continue;
            const Vec2 q = cam.project(p).screen;
            float clearance = 1e30f;
            for (const Vec2& tip : tips)
                clearance = std::min(clearance, distanceToSegment(q, o, tip, ext));
            // The vertical axis runs through the middle of most pictures: keep off it too.
            if (m_showAxes && cameraDepth(cam, Eigen::Vector3d(0, 0, zTop)) > kNearPlane)
                clearance = std::min(
                    clearance, distanceToSegment(q, o, cam.project({0, 0, zTop}).screen, ext));
            const bool inside = q.x() > ext.x() * 0.5f + 8 &&
                                q.x() < canvas.width() - ext.x() * 0.5f - 8 &&
                                q.y() > ext.y() + 8 && q.y() < canvas.height() - ext.y() - 8;
            // The body centre wins ties: it says "the volume of this solid" best.
            const bool outside = (c.array() < 0).any() || (c.array() > 1).any();
            const float score = std::min(clearance, 40.0f) + (inside ? 0 : -1e4f) +
                                (c == candidates[0] ? 6.0f : 0) + (outside ? -15.0f : 0);
            if (score > best) {
                best = score;
                where = q;
            }
        }
        // Where every spot is crowded the overlay's "volume |det A|" line says it; a label
        // sitting on an arrow would only hide it.
        if (best >= 4.0f)
            canvas.text(where, text, size, pal.text, render::Anchor::Center, pal.background);
    }
}

void Space3DScene::drawBasis(Canvas& canvas, const Palette& pal, float ts) {
    const OrbitCamera& cam = m_cam;
    const Eigen::Vector3d zero = Eigen::Vector3d::Zero();
    if (cameraDepth(cam, zero) < kNearPlane) return;
    const Vec2 o = cam.project(zero).screen;
    const Color colors[3] = {pal.iHat, pal.jHat, pal.kHat};
    const char* names[3] = {"\u00ee", "\u0135", "k\u0302"};
    Vec2 tips[3];
    bool visible[3];
    for (int c = 0; c < 3; ++c) {
        const Eigen::Vector3d tip = m_current.col(c);
        visible[c] = cameraDepth(cam, tip) > kNearPlane;
        tips[c] = visible[c] ? cam.project(tip).screen : o;
    }
    // Draw the farthest first so a nearer arrow crosses over a farther one.
    int order[3] = {0, 1, 2};
    std::sort(order, order + 3, [&](int a, int b) {
        return cameraDepth(cam, m_current.col(a)) > cameraDepth(cam, m_current.col(b));
    });
    for (int c : order) {
        if (!visible[c]) continue;
        const bool hot = int(m_hover) - int(Drag::IHat) == c || int(m_drag) - int(Drag::IHat) == c;
        canvas.arrow(o, tips[c], kBasisWidth * (hot ? 1.35f : 1.0f), colors[c]);
        if (hot) canvas.ring(tips[c], 13, 2, colors[c].withAlpha(0.8f));
    }
    if (m_showLabels)
        for (int c = 0; c < 3; ++c) {
            if (!visible[c] || (tips[c] - o).norm() < 2) continue;
            std::vector<Vec2> avoid;
            for (int k = 0; k < 3; ++k)
                if (k != c) avoid.push_back(tips[k] - o);
            labelArrow(canvas, o, tips[c], names[c], 24 * ts, colors[c], pal.background, avoid);
        }
    canvas.disc(o, 3.5f, pal.axis);
}

void Space3DScene::drawHud(Canvas& canvas, const SceneContext& ctx, bool flipped, double step) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const engine::Analysis* an = analysis();
    Vec2 hudCorner(0, 0);
    if (m_showHud && ctx.showHud) {
        const float size = 17 * ts;
        const float pad = 12;
        const Eigen::MatrixXd shown = m_a;
        const Vec2 msz = measureMatrix(canvas, shown, size, "A =");
        std::vector<std::pair<std::string, Color>> lines;
        if (an && an->det) {
            lines.push_back(
                {"det A = " + prettyNumber(*an->det, 4), flipped ? pal.areaFlip : pal.text});
            lines.push_back({"volume |det A| = " + prettyNumber(std::abs(*an->det), 4), pal.text});
        } else if (an) {
            lines.push_back({"det A: beyond a double's range", pal.warning});
        }
        if (an && an->rank == 3)
            lines.push_back({flipped ? "orientation: flipped (left-handed)"
                                     : "orientation: kept (right-handed)",
                             flipped ? pal.areaFlip : pal.textDim});
        if (an && an->rank == 3 && an->conditionNumber && *an->conditionNumber > 10)
            lines.push_back(
                {"cond(A) = " + prettyNumber(*an->conditionNumber, 3),
                 *an->conditionNumber > kNearSingularCondition ? pal.warning : pal.textDim});
        float w = msz.x();
        for (const auto& [text, color] : lines)
            w = std::max(w, canvas.measureText(text, size).x());
        const float h = msz.y() + size * 0.4f + float(lines.size()) * size * 1.3f;
        drawPlate(canvas, {pad, pad}, {pad * 3 + w, pad * 3 + h}, pal);
        hudCorner = {pad * 3 + w, pad * 3 + h};
        drawMatrix(canvas, {pad * 2, pad * 2}, shown, size, {pal.iHat, pal.jHat, pal.kHat},
                   pal.text, "A =");
        float y = pad * 2 + msz.y() + size * 0.4f;
        for (const auto& [text, color] : lines) {
            canvas.text({pad * 2, y}, text, size, color);
            y += size * 1.3f;
        }
        if (m_showGrid && step > 1)
            canvas.text({canvas.width() - pad, pad},
                        "ground grid squares are " + prettyNumber(step, 3) + " \u00d7 " +
                            prettyNumber(step, 3),
                        14 * ts, pal.textDim, render::Anchor::TopRight, pal.background);
    }
    if (!an || !atEnd()) return;
    const Collapse3D kind = collapseForRank(an->rank);
    if (kind != Collapse3D::None)
        drawBanner(canvas, collapseSentence(kind), pal.warning, pal, ts, 0, hudCorner);
    else if (an->conditionNumber && *an->conditionNumber > kNearSingularCondition)
        drawBanner(canvas,
                   "Nearly singular: cond(A) = " + prettyNumber(*an->conditionNumber, 3) +
                       "; the cube is almost flat",
                   pal.warning, pal, ts, 0, hudCorner);
    else if (flipped)
        drawBanner(canvas,
                   "det A < 0: space is turned inside out (\u00ee, \u0135, k\u0302 are now "
                   "left-handed)",
                   pal.areaFlip, pal, ts, 0, hudCorner);
}

void Space3DScene::draw(Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    setupCamera(canvas.width(), canvas.height());
    Eigen::Vector3d target;
    double radius = 1;
    framing(target, radius);
    const double raw = std::max(radius * 1.3, 2.0);
    const double step = niceGridSpacing(1.0, raw / 3.0);
    const double extent = step * std::ceil(raw / step);

    const double det = m_current.determinant();
    const double scale = std::max(m_current.norm(), 1e-300);
    const bool flat = std::abs(det) <= 1e-9 * scale * scale * scale;
    const bool flipped = det < 0 && !flat;

    drawGround(canvas, pal, ts, step, extent);
    if (m_showLattice) drawLattice(canvas, pal);
    drawCollapse(canvas, pal, radius);
    if (m_showCube) drawCube(canvas, pal, ts, flat, flipped);
    drawBasis(canvas, pal, ts);
    drawHud(canvas, ctx, flipped, step);
}

} // namespace linscape::scenes
