// Every character a lesson file or a UI/scene source uses must be in the font atlas: a missing
// glyph draws as '?' in front of a class. Builds the real atlas (no GL needed) and looks each
// character up without fallback.
#include "render/fonts.h"

#include <gtest/gtest.h>
#include <imgui.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace fs = std::filesystem;
using linscape::render::FontLibrary;

namespace {

std::string readFile(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Code points of a UTF-8 text (control characters left out).
std::set<unsigned> codePoints(const std::string& s) {
    std::set<unsigned> out;
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        unsigned cp = c;
        int extra = 0;
        if (c >= 0xF0) {
            cp = c & 0x07;
            extra = 3;
        } else if (c >= 0xE0) {
            cp = c & 0x0F;
            extra = 2;
        } else if (c >= 0xC0) {
            cp = c & 0x1F;
            extra = 1;
        }
        for (int k = 1; k <= extra && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        i += 1 + extra;
        if (cp >= 0x20 && cp != 0x7F) out.insert(cp);
    }
    return out;
}

std::string hex(unsigned cp) {
    char b[16];
    std::snprintf(b, sizeof b, "U+%04X", cp);
    return b;
}

class GlyphCoverage : public ::testing::Test {
protected:
    void SetUp() override {
        m_ctx = ImGui::CreateContext();
        m_fonts.build(16.0f, 1.0f);
        if (m_fonts.fallback()) GTEST_SKIP() << "DejaVu fonts are not installed";
    }
    void TearDown() override { ImGui::DestroyContext(m_ctx); }

    // Characters (with a file that uses each) that `font` lacks.
    static std::map<unsigned, std::string> missing(const ImFont* font,
                                                   const std::map<unsigned, std::string>& used) {
        std::map<unsigned, std::string> out;
        for (const auto& [cp, file] : used)
            if (!font->FindGlyphNoFallback(static_cast<ImWchar>(cp))) out[cp] = file;
        return out;
    }
    static std::string describe(const std::map<unsigned, std::string>& m) {
        std::string s;
        for (const auto& [cp, file] : m)
            s += "  " + hex(cp) + " in " + file + "\n";
        return s;
    }
    static std::map<unsigned, std::string> charactersIn(const fs::path& dir, const char* ext,
                                                        const char* skip = nullptr) {
        std::map<unsigned, std::string> used;
        for (const auto& e : fs::directory_iterator(dir)) {
            if (e.path().extension() != ext) continue;
            if (skip && e.path().filename() == skip) continue;
            for (unsigned cp : codePoints(readFile(e.path())))
                used.emplace(cp, e.path().filename().string());
        }
        return used;
    }

    ImGuiContext* m_ctx = nullptr;
    FontLibrary m_fonts;
};

const fs::path kSource = LINSCAPE_SOURCE_DIR;

} // namespace

TEST_F(GlyphCoverage, EveryLessonCharacterIsInTheTextFonts) {
    const auto used = charactersIn(kSource / "lessons", ".toml");
    ASSERT_GT(used.size(), 60u) << "the lessons were not found";
    // Narration is set in the UI font with bold emphasis; NumPy snippets in the monospace face.
    EXPECT_TRUE(missing(m_fonts.ui(), used).empty()) << "UI font lacks:\n"
                                                     << describe(missing(m_fonts.ui(), used));
    EXPECT_TRUE(missing(m_fonts.bold(), used).empty()) << "bold font lacks:\n"
                                                       << describe(missing(m_fonts.bold(), used));
    EXPECT_TRUE(missing(m_fonts.mono(), used).empty()) << "mono font lacks:\n"
                                                       << describe(missing(m_fonts.mono(), used));
}

TEST_F(GlyphCoverage, TheSymbolsLessonsWriteIncludeThePerpendicularSign) {
    // U+27C2 (⟂) is not in DejaVu Sans itself: it comes from the merged math font.
    for (const ImFont* f : std::initializer_list<const ImFont*>{m_fonts.ui(), m_fonts.bold(),
                                                                m_fonts.canvasFont(16).font})
        EXPECT_NE(f->FindGlyphNoFallback(0x27C2), nullptr);
}

TEST_F(GlyphCoverage, EveryUiAndSceneStringCharacterIsInTheAtlas) {
    // Whole source files (comments too): a stricter check than the strings alone, and cheap.
    auto ui = charactersIn(kSource / "app" / "ui", ".cpp");
    const auto widgets = charactersIn(kSource / "app" / "widgets", ".cpp");
    ui.insert(widgets.begin(), widgets.end());
    EXPECT_TRUE(missing(m_fonts.ui(), ui).empty()) << "UI font lacks:\n"
                                                   << describe(missing(m_fonts.ui(), ui));
    // Scene labels are drawn with the canvas ladder of sizes.
    const auto scenes = charactersIn(kSource / "app" / "scenes", ".cpp");
    for (float size : {13.0f, 20.0f, 34.0f, 64.0f}) {
        const ImFont* f = m_fonts.canvasFont(size).font;
        EXPECT_TRUE(missing(f, scenes).empty()) << "canvas font for " << size << " px lacks:\n"
                                                << describe(missing(f, scenes));
    }
}

TEST_F(GlyphCoverage, LessonCharactersThatReachSceneLabelsAreInTheCanvasFonts) {
    // Step titles and parameter strings can end up as canvas labels (vector names, captions).
    const auto used = charactersIn(kSource / "lessons", ".toml");
    const ImFont* f = m_fonts.canvasFont(16).font;
    EXPECT_TRUE(missing(f, used).empty()) << "canvas font lacks:\n" << describe(missing(f, used));
}
