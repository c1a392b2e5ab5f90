// The embedded themes parse, every theme defines every colour, and bad theme files are reported.
#include "style/theme.h"

#include <gtest/gtest.h>

using namespace linscape::style;

TEST(Theme, EmbeddedThemesAreComplete) {
    for (ThemeId id : {ThemeId::Dark, ThemeId::Light, ThemeId::Contrast}) {
        const Palette& p = palette(id);
        EXPECT_EQ(p.background.a, 1.0f);
        // î and ĵ must never be the same colour.
        EXPECT_FALSE(p.iHat.r == p.jHat.r && p.iHat.g == p.jHat.g && p.iHat.b == p.jHat.b);
    }
    // Dark and light really differ.
    EXPECT_LT(palette(ThemeId::Dark).background.r, 0.2f);
    EXPECT_GT(palette(ThemeId::Light).background.r, 0.8f);
}

TEST(Theme, HexColours) {
    auto c = parseHexColor("#FF8000");
    ASSERT_TRUE(c);
    EXPECT_FLOAT_EQ(c->r, 1.0f);
    EXPECT_NEAR(c->g, 128.0 / 255.0, 1e-6);
    EXPECT_FLOAT_EQ(c->b, 0.0f);
    EXPECT_FLOAT_EQ(c->a, 1.0f);
    EXPECT_NEAR(parseHexColor("#00000080")->a, 128.0 / 255.0, 1e-6);
    EXPECT_FALSE(parseHexColor("FF8000"));
    EXPECT_FALSE(parseHexColor("#GG0000"));
    EXPECT_FALSE(parseHexColor("#123"));
}

TEST(Theme, BrokenFilesSayWhere) {
    Palette d, l, c;
    std::string error;
    EXPECT_FALSE(loadThemes("[dark\nbackground = 1", d, l, c, &error));
    EXPECT_NE(error.find("1:"), std::string::npos) << error;
    EXPECT_FALSE(loadThemes("[dark]\nbackground = \"#zz0000\"\n", d, l, c, &error));
    EXPECT_NE(error.find("2:"), std::string::npos) << error;
    EXPECT_FALSE(loadThemes("[dark]\n", d, l, c, &error));
    EXPECT_NE(error.find("lacks"), std::string::npos) << error;
}
