// Drawing shared by the projection, low-rank and PCA scenes; see decomp_draw.h.
#include "scenes/decomp_draw.h"

#include <algorithm>
#include <cmath>

namespace linscape::scenes {

namespace {

float lineSize(const PlateLine& l, float base) {
    return l.size > 0 ? l.size : base;
}

} // namespace

Vec2 measureTextPlate(const Canvas& canvas, const std::vector<PlateLine>& lines, float baseSize) {
    float w = 0, h = 0;
    for (const PlateLine& l : lines) {
        const float s = lineSize(l, baseSize);
        w = std::max(w, canvas.measureText(l.text, s).x());
        h += s * (1.3f + l.gapBefore);
    }
    const float pad = baseSize * 0.7f;
    return {w + 2 * pad, h + 2 * pad - baseSize * 0.3f};
}

Vec2 drawTextPlate(Canvas& canvas, Vec2 topLeft, const std::vector<PlateLine>& lines,
                   float baseSize, const Palette& pal, bool anchorRight) {
    const Vec2 ext = measureTextPlate(canvas, lines, baseSize);
    const Vec2 min = anchorRight ? Vec2(topLeft.x() - ext.x(), topLeft.y()) : topLeft;
    drawPlate(canvas, min, min + ext, pal);
    const float pad = baseSize * 0.7f;
    float y = min.y() + pad;
    for (const PlateLine& l : lines) {
        const float s = lineSize(l, baseSize);
        y += s * l.gapBefore;
        canvas.text({min.x() + pad, y}, l.text, s, l.color);
        y += s * 1.3f;
    }
    return min + ext;
}

void drawRightAngle(Canvas& canvas, Vec2 at, Vec2 a, Vec2 b, float size, float width, Color color) {
    if (a.norm() < 1e-6f || b.norm() < 1e-6f) return;
    a.normalize();
    b.normalize();
    const Vec2 pts[3] = {at + a * size, at + (a + b) * size, at + b * size};
    canvas.polyline(pts, width, color);
}

void drawWorldLine(Canvas& canvas, const View2D& view, const Eigen::Vector2d& point,
                   const Eigen::Vector2d& dir, float width, Color color, bool dashed) {
    const double len = dir.norm();
    if (!(len > 0) || !std::isfinite(len)) return;
    const double far =
        2.0 * (view.viewportSize.norm() / view.pixelsPerUnit) + (point - view.center).norm();
    const Eigen::Vector2d d = dir / len;
    Vec2 a = view.toScreen(point - far * d), b = view.toScreen(point + far * d);
    if (!clipSegment(a, b, {-2, -2},
                     {float(view.viewportSize.x()) + 2, float(view.viewportSize.y()) + 2}))
        return;
    if (dashed)
        canvas.dashedLine(a, b, width, color, 10, 7);
    else
        canvas.line(a, b, width, color);
}

void drawDataPoint(Canvas& canvas, Vec2 at, float radius, Color fill, Color ring) {
    canvas.disc(at, radius + 1.2f, ring);
    canvas.disc(at, radius, fill);
}

void frameBeside(View2D& view, const Eigen::Vector2d& size, const Eigen::Vector2d& lo,
                 const Eigen::Vector2d& hi, Vec2 plate, double maxPpu, double bottomMargin) {
    const Eigen::Vector2d ext = (hi - lo).cwiseMax(Eigen::Vector2d(1e-9, 1e-9));
    const Eigen::Vector2d mid = 0.5 * (lo + hi);
    const double m = 14, gap = 18;
    struct Rect {
        double x0, y0, x1, y1;
    };
    const double px = plate.x() > 0 ? m + double(plate.x()) + gap : m;
    const double py = plate.y() > 0 ? m + double(plate.y()) + gap : m;
    const Rect beside{px, m, size.x() - m, size.y() - bottomMargin};
    const Rect below{m, py, size.x() - m, size.y() - bottomMargin};
    auto ppuOf = [&](const Rect& r) {
        return std::min(std::max(r.x1 - r.x0, 1.0) / ext.x(), std::max(r.y1 - r.y0, 1.0) / ext.y());
    };
    const Rect r = ppuOf(beside) >= ppuOf(below) ? beside : below;
    view.viewportSize = size;
    view.pixelsPerUnit = std::max(1e-6, std::min(ppuOf(r), maxPpu));
    const double cx = 0.5 * (r.x0 + r.x1), cy = 0.5 * (r.y0 + r.y1);
    view.center = {mid.x() - (cx - size.x() * 0.5) / view.pixelsPerUnit,
                   mid.y() + (cy - size.y() * 0.5) / view.pixelsPerUnit};
}

std::shared_ptr<imaging::Image> grayImage(const Eigen::MatrixXd& m, double lo, double hi) {
    auto img = std::make_shared<imaging::Image>(int(m.cols()), int(m.rows()));
    const double span = hi > lo ? hi - lo : 1.0;
    for (int r = 0; r < img->height; ++r)
        for (int c = 0; c < img->width; ++c) {
            const double v = std::clamp((m(r, c) - lo) / span, 0.0, 1.0);
            const auto g = static_cast<std::uint8_t>(std::lround(v * 255));
            std::uint8_t* p = img->pixel(c, r);
            p[0] = p[1] = p[2] = g;
            p[3] = 255;
        }
    return img;
}

std::shared_ptr<imaging::Image> divergingImage(const Eigen::MatrixXd& m, double maxAbs,
                                               bool light) {
    auto img = std::make_shared<imaging::Image>(int(m.cols()), int(m.rows()));
    // Blue (#3B7DD8) - neutral - orange (#E07B28): colour-blind safe ends; the neutral middle
    // follows the theme so zero reads as "nothing".
    const float neg[3] = {0.23f, 0.49f, 0.85f}, pos[3] = {0.88f, 0.48f, 0.16f};
    const float mid[3] = {light ? 0.97f : 0.12f, light ? 0.97f : 0.13f, light ? 0.96f : 0.16f};
    const double s = maxAbs > 0 ? maxAbs : 1.0;
    for (int r = 0; r < img->height; ++r)
        for (int c = 0; c < img->width; ++c) {
            const double v = std::clamp(m(r, c) / s, -1.0, 1.0);
            const float t = float(std::sqrt(std::abs(v))); // sqrt: small entries stay visible
            const float* end = v < 0 ? neg : pos;
            std::uint8_t* p = img->pixel(c, r);
            for (int k = 0; k < 3; ++k)
                p[k] =
                    static_cast<std::uint8_t>(std::lround((mid[k] + (end[k] - mid[k]) * t) * 255));
            p[3] = 255;
        }
    return img;
}

} // namespace linscape::scenes
