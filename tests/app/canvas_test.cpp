// Canvas tessellation without GL: counts, feathering, batching and robustness to bad geometry.
#include "imaging/image.h"
#include "render/canvas.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace linscape::render;

TEST(Canvas, LineIsOneQuadFadedByTheShader) {
    Canvas c(nullptr, 1.0f);
    c.reset(100, 100, 1.0f);
    c.line({10, 10}, {90, 10}, 4.0f, {1, 0, 0, 1});
    // Two points, two vertices each (one per side); one quad.
    EXPECT_EQ(c.vertices().size(), 4u);
    EXPECT_EQ(c.indices().size(), 6u);
    // Every vertex lies half a width plus half the one-pixel feather away: core 1.5 + feather 1.
    // u carries the signed distance across, p0 the core half-width where the fade starts.
    for (const CanvasVertex& v : c.vertices()) {
        EXPECT_NEAR(std::abs(v.y - 10.0f), 2.5f, 1e-4f);
        EXPECT_NEAR(std::abs(v.u), 2.5f, 1e-4f);
        EXPECT_EQ(v.mode, 3.0f);
        EXPECT_NEAR(v.p0, 1.5f, 1e-4f);
        EXPECT_EQ(v.rgba >> 24, 255u);
    }
}

TEST(Canvas, HairlineFadesInsteadOfShrinking) {
    Canvas c(nullptr, 1.0f);
    c.reset(100, 100, 1.0f);
    c.line({10, 10}, {90, 10}, 0.5f, {1, 1, 1, 1});
    ASSERT_EQ(c.vertices().size(), 4u);
    for (const CanvasVertex& v : c.vertices()) {
        EXPECT_NEAR(v.rgba >> 24, 128u, 1u); // half the coverage of a one-pixel line
        EXPECT_NEAR(v.p0, 0.0f, 1e-6f);
    }
}

TEST(Canvas, FeatherIsOneDevicePixelOnHiDpi) {
    Canvas c(nullptr, 2.0f);
    c.reset(100, 100, 2.0f);
    c.line({10, 10}, {90, 10}, 4.0f, {1, 0, 0, 1});
    float maxOffset = 0;
    for (const CanvasVertex& v : c.vertices())
        maxOffset = std::max(maxOffset, std::abs(v.y - 10.0f));
    EXPECT_NEAR(maxOffset, 2.0f + 0.25f, 1e-4f); // core 1.75 + feather 0.5 logical px
}

TEST(Canvas, NonFiniteAndDegenerateInputDrawNothing) {
    Canvas c(nullptr, 1.0f);
    c.reset(100, 100, 1.0f);
    const float nan = std::nanf("");
    c.line({nan, 0}, {1, 1}, 2, {1, 1, 1, 1});
    c.fillTriangle({0, 0}, {1, 1}, {2, 2}, {1, 1, 1, 1}); // collinear: zero area
    c.disc({10, 10}, 0, {1, 1, 1, 1});
    c.polyline(std::span<const Vec2>(), 2, {1, 1, 1, 1});
    EXPECT_TRUE(c.empty());
    for (const CanvasVertex& v : c.vertices()) {
        EXPECT_TRUE(std::isfinite(v.x));
        EXPECT_TRUE(std::isfinite(v.y));
    }
}

TEST(Canvas, ZeroLengthArrowIsAPoint) {
    Canvas c(nullptr, 1.0f);
    c.reset(100, 100, 1.0f);
    c.arrow({50, 50}, {50, 50}, 4, {1, 1, 1, 1});
    ASSERT_EQ(c.vertices().size(), 4u); // one SDF disc quad
    EXPECT_EQ(c.vertices()[0].mode, 2.0f);
}

TEST(Canvas, ConvexFillHasInnerAndFeatherRing) {
    Canvas c(nullptr, 1.0f);
    c.reset(100, 100, 1.0f);
    const Vec2 quad[4] = {{10, 10}, {60, 10}, {60, 40}, {10, 40}};
    c.fillConvex(quad, {0, 1, 0, 0.5f});
    EXPECT_EQ(c.vertices().size(), 8u);
    EXPECT_EQ(c.indices().size(), size_t(3 * (2 + 2 * 4)));
    // The same square wound the other way gives the same outer ring (outward for both windings).
    Canvas d(nullptr, 1.0f);
    d.reset(100, 100, 1.0f);
    const Vec2 reversed[4] = {{10, 40}, {60, 40}, {60, 10}, {10, 10}};
    d.fillConvex(reversed, {0, 1, 0, 0.5f});
    float minX = 1e9f;
    for (const CanvasVertex& v : d.vertices())
        minX = std::min(minX, v.x);
    EXPECT_NEAR(minX, 9.5f, 1e-4f);
}

TEST(Canvas, ImagesGetTheirOwnBatchAndSolidsRideAlong) {
    Canvas c(nullptr, 1.0f);
    c.reset(100, 100, 1.0f);
    c.line({0, 0}, {10, 10}, 2, {1, 1, 1, 1});
    CanvasImage img;
    img.id = nextCanvasImageId();
    img.pixels = std::make_shared<linscape::imaging::Image>(2, 2);
    c.image(img, {0, 0}, {10, 10});
    c.line({0, 10}, {10, 0}, 2, {1, 1, 1, 1});
    ASSERT_EQ(c.batches().size(), 2u);
    EXPECT_EQ(c.batches()[1].imageId, img.id);
    EXPECT_EQ(c.images().size(), 1u);
    size_t total = 0;
    for (const CanvasBatch& b : c.batches())
        total += b.indexCount;
    EXPECT_EQ(total, c.indices().size());
}
