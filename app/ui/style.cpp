// ImGui's look from the palette: flat panels, rounded controls, spacing that scales with the UI.
#include "ui/ui.h"

#include <imgui.h>

namespace linscape::ui {
namespace {

ImVec4 v4(style::Color c, float a = -1) {
    return {c.r, c.g, c.b, a < 0 ? c.a : a};
}

} // namespace

void applyStyle(const style::Palette& p, float scale) {
    ImGuiStyle s;
    s.WindowRounding = 0;
    s.FrameRounding = 4;
    s.GrabRounding = 4;
    s.PopupRounding = 6;
    s.ScrollbarRounding = 6;
    s.TabRounding = 4;
    s.WindowBorderSize = 1;
    s.FrameBorderSize = 0;
    s.WindowPadding = {12, 10};
    s.FramePadding = {8, 5};
    s.ItemSpacing = {8, 7};
    s.ItemInnerSpacing = {6, 5};
    s.ScrollbarSize = 12;
    s.GrabMinSize = 12;
    s.ScaleAllSizes(scale);
    ImVec4* c = s.Colors;
    c[ImGuiCol_Text] = v4(p.text);
    c[ImGuiCol_TextDisabled] = v4(p.textDim);
    // Transparent: the renderer clears the fixed panels' rectangles with p.panel (see
    // panelBackdrops). Floating windows set their own alpha with SetNextWindowBgAlpha.
    c[ImGuiCol_WindowBg] = v4(p.panel, 0);
    c[ImGuiCol_ChildBg] = v4(p.panel, 0);
    c[ImGuiCol_PopupBg] = v4(p.panelAlt);
    c[ImGuiCol_Border] = v4(p.border);
    c[ImGuiCol_BorderShadow] = v4(p.border, 0);
    c[ImGuiCol_FrameBg] = v4(p.panelAlt);
    c[ImGuiCol_FrameBgHovered] = v4(style::mix(p.panelAlt, p.accent, 0.18f));
    c[ImGuiCol_FrameBgActive] = v4(style::mix(p.panelAlt, p.accent, 0.3f));
    c[ImGuiCol_TitleBg] = v4(p.panel);
    c[ImGuiCol_TitleBgActive] = v4(p.panelAlt);
    c[ImGuiCol_TitleBgCollapsed] = v4(p.panel);
    c[ImGuiCol_MenuBarBg] = v4(p.panel, 0);
    c[ImGuiCol_ScrollbarBg] = v4(p.panel, 0);
    c[ImGuiCol_ScrollbarGrab] = v4(p.border);
    c[ImGuiCol_ScrollbarGrabHovered] = v4(style::mix(p.border, p.text, 0.2f));
    c[ImGuiCol_ScrollbarGrabActive] = v4(style::mix(p.border, p.text, 0.35f));
    c[ImGuiCol_CheckMark] = v4(p.accent);
    c[ImGuiCol_SliderGrab] = v4(p.accent, 0.85f);
    c[ImGuiCol_SliderGrabActive] = v4(p.accent);
    c[ImGuiCol_Button] = v4(p.panelAlt);
    c[ImGuiCol_ButtonHovered] = v4(style::mix(p.panelAlt, p.accent, 0.25f));
    c[ImGuiCol_ButtonActive] = v4(style::mix(p.panelAlt, p.accent, 0.45f));
    c[ImGuiCol_Header] = v4(style::mix(p.panel, p.accent, 0.22f));
    c[ImGuiCol_HeaderHovered] = v4(style::mix(p.panel, p.accent, 0.32f));
    c[ImGuiCol_HeaderActive] = v4(style::mix(p.panel, p.accent, 0.42f));
    c[ImGuiCol_Separator] = v4(p.border);
    c[ImGuiCol_SeparatorHovered] = v4(p.accent, 0.6f);
    c[ImGuiCol_SeparatorActive] = v4(p.accent);
    c[ImGuiCol_ResizeGrip] = v4(p.border, 0);
    c[ImGuiCol_ResizeGripHovered] = v4(p.accent, 0.5f);
    c[ImGuiCol_ResizeGripActive] = v4(p.accent);
    c[ImGuiCol_Tab] = v4(p.panelAlt);
    c[ImGuiCol_TabHovered] = v4(style::mix(p.panelAlt, p.accent, 0.3f));
    c[ImGuiCol_TabActive] = v4(style::mix(p.panelAlt, p.accent, 0.2f));
    c[ImGuiCol_PlotHistogram] = v4(p.accent);
    c[ImGuiCol_TableHeaderBg] = v4(p.panelAlt);
    c[ImGuiCol_TableBorderStrong] = v4(p.border);
    c[ImGuiCol_TableBorderLight] = v4(p.border, 0.5f);
    c[ImGuiCol_TableRowBg] = v4(p.panel, 0);
    c[ImGuiCol_TableRowBgAlt] = v4(p.panelAlt, 0.35f);
    c[ImGuiCol_TextSelectedBg] = v4(p.accent, 0.35f);
    c[ImGuiCol_NavHighlight] = v4(p.accent);
    c[ImGuiCol_ModalWindowDimBg] = v4(p.background, 0.6f);
    ImGui::GetStyle() = s;
}

} // namespace linscape::ui
