// `linscape export --lesson ID [--step N] --format png|gif|mp4 -o PATH`: a lesson's stills for
// slides (one numbered PNG per step in the folder PATH) or its animation as a GIF or MP4 through
// ffmpeg (or, without ffmpeg, a PNG sequence, saying so). Every frame comes from App::capture in
// presentation mode, so the pixels are the ones on the screen. Progress goes to stderr.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/scene_setup.h"

#include "core/classroom.h"
#include "imaging/image.h"
#include "shell/app.h"
#include "shell/export_session.h"
#include "shell/ffmpeg_pipe.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace linscape::cli {
namespace fs = std::filesystem;

void addExportOptions(CLI::App& cmd, ExportArgs& a) {
    cmd.add_option("--lesson", a.lesson, "Lesson id (see 'render --list')")->required();
    cmd.add_option("--step", a.step, "Only this step, 1-based (default: every step)");
    cmd.add_option("--format", a.format, "png (stills, one per step), gif or mp4 (animation)")
        ->capture_default_str()
        ->check(CLI::IsMember({"png", "gif", "mp4"}));
    cmd.add_option("-o,--output", a.output,
                   "png: a folder (created if missing); gif/mp4: the file to write")
        ->required();
    cmd.add_option("--size", a.size, "Frame size WIDTHxHEIGHT")->capture_default_str();
    cmd.add_option("--theme", a.theme, "dark, light or contrast")->capture_default_str();
    cmd.add_option("--fps", a.fps, "Frames per second for gif/mp4, 5 to 60")
        ->capture_default_str()
        ->check(CLI::Range(5, 60));
    cmd.add_flag("--no-ui", a.noUi, "Only the scene, without the narration");
}

int runExport(const ExportArgs& a) {
    auto fail = [](const std::string& msg, int code = 2) {
        std::fprintf(stderr, "linscape export: error: %s\n", msg.c_str());
        return code;
    };
    std::string error;
    const lessons::LessonLibrary& lib = cliLessons();
    const lessons::Lesson* lesson = lib.find(a.lesson);
    if (!lesson) {
        SceneSetup probe;
        resolveLessonStep(a.lesson, 1, probe, &error);
        return fail(error);
    }
    const int nSteps = int(lesson->steps.size());
    if (a.step < 0 || a.step > nSteps)
        return fail("lesson '" + a.lesson + "' has steps 1 to " + std::to_string(nSteps) +
                    ", not " + std::to_string(a.step));
    int width = 0, height = 0;
    if (!parseSize(a.size, width, height, &error)) return fail(error);
    if (a.format == "mp4" && (width % 2 || height % 2))
        return fail("--size: mp4 needs an even width and height, e.g. 1280x720");
    style::ThemeId theme;
    if (!style::parseThemeName(a.theme, theme))
        return fail("--theme '" + a.theme + "': use dark, light or contrast");
    if (a.output.empty()) return fail("no output given; use -o PATH");
    std::error_code ec;
    fs::path out(a.output);
    if (a.format == "png") {
        fs::create_directories(out, ec);
        if (!fs::is_directory(out, ec))
            return fail("cannot create folder '" + a.output + "'" +
                        (ec ? ": " + ec.message() : std::string()));
    } else {
        const std::string ext = "." + a.format;
        if (out.extension() != ext) return fail("output '" + a.output + "' must end in " + ext);
        if (!checkOutputPath(a.output, ext, &error)) return fail(error);
    }

    shell::AppOptions options;
    options.backend = "headless";
    options.width = width;
    options.height = height;
    options.scene = lesson->steps[0].scene;
    options.theme = theme;
    auto app = shell::App::create(options, &error);
    if (!app) return fail(error, 1);
    core::AppState& st = app->state();
    shell::ExportRequest plan; // the window's File > Export renders from the same state
    plan.height = height;
    plan.theme = theme;
    shell::exportplan::prepareState(st, lib, plan);
    const int first = a.step ? a.step - 1 : 0, last = a.step ? a.step - 1 : nSteps - 1;
    const int total = last - first + 1;

    if (a.format == "png") {
        for (int s = first; s <= last; ++s) {
            if (!core::openLessonStep(st, a.lesson, s, &error)) return fail(error, 1);
            st.timeline.t = st.duration();
            st.timeline.playing = false;
            const std::string path = (out / shell::exportplan::stillName(a.lesson, s)).string();
            const imaging::Image img =
                app->capture(width, height, !a.noUi, shell::exportplan::kStillCaptureFrames);
            if (!imaging::savePng(img, path, &error)) return fail(error, 1);
            std::fprintf(stderr, "[%d/%d] %s\n", s - first + 1, total, path.c_str());
        }
        std::printf("wrote %d still%s of lesson %s to %s/\n", total, total == 1 ? "" : "s",
                    a.lesson.c_str(), a.output.c_str());
        return 0;
    }

    // Animation: each step's animation, then a one-second hold on its end state.
    const std::string ffmpeg = shell::findOnPath("ffmpeg");
    shell::FfmpegPipe sink;
    fs::path frameDir;
    if (ffmpeg.empty()) {
        frameDir = out.parent_path() / (out.stem().string() + "-frames");
        fs::create_directories(frameDir, ec);
        std::fprintf(stderr,
                     "linscape export: ffmpeg is not installed, so no %s can be encoded; writing a "
                     "PNG sequence to %s/ instead (install ffmpeg, or encode it with: ffmpeg -r %d "
                     "-i %s/frame-%%05d.png %s)\n",
                     a.format.c_str(), frameDir.c_str(), a.fps, frameDir.c_str(), a.output.c_str());
    } else if (!sink.open(ffmpeg, a.format, width, height, a.fps, a.output, &error)) {
        return fail(error, 1);
    }
    int frameNo = 0;
    for (int s = first; s <= last; ++s) {
        if (!core::openLessonStep(st, a.lesson, s, &error)) return fail(error, 1);
        const double duration = st.duration();
        const int frames = shell::exportplan::lastFrame(duration, a.fps);
        for (int f = 0; f <= frames; ++f) {
            st.timeline.t = shell::exportplan::frameTime(f, duration, a.fps);
            st.timeline.playing = false;
            const imaging::Image img =
                app->capture(width, height, !a.noUi, shell::exportplan::kAnimationCaptureFrames);
            if (ffmpeg.empty()) {
                const std::string name = shell::exportplan::frameName(frameNo);
                if (!imaging::savePng(img, (frameDir / name).string(), &error, 1))
                    return fail(error, 1);
            } else if (!sink.write(img)) {
                sink.close(nullptr);
                return fail("ffmpeg stopped accepting frames", 1);
            }
            ++frameNo;
            if (f % a.fps == 0 || f == frames)
                std::fprintf(stderr, "\r[step %d/%d] frame %d/%d", s - first + 1, total, f, frames);
        }
        std::fprintf(stderr, "\n");
    }
    if (!ffmpeg.empty()) {
        if (!sink.close(&error)) return fail(error, 1);
        std::printf("wrote %s (%d frames at %d fps, %dx%d)\n", a.output.c_str(), frameNo, a.fps,
                    width, height);
    } else {
        std::printf("wrote %d PNG frames to %s/ (no ffmpeg: not encoded as %s)\n", frameNo,
                    frameDir.c_str(), a.format.c_str());
    }
    return 0;
}

} // namespace linscape::cli
