// The navigator: lessons (once loaded) and the scenes to explore freely.
#include "ui/ui.h"

#include <imgui.h>

namespace linscape::ui {

void navigatorPanel(core::AppState& state, const Layout& layout) {
    if (layout.left.width <= 0) return;
    ImGui::SetNextWindowPos({layout.left.x, layout.left.y});
    ImGui::SetNextWindowSize({layout.left.width, layout.left.height});
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                       ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                       ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Navigator", nullptr, flags);
    const style::Palette& pal = state.palette();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(pal.accent.r, pal.accent.g, pal.accent.b, 1));
    ImGui::TextUnformatted("Explore");
    ImGui::PopStyleColor();
    ImGui::Separator();
    for (const scenes::SceneInfo& info : scenes::sceneRegistry()) {
        const bool selected = state.scene && state.scene->id() == info.id;
        if (ImGui::Selectable(info.title.c_str(), selected)) {
            std::string error;
            if (!selected) state.selectScene(info.id, &error);
        }
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 20);
            ImGui::TextUnformatted(info.summary.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    ImGui::End();
}

} // namespace linscape::ui
