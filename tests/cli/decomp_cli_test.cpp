// The decomposition scenes from the command line: bad parameters are refused with a message naming
// what is allowed, and `bench frames --set` drives a scene's parameters.
#include "support/process.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace linscape::testing;
namespace fs = std::filesystem;

namespace {

ProcessResult runLinscape(std::vector<std::string> args) {
    args.insert(args.begin(), LINSCAPE_BINARY);
    return runProcess(args, 120);
}

fs::path out(const std::string& name) {
    const fs::path d = fs::path(LINSCAPE_TEST_OUTPUT_DIR) / "cli";
    fs::create_directories(d);
    return d / name;
}

} // namespace

TEST(DecompCli, RankBeyondTheImageIsRefused) {
    const fs::path o = out("rank-too-big.png");
    fs::remove(o);
    const ProcessResult r = runLinscape(
        {"render", "--scene", "lowrank", "--set", "rank=200", "--no-ui", "-o", o.string()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("at most 128"), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(o));
}

TEST(DecompCli, LoraRankAboveWidthIsRefused) {
    const ProcessResult r = runLinscape({"render", "--scene", "lowrank", "--set", "lora_d=4",
                                         "--no-ui", "-o", out("lora.png").string()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("r <= d"), std::string::npos) << r.err;
}

TEST(DecompCli, PointsNeedTwoColumns) {
    const ProcessResult r = runLinscape({"render", "--scene", "pca", "--set", "points=[[1,2,3]]",
                                         "--no-ui", "-o", out("pca.png").string()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_NE(r.err.find("points"), std::string::npos) << r.err;
}

TEST(DecompCli, BenchFramesTakesSceneParameters) {
    ProcessResult r =
        runLinscape({"bench", "frames", "--scene", "lowrank", "--set", "image_size=64", "--set",
                     "rank=64", "--frames", "10", "--json"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("\"mean_ms\""), std::string::npos) << r.out;
    r = runLinscape({"bench", "frames", "--set", "rank=3", "--frames", "10"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("--set needs --scene"), std::string::npos) << r.err;
    r = runLinscape({"bench", "frames", "--scene", "lowrank", "--set", "rank=0", "--frames", "10"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_NE(r.err.find("rank"), std::string::npos) << r.err;
}
