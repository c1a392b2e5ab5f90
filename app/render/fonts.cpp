// Font atlas construction: system DejaVu with the glyph ranges the lessons need.
#include "render/fonts.h"

#include "common/log.h"

#include <imgui.h>

#include <filesystem>

namespace linscape::render {
namespace {

constexpr const char* kFontDir = "/usr/share/fonts/truetype/dejavu/";

// Everything a lesson writes: Latin, Greek, modifier letters (ᵀ ᵏ ᵢ), punctuation (‖ … –),
// super- and subscripts (and ⱼ, U+2C7C), letterlike symbols, arrows, math operators, a few shapes
// (▶ ■ ●), ⚠, ✓ and ✗, and the supplemental math symbols (⟂ ⟨ ⟩) that DejaVu Sans lacks, merged
// from DejaVu Math (kMathRanges). tests/app/glyph_coverage_test.cpp checks every lesson character.
// Ranges are kept tight: the atlas is rasterised at every start-up.
const ImWchar kFullRanges[] = {
    0x0020, 0x017F, 0x0300, 0x0302, 0x0370, 0x03FF, 0x1D2C, 0x1D6A, 0x2000, 0x206F, 0x2070,
    0x209F, 0x2100, 0x214F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0x25A0, 0x25FF, 0x26A0, 0x26A0,
    0x2713, 0x2713, 0x2717, 0x2717, 0x27C0, 0x27EF, 0x2C7C, 0x2C7D, 0,
};
// Scene labels: letters, Greek, modifier letters and sub/superscripts (Aᵀ, σᵢ, Uₖ), dashes, the
// symbols labels use (U+0302 combining circumflex: k̂).
const ImWchar kLabelRanges[] = {
    0x0020, 0x017F, 0x02C6, 0x02C7, 0x0302, 0x0302, 0x0370, 0x03FF, 0x1D2C, 0x1D6A, 0x2013,
    0x2016, 0x2022, 0x2022, 0x2026, 0x2026, 0x2070, 0x209F, 0x2190, 0x2193, 0x2212, 0x2212,
    0x221A, 0x221A, 0x221E, 0x221E, 0x2248, 0x2248, 0x2260, 0x2265, 0x22A5, 0x22A5, 0x22C5,
    0x22C5, 0x26A0, 0x26A0, 0x27C2, 0x27C2, 0x2C7C, 0x2C7C, 0,
};
// Glyphs DejaVu Sans does not have, taken from DejaVu Math TeX Gyre (merged into each font).
const ImWchar kMathRanges[] = {0x27C0, 0x27EF, 0};

ImFont* addFont(ImFontAtlas* atlas, const char* file, float px, const ImWchar* ranges,
                bool& missing) {
    const std::string path = std::string(kFontDir) + file;
    // ImGui asserts (aborts) on a missing file, so check first.
    if (!std::filesystem::exists(path)) {
        missing = true;
        ImFontConfig cfg;
        cfg.SizePixels = px;
        return atlas->AddFontDefault(&cfg);
    }
    ImFontConfig cfg;
    // Horizontal oversampling sharpens small text; large glyphs do not need it.
    cfg.OversampleH = px < 24 ? 2 : 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    ImFont* font = atlas->AddFontFromFileTTF(path.c_str(), px, &cfg, ranges);
    // Merged glyphs only fill gaps: ImGui keeps a glyph the main font already has.
    const std::string math = std::string(kFontDir) + "DejaVuMathTeXGyre.ttf";
    if (font && std::filesystem::exists(math)) {
        ImFontConfig merge = cfg;
        merge.MergeMode = true;
        atlas->AddFontFromFileTTF(math.c_str(), px, &merge, kMathRanges);
    }
    return font;
}

} // namespace

std::string FontLibrary::build(float uiSize, float dpiScale) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontAtlas* atlas = io.Fonts;
    atlas->Clear();
    m_uiSize = uiSize;
    m_dpiScale = dpiScale;
    bool missing = false;
    const float s = dpiScale;
    m_ui = addFont(atlas, "DejaVuSans.ttf", uiSize * s, kFullRanges, missing);
    m_bold = addFont(atlas, "DejaVuSans-Bold.ttf", uiSize * s, kFullRanges, missing);
    m_title = addFont(atlas, "DejaVuSans-Bold.ttf", uiSize * 1.35f * s, kLabelRanges, missing);
    m_mono = addFont(atlas, "DejaVuSansMono.ttf", uiSize * s, kFullRanges, missing);
    for (size_t i = 0; i < kCanvasSizes.size(); ++i)
        m_canvas[i] = addFont(atlas, "DejaVuSans.ttf", kCanvasSizes[i] * s, kLabelRanges, missing);
    // ImGui sizes its widgets from the font; fonts are baked in device pixels, so scale back.
    io.FontGlobalScale = 1.0f / s;
    io.FontDefault = m_ui;
    atlas->Build();
    common::info("I_FONT_ATLAS", "font atlas " + std::to_string(atlas->TexWidth) + "x" +
                                     std::to_string(atlas->TexHeight));
    m_fallback = missing;
    if (missing)
        return std::string("DejaVu fonts not found in ") + kFontDir +
               "; using ImGui's built-in font (Latin only). Install fonts-dejavu-core.";
    return {};
}

FontChoice FontLibrary::canvasFont(float logicalSize) const {
    const float device = logicalSize * m_dpiScale;
    for (size_t i = 0; i < kCanvasSizes.size(); ++i) {
        const float baked = kCanvasSizes[i] * m_dpiScale;
        if (baked >= device * 0.98f || i + 1 == kCanvasSizes.size())
            return {m_canvas[i], device / baked};
    }
    return {m_canvas.back(), 1.0f};
}

} // namespace linscape::render
