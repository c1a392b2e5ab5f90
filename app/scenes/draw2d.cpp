// Shared planar drawing; see draw2d.h.
#include "scenes/draw2d.h"

#include "engine/matrix_parse.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>

namespace linscape::scenes {

double niceGridSpacing(double pixelsPerUnit, double minPixels) {
    if (!(pixelsPerUnit > 0) || !std::isfinite(pixelsPerUnit)) return 1.0;
    const double raw = minPixels / pixelsPerUnit;
    if (raw <= 1.0) return 1.0;
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (m * decade >= raw) return m * decade;
    return 10.0 * decade;
}

bool clipSegment(Vec2& a, Vec2& b, Vec2 min, Vec2 max) {
    // Liang-Barsky.
    const float dx = b.x() - a.x(), dy = b.y() - a.y();
    float t0 = 0, t1 = 1;
    const float p[4] = {-dx, dx, -dy, dy};
    const float q[4] = {a.x() - min.x(), max.x() - a.x(), a.y() - min.y(), max.y() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
            continue;
        }
        const float t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1) return false;
    }
    const Vec2 a0 = a;
    a = a0 + Vec2(dx, dy) * t0;
    b = a0 + Vec2(dx, dy) * t1;
    return true;
}

void drawTransformedGrid(Canvas& canvas, const View2D& view, const Eigen::Matrix2d& m,
                         double spacing, Color color, float width, Color axisColor,
                         float axisWidth) {
    if (!m.allFinite() || !(spacing > 0)) return;
    const Eigen::Vector2d wmin = view.worldMin(), wmax = view.worldMax();
    const double viewRadius = (wmax - wmin).norm() * 0.5 + (wmin + wmax).norm() * 0.5;
    // Range of grid coordinates whose image can reach the viewport: |M p| >= sigma_min |p|, so
    // |p| <= viewRadius / sigma_min covers everything. Singular maps are capped: all their lines
    // land on the column space anyway.
    Eigen::JacobiSVD<Eigen::Matrix2d> svd(m);
    const double sigmaMin = svd.singularValues()(1);
    const double maxLines = 160;
    double range = viewRadius / std::max(sigmaMin, 1e-12);
    range = std::min(range, spacing * maxLines);
    const int kMax = static_cast<int>(std::ceil(range / spacing));
    const Vec2 clipMin(float(view.offset.x()) - 2, float(view.offset.y()) - 2),
        clipMax(float(view.offset.x() + view.viewportSize.x()) + 2,
                float(view.offset.y() + view.viewportSize.y()) + 2);
    auto segment = [&](const Eigen::Vector2d& p0, const Eigen::Vector2d& p1, Color c, float w) {
        Vec2 a = view.toScreen(m * p0), b = view.toScreen(m * p1);
        if (!std::isfinite(a.x()) || !std::isfinite(b.x())) return;
        if (clipSegment(a, b, clipMin, clipMax)) canvas.line(a, b, w, c);
    };
    const double extent = kMax * spacing;
    for (int k = -kMax; k <= kMax; ++k) {
        if (k == 0) continue;
        const double u = k * spacing;
        segment({u, -extent}, {u, extent}, color, width);
        segment({-extent, u}, {extent, u}, color, width);
    }
    if (axisColor.a > 0) {
        segment({0, -extent}, {0, extent}, axisColor, axisWidth);
        segment({-extent, 0}, {extent, 0}, axisColor, axisWidth);
    }
}

void drawAxes(Canvas& canvas, const View2D& view, double spacing, const Palette& pal,
              float textScale, bool tickLabels) {
    const Vec2 o = view.toScreen({0, 0});
    // The viewport's rectangle on the canvas (offset for side-by-side panels).
    const float x0 = float(view.offset.x()), y0 = float(view.offset.y());
    const float w = x0 + float(view.viewportSize.x()), h = y0 + float(view.viewportSize.y());
    const Color axis = pal.axis.withAlpha(0.85f);
    if (o.y() >= y0 && o.y() <= h) canvas.line({x0, o.y()}, {w, o.y()}, 1.6f, axis);
    if (o.x() >= x0 && o.x() <= w) canvas.line({o.x(), y0}, {o.x(), h}, 1.6f, axis);
    if (!tickLabels) return;
    const float size = 13.0f * textScale;
    const Color tc = pal.textDim;
    const Eigen::Vector2d wmin = view.worldMin(), wmax = view.worldMax();
    const float minGap = canvas.measureText("-00", size).x() * 1.6f;
    const int stride =
        std::max(1, static_cast<int>(std::ceil(double(minGap) / (spacing * view.pixelsPerUnit))));
    auto label = [&](double v) { return engine::formatNumber(v, 4); };
    const long i0 = static_cast<long>(std::ceil(wmin.x() / spacing));
    const long i1 = static_cast<long>(std::floor(wmax.x() / spacing));
    if (i1 - i0 < 400 && o.y() > y0 - 20 && o.y() < h + 20)
        for (long i = i0; i <= i1; ++i) {
            if (i == 0 || i % stride) continue;
            const Vec2 p = view.toScreen({double(i) * spacing, 0});
            canvas.line({p.x(), o.y() - 4}, {p.x(), o.y() + 4}, 1.2f, axis);
            canvas.text({p.x(), o.y() + 6}, label(double(i) * spacing), size, tc,
                        render::Anchor::Top, pal.background);
        }
    const long j0 = static_cast<long>(std::ceil(wmin.y() / spacing));
    const long j1 = static_cast<long>(std::floor(wmax.y() / spacing));
    if (j1 - j0 < 400 && o.x() > x0 - 20 && o.x() < w + 20)
        for (long j = j0; j <= j1; ++j) {
            if (j == 0 || j % stride) continue;
            const Vec2 p = view.toScreen({0, double(j) * spacing});
            canvas.line({o.x() - 4, p.y()}, {o.x() + 4, p.y()}, 1.2f, axis);
            canvas.text({o.x() - 7, p.y()}, label(double(j) * spacing), size, tc,
                        render::Anchor::Right, pal.background);
        }
}

void labelArrow(Canvas& canvas, Vec2 tail, Vec2 tip, const std::string& text, float size,
                Color color, Color halo, const std::vector<Vec2>& avoid) {
    Vec2 dir = tip - tail;
    const float len = dir.norm();
    dir = len > 1e-3f ? Vec2(dir / len) : Vec2(1, 0);
    // Lines the label must not sit on: the arrow's own shaft (behind the tip), other arrows from
    // the same tail (as lines through the tip's neighbourhood), and screen axes through the tip.
    std::vector<Vec2> lines;
    for (const Vec2& other : avoid)
        if (other.norm() > 1e-3f) lines.push_back(other.normalized());
    const Vec2 ext = canvas.measureText(text, size);
    float bestScore = -1e9f;
    Vec2 best = tip + dir * (size * 0.9f);
    for (int i = 0; i < 16; ++i) {
        const float ang = float(i) * float(M_PI) / 8.0f;
        const Vec2 off(std::cos(ang), std::sin(ang));
        // The arrow's line usually continues past the tip (the image of an axis), so the label
        // goes beside the tip, never behind it on the shaft.
        float score = -std::pow(std::abs(off.dot(dir)), 4.0f) * 0.8f;
        score -= std::max(0.0f, -off.dot(dir)) * 2.0f;
        for (const Vec2& l : lines)
            score -= std::pow(std::abs(off.dot(l)), 4.0f) * 1.2f;
        score += off.y() < 0 ? 0.05f : 0.0f; // above reads better than below
        if (score > bestScore) {
            bestScore = score;
            const float r = 0.5f * std::abs(off.x()) * ext.x() + 0.5f * std::abs(off.y()) * ext.y();
            best = tip + off * (r + size * 0.5f);
        }
    }
    canvas.text(best, text, size, color, render::Anchor::Center, halo);
}

namespace {

struct MatrixLayout {
    std::vector<std::vector<std::string>> cells;
    std::vector<float> colWidth;
    float prefixWidth = 0, rowHeight = 0, width = 0, height = 0, gap = 0, bracket = 0;
};

MatrixLayout layoutMatrix(const Canvas& canvas, const Eigen::MatrixXd& m, float size,
                          const std::string& prefix, int digits) {
    MatrixLayout l;
    l.rowHeight = size * 1.3f;
    l.gap = size * 0.9f;
    l.bracket = size * 0.45f;
    l.colWidth.assign(static_cast<size_t>(m.cols()), 0.0f);
    l.cells.resize(static_cast<size_t>(m.rows()));
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            std::string s = prettyNumber(m(r, c), digits);
            l.colWidth[size_t(c)] =
                std::max(l.colWidth[size_t(c)], canvas.measureText(s, size).x());
            l.cells[size_t(r)].push_back(std::move(s));
        }
    if (!prefix.empty()) l.prefixWidth = canvas.measureText(prefix, size).x() + size * 0.4f;
    float inner = 0;
    for (float w : l.colWidth)
        inner += w;
    inner += l.gap * float(std::max<Eigen::Index>(m.cols() - 1, 0));
    l.width = l.prefixWidth + inner + 2 * (l.bracket + size * 0.35f);
    l.height = l.rowHeight * float(m.rows()) + size * 0.2f;
    return l;
}

} // namespace

Vec2 measureMatrix(const Canvas& canvas, const Eigen::MatrixXd& m, float size,
                   const std::string& prefix, int digits) {
    const MatrixLayout l = layoutMatrix(canvas, m, size, prefix, digits);
    return {l.width, l.height};
}

Vec2 drawMatrix(Canvas& canvas, Vec2 topLeft, const Eigen::MatrixXd& m, float size,
                const std::vector<Color>& columnColors, Color textColor, const std::string& prefix,
                int digits) {
    const MatrixLayout l = layoutMatrix(canvas, m, size, prefix, digits);
    if (!prefix.empty())
        canvas.text({topLeft.x(), topLeft.y() + l.height * 0.5f}, prefix, size, textColor,
                    render::Anchor::Left);
    const float x0 = topLeft.x() + l.prefixWidth;
    const float y0 = topLeft.y(), y1 = topLeft.y() + l.height;
    const float bw = std::max(1.5f, size * 0.08f);
    const Vec2 left[4] = {{x0 + l.bracket, y0}, {x0, y0}, {x0, y1}, {x0 + l.bracket, y1}};
    canvas.polyline(left, bw, textColor);
    const float x1 = topLeft.x() + l.width;
    const Vec2 right[4] = {{x1 - l.bracket, y0}, {x1, y0}, {x1, y1}, {x1 - l.bracket, y1}};
    canvas.polyline(right, bw, textColor);
    float cx = x0 + l.bracket + size * 0.35f;
    for (Eigen::Index c = 0; c < m.cols(); ++c) {
        const Color col = size_t(c) < columnColors.size() ? columnColors[size_t(c)] : textColor;
        cx += l.colWidth[size_t(c)];
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            canvas.text({cx, y0 + size * 0.1f + l.rowHeight * (float(r) + 0.5f)},
                        l.cells[size_t(r)][size_t(c)], size, col, render::Anchor::Right);
        cx += l.gap;
    }
    return {l.width, l.height};
}

void drawPlate(Canvas& canvas, Vec2 min, Vec2 max, const Palette& pal, float alpha) {
    canvas.fillRoundedRect(min, max, 8.0f, pal.panel.withAlpha(alpha));
}

void drawBanner(Canvas& canvas, const std::string& text, Color color, const Palette& pal,
                float textScale, int line, Vec2 keepOut) {
    const float size = 17.0f * textScale;
    const Vec2 ext = canvas.measureText(text, size);
    const float pad = size * 0.6f;
    const float h = ext.y() + pad * 1.4f;
    float cx = canvas.width() * 0.5f;
    float top = 14.0f + float(line) * (h + 8);
    const float left = cx - ext.x() * 0.5f - pad;
    if (keepOut.x() > 0 && left < keepOut.x() + 8) {
        // Shift right when there is room beside the overlay; else the bottom edge, which is
        // quieter than the middle of the picture (and above the status line).
        const float shifted = keepOut.x() + 12 + ext.x() * 0.5f + pad;
        if (shifted + ext.x() * 0.5f + pad < canvas.width() - 8)
            cx = shifted;
        else
            top = canvas.height() - 44.0f - float(line + 1) * (h + 8) + 8;
    }
    drawPlate(canvas, {cx - ext.x() * 0.5f - pad, top}, {cx + ext.x() * 0.5f + pad, top + h}, pal,
              0.9f);
    canvas.text({cx, top + pad * 0.7f}, text, size, color, render::Anchor::Top);
}

std::string prettyNumber(double value, int digits) {
    // Whole numbers up to 99999 in full; otherwise %g, with "e+06" typeset as "×10⁶".
    const double a = std::abs(value);
    if (a >= 1 && a < 1e5 && value == std::round(value)) digits = std::max(digits, 5);
    std::string s = engine::formatNumber(value, digits);
    const auto e = s.find('e');
    if (e != std::string::npos) {
        static const char* const kSup[] = {"\u2070", "\u00b9", "\u00b2", "\u00b3", "\u2074",
                                           "\u2075", "\u2076", "\u2077", "\u2078", "\u2079"};
        std::string mant = s.substr(0, e);
        const int exp = std::stoi(s.substr(e + 1));
        std::string sup = exp < 0 ? "\u207b" : "";
        for (char ch : std::to_string(std::abs(exp)))
            sup += kSup[ch - '0'];
        s = (mant == "1" ? std::string() : (mant == "-1" ? std::string("-") : mant + "\u00d7")) +
            "10" + sup;
    }
    if (!s.empty() && s[0] == '-') s = "\u2212" + s.substr(1);
    return s;
}

} // namespace linscape::scenes
