// The subcommands' arguments and entry points (one file each).
#pragma once

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace linscape::cli {

struct WindowArgs {
    std::string scene; // empty: start on the lessons (the first, or where the student left off)
    std::string lesson;
    int step = 0;
    std::string lessonsDir;
    bool present = false;
    std::string theme = "dark";
    float uiScale = 1.0f;
    std::string size = "1280x720";
    std::string matrix;
    bool fullscreen = false;
    bool verbose = false;
};
int runWindow(const WindowArgs& args);

struct RenderArgs {
    bool list = false;
    bool glInfo = false;
    std::string lesson;
    int step = -1;
    std::string scene;
    std::string matrix;
    std::vector<std::string> sets; // name=value
    double t = -1;                 // < 0: the end of the animation
    std::string size = "1280x720";
    bool noUi = false;
    bool present = false;
    std::string theme = "dark";
    float uiScale = 1.0f;
    int msaa = 0;
    std::string output;
};
void addRenderOptions(CLI::App& cmd, RenderArgs& args);
int runRender(const RenderArgs& args);

struct TourArgs {
    std::string folder = "linscape-tour";
    std::string size = "1280x720";
};
int runTour(const TourArgs& args);

struct AnalyzeArgs {
    std::string matrix;
    bool json = false;
    double tolerance = -1;
};
void addAnalyzeOptions(CLI::App& cmd, AnalyzeArgs& args);
int runAnalyze(const AnalyzeArgs& args);

struct BenchArgs {
    std::string what; // matmul, attention, frames
    bool json = false;
    bool quick = false;
    std::string scene;
    int frames = 120;
    std::string size = "1280x720";
    std::vector<std::string> sets; // frames: --set NAME=VALUE for the one --scene
};
void addBenchOptions(CLI::App& cmd, BenchArgs& args);
int runBench(const BenchArgs& args);

struct CheckLessonsArgs {
    std::string folder; // empty: the lessons the app uses
    bool quiet = false;
};
int runCheckLessons(const CheckLessonsArgs& args);

struct ExportArgs {
    std::string lesson;
    int step = 0; // 1-based; 0: every step
    std::string format = "png";
    std::string output;
    std::string size = "1280x720";
    std::string theme = "contrast";
    int fps = 30;
    bool noUi = false;
};
void addExportOptions(CLI::App& cmd, ExportArgs& args);
int runExport(const ExportArgs& args);

} // namespace linscape::cli
