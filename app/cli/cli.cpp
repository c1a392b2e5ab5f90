// Command-line entry: parses with CLI11 and dispatches to the window or a subcommand.
#include "cli/cli.h"

#include "cli/commands.h"
#include "common/log.h"
#include "platform/context.h"
#include "scenes/scene.h"
#include "shell/app.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>

#ifndef LINSCAPE_VERSION
#define LINSCAPE_VERSION "0.0.0"
#endif

namespace linscape::cli {
namespace {

// One line, then where to read more: CLI11's default prints a usage block.
std::string oneLineFailure(const CLI::App* app, const CLI::Error& e) {
    std::string name = app->get_name();
    for (const CLI::App* p = app->get_parent(); p; p = p->get_parent())
        name = p->get_name() + " " + name;
    return "linscape: error: " + std::string(e.what()) + " (see '" + name + " --help')\n";
}

} // namespace

int run(int argc, char** argv) {
    CLI::App app{"Linscape: the linear algebra behind every layer, visible and touchable.\n"
                 "With no subcommand, opens the window (or, with no display, renders a short "
                 "tour to PNG files).",
                 "linscape"};
    app.set_version_flag("--version", "linscape " LINSCAPE_VERSION);
    app.failure_message(oneLineFailure);
    app.require_subcommand(0, 1);

    WindowArgs window;
    app.add_option("--scene", window.scene, "Scene to open (see 'render --list')");
    app.add_option("--theme", window.theme, "Colour theme: dark, light or contrast");
    app.add_option("--ui-scale", window.uiScale, "UI scale, 0.5 to 3")->check(CLI::Range(0.5, 3.0));
    app.add_option("--size", window.size, "Window size WIDTHxHEIGHT (default 1280x720)");
    app.add_option("--matrix", window.matrix, "Matrix for the scene, e.g. \"[[2,1],[0,1.5]]\"");
    app.add_flag("--fullscreen", window.fullscreen, "Start fullscreen");
    app.add_flag("--present", window.present,
                 "Start in presentation mode (F5): fullscreen, large type, high contrast");
    app.add_option("--lesson", window.lesson, "Lesson to open (default: where you left off)");
    app.add_option("--step", window.step, "Step of --lesson to open, 1-based");
    app.add_option("--lessons", window.lessonsDir,
                   "Folder of lesson files to use (watched: edits appear live)");
    app.add_flag("--verbose", window.verbose, "Print informational messages");

    RenderArgs render;
    CLI::App* renderCmd = app.add_subcommand(
        "render", "Render a scene or lesson step to a PNG, headless and deterministic");
    addRenderOptions(*renderCmd, render);

    TourArgs tour;
    CLI::App* tourCmd =
        app.add_subcommand("tour", "Render a short tour of Linscape to PNG files, headless");
    tourCmd->add_option("-o,--output", tour.folder, "Folder for the PNGs (created if missing)")
        ->capture_default_str();
    tourCmd->add_option("--size", tour.size, "Image size WIDTHxHEIGHT")->capture_default_str();

    AnalyzeArgs analyze;
    CLI::App* analyzeCmd = app.add_subcommand(
        "analyze", "Print every readout of a matrix: det, rank, eigen, SVD, inverse, ...");
    addAnalyzeOptions(*analyzeCmd, analyze);

    BenchArgs bench;
    CLI::App* benchCmd =
        app.add_subcommand("bench", "Benchmarks: matmul (engine vs Eigen/OpenBLAS/BLIS), frames "
                                    "(every scene), attention (engine vs Eigen)");
    addBenchOptions(*benchCmd, bench);

    CheckLessonsArgs check;
    CLI::App* checkCmd = app.add_subcommand(
        "check-lessons", "Validate lesson files (every error as file:line:column); exit 1 on any");
    checkCmd->add_option("folder", check.folder,
                         "Folder of *.toml lessons (default: the lessons the app uses)");
    checkCmd->add_flag("-q,--quiet", check.quiet, "Print only the errors");

    ExportArgs exportArgs;
    CLI::App* exportCmd = app.add_subcommand(
        "export", "Export a lesson's stills (PNG per step) or animation (GIF/MP4), headless");
    addExportOptions(*exportCmd, exportArgs);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e); // prints the one-line message
        return 2;
    }
    common::setVerbose(window.verbose);

    if (renderCmd->parsed()) return runRender(render);
    if (tourCmd->parsed()) return runTour(tour);
    if (analyzeCmd->parsed()) return runAnalyze(analyze);
    if (benchCmd->parsed()) return runBench(bench);
    if (checkCmd->parsed()) return runCheckLessons(check);
    if (exportCmd->parsed()) return runExport(exportArgs);
    return runWindow(window);
}

} // namespace linscape::cli
