// Drawing shared by the projection, low-rank and PCA scenes: stacked readout plates, right-angle
// markers, lines through the whole viewport, data points, and matrices turned into images.
#pragma once

#include "imaging/image.h"
#include "scenes/draw2d.h"

#include <Eigen/Core>
#include <memory>
#include <string>
#include <vector>

namespace linscape::scenes {

// One line of an overlay plate; size 0 means the plate's base size.
struct PlateLine {
    std::string text;
    Color color;
    float size = 0;
    float gapBefore = 0; // extra space above, in multiples of the base size
};

// Lines of text on a rounded plate. `anchorRight`: topLeft.x is the plate's right edge instead.
// Returns the plate's rectangle max corner (min corner when anchored right is (x - w, y)).
Vec2 drawTextPlate(Canvas& canvas, Vec2 topLeft, const std::vector<PlateLine>& lines,
                   float baseSize, const Palette& pal, bool anchorRight = false);
Vec2 measureTextPlate(const Canvas& canvas, const std::vector<PlateLine>& lines, float baseSize);

// The small square at a right angle: corner at `at`, legs along the screen directions a and b.
void drawRightAngle(Canvas& canvas, Vec2 at, Vec2 a, Vec2 b, float size, float width, Color color);

// The whole line through `point` along `dir` (world units), clipped to the viewport.
void drawWorldLine(Canvas& canvas, const View2D& view, const Eigen::Vector2d& point,
                   const Eigen::Vector2d& dir, float width, Color color, bool dashed = false);

// A data point: a filled disc with a thin ring in the background colour, so overlapping points
// stay countable.
void drawDataPoint(Canvas& canvas, Vec2 at, float radius, Color fill, Color ring);

// Frames the world box [lo, hi] in the part of the viewport beside (right of) or below an overlay
// plate of size `plate` at the top-left corner, whichever shows the box larger; bottomMargin keeps
// the status line clear. pixelsPerUnit is capped at maxPpu.
void frameBeside(View2D& view, const Eigen::Vector2d& size, const Eigen::Vector2d& lo,
                 const Eigen::Vector2d& hi, Vec2 plate, double maxPpu, double bottomMargin = 34);

// Grayscale image of m (row 0 at the top): values in [lo, hi] map to black..white, clamped.
std::shared_ptr<imaging::Image> grayImage(const Eigen::MatrixXd& m, double lo = 0, double hi = 1);
// Diverging colour map (negative: cool, zero: background-neutral, positive: warm), |v| <= maxAbs.
std::shared_ptr<imaging::Image> divergingImage(const Eigen::MatrixXd& m, double maxAbs, bool light);

} // namespace linscape::scenes
