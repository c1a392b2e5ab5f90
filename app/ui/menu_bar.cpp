// The menu bar: file actions, view options (theme, UI scale, panels, fullscreen) and help.
#include "ui/ui.h"

#include <imgui.h>

namespace linscape::ui {

void menuBar(core::AppState& state, const Layout&, Requests& requests) {
    if (!ImGui::BeginMainMenuBar()) return;
    const style::Palette& pal = state.palette();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(pal.accent.r, pal.accent.g, pal.accent.b, 1));
    ImGui::TextUnformatted("Linscape");
    ImGui::PopStyleColor();
    ImGui::Spacing();
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Screenshot", "F12")) requests.screenshot = true;
        if (ImGui::MenuItem("Export lesson...  (PNG stills, GIF, MP4)", nullptr, false,
                            !state.classroom.lessonId.empty()))
            requests.exportStills = true;
        ImGui::Separator();
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) requests.quit = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        for (const std::string& name : style::themeNames()) {
            style::ThemeId id;
            style::parseThemeName(name, id);
            const std::string label = "Theme: " + name;
            if (ImGui::MenuItem(label.c_str(), nullptr, state.theme == id)) state.theme = id;
        }
        ImGui::Separator();
        float scale = state.uiScale;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
        if (ImGui::SliderFloat("UI scale", &scale, 0.75f, 2.5f, "%.2fx")) state.setUiScale(scale);
        if (ImGui::IsItemDeactivatedAfterEdit()) state.setUiScale(scale);
        ImGui::MenuItem("Navigator", nullptr, &state.showLeftPanel);
        ImGui::MenuItem("Inspector", nullptr, &state.showRightPanel);
        ImGui::Separator();
        if (ImGui::MenuItem("Fullscreen", "F11")) requests.toggleFullscreen = true;
        if (ImGui::MenuItem("Presentation mode", "F5")) requests.togglePresentation = true;
        ImGui::MenuItem("Lesson errors", nullptr, &state.classroom.showErrors);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        ImGui::TextUnformatted("Space          play / pause");
        ImGui::TextUnformatted("Home / End     start / end of the animation");
        ImGui::TextUnformatted("R              replay");
        ImGui::TextUnformatted("F11            fullscreen");
        ImGui::TextUnformatted("F12            screenshot to your Pictures folder");
        ImGui::TextUnformatted("Ctrl + / -     UI scale");
        ImGui::TextUnformatted("Drag î, ĵ      edit the matrix; Shift snaps");
        ImGui::TextUnformatted("PageDown / →   next lesson step (ends a running animation first)");
        ImGui::TextUnformatted("PageUp / ←     previous lesson step");
        ImGui::TextUnformatted("F5             presentation mode (B blanks, Esc leaves)");
        ImGui::EndMenu();
    }
    if (state.scene) {
        const std::string title = std::string(state.scene->title());
        const float w = ImGui::CalcTextSize(title.c_str()).x;
        ImGui::SameLine(ImGui::GetWindowWidth() - w - ImGui::GetFontSize());
        ImGui::TextDisabled("%s", title.c_str());
    }
    ImGui::EndMainMenuBar();
}

} // namespace linscape::ui
