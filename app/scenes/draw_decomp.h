// Drawing shared by the eigen and SVD scenes: lines through the origin, images of the unit circle,
// right-angle marks, labels that follow a moving tip without jumping, and a wrapped caption.
// Pure canvas calls, like draw2d.h.
#pragma once

#include "scenes/draw2d.h"

#include <Eigen/Core>
#include <string>
#include <vector>

namespace linscape::scenes {

// The line through the origin along world direction `dir`, across the whole viewport.
void drawSpanLine(Canvas& canvas, const View2D& view, const Eigen::Vector2d& dir, float width,
                  Color color, bool dashed = false);

// The image of the unit circle under m (an ellipse, a segment or a point), as a closed polyline;
// fill > 0 alpha fills it (only when it is not flat).
void drawMappedCircle(Canvas& canvas, const View2D& view, const Eigen::Matrix2d& m, float width,
                      Color stroke, Color fill = Color{0, 0, 0, 0}, bool dashed = false);

// The arc of the unit circle's image from angle 0 to `upTo` (radians), e.g. a sweep's trail.
void drawMappedArc(Canvas& canvas, const View2D& view, const Eigen::Matrix2d& m, double upTo,
                   float width, Color color);

// A small square in the corner between two perpendicular world directions at the origin.
void drawRightAngle(Canvas& canvas, const View2D& view, const Eigen::Vector2d& d1,
                    const Eigen::Vector2d& d2, float sizePx, Color color);

// A label whose box sits just off `anchor` (screen) in screen direction `dir`, so it never covers
// the point; the position varies continuously with dir (no jumps while things move).
void labelOffset(Canvas& canvas, Vec2 anchor, Vec2 dir, const std::string& text, float size,
                 Color color, Color halo, float gap = 6.0f);

// Where labelOffset would centre the label (for blending two placements continuously).
Vec2 labelOffsetCenter(const Canvas& canvas, Vec2 anchor, Vec2 dir, const std::string& text,
                       float size, float gap = 6.0f);

// A sentence (or several) centred at the bottom of the viewport on a plate, wrapped. Returns the
// plate's top edge in pixels.
float drawCaption(Canvas& canvas, const std::string& text, Color color, const Palette& pal,
                  float textScale);

// The screen direction of a world direction (y flipped), normalised; (1, 0) for a zero vector.
Vec2 screenDir(const Eigen::Vector2d& world);

} // namespace linscape::scenes

namespace linscape::scenes {

// Frames the world box [-extent, extent] (centred on the origin) in the part of the viewport left
// free by an overlay plate in the top-left corner (ending at overlayMax; (0, 0): none) and a
// caption from captionTop down: beside the plate or below it, whichever leaves the box larger.
// marginPx keeps room for labels; the zoom never exceeds maxPixelsPerUnit, then `zoom` applies.
void fitBesideOverlay(View2D& view, Vec2 viewport, const Eigen::Vector2d& extent, Vec2 overlayMax,
                      float captionTop, float marginPx, double maxPixelsPerUnit, double zoom);

// Opacity for a deformed grid whose lines are `linePixels` apart at their closest: 1 when they are
// comfortably apart, down to 0.2 when they crowd into a band.
float gridFade(double linePixels);

// The height drawCaption would take for `text` (0 for empty text).
float captionHeight(const Canvas& canvas, const std::string& text, float textScale);

// One row of the SVD overlay's factor column: "U [..] 3 · rotate 14°". `stage` is the timeline
// stage (0 Vᵀ, 1 Σ, 2 U) in which this factor acts.
struct SvdFactorRow {
    std::string prefix;
    Eigen::MatrixXd value;
    std::vector<Color> colors;
    std::string step;
    int stage = 0;
};

// Widest prefix, matrix and step label, and the tallest matrix, of the rows.
struct SvdFactorMetrics {
    float prefixW = 0, matW = 0, stepW = 0, matH = 0;
};
SvdFactorMetrics measureSvdFactors(const Canvas& canvas, const SvdFactorRow (&rows)[3], float size,
                                   float small);

// Draws the three rows from rowsY down, rowH apart: factors whose stage has passed in full
// colour, the active one with its step label in the accent and a progress bar under it (progress
// is the timeline position in stages, 0..3), the ones to come dimmed.
void drawSvdFactors(Canvas& canvas, const Palette& pal, const SvdFactorRow (&rows)[3],
                    const SvdFactorMetrics& m, int activeStage, double progress, float x0,
                    float rowsY, float rowH, float gap, float size, float small);

} // namespace linscape::scenes
