// Colours as four floats in 0..1 (straight alpha), with the few helpers scenes need.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace linscape::style {

struct Color {
    float r = 0, g = 0, b = 0, a = 1;

    constexpr Color withAlpha(float alpha) const { return {r, g, b, alpha}; }
    constexpr Color scaledAlpha(float k) const { return {r, g, b, a * k}; }
    std::uint32_t packed() const; // 0xAABBGGRR, the byte order GL reads as RGBA8
};

constexpr Color mix(Color x, Color y, float t) {
    return {x.r + (y.r - x.r) * t, x.g + (y.g - x.g) * t, x.b + (y.b - x.b) * t,
            x.a + (y.a - x.a) * t};
}

// "#RRGGBB" or "#RRGGBBAA"; nullopt for anything else.
std::optional<Color> parseHexColor(std::string_view text);

} // namespace linscape::style
