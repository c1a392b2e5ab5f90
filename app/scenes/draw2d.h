// Drawing shared by the planar scenes (transforms, eigen, SVD, projections): grids that deform
// with a matrix, axes, labelled arrows, the matrix overlay and banners. Pure canvas calls.
#pragma once

#include "render/canvas.h"
#include "render/view.h"
#include "style/theme.h"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace linscape::scenes {

using render::Canvas;
using render::Vec2;
using render::View2D;
using style::Color;
using style::Palette;

// The spacing of grid lines in world units: 1, 2, 5, 10, ... so lines stay >= minPixels apart.
double niceGridSpacing(double pixelsPerUnit, double minPixels = 28);

// Draws the image under M of the grid lines x = k*spacing and y = k*spacing that can reach the
// viewport. Lines through the origin use axisColor (if its alpha > 0). Robust for singular M.
void drawTransformedGrid(Canvas& canvas, const View2D& view, const Eigen::Matrix2d& m,
                         double spacing, Color color, float width, Color axisColor,
                         float axisWidth);

// Axes with tick labels every `spacing` units (labels skipped where they would crowd).
void drawAxes(Canvas& canvas, const View2D& view, double spacing, const Palette& pal,
              float textScale, bool tickLabels);

// A label beside an arrow's tip, pushed away from the arrow's shaft and from the lines in `avoid`
// (directions of other arrows or axes passing near the tip), so it never sits on a line.
void labelArrow(Canvas& canvas, Vec2 tail, Vec2 tip, const std::string& text, float size,
                Color color, Color halo, const std::vector<Vec2>& avoid = {});

// A matrix typeset with brackets; column j coloured columnColors[j] when given. Returns its size.
// `prefix` (e.g. "A =") is drawn before it. Numbers use engine::formatNumber with `digits`.
Vec2 drawMatrix(Canvas& canvas, Vec2 topLeft, const Eigen::MatrixXd& m, float size,
                const std::vector<Color>& columnColors, Color textColor,
                const std::string& prefix = {}, int digits = 3);
Vec2 measureMatrix(const Canvas& canvas, const Eigen::MatrixXd& m, float size,
                   const std::string& prefix = {}, int digits = 3);

// A rounded translucent plate behind overlay text.
void drawPlate(Canvas& canvas, Vec2 min, Vec2 max, const Palette& pal, float alpha = 0.82f);

// A sentence centred near the top of the viewport on a plate, in `color`. Banners stack
// downwards (line 0, 1, ...) and move below `keepOut` (the overlay plate) when they would
// overlap it.
void drawBanner(Canvas& canvas, const std::string& text, Color color, const Palette& pal,
                float textScale, int line = 0, Vec2 keepOut = {0, 0});

// A number for display: formatNumber with a true minus sign (U+2212).
std::string prettyNumber(double value, int digits = 4);

// Clips the segment to the rectangle [min, max]; false when nothing is left.
bool clipSegment(Vec2& a, Vec2& b, Vec2 min, Vec2 max);

// `text` shortened with "…" to fit maxWidth at size.
std::string fitText(const Canvas& canvas, const std::string& text, float size, float maxWidth);

// `text` broken at spaces into lines no wider than maxWidth (a word longer than that gets its own
// line, shortened). Shared by every scene that writes captions.
std::vector<std::string> wrapText(const Canvas& canvas, const std::string& text, float size,
                                  float maxWidth);

} // namespace linscape::scenes
