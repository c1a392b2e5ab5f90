// The screenshot metric itself: identical, one pixel off, a shift, a size mismatch, the cap.
#include "imaging/image_diff.h"

#include <gtest/gtest.h>

using namespace linscape::imaging;

namespace {

Image pattern(int w, int h, int shift = 0) {
    Image img(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
            std::uint8_t* p = img.pixel(x, y);
            const bool stripe = ((x + shift) / 4) % 2 == 0;
            p[0] = stripe ? 220 : 20;
            p[1] = std::uint8_t(y * 255 / std::max(h - 1, 1));
            p[2] = 90;
            p[3] = 255;
        }
    return img;
}

} // namespace

TEST(ImageDiff, IdenticalImagesMatch) {
    const Image a = pattern(64, 32);
    const DiffResult r = compareImages(a, a, DiffTolerance{});
    EXPECT_TRUE(r.passed);
    EXPECT_EQ(r.failingPixels, 0);
    EXPECT_EQ(r.worstDelta, 0);
    EXPECT_EQ(r.meanDelta, 0.0);
}

TEST(ImageDiff, OnePixelOffIsFoundAndLocated) {
    const Image a = pattern(64, 32);
    Image b = a;
    b.pixel(10, 7)[1] = std::uint8_t(b.pixel(10, 7)[1] + 50);
    DiffTolerance strict;
    strict.maxFailingFraction = 0;
    const DiffResult r = compareImages(b, a, strict);
    EXPECT_FALSE(r.passed);
    EXPECT_EQ(r.failingPixels, 1);
    EXPECT_EQ(r.worstDelta, 50);
    EXPECT_EQ(r.worstX, 10);
    EXPECT_EQ(r.worstY, 7);
    // The diff image marks that pixel in red and nothing else.
    EXPECT_EQ(r.diff.pixel(10, 7)[0], 255);
    EXPECT_EQ(r.diff.pixel(10, 7)[1], 0);
    EXPECT_NE(r.summary().find("1 of 2048"), std::string::npos) << r.summary();
    // One pixel in 2048 is within a 0.1% allowance, unless the worst-pixel cap forbids it.
    DiffTolerance loose;
    loose.maxFailingFraction = 0.001;
    EXPECT_TRUE(compareImages(b, a, loose).passed);
    loose.maxChannelDelta = 40;
    EXPECT_FALSE(compareImages(b, a, loose).passed);
}

TEST(ImageDiff, SmallDifferencesBelowTheThresholdPass) {
    const Image a = pattern(32, 32);
    Image b = a;
    for (auto& v : b.rgba)
        v = std::uint8_t(v > 3 ? v - 3 : v);
    DiffTolerance tol;
    tol.channelThreshold = 4;
    tol.maxFailingFraction = 0;
    EXPECT_TRUE(compareImages(b, a, tol).passed);
}

TEST(ImageDiff, ShiftedImageFails) {
    const Image a = pattern(64, 32), b = pattern(64, 32, 1);
    const DiffResult r = compareImages(b, a, DiffTolerance{});
    EXPECT_FALSE(r.passed);
    EXPECT_GT(r.failingPixels, 64 * 32 / 8);
}

TEST(ImageDiff, SizeMismatchIsItsOwnFailure) {
    const DiffResult r = compareImages(pattern(64, 32), pattern(32, 64), DiffTolerance{});
    EXPECT_TRUE(r.sizeMismatch);
    EXPECT_FALSE(r.passed);
    EXPECT_EQ(r.summary(), "size mismatch");
}
