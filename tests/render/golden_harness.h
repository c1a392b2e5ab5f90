// The screenshot regression harness: a case is (scene or lesson step, t, size, UI on/off, theme,
// parameters); it is rendered by running `linscape render` as a child process and compared with
// tests/golden/<suite>/<case>.png. Failures leave actual, expected and diff PNGs and a one-line
// summary under the build folder; a missing golden is written from the actual image and fails;
// LINSCAPE_UPDATE_GOLDENS=1 rewrites goldens (scripts/update-goldens.sh).
#pragma once

#include "imaging/image_diff.h"

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace linscape::testing {

struct GoldenCase {
    std::string suite, name;
    std::string scene, lesson;
    int step = 0;
    std::optional<double> t;
    std::string size = "640x360";
    bool ui = false;
    std::string theme = "dark";
    std::string matrix;
    std::vector<std::string> sets;
    std::vector<std::string> extraArgs;
    imaging::DiffTolerance tolerance;
    std::string toleranceReason; // required when a case overrides the defaults
};

// Test names print the case, not its bytes.
inline void PrintTo(const GoldenCase& c, std::ostream* os) {
    *os << c.suite << "/" << c.name;
}

// Reads the case table (tests/render/cases.toml). Throws std::runtime_error on a broken file.
std::vector<GoldenCase> loadGoldenCases(const std::string& path);

// One case per lesson step (suite "lessons", name "<lesson>-<step>", rendered in presentation
// layout at its end state) plus "<lesson>-<step>-mid" halfway through each animated step, read
// from the lesson files in `folder` so a new lesson or step is covered without editing cases.toml.
std::vector<GoldenCase> lessonGoldenCases(const std::string& folder, const GoldenCase& defaults);
GoldenCase goldenDefaults(const std::string& casesPath);

struct GoldenOutcome {
    bool passed = false;
    bool skipped = false;
    std::string message;
};

// Renders and compares one case.
GoldenOutcome runGoldenCase(const GoldenCase& c);

// The renderer the goldens were made with vs this machine's; empty when they agree.
std::string rendererMismatch();

} // namespace linscape::testing
