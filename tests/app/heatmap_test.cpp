// The heatmap helper: the colour map's ends and monotonic lightness, texels from values and masks,
// hit-testing, and the label helpers that keep text inside its room.
#include "imaging/image.h"
#include "scenes/heatmap.h"

#include <gtest/gtest.h>

using namespace linscape::scenes;

namespace {
float luminance(Color c) {
    return 0.2126f * c.r + 0.7152f * c.g + 0.0722f * c.b;
}
} // namespace

TEST(Heatmap, ViridisEndsAndMonotonicLightness) {
    const Color lo = viridis(0), hi = viridis(1);
    EXPECT_NEAR(lo.r * 255, 0x44, 0.5);
    EXPECT_NEAR(lo.g * 255, 0x01, 0.5);
    EXPECT_NEAR(lo.b * 255, 0x54, 0.5);
    EXPECT_NEAR(hi.r * 255, 0xFD, 0.5);
    EXPECT_NEAR(hi.g * 255, 0xE7, 0.5);
    EXPECT_NEAR(hi.b * 255, 0x25, 0.5);
    float prev = -1;
    for (int i = 0; i <= 100; ++i) {
        const float l = luminance(viridis(i / 100.0f));
        EXPECT_GT(l, prev) << i;
        prev = l;
    }
    // Out of range and NaN clamp instead of producing garbage.
    EXPECT_EQ(viridis(-3).r, lo.r);
    EXPECT_EQ(viridis(7).g, hi.g);
    EXPECT_EQ(viridis(std::numeric_limits<float>::quiet_NaN()).b, lo.b);
}

TEST(Heatmap, TexelsFollowValuesAndMask) {
    HeatmapMatrix m(2, 3);
    m << 0, 0.5f, 1, 1, 0, 0.5f;
    HeatmapMask mask = HeatmapMask::Constant(2, 3, false);
    mask(1, 2) = true;
    Heatmap h;
    h.set(m, 0, 1, &mask, Color{1, 0, 0, 1});
    ASSERT_EQ(h.rows(), 2);
    ASSERT_EQ(h.cols(), 3);
    const auto& img = *h.image().pixels;
    ASSERT_EQ(img.width, 3); // one texel per entry, row 0 at the top
    ASSERT_EQ(img.height, 2);
    EXPECT_EQ(img.pixel(0, 0)[0], 0x44);
    EXPECT_EQ(img.pixel(2, 0)[0], 0xFD);
    EXPECT_EQ(img.pixel(0, 1)[0], 0xFD);
    EXPECT_EQ(img.pixel(2, 1)[0], 255); // masked: the mask colour
    EXPECT_EQ(img.pixel(2, 1)[1], 0);
    const auto v0 = h.image().version;
    h.set(m, 0, 2);
    EXPECT_GT(h.image().version, v0); // a new upload
}

TEST(Heatmap, CellHitTesting) {
    HeatmapMatrix m = HeatmapMatrix::Zero(4, 8);
    Heatmap h;
    h.set(m, 0, 1);
    const Rect r{{100, 50}, {180, 90}}; // cells 10 x 10
    auto c = heatmapCellAt(h, r, {125, 75});
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->first, 2);
    EXPECT_EQ(c->second, 2);
    EXPECT_FALSE(heatmapCellAt(h, r, {99, 75}).has_value());
    EXPECT_FALSE(heatmapCellAt(h, r, {180, 75}).has_value());
    const Rect cell = heatmapCellRect(h, r, 3, 7);
    EXPECT_FLOAT_EQ(cell.min.x(), 170);
    EXPECT_FLOAT_EQ(cell.max.y(), 90);
}

TEST(Heatmap, TextHelpersStayInsideTheirRoom) {
    linscape::render::Canvas canvas(nullptr); // no fonts: 0.55 em per byte
    const std::string s = "a rather long label";
    const std::string cut = fitText(canvas, s, 10, 40);
    EXPECT_LE(canvas.measureText(cut, 10).x(), 40);
    EXPECT_NE(cut.find("\u2026"), std::string::npos);
    EXPECT_EQ(fitText(canvas, "ok", 10, 40), "ok");
    const auto lines = wrapHeatmapText(canvas, "one two three four five six seven", 10, 60);
    EXPECT_GT(lines.size(), 1u);
    for (const auto& l : lines)
        EXPECT_LE(canvas.measureText(l, 10).x(), 60) << l;
    EXPECT_EQ(shapeText(6, 64), "(6, 64)");
}
