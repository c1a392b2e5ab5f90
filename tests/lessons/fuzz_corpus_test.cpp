// Replays the lesson loader's fuzz corpus (tests/fuzz/corpus/lesson_loader) through the same calls
// as the libFuzzer target, in every preset: under asan this is the sanitizer check of the corpus,
// and everywhere it holds the loader to its contract: a lesson, or errors that name a code.
#include "lessons/expr.h"
#include "lessons/loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using namespace linscape::lessons;

TEST(FuzzCorpus, EveryInputLoadsOrNamesItsErrors) {
    const fs::path dir = fs::path(LINSCAPE_SOURCE_DIR) / "tests/fuzz/corpus/lesson_loader";
    ASSERT_TRUE(fs::is_directory(dir)) << dir;
    int inputs = 0, loaded = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::ostringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        ++inputs;
        const LoadResult r = parseLesson(text, "fuzz.toml", [&](const std::string& path) {
            return path.size() % 2 ? std::optional<std::string>(text) : std::nullopt;
        });
        if (r.lesson) {
            ++loaded;
            EXPECT_TRUE(r.errors.empty()) << entry.path();
            for (const Step& s : r.lesson->steps)
                (void)parseNarration(s.narration);
        } else {
            ASSERT_FALSE(r.errors.empty()) << entry.path() << ": no lesson and no error";
            for (const Diagnostic& d : r.errors) {
                EXPECT_FALSE(d.code.empty()) << entry.path();
                EXPECT_EQ(d.code.rfind("E_", 0), 0u) << entry.path() << ": " << d.code;
                EXPECT_FALSE(d.message.empty()) << entry.path();
            }
        }
        if (text.size() < 512) {
            std::vector<double> out;
            std::string why;
            if (!evaluateExpr(text, {}, out, &why)) {
                EXPECT_FALSE(why.empty()) << entry.path();
            }
        }
    }
    EXPECT_GE(inputs, 50) << "the corpus is expected to hold the seeds and the minimised inputs";
    // The seeds are the shipped lessons, which must load.
    EXPECT_GE(loaded, 12);
}
