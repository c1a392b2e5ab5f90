// Drawing for the decomposition scenes; see draw_decomp.h.
#include "scenes/draw_decomp.h"

#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <numbers>

namespace linscape::scenes {
namespace {

constexpr int kCircleSegments = 160;
// Room under the caption for the viewport's status line (drawn by the app in the window).
constexpr float kCaptionBottom = 28.0f;

// Dashes along a polyline, carried across its vertices so the pattern does not restart.
void dashedPolyline(Canvas& canvas, const std::vector<Vec2>& pts, float width, Color color,
                    float dash = 9, float gap = 6) {
    float phase = 0; // distance into the current dash+gap period
    const float period = dash + gap;
    for (size_t i = 0; i + 1 < pts.size(); ++i) {
        Vec2 a = pts[i];
        const Vec2 b = pts[i + 1];
        float len = (b - a).norm();
        if (len < 1e-4f) continue;
        const Vec2 dir = (b - a) / len;
        while (len > 1e-4f) {
            const bool on = phase < dash;
            const float step = std::min(len, on ? dash - phase : period - phase);
            const Vec2 next = a + dir * step;
            if (on) canvas.line(a, next, width, color);
            a = next;
            len -= step;
            phase += step;
            if (phase >= period - 1e-4f) phase = 0;
        }
    }
}

} // namespace

Vec2 screenDir(const Eigen::Vector2d& world) {
    const double n = world.norm();
    if (!(n > 1e-300) || !std::isfinite(n)) return {1, 0};
    return Vec2(float(world.x() / n), float(-world.y() / n));
}

void drawSpanLine(Canvas& canvas, const View2D& view, const Eigen::Vector2d& dir, float width,
                  Color color, bool dashed) {
    const double n = dir.norm();
    if (!(n > 0) || !std::isfinite(n)) return;
    const double far = 2.0 * view.viewportSize.norm() / view.pixelsPerUnit +
                       view.center.norm(); // beyond every corner
    Vec2 a = view.toScreen(-far * dir / n), b = view.toScreen(far * dir / n);
    if (!clipSegment(a, b, {-2, -2}, {canvas.width() + 2, canvas.height() + 2})) return;
    if (dashed)
        canvas.dashedLine(a, b, width, color, 10, 7);
    else
        canvas.line(a, b, width, color);
}

void drawMappedCircle(Canvas& canvas, const View2D& view, const Eigen::Matrix2d& m, float width,
                      Color stroke, Color fill, bool dashed) {
    if (!m.allFinite()) return;
    std::vector<Vec2> pts;
    pts.reserve(kCircleSegments + 1);
    for (int i = 0; i <= kCircleSegments; ++i) {
        const double a = 2 * std::numbers::pi * i / kCircleSegments;
        pts.push_back(view.toScreen(m * Eigen::Vector2d(std::cos(a), std::sin(a))));
    }
    const double det = m.determinant();
    const double flatTol = 1e-9 * std::max(m.squaredNorm(), 1e-300);
    if (fill.a > 0 && std::abs(det) > flatTol)
        canvas.fillConvex(std::span<const Vec2>(pts.data(), kCircleSegments), fill);
    if (dashed)
        dashedPolyline(canvas, pts, width, stroke);
    else
        canvas.polyline(std::span<const Vec2>(pts.data(), kCircleSegments), width, stroke, true);
}

void drawMappedArc(Canvas& canvas, const View2D& view, const Eigen::Matrix2d& m, double upTo,
                   float width, Color color) {
    if (!m.allFinite() || !(upTo > 0)) return;
    upTo = std::min(upTo, 2 * std::numbers::pi);
    const int steps = std::max(2, int(std::ceil(upTo / (2 * std::numbers::pi) * kCircleSegments)));
    std::vector<Vec2> pts;
    pts.reserve(size_t(steps) + 1);
    for (int i = 0; i <= steps; ++i) {
        const double a = upTo * i / steps;
        pts.push_back(view.toScreen(m * Eigen::Vector2d(std::cos(a), std::sin(a))));
    }
    canvas.polyline(pts, width, color);
}

void drawRightAngle(Canvas& canvas, const View2D& view, const Eigen::Vector2d& d1,
                    const Eigen::Vector2d& d2, float sizePx, Color color) {
    const Vec2 o = view.toScreen({0, 0});
    const Vec2 a = screenDir(d1) * sizePx, b = screenDir(d2) * sizePx;
    const Vec2 pts[3] = {o + a, o + a + b, o + b};
    canvas.polyline(pts, 1.8f, color);
}

Vec2 labelOffsetCenter(const Canvas& canvas, Vec2 anchor, Vec2 dir, const std::string& text,
                       float size, float gap) {
    const float n = dir.norm();
    dir = n > 1e-6f ? Vec2(dir / n) : Vec2(1, 0);
    const Vec2 ext = canvas.measureText(text, size);
    // Distance from the box centre to its edge along dir, so the box just clears the anchor.
    const float r = 0.5f * std::abs(dir.x()) * ext.x() + 0.5f * std::abs(dir.y()) * ext.y();
    return anchor + dir * (r + gap);
}

void labelOffset(Canvas& canvas, Vec2 anchor, Vec2 dir, const std::string& text, float size,
                 Color color, Color halo, float gap) {
    canvas.text(labelOffsetCenter(canvas, anchor, dir, text, size, gap), text, size, color,
                render::Anchor::Center, halo);
}

namespace {

float captionSize(float textScale) {
    return 15.0f * textScale;
}

float captionWidth(const Canvas& canvas, float textScale) {
    return std::min(canvas.width() - 48.0f, 820.0f * textScale);
}

} // namespace

float gridFade(double linePixels) {
    if (!std::isfinite(linePixels)) return 1.0f;
    return float(std::clamp(linePixels / 26.0, 0.2, 1.0));
}

float captionHeight(const Canvas& canvas, const std::string& text, float textScale) {
    const float size = captionSize(textScale);
    const auto lines = wrapText(canvas, text, size, captionWidth(canvas, textScale));
    if (lines.empty()) return 0;
    return size * 1.3f * float(lines.size()) + size * 0.55f * 1.2f + kCaptionBottom;
}

void fitBesideOverlay(View2D& view, Vec2 viewport, const Eigen::Vector2d& extent, Vec2 overlayMax,
                      float captionTop, float marginPx, double maxPixelsPerUnit, double zoom) {
    const double vw = viewport.x(), vh = viewport.y(), margin = marginPx;
    view.viewportSize = {vw, vh};
    const double ex = std::max(extent.x(), 1e-9), ey = std::max(extent.y(), 1e-9);
    struct Region {
        double x0, y0, x1, y1;
    };
    const double bottom = std::min<double>(captionTop, vh);
    const Region whole{0, 0, vw, bottom};
    const Region beside{overlayMax.x(), 0, vw, bottom};
    const Region below{0, overlayMax.y(), vw, bottom};
    auto ppuOf = [&](const Region& r) {
        const double w = r.x1 - r.x0 - 2 * margin, h = r.y1 - r.y0 - 2 * margin;
        return std::max(std::min(w / (2 * ex), h / (2 * ey)), 1e-6);
    };
    Region best = whole;
    if (overlayMax.x() > 0 && overlayMax.y() > 0)
        best = ppuOf(beside) >= ppuOf(below) ? beside : below;
    const double ppu = std::min(ppuOf(best), maxPixelsPerUnit) * zoom;
    const double cx = 0.5 * (best.x0 + best.x1), cy = 0.5 * (best.y0 + best.y1);
    view.pixelsPerUnit = ppu;
    view.center = {(vw * 0.5 - cx) / ppu, (cy - vh * 0.5) / ppu};
}

float drawCaption(Canvas& canvas, const std::string& text, Color color, const Palette& pal,
                  float textScale) {
    const float size = captionSize(textScale);
    const float maxWidth = captionWidth(canvas, textScale);
    const auto lines = wrapText(canvas, text, size, maxWidth);
    if (lines.empty()) return canvas.height();
    float w = 0;
    for (const auto& l : lines)
        w = std::max(w, canvas.measureText(l, size).x());
    const float lineH = size * 1.3f;
    const float pad = size * 0.55f;
    const float h = lineH * float(lines.size()) + pad * 1.2f;
    const float bottom = canvas.height() - kCaptionBottom;
    const float cx = canvas.width() * 0.5f;
    drawPlate(canvas, {cx - w * 0.5f - pad, bottom - h}, {cx + w * 0.5f + pad, bottom}, pal, 0.9f);
    for (size_t i = 0; i < lines.size(); ++i)
        canvas.text({cx, bottom - h + pad * 0.6f + lineH * float(i)}, lines[i], size, color,
                    render::Anchor::Top);
    return bottom - h;
}

SvdFactorMetrics measureSvdFactors(const Canvas& canvas, const SvdFactorRow (&rows)[3], float size,
                                   float small) {
    SvdFactorMetrics m;
    for (const SvdFactorRow& f : rows) {
        m.prefixW = std::max(m.prefixW, canvas.measureText(f.prefix, size).x());
        const Vec2 sz = measureMatrix(canvas, f.value, size);
        m.matW = std::max(m.matW, sz.x());
        m.matH = std::max(m.matH, sz.y());
        m.stepW = std::max(m.stepW, canvas.measureText(f.step, small).x());
    }
    return m;
}

void drawSvdFactors(Canvas& canvas, const Palette& pal, const SvdFactorRow (&rows)[3],
                    const SvdFactorMetrics& m, int activeStage, double progress, float x0,
                    float rowsY, float rowH, float gap, float size, float small) {
    for (int k = 0; k < 3; ++k) {
        const SvdFactorRow& f = rows[k];
        const bool active = f.stage == activeStage;
        const bool done = f.stage < activeStage;
        const Color tc = active || done ? pal.text : pal.textDim;
        std::vector<Color> cols = f.colors;
        if (!active && !done)
            for (Color& c : cols)
                c = c.withAlpha(0.6f);
        const float y = rowsY + rowH * float(k);
        canvas.text({x0, y + m.matH * 0.5f}, f.prefix, size, tc, render::Anchor::Left);
        drawMatrix(canvas, {x0 + m.prefixW + gap, y}, f.value, size, cols, tc);
        const float sx = x0 + m.prefixW + gap + m.matW + gap;
        canvas.text({sx, y + m.matH * 0.5f}, f.step, small,
                    active ? pal.accent
                    : done ? pal.text
                           : pal.textDim,
                    render::Anchor::Left);
        if (active) {
            // Progress through this stage under its label.
            const float frac = float(std::clamp(progress - f.stage, 0.0, 1.0));
            const float ly = y + m.matH * 0.5f + small * 0.75f;
            const float lw = canvas.measureText(f.step, small).x();
            canvas.line({sx, ly}, {sx + lw, ly}, 2.0f, pal.textDim.withAlpha(0.4f));
            canvas.line({sx, ly}, {sx + lw * frac, ly}, 2.0f, pal.accent);
        }
    }
}

} // namespace linscape::scenes
