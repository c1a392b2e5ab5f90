// The timeline: play/pause, replay, a scrubber with stage marks, speed and loop.
#include "ui/ui.h"

#include <imgui.h>

#include <cmath>
#include <cstdio>

namespace linscape::ui {
namespace {

ImU32 col(style::Color c) {
    return ImGui::ColorConvertFloat4ToU32(ImVec4(c.r, c.g, c.b, c.a));
}

// A square button with a drawn icon (glyph-free, so it looks the same with any font).
bool iconButton(const char* id, int icon, float size, const style::Palette& pal) {
    const bool pressed = ImGui::Button(id, ImVec2(size, size));
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float cx = (a.x + b.x) * 0.5f, cy = (a.y + b.y) * 0.5f, r = size * 0.26f;
    const ImU32 c = col(pal.text);
    if (icon == 0) { // play
        dl->AddTriangleFilled({cx - r * 0.8f, cy - r}, {cx + r, cy}, {cx - r * 0.8f, cy + r}, c);
    } else if (icon == 1) { // pause
        dl->AddRectFilled({cx - r * 0.85f, cy - r}, {cx - r * 0.25f, cy + r}, c, 1.5f);
        dl->AddRectFilled({cx + r * 0.25f, cy - r}, {cx + r * 0.85f, cy + r}, c, 1.5f);
    } else { // replay: a bar and a triangle pointing left
        dl->AddRectFilled({cx - r, cy - r}, {cx - r * 0.6f, cy + r}, c, 1.0f);
        dl->AddTriangleFilled({cx + r * 0.9f, cy - r}, {cx + r * 0.9f, cy + r}, {cx - r * 0.5f, cy},
                              c);
    }
    return pressed;
}

} // namespace

void timelinePanel(core::AppState& state, const Layout& layout) {
    if (layout.timeline.height <= 0 || !state.scene) return;
    ImGui::SetNextWindowPos({layout.timeline.x, layout.timeline.y});
    ImGui::SetNextWindowSize({layout.timeline.width, layout.timeline.height});
    constexpr ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse |
        ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings |
        ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Timeline", nullptr, flags);
    const style::Palette& pal = state.palette();
    const float fs = ImGui::GetFontSize();
    const float button = fs * 1.9f;
    core::Timeline& tl = state.timeline;
    const double duration = state.duration();

    ImGui::SetCursorPosY((layout.timeline.height - button) * 0.5f);
    if (iconButton("##replay", 2, button, pal)) tl.restart();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Replay (R)");
    ImGui::SameLine();
    if (iconButton("##play", tl.playing ? 1 : 0, button, pal)) {
        if (!tl.playing && tl.t >= duration) tl.t = 0;
        tl.playing = !tl.playing;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip(tl.playing ? "Pause (Space)" : "Play (Space)");
    ImGui::SameLine();

    char timeText[64];
    std::snprintf(timeText, sizeof timeText, "%5.2f / %.2f s", tl.t, duration);
    const float rightW = fs * 15.5f;
    const float sliderW = ImGui::GetContentRegionAvail().x - rightW;
    ImGui::SetCursorPosY((layout.timeline.height - ImGui::GetFrameHeight()) * 0.5f);
    ImGui::SetNextItemWidth(std::max(sliderW, fs * 6));
    float t = float(tl.t);
    ImGui::BeginDisabled(duration <= 0);
    if (ImGui::SliderFloat("##t", &t, 0.0f, float(std::max(duration, 1e-3)), timeText)) {
        tl.t = t;
        tl.playing = false;
    }
    ImGui::EndDisabled();
    // Stage marks over the scrubber (e.g. the three SVD stages).
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    if (duration > 0) {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        for (const scenes::TimelineStage& st : state.scene->stages()) {
            const float x0 = a.x + float(st.start / duration) * (b.x - a.x);
            dl->AddLine({x0, a.y}, {x0, b.y}, col(pal.textDim.withAlpha(0.7f)), 1.5f);
            dl->AddText({x0 + 4, a.y - fs - 2}, col(pal.textDim), st.label.c_str());
        }
    }
    ImGui::SameLine();
    ImGui::SetCursorPosY((layout.timeline.height - ImGui::GetFrameHeight()) * 0.5f);
    static const float speeds[] = {0.25f, 0.5f, 1.0f, 2.0f, 4.0f};
    static const char* speedNames[] = {"0.25x", "0.5x", "1x", "2x", "4x"};
    int current = 2;
    for (int i = 0; i < 5; ++i)
        if (std::abs(speeds[i] - float(tl.speed)) < 1e-3f) current = i;
    ImGui::SetNextItemWidth(fs * 4.5f);
    if (ImGui::Combo("speed", &current, speedNames, 5)) tl.speed = speeds[current];
    ImGui::SameLine();
    ImGui::Checkbox("loop", &tl.loop);
    ImGui::End();
}

} // namespace linscape::ui
