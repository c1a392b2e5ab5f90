// Screenshot regression tests (need a GL context: EGL surfaceless on llvmpipe). One test per case
// in cases.toml, plus determinism: the same render twice gives the same bytes.
#include "golden_harness.h"

#include "support/process.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace linscape::testing;
namespace fs = std::filesystem;

namespace {

std::vector<GoldenCase> allCases() {
    static const std::vector<GoldenCase> cases = [] {
        const std::string table = std::string(LINSCAPE_SOURCE_DIR) + "/tests/render/cases.toml";
        std::vector<GoldenCase> c = loadGoldenCases(table);
        const auto lessons =
            lessonGoldenCases(std::string(LINSCAPE_SOURCE_DIR) + "/lessons", goldenDefaults(table));
        c.insert(c.end(), lessons.begin(), lessons.end());
        return c;
    }();
    return cases;
}

std::string caseName(const ::testing::TestParamInfo<GoldenCase>& info) {
    std::string n = info.param.suite + "_" + info.param.name;
    for (char& ch : n)
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
    return n;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

class GoldenGLTest : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(GoldenGLTest, MatchesGolden) {
    const GoldenOutcome outcome = runGoldenCase(GetParam());
    if (outcome.skipped) GTEST_SKIP() << outcome.message;
    EXPECT_TRUE(outcome.passed) << outcome.message;
}

INSTANTIATE_TEST_SUITE_P(Cases, GoldenGLTest, ::testing::ValuesIn(allCases()), caseName);

TEST(RenderGLTest, SameBytesTwice) {
    const fs::path dir = fs::path(LINSCAPE_TEST_OUTPUT_DIR) / "determinism";
    fs::create_directories(dir);
    std::vector<std::string> outputs;
    for (int i = 0; i < 2; ++i) {
        const std::string out = (dir / ("run" + std::to_string(i) + ".png")).string();
        const ProcessResult r = runProcess({LINSCAPE_BINARY, "render", "--scene", "plane2d", "--t",
                                            "1.1", "--size", "800x450", "-o", out},
                                           60);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        outputs.push_back(slurp(out));
    }
    ASSERT_FALSE(outputs[0].empty());
    EXPECT_EQ(outputs[0], outputs[1]) << "two renders of the same frame differ";
}
