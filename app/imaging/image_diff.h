// The screenshot comparison metric, explained by its result: a pixel fails when any channel
// differs by more than `channelThreshold`; the images match when the failing fraction is at most
// `maxFailingFraction` and no channel differs by more than `maxChannelDelta`. A size mismatch is
// its own failure.
#pragma once

#include "imaging/image.h"

#include <string>

namespace linscape::imaging {

struct DiffTolerance {
    int channelThreshold = 8;          // per channel, 0..255
    double maxFailingFraction = 0.001; // of all pixels
    int maxChannelDelta = 255;         // hard cap on the worst channel difference
};

struct DiffResult {
    bool sizeMismatch = false;
    bool passed = false;
    long failingPixels = 0;
    long totalPixels = 0;
    int worstDelta = 0;
    int worstX = -1, worstY = -1;
    double meanDelta = 0; // mean absolute channel difference over all pixels
    Image diff;           // dark copy of the expected image, failing pixels in red, others scaled
    std::string summary() const; // one line
};

DiffResult compareImages(const Image& actual, const Image& expected, const DiffTolerance& tol);

} // namespace linscape::imaging
