// Every step's narration (text, NumPy line, exercise or try-it) shows whole, without scrolling, in
// presentation mode at 640x360, 1280x720 and 1920x1080 and in the window at 1280x720: checked on
// what ImGui itself lays out (no scroll range in the band), not only on the fitting's estimate.
#include "core/classroom.h"
#include "render/fonts.h"
#include "ui/narration_fit.h"
#include "ui/ui.h"

#include <gtest/gtest.h>
#include <imgui.h>
#include <imgui_internal.h>

namespace {

using namespace linscape;

struct Config {
    int width, height;
    bool presentation;
};

class NarrationFitTest : public ::testing::TestWithParam<Config> {};

} // namespace

TEST_P(NarrationFitTest, EveryStepShowsWhole) {
    const Config cfg = GetParam();
    ImGuiContext* ctx = ImGui::CreateContext();
    lessons::LessonLibrary lib;
    lib.load(std::string(LINSCAPE_SOURCE_DIR) + "/lessons");
    ASSERT_GE(lib.lessons().size(), 12u);
    core::AppState st;
    st.classroom.library = lib;
    if (cfg.presentation) st.setPresentation(true, float(cfg.height));
    render::FontLibrary fonts;
    fonts.build(16.0f * st.uiScale, 1.0f);
    if (fonts.fallback()) GTEST_SKIP() << "DejaVu fonts are not installed";
    ui::applyStyle(st.palette(), st.uiScale);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(float(cfg.width), float(cfg.height));
    io.DeltaTime = 1.0f / 60.0f;
    io.IniFilename = nullptr;
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &tw, &th); // marks the atlas ready, as a renderer does
    int steps = 0, shrunk = 0;
    for (const lessons::Lesson* lesson : lib.lessons()) {
        for (int s = 0; s < int(lesson->steps.size()); ++s) {
            std::string error;
            ASSERT_TRUE(core::openLessonStep(st, lesson->id, s, &error)) << error;
            const std::string where = lesson->id + " step " + std::to_string(s + 1) + " at " +
                                      std::to_string(cfg.width) + "x" + std::to_string(cfg.height) +
                                      (cfg.presentation ? " (presentation)" : "");
            // Two frames, as a capture runs: ImGui sizes scroll regions from the last frame.
            ui::Layout l;
            for (int frame = 0; frame < 2; ++frame) {
                ImGui::NewFrame();
                l = ui::computeLayout(st, float(cfg.width), float(cfg.height),
                                      ImGui::GetFontSize());
                ui::narrationPanel(st, l);
                if (frame == 1) {
                    // What ImGui really laid out: no part of the band may need scrolling.
                    for (ImGuiWindow* w : GImGui->Windows)
                        if (std::string(w->Name).rfind("Narration", 0) == 0 && w->Active) {
                            EXPECT_LE(w->ScrollMax.y, 0.5f) << where << ": " << w->Name;
                        }
                }
                ImGui::EndFrame();
            }
            EXPECT_TRUE(l.narrationFits) << where;
            EXPECT_GE(l.narrationFontScale, 0.7f - 1e-4f);
            if (cfg.presentation) {
                EXPECT_GE(16.0f * st.uiScale * l.narrationFontScale,
                          28.0f * float(cfg.height) / 1080.0f - 0.01f)
                    << where;
            }
            // The band never takes more than half the height from the scene.
            EXPECT_LE(l.narration.height, float(cfg.height) * 0.5f + 0.5f) << where;
            ++steps;
            shrunk += l.narrationFontScale < 1.0f;
        }
    }
    EXPECT_GT(steps, 60);
    std::printf("%d steps, %d with smaller type\n", steps, shrunk);
    ImGui::DestroyContext(ctx);
}

INSTANTIATE_TEST_SUITE_P(Sizes, NarrationFitTest,
                         ::testing::Values(Config{640, 360, true}, Config{1280, 720, true},
                                           Config{1920, 1080, true}, Config{1280, 720, false}),
                         [](const auto& p) {
                             return std::to_string(p.param.width) + "x" +
                                    std::to_string(p.param.height) +
                                    (p.param.presentation ? "_presentation" : "_window");
                         });
