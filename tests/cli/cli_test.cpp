// The command line as a user meets it: help, version, and every kind of bad input gets one clear
// line, a non-zero exit and no output file left behind.
#include "support/process.h"

#include <gtest/gtest.h>

#include <filesystem>

using namespace linscape::testing;
namespace fs = std::filesystem;

namespace {

ProcessResult runLinscape(std::vector<std::string> args, const std::string& stdinText = {}) {
    args.insert(args.begin(), LINSCAPE_BINARY);
    return runProcess(args, 60, stdinText);
}

fs::path outDir() {
    const fs::path d = fs::path(LINSCAPE_TEST_OUTPUT_DIR) / "cli";
    fs::create_directories(d);
    return d;
}

int lineCount(const std::string& s) {
    int n = 0;
    for (char c : s)
        n += c == '\n';
    return n;
}

struct BadRender {
    std::vector<std::string> args;
    std::string mentions; // the message must name the problem
};

std::string badRenderName(const ::testing::TestParamInfo<BadRender>& info) {
    return "case" + std::to_string(info.index);
}

class RenderBadInput : public ::testing::TestWithParam<BadRender> {};

} // namespace

TEST(Cli, HelpDocumentsSubcommands) {
    const ProcessResult r = runLinscape({"--help"});
    EXPECT_EQ(r.exitCode, 0);
    for (const char* word : {"render", "tour", "analyze", "--scene", "--theme"})
        EXPECT_NE(r.out.find(word), std::string::npos) << word;
    const ProcessResult rr = runLinscape({"render", "--help"});
    EXPECT_EQ(rr.exitCode, 0);
    for (const char* word :
         {"--lesson", "--step", "--scene", "--matrix", "--t", "--size", "--no-ui", "--list", "-o"})
        EXPECT_NE(rr.out.find(word), std::string::npos) << word;
}

TEST(Cli, Version) {
    const ProcessResult r = runLinscape({"--version"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_EQ(r.out.rfind("linscape ", 0), 0u) << r.out;
}

TEST(Cli, ListNamesScenes) {
    const ProcessResult r = runLinscape({"render", "--list"});
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("plane2d"), std::string::npos);
    EXPECT_NE(r.out.find("lessons:"), std::string::npos);
}

TEST_P(RenderBadInput, OneLineErrorAndNoFile) {
    const fs::path out = outDir() / "bad.png";
    fs::remove(out);
    std::vector<std::string> args = {"render"};
    bool hasOutput = false;
    for (const auto& a : GetParam().args) {
        args.push_back(a == "OUT" ? out.string() : a);
        hasOutput |= a == "-o";
    }
    if (!hasOutput) args.insert(args.end(), {"-o", out.string()});
    const ProcessResult r = runLinscape(args);
    EXPECT_NE(r.exitCode, 0) << r.out;
    EXPECT_FALSE(r.timedOut);
    EXPECT_EQ(lineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find(GetParam().mentions), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(out)) << "a failed render left " << out;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, RenderBadInput,
    ::testing::Values(
        BadRender{{"--scene", "plane2d", "--bogus"}, "--bogus"},
        BadRender{{"--scene", "nowhere"}, "no scene named 'nowhere'"},
        BadRender{{"--lesson", "nowhere", "--step", "1"}, "no lesson named 'nowhere'"},
        BadRender{{"--scene", "plane2d", "--matrix", "[[1,2],[3]]"}, "row 2"},
        BadRender{{"--scene", "plane2d", "--matrix", "[[1,2],[3,x]]"}, "column"},
        BadRender{{"--scene", "plane2d", "--matrix", "[[1,2,3],[4,5,6]]"}, "2x2"},
        BadRender{{"--scene", "plane2d", "--matrix", "[[nan,0],[0,1]]"}, "NaN"},
        BadRender{{"--scene", "plane2d", "--size", "0x0"}, "16 to 8192"},
        BadRender{{"--scene", "plane2d", "--size", "100000x100000"}, "16 to 8192"},
        BadRender{{"--scene", "plane2d", "--size", "wide"}, "WIDTHxHEIGHT"},
        BadRender{{"--scene", "plane2d", "--theme", "neon"}, "dark, light or contrast"},
        BadRender{{"--scene", "plane2d", "--set", "show_grid=maybe"}, "true or false"},
        BadRender{{"--scene", "plane2d", "--set", "colour=red"}, "no parameter 'colour'"},
        BadRender{{"--scene", "plane2d", "--t", "-3"}, "--t"},
        BadRender{{"--scene", "plane2d", "-o", "/nonexistent-folder/x.png"}, "does not exist"},
        BadRender{{"--scene", "plane2d", "-o", "/etc/passwd/x.png"}, "does not exist"},
        BadRender{{"--scene", "plane2d", "-o", "picture.jpg"}, ".png"},
        BadRender{{"--scene", "plane2d", "--lesson", "x", "--step", "1"}, "not both"},
        BadRender{{}, "nothing to render"}),
    badRenderName);

TEST(Cli, UnknownSubcommandOrFlag) {
    const ProcessResult r = runLinscape({"--no-such-flag"});
    EXPECT_EQ(r.exitCode, 2);
    EXPECT_EQ(lineCount(r.err), 1) << r.err;
    EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos);
}

TEST(Cli, WindowWithoutDisplayRendersATour) {
    // With DISPLAY unset the default command explains itself and renders PNGs instead.
    const fs::path dir = outDir() / "tour";
    fs::remove_all(dir);
    const ProcessResult r =
        runProcess({"/usr/bin/env", "-u", "DISPLAY", "-u", "WAYLAND_DISPLAY", LINSCAPE_BINARY,
                    "tour", "-o", dir.string(), "--size", "320x180"},
                   120);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("Tour written"), std::string::npos) << r.out;
    int pngs = 0;
    bool firstStep = false; // the tour walks the first lesson, step by step
    for (const auto& e : fs::directory_iterator(dir)) {
        pngs += e.path().extension() == ".png";
        const std::string name = e.path().filename().string();
        firstStep |= name.rfind("01-", 0) == 0 && name.ends_with("-step1.png");
    }
    EXPECT_GE(pngs, 2);
    EXPECT_TRUE(firstStep) << "expected 01-<lesson>-step1.png in " << dir;
}
