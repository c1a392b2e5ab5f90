// `linscape bench`: measured performance, printed as a table or JSON. matmul races the engine
// against Eigen, OpenBLAS and BLIS in one interleaved run; frames renders every scene headless
// with its animation running and reports mean and worst frame times.
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/scene_setup.h"

#include "engine/attention_bench.h"
#include "engine/matmul_bench.h"
#include "scenes/scene.h"
#include "shell/app.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>

namespace linscape::cli {
namespace {

int benchMatmul(const BenchArgs& a) {
    engine::MatmulBenchConfig config =
        a.quick ? engine::MatmulBenchConfig::quick() : engine::MatmulBenchConfig::standard();
    if (!a.json)
        config.progress = [](double p, const std::string& what) {
            std::fprintf(stderr, "\r[%3d%%] %-60s", int(p * 100), what.c_str());
            return true;
        };
    auto report = engine::runMatmulBench(config);
    if (!a.json) std::fprintf(stderr, "\r%80s\r", "");
    if (!report.ok()) {
        std::fprintf(stderr, "linscape bench matmul: error: %s\n", report.error().message.c_str());
        return 1;
    }
    std::printf("%s\n", a.json ? engine::formatMatmulBenchJson(*report).c_str()
                               : engine::formatMatmulBenchText(*report).c_str());
    return 0;
}

int benchFrames(const BenchArgs& a) {
    int width = 0, height = 0;
    std::string error;
    if (!parseSize(a.size, width, height, &error)) {
        std::fprintf(stderr, "linscape bench frames: error: %s\n", error.c_str());
        return 2;
    }
    if (a.frames < 10 || a.frames > 100000) {
        std::fprintf(stderr, "linscape bench frames: error: --frames must be 10 to 100000\n");
        return 2;
    }
    std::vector<std::string> ids;
    if (!a.scene.empty()) {
        if (!scenes::findScene(a.scene)) {
            std::string all;
            for (const auto& s : scenes::sceneIds())
                all += (all.empty() ? "" : ", ") + s;
            std::fprintf(stderr,
                         "linscape bench frames: error: no scene named '%s'; available: %s\n",
                         a.scene.c_str(), all.c_str());
            return 2;
        }
        ids.push_back(a.scene);
    } else if (!a.sets.empty()) {
        std::fprintf(stderr, "linscape bench frames: error: --set needs --scene NAME\n");
        return 2;
    } else {
        ids = scenes::sceneIds();
    }
    shell::AppOptions options;
    options.backend = "headless";
    options.width = width;
    options.height = height;
    auto app = shell::App::create(options, &error);
    if (!app) {
        std::fprintf(stderr, "linscape bench frames: error: %s\n", error.c_str());
        return 1;
    }
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    if (!a.json)
        std::printf("%dx%d, UI on, animation looping, %s (%s), MSAA %d\n", width, height,
                    app->renderer().info().renderer.c_str(), app->renderer().info().version.c_str(),
                    app->renderer().msaaSamples());
    SceneSetup setup;
    if (!a.scene.empty()) {
        resolveScene(a.scene, setup, nullptr);
        for (const std::string& s : a.sets)
            if (!addSetOverride(setup, s, &error) || !validateSetup(setup, &error)) {
                std::fprintf(stderr, "linscape bench frames: error: %s\n", error.c_str());
                return 2;
            }
    }
    for (const std::string& id : ids) {
        app->state().selectScene(id, &error);
        if (!setup.params.empty() && !applySetup(app->state(), setup, &error)) {
            std::fprintf(stderr, "linscape bench frames: error: %s\n", error.c_str());
            return 1;
        }
        app->state().timeline.loop = true;
        app->state().timeline.playing = true;
        // Warm-up: shader compilation, font texture, caches.
        for (int i = 0; i < 5; ++i)
            app->frame(1.0 / 60.0);
        app->renderer().finish();
        double total = 0, worst = 0;
        for (int i = 0; i < a.frames; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            app->frame(1.0 / 60.0);
            app->renderer().finish();
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count();
            total += ms;
            worst = std::max(worst, ms);
        }
        const double mean = total / a.frames;
        rows.push_back(
            {{"scene", id}, {"frames", a.frames}, {"mean_ms", mean}, {"worst_ms", worst}});
        if (!a.json)
            std::printf("  %-14s %5d frames  mean %6.2f ms  worst %6.2f ms  (%s)\n", id.c_str(),
                        a.frames, mean, worst, mean <= 16.7 ? "60 fps" : "below 60 fps");
    }
    if (a.json) std::printf("%s\n", rows.dump(2).c_str());
    return 0;
}

// Engine attention vs Eigen (engine/attention_bench.h), then the attention scene itself at
// seq 512, d_model 64 with the temperature slider moving every frame: recompute, heatmap textures
// and drawing together, the interactive budget of 16 ms.
int benchAttention(const BenchArgs& a) {
    engine::AttentionBenchOptions options;
    if (a.quick) {
        options.sequenceLengths = {32, 64};
        options.minSecondsPerCase = 0.02;
        options.minRepetitions = 3;
    }
    if (!a.json)
        options.progress = [](double p, std::string_view what) {
            std::fprintf(stderr, "\r[%3d%%] %-60.*s", int(p * 100), int(what.size()), what.data());
            return true;
        };
    auto report = engine::runAttentionBench(options);
    if (!a.json) std::fprintf(stderr, "\r%80s\r", "");
    if (!report.ok()) {
        std::fprintf(stderr, "linscape bench attention: error: %s\n",
                     report.error().message.c_str());
        return 1;
    }
    const int tokens = a.quick ? 64 : 512, frames = a.quick ? 12 : 120;
    const int width = 1280, height = 720;
    shell::AppOptions appOptions;
    appOptions.backend = "headless";
    appOptions.width = width;
    appOptions.height = height;
    std::string error;
    auto app = shell::App::create(appOptions, &error);
    double mean = 0, worst = 0, cpu = 0;
    // Process CPU time per frame (all threads: ours, the engine's, llvmpipe's): on a busy
    // machine wall time measures the neighbours too, CPU time only what a frame costs.
    auto cpuMs = [] {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) * 1e-6;
    };
    if (app && app->state().selectScene("attention", &error)) {
        std::string text;
        for (int i = 0; i < tokens; ++i)
            text += (i ? " w" : "w") + std::to_string(i % 97);
        scenes::Scene& scene = *app->state().scene;
        scene.setParam("text", text);
        scene.setParam("d_model", 64.0);
        for (int i = 0; i < 5; ++i)
            app->frame(1.0 / 60.0);
        app->renderer().finish();
        const double cpu0 = cpuMs();
        for (int i = 0; i < frames; ++i) {
            const auto t0 = std::chrono::steady_clock::now();
            // A slider dragged back and forth: a new temperature every frame.
            scene.setParam("temperature", 0.5 + 0.02 * (i % 50));
            app->frame(1.0 / 60.0);
            app->renderer().finish();
            const double ms =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                    .count();
            mean += ms / frames;
            worst = std::max(worst, ms);
        }
        cpu = (cpuMs() - cpu0) / frames;
    } else {
        std::fprintf(stderr, "linscape bench attention: scene frames skipped: %s\n", error.c_str());
    }
    if (a.json) {
        auto j = nlohmann::ordered_json::parse(engine::attentionBenchJson(*report));
        if (app)
            j["scene"] = {{"scene", "attention"},
                          {"tokens", tokens},
                          {"d_model", 64},
                          {"size", std::to_string(width) + "x" + std::to_string(height)},
                          {"frames", frames},
                          {"mean_ms", mean},
                          {"worst_ms", worst}};
        std::printf("%s\n", j.dump(2).c_str());
    } else {
        std::printf("%s\n", engine::formatAttentionBenchTable(*report).c_str());
        if (app)
            std::printf("attention scene, %d tokens, d_model 64, %dx%d, temperature slider moving "
                        "every frame (recompute + heatmaps + draw): mean %.2f ms, worst %.2f ms "
                        "over %d frames (%s); process CPU time %.2f ms per frame\n",
                        tokens, width, height, mean, worst, frames,
                        mean <= 16.0 ? "within 16 ms" : "over 16 ms", cpu);
    }
    return 0;
}

} // namespace

void addBenchOptions(CLI::App& cmd, BenchArgs& a) {
    cmd.add_option("WHAT", a.what, "matmul, frames or attention")
        ->required()
        ->check(CLI::IsMember({"matmul", "frames", "attention"}));
    cmd.add_flag("--json", a.json, "Print JSON instead of a table");
    cmd.add_flag("--quick", a.quick, "matmul: small sizes only (a few seconds)");
    cmd.add_option("--scene", a.scene, "frames: only this scene");
    cmd.add_option("--frames", a.frames, "frames: frames per scene")->capture_default_str();
    cmd.add_option("--size", a.size, "frames: frame size WIDTHxHEIGHT")->capture_default_str();
    cmd.add_option("--set", a.sets, "frames: NAME=VALUE, a parameter of --scene (repeatable)");
}

int runBench(const BenchArgs& a) {
    if (a.what == "matmul") return benchMatmul(a);
    if (a.what == "frames") return benchFrames(a);
    if (a.what == "attention") return benchAttention(a);
    std::fprintf(stderr, "linscape bench: error: '%s' is not available yet\n", a.what.c_str());
    return 2;
}

} // namespace linscape::cli
