// `linscape render`: one deterministic frame to a PNG. Everything is validated before a GL
// context is made, and the PNG is written atomically, so bad input never leaves a partial file.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/scene_setup.h"

#include "imaging/image.h"
#include "scenes/scene.h"
#include "shell/app.h"
#include "style/theme.h"

#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>

namespace linscape::cli {

void addRenderOptions(CLI::App& cmd, RenderArgs& a) {
    cmd.add_flag("--list", a.list, "Print the scene names and lesson ids this command accepts");
    cmd.add_flag("--gl-info", a.glInfo,
                 "Print the OpenGL renderer and version headless renders use, and exit");
    cmd.add_option("--lesson", a.lesson, "Lesson id (with --step)");
    cmd.add_option("--step", a.step, "Lesson step, 1-based");
    cmd.add_option("--scene", a.scene, "Scene name (see --list)");
    cmd.add_option("--matrix", a.matrix,
                   "The scene's main matrix, e.g. \"[[2,1],[0,1.5]]\" or \"2 1; 0 1.5\"");
    cmd.add_option("--set", a.sets, "Set a scene parameter: NAME=VALUE (repeatable)");
    cmd.add_option("--t", a.t, "Animation time in seconds (default: the end of the animation)");
    cmd.add_option("--size", a.size, "Image size WIDTHxHEIGHT, 16 to 8192 a side")
        ->capture_default_str();
    cmd.add_flag("--no-ui", a.noUi, "Only the scene, filling the image");
    cmd.add_flag("--present", a.present,
                 "Presentation layout: scene and narration, large type (theme from --theme)");
    cmd.add_option("--theme", a.theme, "dark, light or contrast")->capture_default_str();
    cmd.add_option("--ui-scale", a.uiScale, "UI and label scale, 0.5 to 3")
        ->check(CLI::Range(0.5, 3.0));
    cmd.add_option("--msaa", a.msaa, "Multisampling: 0 (default), 2, 4 or 8")
        ->check(CLI::IsMember({0, 2, 4, 8}));
    cmd.add_option("-o,--output", a.output, "Output PNG file");
}

int runRender(const RenderArgs& a) {
    auto fail = [](const std::string& msg, int code = 2) {
        std::fprintf(stderr, "linscape render: error: %s\n", msg.c_str());
        return code;
    };
    if (a.list) {
        std::printf("scenes:\n");
        for (const auto& info : scenes::sceneRegistry()) {
            std::printf("  %-14s %s\n", info.id.c_str(), info.title.c_str());
            // Parameters, as lessons and --set name them.
            std::string line;
            for (const scenes::ParamSpec& spec : info.create()->params())
                line += (line.empty() ? "" : ", ") + spec.name + " (" +
                        scenes::describeParamType(spec) + ")";
            std::printf("                 params: %s\n", line.c_str());
        }
        printLessonList();
        return 0;
    }
    std::string error;
    if (a.glInfo) {
        shell::AppOptions options;
        options.backend = "headless";
        auto app = shell::App::create(options, &error);
        if (!app) return fail(error, 1);
        const render::GlInfo& gl = app->renderer().info();
        std::printf("GL_RENDERER=%s\nGL_VERSION=%s\n", gl.renderer.c_str(), gl.version.c_str());
        return 0;
    }
    SceneSetup setup;
    if (!a.lesson.empty() && !a.scene.empty())
        return fail("give either --lesson ID --step N or --scene NAME, not both");
    if (a.lesson.empty() && a.scene.empty())
        return fail("nothing to render: give --scene NAME or --lesson ID --step N (see --list)");
    if (!a.lesson.empty()) {
        if (a.step < 1) return fail("--lesson needs --step N (1-based)");
        if (!resolveLessonStep(a.lesson, a.step, setup, &error)) return fail(error);
    } else {
        if (a.step >= 0) return fail("--step belongs with --lesson, not --scene");
        if (!resolveScene(a.scene, setup, &error)) return fail(error);
    }
    if (!a.matrix.empty() && !addMatrixOverride(setup, a.matrix, &error)) return fail(error);
    for (const std::string& kv : a.sets)
        if (!addSetOverride(setup, kv, &error)) return fail(error);
    if (!validateSetup(setup, &error)) return fail(error);
    int width = 0, height = 0;
    if (!parseSize(a.size, width, height, &error)) return fail(error);
    style::ThemeId theme;
    if (!style::parseThemeName(a.theme, theme))
        return fail("--theme '" + a.theme + "': use dark, light or contrast");
    if (a.t >= 0 && !std::isfinite(a.t)) return fail("--t must be a finite number of seconds");
    if (a.t < -0.0 && a.t != -1) return fail("--t must be 0 or more seconds");
    if (!checkOutputPath(a.output, ".png", &error)) return fail(error);

    shell::AppOptions options;
    options.backend = "headless";
    options.width = width;
    options.height = height;
    options.scene = setup.sceneId;
    options.theme = theme;
    options.uiScale = a.uiScale;
    options.showUi = !a.noUi;
    options.msaa = a.msaa;
    auto app = shell::App::create(options, &error);
    if (!app) return fail(error, 1);
    app->state().classroom.library = cliLessons(); // the navigator lists them, as in the window
    if (a.present) {
        app->state().setPresentation(true, float(height));
        app->state().theme = theme;
    }
    if (!applySetup(app->state(), setup, &error)) return fail(error, 1);
    const double duration = app->state().duration();
    double t = a.t < 0 ? duration : a.t;
    if (t > duration) {
        std::fprintf(stderr,
                     "linscape render: note: --t %g is past the end of the animation (%g s); "
                     "rendering the end state\n",
                     a.t, duration);
        t = duration;
    }
    app->state().timeline.t = t;
    app->state().timeline.playing = false;
    const imaging::Image image = app->capture(width, height, !a.noUi, 3);
    if (!imaging::savePng(image, a.output, &error)) return fail(error, 1);
    std::printf("wrote %s (%dx%d, %s, t = %.3g s)\n", a.output.c_str(), width, height,
                setup.description.c_str(), t);
    return 0;
}

} // namespace linscape::cli
