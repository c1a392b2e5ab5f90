// The inspector: the current scene's matrices, options and live readouts.
#include "ui/ui.h"

#include <imgui.h>

namespace linscape::ui {

void inspectorPanel(core::AppState& state, const Layout& layout, const scenes::SceneContext& ctx) {
    if (layout.right.width <= 0 || !state.scene) return;
    ImGui::SetNextWindowPos({layout.right.x, layout.right.y});
    ImGui::SetNextWindowSize({layout.right.width, layout.right.height});
    constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                       ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoTitleBar |
                                       ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("Inspector", nullptr, flags);
    state.scene->panel(ctx);
    ImGui::End();
    // A link taken in the panel opens after it, so the old scene finished drawing its widgets.
    std::string error;
    if (!core::followSceneLink(state, &error) && !error.empty()) state.toast(error, true);
}

} // namespace linscape::ui
