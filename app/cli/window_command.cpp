// The default command: the interactive window; with no display, a headless tour instead.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/scene_setup.h"
#include "core/classroom.h"

#include "imaging/image.h"
#include "platform/context.h"
#include "scenes/scene.h"
#include "shell/app.h"

#include <cstdio>
#include <filesystem>

namespace linscape::cli {

int runWindow(const WindowArgs& args) {
    std::string error;
    int width = 0, height = 0;
    if (!parseSize(args.size, width, height, &error)) {
        std::fprintf(stderr, "linscape: error: %s\n", error.c_str());
        return 2;
    }
    style::ThemeId theme;
    if (!style::parseThemeName(args.theme, theme)) {
        std::fprintf(stderr, "linscape: error: --theme '%s': use dark, light or contrast\n",
                     args.theme.c_str());
        return 2;
    }
    SceneSetup setup;
    if (!resolveScene(args.scene.empty() ? "plane2d" : args.scene, setup, &error) ||
        (!args.matrix.empty() && !addMatrixOverride(setup, args.matrix, &error)) ||
        !validateSetup(setup, &error)) {
        std::fprintf(stderr, "linscape: error: %s\n", error.c_str());
        return 2;
    }
    if (!args.lessonsDir.empty() && !std::filesystem::is_directory(args.lessonsDir)) {
        std::fprintf(stderr, "linscape: error: --lessons '%s' is not a folder\n",
                     args.lessonsDir.c_str());
        return 2;
    }
    if (!platform::displayAvailable()) {
        std::printf("linscape: no display found (DISPLAY is not set), so no window can open.\n"
                    "Rendering a short tour headless instead; run under a desktop (or "
                    "`xvfb-run -a linscape`) for the window.\n");
        TourArgs tour;
        return runTour(tour);
    }
    shell::AppOptions options;
    options.backend = "window";
    options.width = width;
    options.height = height;
    options.scene = setup.sceneId;
    options.theme = theme;
    options.uiScale = args.uiScale;
    options.fullscreen = args.fullscreen;
    auto app = shell::App::create(options, &error);
    if (!app) {
        std::fprintf(stderr, "linscape: error: %s\n", error.c_str());
        return 1;
    }
    if (!applySetup(app->state(), setup, &error)) {
        std::fprintf(stderr, "linscape: error: %s\n", error.c_str());
        return 2;
    }
    // Lessons: the folder is watched, so an instructor's edit shows without a restart.
    core::Classroom& classroom = app->state().classroom;
    classroom.library.load(args.lessonsDir.empty() ? lessons::LessonLibrary::defaultFolder()
                                                   : std::filesystem::path(args.lessonsDir));
    classroom.progressPath = lessons::Progress::defaultPath();
    std::string warning;
    classroom.progress = lessons::Progress::load(classroom.progressPath, &warning);
    if (!warning.empty()) app->state().toast(warning, true);
    if (const auto errors = classroom.library.errors(); !errors.empty()) {
        for (const auto& d : errors)
            std::fprintf(stderr, "%s\n", d.format().c_str());
        app->state().toast(std::to_string(errors.size()) + " lesson error(s): see Lessons > Errors",
                           true);
    }
    if (!args.lesson.empty()) {
        if (!core::openLessonStep(app->state(), args.lesson, std::max(args.step, 1) - 1, &error)) {
            std::fprintf(stderr, "linscape: error: %s\n", error.c_str());
            return 2;
        }
    } else if (args.scene.empty() && args.matrix.empty()) {
        core::openStartLesson(app->state()); // no lessons at all: the plane stays
    }
    if (args.present) app->setPresentation(true);
    return app->run();
}

int runTour(const TourArgs& args) {
    namespace fs = std::filesystem;
    std::string error;
    int width = 0, height = 0;
    if (!parseSize(args.size, width, height, &error)) {
        std::fprintf(stderr, "linscape tour: error: %s\n", error.c_str());
        return 2;
    }
    std::error_code ec;
    fs::create_directories(args.folder, ec);
    if (ec || !fs::is_directory(args.folder)) {
        std::fprintf(stderr, "linscape tour: error: cannot create folder '%s': %s\n",
                     args.folder.c_str(), ec.message().c_str());
        return 1;
    }
    shell::AppOptions options;
    options.backend = "headless";
    options.width = width;
    options.height = height;
    auto app = shell::App::create(options, &error);
    if (!app) {
        std::fprintf(stderr, "linscape tour: error: %s\n", error.c_str());
        return 1;
    }
    int index = 1;
    std::vector<std::string> written;
    // The tour is the first lesson, step by step, as a newcomer would meet it in the window; the
    // scenes stand in only when no lesson loads.
    core::Classroom& classroom = app->state().classroom;
    classroom.library.load(lessons::LessonLibrary::defaultFolder());
    const auto lessonList = classroom.library.lessons();
    if (!lessonList.empty()) {
        const lessons::Lesson& first = *lessonList.front();
        for (int step = 0; step < int(first.steps.size()); ++step) {
            if (!core::openLessonStep(app->state(), first.id, step, &error)) {
                std::fprintf(stderr, "linscape tour: error: %s\n", error.c_str());
                return 1;
            }
            app->state().timeline.t = app->state().duration(); // the step's end state
            app->state().timeline.playing = false;
            char name[160];
            std::snprintf(name, sizeof name, "%02d-%s-step%d.png", index++, first.id.c_str(),
                          step + 1);
            const std::string path = (fs::path(args.folder) / name).string();
            const imaging::Image image = app->capture(width, height, true, 2);
            if (!imaging::savePng(image, path, &error)) {
                std::fprintf(stderr, "linscape tour: error: %s\n", error.c_str());
                return 1;
            }
            written.push_back(path);
        }
    }
    for (const scenes::SceneInfo& info : scenes::sceneRegistry()) {
        if (!written.empty()) break;
        if (!app->state().selectScene(info.id, &error)) continue;
        const double duration = app->state().duration();
        for (double fraction : {0.5, 1.0}) {
            if (duration <= 0 && fraction < 1.0) continue;
            app->state().timeline.t = duration * fraction;
            app->state().timeline.playing = false;
            char name[128];
            std::snprintf(name, sizeof name, "%02d-%s%s.png", index++, info.id.c_str(),
                          fraction < 1.0 ? "-animating" : "");
            const std::string path = (fs::path(args.folder) / name).string();
            const imaging::Image image = app->capture(width, height, true, 2);
            if (!imaging::savePng(image, path, &error)) {
                std::fprintf(stderr, "linscape tour: error: %s\n", error.c_str());
                return 1;
            }
            written.push_back(path);
        }
    }
    std::printf("Tour written to %s/:\n", args.folder.c_str());
    for (const auto& p : written)
        std::printf("  %s\n", p.c_str());
    return 0;
}

} // namespace linscape::cli
