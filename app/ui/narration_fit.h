// Fitting the narration band to its step: how tall the band must be, and how small its type may
// get, for the whole narration, NumPy snippet and task to show without scrolling. The measuring
// mirrors narration_panel.cpp's layout line for line (they share the word wrapping below).
#pragma once

#include "core/app_state.h"

#include <string>
#include <vector>

struct ImFont;

namespace linscape::ui {

// A word of a rich paragraph as the panel places it.
struct PlacedWord {
    std::string text;
    bool emphasis = false;
    bool newLine = false; // starts a line (the first word does too)
    float gap = 0;        // space before it on its line
};
// Breaks a paragraph the way the panel draws it at `fontSize` within `wrapWidth`.
std::vector<PlacedWord> layoutParagraph(const std::vector<lessons::Span>& paragraph,
                                        float wrapWidth, float fontSize);

// The atlas is built in a fixed order (render/fonts.cpp): ui, bold, title, mono.
ImFont* atlasFont(int index);

struct NarrationFit {
    float height = 0;    // band height
    float fontScale = 1; // type scale inside the band (1: the UI size)
    bool fits = true;    // false: even the smallest type needs scrolling
};
// For a band `width` wide whose height may range over [minHeight, maxHeight] (minHeight is the
// usual height: the band only grows when the text needs it). The type never goes below
// `minFontPx` nor below 70 % of `fontSize`. Needs an ImGui frame (fonts, style).
NarrationFit fitNarration(const core::AppState& state, float width, float minHeight,
                          float maxHeight, float fontSize, float minFontPx);

} // namespace linscape::ui
