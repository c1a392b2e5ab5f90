// Tessellation of canvas primitives into feathered triangles (see canvas.h for why geometric AA).
#include "render/canvas.h"

#include "imaging/image.h"
#include "render/fonts.h"

#include <imgui.h>
#include <imgui_internal.h> // ImTextCharFromUtf8

#include <algorithm>
#include <atomic>
#include <cmath>

namespace linscape::render {
namespace {

constexpr float kMode_Solid = 0, kMode_Textured = 1, kMode_Disc = 2, kMode_Line = 3;

Vec2 perp(Vec2 d) {
    return {-d.y(), d.x()};
}

// Unit direction, or zero for a degenerate segment (never NaN).
Vec2 safeNormalize(Vec2 d) {
    const float len = d.norm();
    return len > 1e-6f ? Vec2(d / len) : Vec2(0, 0);
}

bool finite(Vec2 p) {
    return std::isfinite(p.x()) && std::isfinite(p.y());
}

} // namespace

std::uint64_t nextCanvasImageId() {
    static std::atomic<std::uint64_t> next{1};
    return next++;
}

Canvas::Canvas(const FontLibrary* fonts, float pixelScale) : m_fonts(fonts), m_scale(pixelScale) {}

void Canvas::reset(float width, float height, float pixelScale) {
    m_width = width;
    m_height = height;
    m_scale = pixelScale;
    m_vertices.clear();
    m_indices.clear();
    m_batches.clear();
    m_images.clear();
}

std::uint32_t Canvas::vertex(float x, float y, std::uint32_t rgba, float u, float v, float mode,
                             float p0, float p1) {
    m_vertices.push_back({x, y, u, v, rgba, mode, p0, p1});
    return static_cast<std::uint32_t>(m_vertices.size() - 1);
}

void Canvas::useTexture(std::uintptr_t texture, std::uint64_t imageId) {
    if (!m_batches.empty()) {
        CanvasBatch& last = m_batches.back();
        if (last.indexCount == 0 || (last.texture == texture && last.imageId == imageId)) {
            last.texture = texture;
            last.imageId = imageId;
            return;
        }
    }
    m_batches.push_back({texture, imageId, static_cast<std::uint32_t>(m_indices.size()), 0});
}

void Canvas::triangle(std::uint32_t a, std::uint32_t b, std::uint32_t c) {
    // Solid geometry rides along in whatever batch is current: it never samples a texture.
    if (m_batches.empty()) m_batches.push_back({0, 0, 0, 0});
    m_indices.insert(m_indices.end(), {a, b, c});
    m_batches.back().indexCount += 3;
}

void Canvas::line(Vec2 a, Vec2 b, float width, Color color) {
    const Vec2 pts[2] = {a, b};
    polyline(pts, width, color, false);
}

void Canvas::polyline(std::span<const Vec2> points, float width, Color color, bool closed) {
    const size_t n = points.size();
    if (n < 2 || color.a <= 0 || width <= 0) return;
    for (const Vec2& p : points)
        if (!finite(p)) return;
    const float feather = 1.0f / m_scale;
    // Lines thinner than a device pixel fade instead of shrinking below the feather.
    float alpha = color.a;
    if (width < feather) {
        alpha *= width / feather;
        width = feather;
    }
    const float core = std::max(width * 0.5f - feather * 0.5f, 0.0f);
    const float outer = core + feather;
    const std::uint32_t rgba = color.withAlpha(alpha).packed();

    const size_t segments = closed ? n : n - 1;
    std::vector<Vec2> normals(n);
    for (size_t i = 0; i < segments; ++i)
        normals[i] = perp(safeNormalize(points[(i + 1) % n] - points[i]));
    if (!closed) normals[n - 1] = normals[n - 2];

    // One quad per segment: u runs across the line in logical pixels (-outer..outer) and the
    // shader fades the last device pixel. Separate feather strips would triple the triangles,
    // and long thin triangles are what the software rasteriser pays for most (per tile touched).
    const std::uint32_t base = static_cast<std::uint32_t>(m_vertices.size());
    for (size_t i = 0; i < n; ++i) {
        Vec2 dm;
        if (!closed && (i == 0 || i == n - 1))
            dm = normals[i == 0 ? 0 : n - 2];
        else {
            const Vec2 prev = normals[(i + n - 1) % n];
            dm = (prev + normals[i]) * 0.5f;
            // Miter: scale so the offset edge stays parallel; capped so sharp turns stay bounded.
            const float d2 = dm.squaredNorm();
            if (d2 > 1e-6f) dm *= 1.0f / std::max(d2, 0.25f);
        }
        const Vec2& p = points[i];
        vertex(p.x() + dm.x() * outer, p.y() + dm.y() * outer, rgba, outer, 0, kMode_Line, core);
        vertex(p.x() - dm.x() * outer, p.y() - dm.y() * outer, rgba, -outer, 0, kMode_Line, core);
    }
    for (size_t i = 0; i < segments; ++i) {
        const std::uint32_t a = base + std::uint32_t(i * 2);
        const std::uint32_t b = base + std::uint32_t(((i + 1) % n) * 2);
        triangle(a, a + 1, b + 1);
        triangle(a, b + 1, b);
    }
}

void Canvas::dashedLine(Vec2 a, Vec2 b, float width, Color color, float dash, float gap) {
    const Vec2 d = b - a;
    const float len = d.norm();
    if (!(len > 1e-4f) || !std::isfinite(len)) return;
    const Vec2 dir = d / len;
    const float period = std::max(dash + gap, 1.0f);
    const int count = static_cast<int>(std::min(len / period + 1.0f, 2000.0f));
    for (int i = 0; i < count; ++i) {
        const float s0 = float(i) * period;
        const float s1 = std::min(s0 + dash, len);
        if (s1 > s0) line(a + dir * s0, a + dir * s1, width, color);
    }
}

void Canvas::arrow(Vec2 from, Vec2 to, float width, Color color, float headLength) {
    if (!finite(from) || !finite(to)) return;
    const Vec2 d = to - from;
    const float len = d.norm();
    if (len < 1e-3f) {
        disc(to, width * 0.9f, color); // the zero vector is a point, not an arrow
        return;
    }
    const Vec2 dir = d / len;
    float head = headLength > 0 ? headLength : std::max(width * 3.4f, 9.0f);
    head = std::min(head, len * 0.6f); // short arrows keep a visible shaft
    const float halfWidth = head * 0.52f;
    const Vec2 base = to - dir * head;
    line(from, to - dir * head * 0.8f, width, color);
    const Vec2 n = perp(dir);
    fillTriangle(to, base + n * halfWidth, base - n * halfWidth, color);
}

void Canvas::fillConvex(std::span<const Vec2> points, Color color) {
    const size_t n = points.size();
    if (n < 3 || color.a <= 0) return;
    for (const Vec2& p : points)
        if (!finite(p)) return;
    float area2 = 0;
    for (size_t i = 0; i < n; ++i) {
        const Vec2& p = points[i];
        const Vec2& q = points[(i + 1) % n];
        area2 += p.x() * q.y() - q.x() * p.y();
    }
    if (std::abs(area2) < 1e-6f) return; // collapsed: the outline shows it, a fill cannot
    const float sign = area2 > 0 ? 1.0f : -1.0f;
    const float feather = 1.0f / m_scale;
    const std::uint32_t solid = color.packed();
    const std::uint32_t clear = color.withAlpha(0).packed();

    std::vector<Vec2> normals(n);
    for (size_t i = 0; i < n; ++i) // outward normals for either winding
        normals[i] = -perp(safeNormalize(points[(i + 1) % n] - points[i])) * sign;
    const std::uint32_t base = static_cast<std::uint32_t>(m_vertices.size());
    for (size_t i = 0; i < n; ++i) {
        Vec2 dm = (normals[(i + n - 1) % n] + normals[i]) * 0.5f;
        const float d2 = dm.squaredNorm();
        if (d2 > 1e-6f) dm *= 1.0f / std::max(d2, 0.25f);
        dm *= feather * 0.5f;
        vertex(points[i].x() - dm.x(), points[i].y() - dm.y(), solid);
        vertex(points[i].x() + dm.x(), points[i].y() + dm.y(), clear);
    }
    for (size_t i = 2; i < n; ++i)
        triangle(base, base + std::uint32_t((i - 1) * 2), base + std::uint32_t(i * 2));
    for (size_t i = 0; i < n; ++i) {
        const std::uint32_t a = base + std::uint32_t(i * 2);
        const std::uint32_t b = base + std::uint32_t(((i + 1) % n) * 2);
        triangle(a, a + 1, b + 1);
        triangle(a, b + 1, b);
    }
}

void Canvas::fillTriangle(Vec2 a, Vec2 b, Vec2 c, Color color) {
    const Vec2 pts[3] = {a, b, c};
    fillConvex(pts, color);
}

void Canvas::fillRect(Vec2 min, Vec2 max, Color color) {
    const Vec2 pts[4] = {min, {max.x(), min.y()}, max, {min.x(), max.y()}};
    fillConvex(pts, color);
}

void Canvas::fillRoundedRect(Vec2 min, Vec2 max, float radius, Color color) {
    radius = std::min({radius, (max.x() - min.x()) * 0.5f, (max.y() - min.y()) * 0.5f});
    if (radius <= 0.5f) return fillRect(min, max, color);
    std::vector<Vec2> pts;
    const Vec2 centers[4] = {{max.x() - radius, min.y() + radius},
                             {max.x() - radius, max.y() - radius},
                             {min.x() + radius, max.y() - radius},
                             {min.x() + radius, min.y() + radius}};
    constexpr int kSteps = 6;
    for (int c = 0; c < 4; ++c)
        for (int s = 0; s <= kSteps; ++s) {
            const float ang = float(M_PI) * (-0.5f + 0.5f * float(c) + 0.5f * float(s) / kSteps);
            pts.push_back(centers[c] + Vec2(std::cos(ang), std::sin(ang)) * radius);
        }
    fillConvex(pts, color);
}

void Canvas::rectOutline(Vec2 min, Vec2 max, float width, Color color) {
    const Vec2 pts[4] = {min, {max.x(), min.y()}, max, {min.x(), max.y()}};
    polyline(pts, width, color, true);
}

void Canvas::disc(Vec2 center, float radius, Color color) {
    if (!finite(center) || !(radius > 0) || color.a <= 0) return;
    const float r = radius + 1.0f / m_scale;
    const std::uint32_t c = color.packed();
    const float x0 = center.x() - r, x1 = center.x() + r;
    const float y0 = center.y() - r, y1 = center.y() + r;
    const std::uint32_t a = vertex(x0, y0, c, -r, -r, kMode_Disc, radius, 0);
    const std::uint32_t b = vertex(x1, y0, c, r, -r, kMode_Disc, radius, 0);
    const std::uint32_t d = vertex(x1, y1, c, r, r, kMode_Disc, radius, 0);
    const std::uint32_t e = vertex(x0, y1, c, -r, r, kMode_Disc, radius, 0);
    triangle(a, b, d);
    triangle(a, d, e);
}

void Canvas::ring(Vec2 center, float radius, float width, Color color) {
    if (!finite(center) || !(radius > 0) || color.a <= 0) return;
    const float outerR = radius + width * 0.5f;
    const float innerR = std::max(radius - width * 0.5f, 0.0f);
    const float r = outerR + 1.0f / m_scale;
    const std::uint32_t c = color.packed();
    const float x0 = center.x() - r, x1 = center.x() + r;
    const float y0 = center.y() - r, y1 = center.y() + r;
    const std::uint32_t a = vertex(x0, y0, c, -r, -r, kMode_Disc, outerR, innerR);
    const std::uint32_t b = vertex(x1, y0, c, r, -r, kMode_Disc, outerR, innerR);
    const std::uint32_t d = vertex(x1, y1, c, r, r, kMode_Disc, outerR, innerR);
    const std::uint32_t e = vertex(x0, y1, c, -r, r, kMode_Disc, outerR, innerR);
    triangle(a, b, d);
    triangle(a, d, e);
}

Vec2 Canvas::measureText(std::string_view utf8, float size) const {
    if (!m_fonts) return {size * 0.55f * float(utf8.size()), size};
    const FontChoice choice = m_fonts->canvasFont(size);
    if (!choice.font) return {0, 0};
    const float toLogical = choice.scale / m_fonts->dpiScale();
    const ImFont* font = choice.font;
    float lineWidth = 0, maxWidth = 0;
    int lines = 1;
    const char* s = utf8.data();
    const char* end = s + utf8.size();
    while (s < end) {
        unsigned int c = 0;
        const int used = ImTextCharFromUtf8(&c, s, end);
        s += used > 0 ? used : 1;
        if (c == '\n') {
            maxWidth = std::max(maxWidth, lineWidth);
            lineWidth = 0;
            ++lines;
            continue;
        }
        lineWidth += const_cast<ImFont*>(font)->GetCharAdvance(static_cast<ImWchar>(c));
    }
    maxWidth = std::max(maxWidth, lineWidth);
    const float lineHeight = font->FontSize * 1.2f;
    return {maxWidth * toLogical, (font->FontSize + lineHeight * float(lines - 1)) * toLogical};
}

void Canvas::glyphs(Vec2 origin, std::string_view utf8, const ImFont* font, float scale,
                    Color color) {
    const float toLogical = scale / m_fonts->dpiScale();
    const std::uint32_t c = color.packed();
    const float lineHeight = font->FontSize * 1.2f * toLogical;
    // Snap the pen to device pixels so small text stays sharp.
    float penX = std::round(origin.x() * m_scale) / m_scale;
    float penY = std::round(origin.y() * m_scale) / m_scale;
    const float startX = penX;
    const char* s = utf8.data();
    const char* end = s + utf8.size();
    while (s < end) {
        unsigned int ch = 0;
        const int used = ImTextCharFromUtf8(&ch, s, end);
        s += used > 0 ? used : 1;
        if (ch == '\n') {
            penX = startX;
            penY += lineHeight;
            continue;
        }
        const ImFontGlyph* g = const_cast<ImFont*>(font)->FindGlyph(static_cast<ImWchar>(ch));
        if (!g) continue;
        if (g->Visible) {
            const float x0 = penX + g->X0 * toLogical, x1 = penX + g->X1 * toLogical;
            const float y0 = penY + g->Y0 * toLogical, y1 = penY + g->Y1 * toLogical;
            const std::uint32_t a = vertex(x0, y0, c, g->U0, g->V0, kMode_Textured);
            const std::uint32_t b = vertex(x1, y0, c, g->U1, g->V0, kMode_Textured);
            const std::uint32_t d = vertex(x1, y1, c, g->U1, g->V1, kMode_Textured);
            const std::uint32_t e = vertex(x0, y1, c, g->U0, g->V1, kMode_Textured);
            triangle(a, b, d);
            triangle(a, d, e);
        }
        penX += g->AdvanceX * toLogical;
    }
}

void Canvas::text(Vec2 pos, std::string_view utf8, float size, Color color, Anchor anchor,
                  Color halo) {
    if (!m_fonts || utf8.empty() || !finite(pos) || color.a <= 0) return;
    const FontChoice choice = m_fonts->canvasFont(size);
    if (!choice.font) return;
    const Vec2 extent = measureText(utf8, size);
    Vec2 origin = pos;
    switch (anchor) {
    case Anchor::TopLeft:
        break;
    case Anchor::Top:
        origin.x() -= extent.x() * 0.5f;
        break;
    case Anchor::TopRight:
        origin.x() -= extent.x();
        break;
    case Anchor::Left:
        origin.y() -= extent.y() * 0.5f;
        break;
    case Anchor::Center:
        origin -= extent * 0.5f;
        break;
    case Anchor::Right:
        origin -= Vec2(extent.x(), extent.y() * 0.5f);
        break;
    case Anchor::BottomLeft:
        origin.y() -= extent.y();
        break;
    case Anchor::Bottom:
        origin -= Vec2(extent.x() * 0.5f, extent.y());
        break;
    case Anchor::BottomRight:
        origin -= extent;
        break;
    }
    useTexture(reinterpret_cast<std::uintptr_t>(ImGui::GetIO().Fonts->TexID), 0);
    if (halo.a > 0) {
        const float h = std::max(1.5f, size * 0.07f);
        const Vec2 offsets[8] = {{-h, 0},
                                 {h, 0},
                                 {0, -h},
                                 {0, h},
                                 {-h * 0.7f, -h * 0.7f},
                                 {h * 0.7f, -h * 0.7f},
                                 {-h * 0.7f, h * 0.7f},
                                 {h * 0.7f, h * 0.7f}};
        for (const Vec2& o : offsets)
            glyphs(origin + o, utf8, choice.font, choice.scale, halo);
    }
    glyphs(origin, utf8, choice.font, choice.scale, color);
}

void Canvas::image(const CanvasImage& img, Vec2 min, Vec2 max, Color tint) {
    if (!img.pixels || img.pixels->empty() || !finite(min) || !finite(max)) return;
    useTexture(0, img.id);
    bool known = false;
    for (const CanvasImage& i : m_images)
        if (i.id == img.id) known = true;
    if (!known) m_images.push_back(img);
    const std::uint32_t c = tint.packed();
    const std::uint32_t a = vertex(min.x(), min.y(), c, 0, 0, kMode_Textured);
    const std::uint32_t b = vertex(max.x(), min.y(), c, 1, 0, kMode_Textured);
    const std::uint32_t d = vertex(max.x(), max.y(), c, 1, 1, kMode_Textured);
    const std::uint32_t e = vertex(min.x(), max.y(), c, 0, 1, kMode_Textured);
    triangle(a, b, d);
    triangle(a, d, e);
}

} // namespace linscape::render
