// Colour themes (dark, light, high contrast), loaded from the embedded assets/themes.toml.
#pragma once

#include "style/color.h"

#include <string>
#include <string_view>
#include <vector>

namespace linscape::style {

struct Palette {
    Color background, panel, panelAlt, border, text, textDim;
    Color grid, gridFaint, axis;
    Color iHat, jHat, kHat, vector, imageVector, area, areaFlip;
    Color accent, warning, error, success, highlight;
};

enum class ThemeId { Dark, Light, Contrast };
std::string_view themeName(ThemeId id);
bool parseThemeName(std::string_view name, ThemeId& out);
std::vector<std::string> themeNames();

// The palette for a theme. The embedded file is parsed once; a broken file is a build defect that
// tests catch, so this falls back to built-in dark colours rather than failing at run time.
const Palette& palette(ThemeId id);

// Parses a themes file (exposed for tests): fills palettes or returns an error with line:column.
bool loadThemes(std::string_view tomlText, Palette& dark, Palette& light, Palette& contrast,
                std::string* error);

} // namespace linscape::style
