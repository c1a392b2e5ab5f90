// File > Export in the window (an ExportSession ticking alongside the student's frames) must write
// exactly the pixels `linscape export` writes, leave the student's lesson, step, scene and screen
// as they were, clean up after a cancel, and say in plain words when it cannot write.
#include "cli/commands.h"
#include "cli/scene_setup.h"
#include "core/classroom.h"
#include "imaging/image.h"
#include "shell/app.h"
#include "shell/ffmpeg_pipe.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace linscape;

namespace {

const fs::path kOut = fs::path(LINSCAPE_TEST_OUTPUT_DIR) / "export_session";

std::vector<fs::path> pngsIn(const fs::path& dir) {
    std::vector<fs::path> out;
    if (!fs::is_directory(dir)) return out;
    for (const auto& e : fs::directory_iterator(dir))
        out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

void expectSamePixels(const fs::path& a, const fs::path& b) {
    imaging::Image ia, ib;
    ASSERT_TRUE(imaging::loadPng(a.string(), ia)) << a;
    ASSERT_TRUE(imaging::loadPng(b.string(), ib)) << b;
    ASSERT_EQ(ia.width, ib.width);
    ASSERT_EQ(ia.height, ib.height);
    size_t differing = 0;
    for (size_t i = 0; i < ia.rgba.size(); ++i)
        differing += ia.rgba[i] != ib.rgba[i];
    EXPECT_EQ(differing, 0u) << a << " and " << b << " differ in " << differing << " bytes";
}

// A window-like app on lesson `maps`, step 3, mid-animation, light theme, UI scale 1.25.
struct Student {
    std::unique_ptr<shell::App> app;
    imaging::Image screen;

    explicit Student() {
        shell::AppOptions o;
        o.backend = "headless";
        o.width = 800;
        o.height = 450;
        o.theme = style::ThemeId::Light;
        std::string error;
        app = shell::App::create(o, &error);
        if (!app) return;
        core::AppState& st = app->state();
        st.classroom.library = cli::cliLessons();
        core::openLessonStep(st, "maps", 2, &error);
        st.setUiScale(1.25f);
        st.timeline.t = 0.4;
        st.timeline.playing = false;
        screen = app->capture(800, 450, true, 2);
    }
    // Runs frames (as the window would) until the export is over; false if it never ends.
    bool runExport() {
        for (int i = 0; i < 2000; ++i) {
            shell::ExportSession* s = app->exportSession();
            if (!s || !s->active()) return true;
            app->frame(1.0 / 60.0);
        }
        return false;
    }
    void expectUntouched() {
        const core::AppState& st = app->state();
        EXPECT_EQ(st.classroom.lessonId, "maps");
        EXPECT_EQ(st.classroom.step, 2);
        EXPECT_DOUBLE_EQ(st.timeline.t, 0.4);
        EXPECT_EQ(st.theme, style::ThemeId::Light);
        EXPECT_FLOAT_EQ(st.uiScale, 1.25f);
        EXPECT_FALSE(st.presentation);
        ASSERT_TRUE(st.scene);
        EXPECT_EQ(std::string(st.scene->id()), core::currentStep(st)->scene);
        // The screen itself: the same pixels as before the export.
        const imaging::Image after = app->capture(800, 450, true, 2);
        ASSERT_EQ(after.rgba.size(), screen.rgba.size());
        EXPECT_TRUE(after.rgba == screen.rgba) << "the student's view changed";
    }
};

} // namespace

TEST(ExportSession, StillsAreTheCommandLinePixelsAndTheStudentKeepsTheirPlace) {
    const fs::path cliDir = kOut / "stills-cli", uiDir = kOut / "stills-ui";
    fs::remove_all(cliDir);
    fs::remove_all(uiDir);
    cli::ExportArgs a;
    a.lesson = "vectors";
    a.format = "png";
    a.output = cliDir.string();
    a.size = "640x360";
    ASSERT_EQ(cli::runExport(a), 0);

    Student student;
    ASSERT_TRUE(student.app);
    shell::ExportRequest r;
    r.lesson = "vectors";
    r.format = "png";
    r.output = uiDir.string();
    r.width = 640;
    r.height = 360;
    std::string error;
    ASSERT_TRUE(student.app->startExport(r, &error)) << error;
    ASSERT_TRUE(student.runExport());
    const shell::ExportSession* s = student.app->exportSession();
    EXPECT_EQ(s->phase(), shell::ExportSession::Phase::Done) << s->message();
    EXPECT_NE(s->message().find(uiDir.string()), std::string::npos) << s->message();

    const auto cliFiles = pngsIn(cliDir), uiFiles = pngsIn(uiDir);
    ASSERT_EQ(cliFiles.size(), 5u); // one still per step of the five-step lesson
    ASSERT_EQ(uiFiles.size(), cliFiles.size());
    for (size_t i = 0; i < cliFiles.size(); ++i) {
        EXPECT_EQ(cliFiles[i].filename(), uiFiles[i].filename());
        expectSamePixels(cliFiles[i], uiFiles[i]);
    }
    student.expectUntouched();
}

TEST(ExportSession, WithoutFfmpegAnAnimationBecomesTheCommandLinesPngSequence) {
    const char* oldPath = std::getenv("PATH");
    const std::string saved = oldPath ? oldPath : "";
    setenv("PATH", (kOut / "no-such-bin").c_str(), 1); // no ffmpeg to be found
    const fs::path cliGif = kOut / "anim-cli" / "det.gif", uiGif = kOut / "anim-ui" / "det.gif";
    fs::remove_all(cliGif.parent_path());
    fs::remove_all(uiGif.parent_path());
    cli::ExportArgs a;
    a.lesson = "determinant";
    a.step = 5;
    a.format = "gif";
    a.output = cliGif.string();
    a.size = "640x360";
    a.fps = 5;
    fs::create_directories(cliGif.parent_path());
    const int rc = cli::runExport(a);

    Student student;
    shell::ExportRequest r;
    r.lesson = "determinant";
    r.step = 5;
    r.format = "gif";
    r.output = uiGif.string();
    r.width = 640;
    r.height = 360;
    r.fps = 5;
    std::string error;
    const bool started = student.app && student.app->startExport(r, &error);
    const bool ended = started && student.runExport();
    setenv("PATH", saved.c_str(), 1);
    ASSERT_EQ(rc, 0);
    ASSERT_TRUE(started) << error;
    ASSERT_TRUE(ended);
    const shell::ExportSession* s = student.app->exportSession();
    EXPECT_EQ(s->phase(), shell::ExportSession::Phase::Done);
    EXPECT_NE(s->message().find("ffmpeg is not installed"), std::string::npos) << s->message();
    EXPECT_FALSE(fs::exists(uiGif));

    const auto cliFrames = pngsIn(kOut / "anim-cli" / "det-frames");
    const auto uiFrames = pngsIn(kOut / "anim-ui" / "det-frames");
    // Step 5 animates for 1.5 s: 8 frames at 5 fps, then a one-second hold, both ends included.
    ASSERT_EQ(cliFrames.size(), 14u);
    ASSERT_EQ(uiFrames.size(), cliFrames.size());
    for (size_t i = 0; i < cliFrames.size(); ++i)
        expectSamePixels(cliFrames[i], uiFrames[i]);
    student.expectUntouched();
}

TEST(ExportSession, CancelLeavesNothingBehind) {
    Student student;
    ASSERT_TRUE(student.app);
    const fs::path dir = kOut / "cancelled" / "stills";
    fs::remove_all(kOut / "cancelled");
    shell::ExportRequest r;
    r.lesson = "maps";
    r.output = dir.string();
    r.width = 640;
    r.height = 360;
    std::string error;
    ASSERT_TRUE(student.app->startExport(r, &error)) << error;
    for (int i = 0; i < 4; ++i)
        student.app->frame(1.0 / 60.0);
    shell::ExportSession* s = student.app->exportSession();
    ASSERT_TRUE(s->active());
    s->cancel();
    ASSERT_TRUE(student.runExport());
    EXPECT_EQ(s->phase(), shell::ExportSession::Phase::Cancelled);
    EXPECT_NE(s->message().find("cancelled"), std::string::npos) << s->message();
    // The folders the export created are gone with their files.
    EXPECT_FALSE(fs::exists(kOut / "cancelled")) << s->message();
    student.expectUntouched();
}

TEST(ExportSession, AnUnwritablePlaceIsRefusedInPlainWords) {
    Student student;
    ASSERT_TRUE(student.app);
    shell::ExportRequest r;
    r.lesson = "maps";
    r.output = "/proc/linscape-export-test";
    std::string error;
    EXPECT_FALSE(student.app->startExport(r, &error));
    EXPECT_NE(error.find("/proc/linscape-export-test"), std::string::npos) << error;
    EXPECT_NE(error.find("cannot create the folder"), std::string::npos) << error;

    r.format = "mp4";
    r.output = (kOut / "clip.gif").string();
    EXPECT_FALSE(student.app->startExport(r, &error));
    EXPECT_NE(error.find("must end in .mp4"), std::string::npos) << error;

    r.format = "png";
    r.lesson = "no-such-lesson";
    EXPECT_FALSE(student.app->startExport(r, &error));
    EXPECT_NE(error.find("no lesson 'no-such-lesson'"), std::string::npos) << error;
    EXPECT_EQ(student.app->exportSession(), nullptr);
    student.expectUntouched();
}

TEST(ExportSession, WithFfmpegTheGifIsByteForByteTheCommandLines) {
    if (shell::findOnPath("ffmpeg").empty()) GTEST_SKIP() << "ffmpeg is not installed";
    const fs::path cliGif = kOut / "gif-cli" / "det.gif", uiGif = kOut / "gif-ui" / "det.gif";
    fs::remove_all(cliGif.parent_path());
    fs::remove_all(uiGif.parent_path());
    fs::create_directories(cliGif.parent_path());
    cli::ExportArgs a;
    a.lesson = "determinant";
    a.step = 5;
    a.format = "gif";
    a.output = cliGif.string();
    a.size = "320x180";
    a.fps = 5;
    ASSERT_EQ(cli::runExport(a), 0);

    Student student;
    ASSERT_TRUE(student.app);
    shell::ExportRequest r;
    r.lesson = "determinant";
    r.step = 5;
    r.format = "gif";
    r.output = uiGif.string();
    r.width = 320;
    r.height = 180;
    r.fps = 5;
    std::string error;
    ASSERT_TRUE(student.app->startExport(r, &error)) << error;
    ASSERT_TRUE(student.runExport());
    const shell::ExportSession* s = student.app->exportSession();
    EXPECT_EQ(s->phase(), shell::ExportSession::Phase::Done) << s->message();
    EXPECT_NE(s->message().find("14 frames at 5 fps"), std::string::npos) << s->message();
    // ffmpeg is deterministic: the same frames give the same file.
    auto bytes = [](const fs::path& p) {
        std::ifstream f(p, std::ios::binary);
        std::stringstream ss;
        ss << f.rdbuf();
        return ss.str();
    };
    const std::string ba = bytes(cliGif), bb = bytes(uiGif);
    ASSERT_GT(ba.size(), 1000u);
    EXPECT_EQ(ba.substr(0, 6), "GIF89a");
    EXPECT_TRUE(ba == bb) << "the GIFs differ (" << ba.size() << " and " << bb.size() << " bytes)";
    // Only the finished file: no temporary left next to it.
    EXPECT_EQ(pngsIn(uiGif.parent_path()).size(), 1u);
    student.expectUntouched();
}
