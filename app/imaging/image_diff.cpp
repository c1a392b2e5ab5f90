// Image comparison for screenshot regression tests; see image_diff.h for the metric.
#include "imaging/image_diff.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace linscape::imaging {

std::string DiffResult::summary() const {
    char buf[320];
    if (sizeMismatch) return "size mismatch";
    std::snprintf(buf, sizeof buf,
                  "%s: %ld of %ld pixels differ (%.4f%%), worst channel delta %d at (%d,%d), "
                  "mean delta %.3f",
                  passed ? "match" : "MISMATCH", failingPixels, totalPixels,
                  totalPixels ? 100.0 * double(failingPixels) / double(totalPixels) : 0.0,
                  worstDelta, worstX, worstY, meanDelta);
    return buf;
}

DiffResult compareImages(const Image& actual, const Image& expected, const DiffTolerance& tol) {
    DiffResult r;
    if (actual.width != expected.width || actual.height != expected.height) {
        r.sizeMismatch = true;
        return r;
    }
    r.totalPixels = long(actual.width) * actual.height;
    r.diff = Image(actual.width, actual.height);
    double sum = 0;
    for (int y = 0; y < actual.height; ++y) {
        for (int x = 0; x < actual.width; ++x) {
            const std::uint8_t* a = actual.pixel(x, y);
            const std::uint8_t* e = expected.pixel(x, y);
            int worst = 0;
            for (int c = 0; c < 4; ++c) {
                const int d = std::abs(int(a[c]) - int(e[c]));
                sum += d;
                worst = std::max(worst, d);
            }
            std::uint8_t* out = r.diff.pixel(x, y);
            if (worst > tol.channelThreshold) {
                ++r.failingPixels;
                out[0] = 255;
                out[1] = 0;
                out[2] = 0;
            } else {
                // Faint grey context so the failing pixels can be located in the picture.
                const std::uint8_t g = std::uint8_t((int(e[0]) + int(e[1]) + int(e[2])) / 12);
                out[0] = out[1] = out[2] = std::uint8_t(std::min(255, g + worst * 16));
            }
            out[3] = 255;
            if (worst > r.worstDelta) {
                r.worstDelta = worst;
                r.worstX = x;
                r.worstY = y;
            }
        }
    }
    r.meanDelta = r.totalPixels ? sum / (4.0 * double(r.totalPixels)) : 0.0;
    const double fraction = r.totalPixels ? double(r.failingPixels) / double(r.totalPixels) : 0.0;
    r.passed = fraction <= tol.maxFailingFraction && r.worstDelta <= tol.maxChannelDelta;
    return r;
}

} // namespace linscape::imaging
