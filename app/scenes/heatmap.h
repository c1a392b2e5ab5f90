// Heatmaps for matrices too big to typeset (attention scores and weights, Q/K/V, activations):
// a perceptually uniform colour map (viridis), a texture per matrix rebuilt only when its data
// changes, a colour bar, token labels thinned so they never overlap, and cell hit-testing.
#pragma once

#include "render/canvas.h"
#include "style/theme.h"

#include <Eigen/Core>
#include <optional>
#include <string>
#include <vector>

namespace linscape::scenes {

using render::Canvas;
using render::Vec2;
using style::Color;
using style::Palette;

// Viridis (matplotlib's default): lightness rises monotonically from dark purple to yellow, so
// brighter always means larger, in colour and in greyscale, and it reads under colour blindness.
// t in [0, 1] (clamped).
Color viridis(float t);

using HeatmapMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using HeatmapMask = Eigen::Matrix<bool, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// One matrix as a texture: one texel per entry, nearest sampling, so cells stay crisp at any size.
class Heatmap {
public:
    Heatmap();
    // Rebuilds the pixels: value lo maps to the bottom of the colour map, hi to the top. Entries
    // where `blocked` is true (same shape, or empty for none) are drawn in `blockedColor`.
    void set(const HeatmapMatrix& values, float lo, float hi, const HeatmapMask* blocked = nullptr,
             Color blockedColor = {0.5f, 0.5f, 0.5f, 1});
    bool empty() const { return m_rows == 0 || m_cols == 0; }
    int rows() const { return m_rows; }
    int cols() const { return m_cols; }
    float lo() const { return m_lo; }
    float hi() const { return m_hi; }
    const render::CanvasImage& image() const { return m_image; }

private:
    render::CanvasImage m_image;
    int m_rows = 0, m_cols = 0;
    float m_lo = 0, m_hi = 1;
};

struct Rect {
    Vec2 min{0, 0}, max{0, 0};
    float width() const { return max.x() - min.x(); }
    float height() const { return max.y() - min.y(); }
    bool contains(Vec2 p) const {
        return p.x() >= min.x() && p.y() >= min.y() && p.x() < max.x() && p.y() < max.y();
    }
};

// Draws the heatmap filling `r`, with a thin frame.
void drawHeatmap(Canvas& canvas, const Heatmap& map, const Rect& r, const Palette& pal);

// The cell (row, col) under point p, or nothing.
std::optional<std::pair<int, int>> heatmapCellAt(const Heatmap& map, const Rect& r, Vec2 p);
Rect heatmapCellRect(const Heatmap& map, const Rect& r, int row, int col);

// A vertical colour bar in `r` from lo (bottom) to hi (top) with both ends and the middle
// labelled to the right of it.
void drawColorBar(Canvas& canvas, const Rect& r, float lo, float hi, const Palette& pal,
                  float textSize);

// Labels for rows (right-aligned, left of the map) and columns (centred above the map, on two
// staggered lines when crowded). When labels would overlap, only every k-th is drawn (k chosen
// so they fit) and the step is returned. Labels longer than fit are shortened with an ellipsis.
int drawRowLabels(Canvas& canvas, const Rect& map, const std::vector<std::string>& labels,
                  float textSize, float maxWidth, Color color, int highlight = -1,
                  Color highlightColor = {});
int drawColumnLabels(Canvas& canvas, const Rect& map, const std::vector<std::string>& labels,
                     float textSize, Color color, int highlight = -1, Color highlightColor = {});

// `text` shortened with "…" to fit maxWidth at size.
std::string fitText(const Canvas& canvas, const std::string& text, float size, float maxWidth);

// `text` broken at spaces into lines no wider than maxWidth (a word longer than that gets its own
// line, shortened).
std::vector<std::string> wrapHeatmapText(const Canvas& canvas, const std::string& text, float size,
                                  float maxWidth);

// A shape as NumPy prints it: "(6, 64)".
std::string shapeText(long rows, long cols);

} // namespace linscape::scenes
