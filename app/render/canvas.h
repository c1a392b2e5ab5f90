// A 2D vector canvas: scenes record thick anti-aliased lines, arrows, polygons, discs, text and
// images in logical pixels of their viewport (origin top-left, y down); the renderer draws the
// batches. Anti-aliasing is geometric (a one-device-pixel feather, as ImGui does) plus an SDF for
// discs, so it is crisp at any zoom and DPI without multisampling, which the software renderer
// cannot afford at 60 fps. No GL here: recording is plain CPU work, testable without a context.
#pragma once

#include "style/color.h"

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

struct ImFont;

namespace linscape::imaging {
struct Image;
}

namespace linscape::render {

using style::Color;
using Vec2 = Eigen::Vector2f;

// An image the renderer turns into a texture; re-uploaded when `version` changes. Scenes keep one
// per heatmap and bump the version when the pixels change.
struct CanvasImage {
    std::uint64_t id = 0; // unique per image (use nextCanvasImageId())
    std::uint64_t version = 0;
    std::shared_ptr<const imaging::Image> pixels;
    bool nearest = true; // nearest-neighbour sampling: heatmap cells stay sharp
};
std::uint64_t nextCanvasImageId();

enum class Anchor { TopLeft, Top, TopRight, Left, Center, Right, BottomLeft, Bottom, BottomRight };

// Glyph source for text: the fonts baked into the UI atlas (see fonts.h).
class FontLibrary;

struct CanvasVertex {
    float x, y;         // logical pixels
    float u, v;         // texture coordinates, or the disc's local coordinates
    std::uint32_t rgba; // packed, straight alpha
    float mode;         // 0 solid, 1 textured, 2 SDF disc, 3 line (u: across, logical px)
    float p0, p1;       // mode parameters (disc: outer and inner radius; line: core half-width)
};

struct CanvasBatch {
    std::uintptr_t texture = 0; // 0: none; else font atlas or CanvasImage id (see imageId)
    std::uint64_t imageId = 0;  // nonzero: a CanvasImage to resolve to a texture
    std::uint32_t firstIndex = 0;
    std::uint32_t indexCount = 0;
};

class Canvas {
public:
    // pixelScale: device pixels per logical pixel (HiDPI), so feathers stay one device pixel wide.
    explicit Canvas(const FontLibrary* fonts = nullptr, float pixelScale = 1.0f);

    void reset(float width, float height, float pixelScale);
    float width() const { return m_width; }
    float height() const { return m_height; }
    float pixelScale() const { return m_scale; }

    // Strokes. Widths in logical pixels.
    void line(Vec2 a, Vec2 b, float width, Color color);
    void polyline(std::span<const Vec2> points, float width, Color color, bool closed = false);
    void dashedLine(Vec2 a, Vec2 b, float width, Color color, float dash = 8, float gap = 6);
    // An arrow from `from` to `to` whose head ends exactly at `to`. headLength 0: from the width.
    void arrow(Vec2 from, Vec2 to, float width, Color color, float headLength = 0);

    // Fills with anti-aliased edges.
    void fillConvex(std::span<const Vec2> points, Color color);
    void fillTriangle(Vec2 a, Vec2 b, Vec2 c, Color color);
    void fillRect(Vec2 min, Vec2 max, Color color);
    void fillRoundedRect(Vec2 min, Vec2 max, float radius, Color color);
    void rectOutline(Vec2 min, Vec2 max, float width, Color color);
    void disc(Vec2 center, float radius, Color color);
    void ring(Vec2 center, float radius, float width, Color color);

    // Text in the UI font at `size` logical pixels. A halo (an outline in the background colour)
    // keeps labels readable over grid lines.
    void text(Vec2 pos, std::string_view utf8, float size, Color color,
              Anchor anchor = Anchor::TopLeft, Color halo = Color{0, 0, 0, 0});
    Vec2 measureText(std::string_view utf8, float size) const;

    void image(const CanvasImage& img, Vec2 min, Vec2 max, Color tint = Color{1, 1, 1, 1});

    // Recorded geometry, consumed by the renderer.
    const std::vector<CanvasVertex>& vertices() const { return m_vertices; }
    const std::vector<std::uint32_t>& indices() const { return m_indices; }
    const std::vector<CanvasBatch>& batches() const { return m_batches; }
    const std::vector<CanvasImage>& images() const { return m_images; }
    bool empty() const { return m_indices.empty(); }

private:
    std::uint32_t vertex(float x, float y, std::uint32_t rgba, float u = 0, float v = 0,
                         float mode = 0, float p0 = 0, float p1 = 0);
    void triangle(std::uint32_t a, std::uint32_t b, std::uint32_t c);
    void useTexture(std::uintptr_t texture, std::uint64_t imageId);
    void glyphs(Vec2 origin, std::string_view utf8, const ImFont* font, float scale, Color color);

    const FontLibrary* m_fonts;
    float m_width = 0, m_height = 0, m_scale = 1;
    std::vector<CanvasVertex> m_vertices;
    std::vector<std::uint32_t> m_indices;
    std::vector<CanvasBatch> m_batches;
    std::vector<CanvasImage> m_images;
};

} // namespace linscape::render
