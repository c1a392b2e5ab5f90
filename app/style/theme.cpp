// Theme loading from the embedded TOML file; see assets/themes.toml.
#include "style/theme.h"

#include <toml++/toml.h>

#include <array>
#include <cstdio>
#include <mutex>

namespace linscape::assets {
std::string_view embeddedFile(std::string_view name);
}

namespace linscape::style {
namespace {

struct Field {
    const char* key;
    Color Palette::*member;
};

constexpr std::array<Field, 21> kFields{{
    {"background", &Palette::background},
    {"panel", &Palette::panel},
    {"panel_alt", &Palette::panelAlt},
    {"border", &Palette::border},
    {"text", &Palette::text},
    {"text_dim", &Palette::textDim},
    {"grid", &Palette::grid},
    {"grid_faint", &Palette::gridFaint},
    {"axis", &Palette::axis},
    {"i_hat", &Palette::iHat},
    {"j_hat", &Palette::jHat},
    {"k_hat", &Palette::kHat},
    {"vector", &Palette::vector},
    {"image_vector", &Palette::imageVector},
    {"area", &Palette::area},
    {"area_flip", &Palette::areaFlip},
    {"accent", &Palette::accent},
    {"warning", &Palette::warning},
    {"error", &Palette::error},
    {"success", &Palette::success},
    {"highlight", &Palette::highlight},
}};

bool readTheme(const toml::table& root, const char* name, Palette& out, std::string* error) {
    const toml::table* t = root[name].as_table();
    if (!t) {
        if (error) *error = std::string("missing theme [") + name + "]";
        return false;
    }
    for (const Field& f : kFields) {
        const auto* node = t->get(f.key);
        const auto* str = node ? node->as_string() : nullptr;
        if (!str) {
            if (error) *error = std::string("theme [") + name + "] lacks '" + f.key + "'";
            return false;
        }
        auto c = parseHexColor(str->get());
        if (!c) {
            const auto& src = node->source();
            if (error)
                *error = std::to_string(src.begin.line) + ":" + std::to_string(src.begin.column) +
                         ": '" + str->get() + "' is not a colour; use #RRGGBB or #RRGGBBAA";
            return false;
        }
        out.*(f.member) = *c;
    }
    return true;
}

struct Themes {
    Palette dark, light, contrast;
    Themes() {
        std::string error;
        if (!loadThemes(assets::embeddedFile("themes.toml"), dark, light, contrast, &error)) {
            std::fprintf(stderr, "linscape: warning: embedded themes.toml: %s\n", error.c_str());
            dark.background = {0.06f, 0.07f, 0.09f, 1};
            dark.text = {0.9f, 0.9f, 0.9f, 1};
            light = contrast = dark;
        }
    }
};

} // namespace

std::uint32_t Color::packed() const {
    auto byte = [](float v) {
        v = v < 0 ? 0 : (v > 1 ? 1 : v);
        return static_cast<std::uint32_t>(v * 255.0f + 0.5f);
    };
    return byte(r) | (byte(g) << 8) | (byte(b) << 16) | (byte(a) << 24);
}

std::optional<Color> parseHexColor(std::string_view text) {
    if ((text.size() != 7 && text.size() != 9) || text[0] != '#') return std::nullopt;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    float v[4] = {0, 0, 0, 1};
    for (size_t i = 0; i * 2 + 1 < text.size(); ++i) {
        const int hi = hex(text[1 + 2 * i]), lo = hex(text[2 + 2 * i]);
        if (hi < 0 || lo < 0) return std::nullopt;
        v[i] = float(hi * 16 + lo) / 255.0f;
    }
    return Color{v[0], v[1], v[2], v[3]};
}

std::string_view themeName(ThemeId id) {
    switch (id) {
    case ThemeId::Dark:
        return "dark";
    case ThemeId::Light:
        return "light";
    case ThemeId::Contrast:
        return "contrast";
    }
    return "dark";
}

bool parseThemeName(std::string_view name, ThemeId& out) {
    for (ThemeId id : {ThemeId::Dark, ThemeId::Light, ThemeId::Contrast})
        if (name == themeName(id)) {
            out = id;
            return true;
        }
    return false;
}

std::vector<std::string> themeNames() {
    return {"dark", "light", "contrast"};
}

bool loadThemes(std::string_view tomlText, Palette& dark, Palette& light, Palette& contrast,
                std::string* error) {
    toml::table root;
    try {
        // Debian's toml++ is built with exceptions: parse errors arrive as toml::parse_error.
        root = toml::parse(tomlText, std::string_view("themes.toml"));
    } catch (const toml::parse_error& e) {
        if (error)
            *error = std::to_string(e.source().begin.line) + ":" +
                     std::to_string(e.source().begin.column) + ": " + std::string(e.description());
        return false;
    }
    return readTheme(root, "dark", dark, error) && readTheme(root, "light", light, error) &&
           readTheme(root, "contrast", contrast, error);
}

const Palette& palette(ThemeId id) {
    static const Themes themes;
    switch (id) {
    case ThemeId::Light:
        return themes.light;
    case ThemeId::Contrast:
        return themes.contrast;
    case ThemeId::Dark:
        break;
    }
    return themes.dark;
}

} // namespace linscape::style
