// The lesson commands as a user runs them: check-lessons (exit codes, file:line:col), render of a
// lesson step, render --list, and export of stills and animations (with and without ffmpeg).
#include "imaging/image.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace linscape::testing;
namespace fs = std::filesystem;

namespace {

const std::string kBin = LINSCAPE_BINARY;

fs::path scratch(const std::string& name) {
    const fs::path p = fs::path(LINSCAPE_TEST_OUTPUT_DIR) / "lessons-cli" / name;
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

} // namespace

TEST(LessonsCliTest, ShippedLessonsPassCheck) {
    const ProcessResult r = runProcess({kBin, "check-lessons"}, 60);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.out.find("12 lessons"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("0 errors"), std::string::npos) << r.out;
}

TEST(LessonsCliTest, BrokenFolderFailsWithPositions) {
    const fs::path dir = scratch("broken");
    fs::copy_file(fs::path(LINSCAPE_SOURCE_DIR) / "lessons" / "04-determinant.toml",
                  dir / "04-determinant.toml");
    std::ofstream(dir / "bad.toml") << "id = \"bad\"\ntitle = \"Bad\"\norder = 1\n\n[[steps]]\n"
                                       "title = \"x\"\nnarration = \"y\"\nscene = \"nowhere\"\n";
    std::ofstream(dir / "garbage.toml", std::ios::binary) << std::string("\x01\x02\xff\x00zz", 6);
    const ProcessResult r = runProcess({kBin, "check-lessons", dir.string()}, 60);
    EXPECT_EQ(r.exitCode, 1);
    EXPECT_NE(r.err.find("bad.toml:8:9: error [E_UNKNOWN_SCENE]"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("garbage.toml:1:1: error [E_BINARY]"), std::string::npos) << r.err;
    EXPECT_NE(r.out.find("1 lesson,"), std::string::npos) << r.out; // the good one still loads
    const ProcessResult missing = runProcess({kBin, "check-lessons", "/no/such/dir"}, 30);
    EXPECT_EQ(missing.exitCode, 2);
}

TEST(LessonsCliTest, RenderListShowsLessons) {
    const ProcessResult r = runProcess({kBin, "render", "--list"}, 30);
    ASSERT_EQ(r.exitCode, 0);
    EXPECT_NE(r.out.find("determinant"), std::string::npos);
    EXPECT_NE(r.out.find(" steps: 1=plane2d"), std::string::npos);
}

TEST(LessonsCliTest, RenderLessonStep) {
    const fs::path dir = scratch("render");
    const std::string out = (dir / "s.png").string();
    const ProcessResult r = runProcess(
        {kBin, "render", "--lesson", "determinant", "--step", "1", "--size", "320x180", "-o", out},
        60);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    linscape::imaging::Image img;
    ASSERT_TRUE(linscape::imaging::loadPng(out, img));
    EXPECT_EQ(img.width, 320);
    const ProcessResult bad =
        runProcess({kBin, "render", "--lesson", "determinant", "--step", "99", "-o", out}, 30);
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_NE(bad.err.find("has steps 1 to "), std::string::npos) << bad.err;
    const ProcessResult unknown =
        runProcess({kBin, "render", "--lesson", "nope", "--step", "1", "-o", out}, 30);
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_NE(unknown.err.find("available: vectors"), std::string::npos) << unknown.err;
}

TEST(LessonsCliTest, ExportStillsOnePngPerStep) {
    const fs::path dir = scratch("stills") / "new-folder";
    const ProcessResult r = runProcess({kBin, "export", "--lesson", "inverse", "--format", "png",
                                        "--size", "320x180", "-o", dir.string()},
                                       120);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    int n = 0;
    while (fs::exists(dir / ("inverse-0" + std::to_string(n + 1) + ".png")))
        ++n;
    EXPECT_GE(n, 4); // one numbered PNG per step
    EXPECT_EQ(size_t(std::distance(fs::directory_iterator(dir), fs::directory_iterator())),
              size_t(n));
    const std::string last = "[" + std::to_string(n) + "/" + std::to_string(n) + "]";
    EXPECT_NE(r.err.find(last), std::string::npos) << r.err; // progress on stderr
}

TEST(LessonsCliTest, ExportStillMatchesRender) {
    // Same pixels as the screen: export and render share App::capture.
    const fs::path dir = scratch("same");
    ASSERT_EQ(runProcess({kBin, "export", "--lesson", "rank", "--step", "2", "--format", "png",
                          "--size", "320x180", "-o", dir.string()},
                         60)
                  .exitCode,
              0);
    const std::string rendered = (dir / "render.png").string();
    ASSERT_EQ(runProcess({kBin, "render", "--lesson", "rank", "--step", "2", "--present", "--theme",
                          "contrast", "--size", "320x180", "-o", rendered},
                         60)
                  .exitCode,
              0);
    linscape::imaging::Image a, b;
    ASSERT_TRUE(linscape::imaging::loadPng((dir / "rank-02.png").string(), a));
    ASSERT_TRUE(linscape::imaging::loadPng(rendered, b));
    EXPECT_EQ(a.rgba, b.rgba);
}

TEST(LessonsCliTest, ExportAnimationWithoutFfmpegWritesFrames) {
    const fs::path dir = scratch("noffmpeg");
    const std::string out = (dir / "anim.gif").string();
    const ProcessResult r =
        runProcess({"/usr/bin/env", "PATH=/nonexistent", kBin, "export", "--lesson", "vectors",
                    "--step", "1", "--format", "gif", "--fps", "5", "--size", "160x90", "-o", out},
                   120);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_NE(r.err.find("ffmpeg is not installed"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::exists(dir / "anim-frames" / "frame-00000.png"));
    EXPECT_FALSE(fs::exists(out));
}

TEST(LessonsCliTest, ExportAnimationWithFfmpeg) {
    if (std::system("command -v ffmpeg > /dev/null 2>&1") != 0)
        GTEST_SKIP() << "ffmpeg is not installed here";
    const fs::path dir = scratch("ffmpeg");
    const std::string out = (dir / "anim.gif").string();
    const ProcessResult r =
        runProcess({kBin, "export", "--lesson", "vectors", "--step", "1", "--format", "gif",
                    "--fps", "5", "--size", "160x90", "-o", out},
                   120);
    ASSERT_EQ(r.exitCode, 0) << r.err;
    ASSERT_TRUE(fs::exists(out));
    std::ifstream in(out, std::ios::binary);
    char magic[6] = {};
    in.read(magic, 6);
    EXPECT_EQ(std::string(magic, 6), "GIF89a");
    const ProcessResult bad = runProcess({kBin, "export", "--lesson", "vectors", "--format", "mp4",
                                          "--size", "161x90", "-o", out + ".mp4"},
                                         30);
    EXPECT_EQ(bad.exitCode, 2);
}
