// Overlays on the viewport: toasts (bottom right) and the scene's status line (bottom left).
#include "ui/ui.h"

#include <imgui.h>

namespace linscape::ui {

void toastsOverlay(const core::AppState& state, const Layout& layout) {
    if (state.toasts.empty()) return;
    const style::Palette& pal = state.palette();
    const float fs = ImGui::GetFontSize();
    const ImVec2 anchor(layout.viewport.x + layout.viewport.width - fs,
                        layout.viewport.y + layout.viewport.height - fs * 2.5f);
    ImGui::SetNextWindowPos(anchor, ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowBgAlpha(0.92f);
    constexpr ImGuiWindowFlags flags =
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
        ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
        ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs;
    ImGui::Begin("##toasts", nullptr, flags);
    ImGui::PushTextWrapPos(fs * 30);
    for (const core::Toast& t : state.toasts) {
        const style::Color c = t.error ? pal.error : pal.text;
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c.r, c.g, c.b, 1));
        ImGui::TextUnformatted(t.text.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
    ImGui::End();
}

void statusOverlay(const core::AppState& state, const Layout& layout) {
    if (!state.scene) return;
    const std::string line = state.scene->statusLine();
    if (line.empty()) return;
    const style::Palette& pal = state.palette();
    const float fs = ImGui::GetFontSize();
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const ImVec2 pos(layout.viewport.x + fs * 0.8f,
                     layout.viewport.y + layout.viewport.height - fs * 1.6f);
    dl->AddText(pos,
                ImGui::ColorConvertFloat4ToU32({pal.textDim.r, pal.textDim.g, pal.textDim.b, 1}),
                line.c_str());
}

} // namespace linscape::ui
