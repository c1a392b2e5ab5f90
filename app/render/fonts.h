// The fonts Linscape draws with, baked into Dear ImGui's atlas: DejaVu Sans from the system (with
// the Greek, arrows, sub/superscripts and math operators the lessons use), a bold and a monospace
// face for the UI, and a ladder of sizes for scene labels. Falls back to ImGui's built-in font
// with a warning when DejaVu is missing.
#pragma once

#include <array>
#include <cstdint>
#include <string>

struct ImFont;

namespace linscape::render {

struct FontChoice {
    const ImFont* font = nullptr;
    float scale = 1.0f; // multiply the font's size by this to get the requested device size
};

class FontLibrary {
public:
    // Builds the ImGui atlas (ImGui context must exist). uiSize in logical pixels; dpiScale is
    // device pixels per logical pixel. The renderer must (re)create the atlas texture afterwards.
    // Returns a warning (empty when all fonts were found).
    std::string build(float uiSize, float dpiScale);

    ImFont* ui() const { return m_ui; }
    ImFont* bold() const { return m_bold; }
    ImFont* mono() const { return m_mono; }
    ImFont* title() const { return m_title; }
    float uiSize() const { return m_uiSize; }
    float dpiScale() const { return m_dpiScale; }
    bool fallback() const { return m_fallback; }

    // The baked font to draw canvas text of `logicalSize` with (the smallest baked size not below
    // the requested device size, scaled down slightly: downsampling stays sharp).
    FontChoice canvasFont(float logicalSize) const;

private:
    static constexpr std::array<float, 7> kCanvasSizes{13, 16, 20, 26, 34, 46, 64};
    std::array<ImFont*, kCanvasSizes.size()> m_canvas{};
    ImFont* m_ui = nullptr;
    ImFont* m_bold = nullptr;
    ImFont* m_mono = nullptr;
    ImFont* m_title = nullptr;
    float m_uiSize = 16;
    float m_dpiScale = 1;
    bool m_fallback = false;
};

} // namespace linscape::render
