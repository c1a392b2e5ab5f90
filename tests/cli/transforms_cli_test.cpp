// The linear-map scenes from the command line: every mode and the 3D camera render, and a bad
// mode, preset or camera value is one line naming what is allowed, exit code 2, no file left.
#include "support/process.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace linscape::testing;
namespace fs = std::filesystem;

namespace {

ProcessResult runLinscape(const std::vector<std::string>& args) {
    std::vector<std::string> argv{std::string(LINSCAPE_BINARY)};
    argv.insert(argv.end(), args.begin(), args.end());
    return runProcess(argv, 60);
}

fs::path outFile(const std::string& name) {
    const fs::path d = fs::path(LINSCAPE_TEST_OUTPUT_DIR) / "cli";
    fs::create_directories(d);
    fs::remove(d / name);
    return d / name;
}

} // namespace

TEST(TransformsCli, EveryPlaneModeRenders) {
    for (const char* mode : {"map", "compose", "commute", "inverse", "transpose"}) {
        const fs::path out = outFile(std::string("mode-") + mode + ".png");
        const ProcessResult r =
            runLinscape({"render", "--scene", "plane2d", "--set", std::string("mode=") + mode,
                         "--size", "320x180", "--t", "1.5", "-o", out.string()});
        EXPECT_EQ(r.exitCode, 0) << mode << ": " << r.err;
        EXPECT_TRUE(fs::exists(out)) << mode;
    }
}

TEST(TransformsCli, SingularInverseStillRendersItsRefusal) {
    const fs::path out = outFile("inverse-singular.png");
    const ProcessResult r =
        runLinscape({"render", "--scene", "plane2d", "--matrix", "[[1,2],[2,4]]", "--set",
                     "mode=inverse", "--size", "320x180", "-o", out.string()});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(fs::exists(out));
}

TEST(TransformsCli, BadValuesNameWhatIsAllowed) {
    struct Bad {
        std::vector<std::string> args;
        std::string mentions;
    };
    const std::vector<Bad> cases = {
        {{"--scene", "plane2d", "--set", "mode=sideways"}, "commute"},
        {{"--scene", "plane2d", "--set", "preset=spin"}, "rotation"},
        {{"--scene", "plane2d", "--set", "matrix_b=[[1,2,3]]"}, "2x2"},
        {{"--scene", "space3d", "--matrix", "[[1,0],[0,1]]"}, "3x3"},
        {{"--scene", "space3d", "--set", "camera_pitch=120"}, "camera_pitch"},
        {{"--scene", "space3d", "--set", "camera_distance=0.1"}, "camera_distance"},
        {{"--scene", "space3d", "--matrix", "[[1,0,0],[0,nan,0],[0,0,1]]"}, "--matrix"},
    };
    for (const Bad& b : cases) {
        const fs::path out = outFile("bad.png");
        std::vector<std::string> args = {"render"};
        args.insert(args.end(), b.args.begin(), b.args.end());
        args.insert(args.end(), {"--size", "320x180", "-o", out.string()});
        const ProcessResult r = runLinscape(args);
        EXPECT_EQ(r.exitCode, 2) << b.mentions << ": " << r.err;
        EXPECT_NE(r.err.find(b.mentions), std::string::npos) << r.err;
        EXPECT_FALSE(fs::exists(out)) << b.mentions;
    }
}

TEST(TransformsCli, FrameBenchCoversSpace3d) {
    const ProcessResult r =
        runLinscape({"bench", "frames", "--scene", "space3d", "--frames", "10", "--json"});
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("\"scene\": \"space3d\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("mean_ms"), std::string::npos);
}
