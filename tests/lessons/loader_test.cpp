// The lesson loader on good and bad input: every problem has a stable code and a position, bad
// files never crash, and a library keeps the other lessons (and a broken file's last good version).
#include "lessons/library.h"
#include "lessons/loader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

using namespace linscape::lessons;
namespace fs = std::filesystem;

namespace {

const char* kGood = R"TOML(id = "t"
title = "Test"
order = 1

[[steps]]
title = "One"
narration = "Hello *world*."
scene = "plane2d"

[steps.params]
A = [[3, 1], [2, 4]]

[[steps.claims]]
expr = "det(A)"
value = 10
)TOML";

LoadResult load(const std::string& text) {
    return parseLesson(text, "t.toml");
}

// The first error's code, or "" when the file loaded.
std::string firstCode(const LoadResult& r) {
    return r.errors.empty() ? "" : r.errors.front().code;
}

std::string replaced(std::string s, const std::string& from, const std::string& to) {
    const auto p = s.find(from);
    EXPECT_NE(p, std::string::npos) << from;
    if (p != std::string::npos) s.replace(p, from.size(), to);
    return s;
}

fs::path scratch(const std::string& name) {
    const fs::path p = fs::path(LINSCAPE_TEST_OUTPUT_DIR) / "lessons" / name;
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

void writeFile(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

} // namespace

TEST(LessonLoaderTest, GoodFileLoads) {
    const LoadResult r = load(kGood);
    ASSERT_TRUE(r.errors.empty()) << r.errors.front().format();
    ASSERT_TRUE(r.lesson);
    EXPECT_EQ(r.lesson->id, "t");
    ASSERT_EQ(r.lesson->steps.size(), 1u);
    const auto& params = r.lesson->steps[0].params;
    ASSERT_EQ(params.size(), 1u);
    const auto& a = std::get<Eigen::MatrixXd>(params[0].second);
    EXPECT_EQ(a(1, 0), 2.0); // rows as written: [[3, 1], [2, 4]]
}

TEST(LessonLoaderTest, BrokenTomlGivesLineAndColumn) {
    const LoadResult r = load("id = \"x\"\ntitle = \n");
    ASSERT_EQ(firstCode(r), "E_TOML_SYNTAX");
    EXPECT_EQ(r.errors[0].pos.line, 2);
    EXPECT_GT(r.errors[0].pos.column, 0);
    EXPECT_FALSE(r.lesson);
    EXPECT_NE(r.errors[0].format().find("t.toml:2:"), std::string::npos);
}

TEST(LessonLoaderTest, MissingFields) {
    EXPECT_EQ(firstCode(load(replaced(kGood, "id = \"t\"\n", ""))), "E_MISSING_FIELD");
    EXPECT_EQ(firstCode(load("id = \"t\"\ntitle = \"x\"\norder = 1\n")), "E_MISSING_FIELD");
    const LoadResult noScene = load(replaced(kGood, "scene = \"plane2d\"\n", ""));
    ASSERT_FALSE(noScene.errors.empty());
    EXPECT_EQ(noScene.errors[0].code, "E_MISSING_FIELD");
    EXPECT_NE(noScene.errors[0].message.find("scene"), std::string::npos);
}

TEST(LessonLoaderTest, UnknownKeyNamesTheAllowedOnes) {
    const LoadResult r = load(replaced(kGood, "narration =", "narator = \"x\"\nnarration ="));
    ASSERT_EQ(firstCode(r), "E_UNKNOWN_KEY");
    EXPECT_EQ(r.errors[0].pos.line, 7);
    EXPECT_EQ(r.errors[0].pos.column, 1);
    EXPECT_NE(r.errors[0].message.find("narration"), std::string::npos);
}

TEST(LessonLoaderTest, WrongTypes) {
    EXPECT_EQ(firstCode(load(replaced(kGood, "order = 1", "order = \"first\""))), "E_WRONG_TYPE");
    EXPECT_EQ(firstCode(load(replaced(kGood, "title = \"One\"", "title = 3"))), "E_WRONG_TYPE");
    const LoadResult r = load(replaced(kGood, "A = [[3, 1], [2, 4]]", "A = true"));
    ASSERT_EQ(firstCode(r), "E_WRONG_TYPE");
    EXPECT_NE(r.errors[0].message.find("2x2 matrix"), std::string::npos);
    EXPECT_EQ(r.errors[0].pos.line, 11);
}

TEST(LessonLoaderTest, UnknownSceneAndParam) {
    const LoadResult s = load(replaced(kGood, "\"plane2d\"", "\"plane9d\""));
    ASSERT_EQ(firstCode(s), "E_UNKNOWN_SCENE");
    EXPECT_NE(s.errors[0].message.find("plane2d"), std::string::npos); // lists what exists
    const LoadResult p = load(replaced(kGood, "A = [[3, 1], [2, 4]]", "B = [[3, 1], [2, 4]]"));
    ASSERT_EQ(firstCode(p), "E_UNKNOWN_PARAM");
    EXPECT_EQ(p.errors[0].pos.line, 11);
    EXPECT_NE(p.errors[0].message.find("show_grid"), std::string::npos);
}

TEST(LessonLoaderTest, WrongMatrixShape) {
    const LoadResult r =
        load(replaced(kGood, "A = [[3, 1], [2, 4]]", "A = [[1, 2, 3], [4, 5, 6]]"));
    ASSERT_EQ(firstCode(r), "E_WRONG_SHAPE");
    EXPECT_NE(r.errors[0].message.find("(2,3)"), std::string::npos);
    const LoadResult ragged = load(replaced(kGood, "A = [[3, 1], [2, 4]]", "A = [[3, 1], [2]]"));
    ASSERT_EQ(firstCode(ragged), "E_WRONG_TYPE");
    EXPECT_NE(ragged.errors[0].message.find("row 2"), std::string::npos);
}

TEST(LessonLoaderTest, OutOfRangeValues) {
    const std::string t = std::string(kGood) + "\n[steps.animation]\nduration = 1000\n";
    // The claims table precedes: put the animation in the step instead.
    const std::string inStep =
        replaced(kGood, "[steps.params]", "[steps.animation]\nduration = 1000\n\n[steps.params]");
    const LoadResult r = load(inStep);
    ASSERT_EQ(firstCode(r), "E_OUT_OF_RANGE");
    EXPECT_NE(r.errors[0].message.find("60"), std::string::npos);
}

TEST(LessonLoaderTest, WrongClaimIsCaught) {
    const LoadResult r = load(replaced(kGood, "value = 10", "value = 11"));
    ASSERT_EQ(firstCode(r), "E_CLAIM_WRONG");
    EXPECT_NE(r.errors[0].message.find("10"), std::string::npos);
}

TEST(LessonLoaderTest, HugeFileRefusedWithTheLimit) {
    std::string big(10u << 20, '#');
    const LoadResult r = load(big);
    ASSERT_EQ(firstCode(r), "E_TOO_LARGE");
    EXPECT_NE(r.errors[0].message.find(std::to_string(kMaxLessonBytes)), std::string::npos);
}

TEST(LessonLoaderTest, BinaryGarbageRefused) {
    std::mt19937 rng(7);
    std::string junk(4096, '\0');
    for (char& c : junk)
        c = char(rng() & 0xFF);
    const LoadResult r = load(junk);
    ASSERT_FALSE(r.errors.empty());
    EXPECT_EQ(r.errors[0].code, "E_BINARY");
    EXPECT_GE(r.errors[0].pos.line, 1);
    // Invalid UTF-8 without control bytes still fails cleanly in the TOML parser.
    const LoadResult utf = load("id = \"\xC3\x28\"\n");
    EXPECT_EQ(firstCode(utf), "E_TOML_SYNTAX");
}

TEST(LessonLoaderTest, MissingNarrationFile) {
    const std::string text =
        replaced(kGood, "narration = \"Hello *world*.\"", "narration_file = \"notes/missing.md\"");
    const LoadResult r =
        parseLesson(text, "t.toml", [](const std::string&) { return std::nullopt; });
    ASSERT_EQ(firstCode(r), "E_MISSING_ASSET");
    EXPECT_EQ(r.errors[0].pos.line, 7);
    const LoadResult ok =
        parseLesson(text, "t.toml", [](const std::string& p) -> std::optional<std::string> {
            return p == "notes/missing.md" ? std::optional<std::string>("From a file.")
                                           : std::nullopt;
        });
    ASSERT_TRUE(ok.lesson);
    EXPECT_EQ(ok.lesson->steps[0].narration, "From a file.");
}

TEST(LessonLoaderTest, ExerciseKindsValidated) {
    const std::string base = std::string(kGood) + "\n";
    auto withExercise = [&](const std::string& ex) {
        return replaced(kGood, "[[steps.claims]]", ex + "\n[[steps.claims]]");
    };
    EXPECT_EQ(firstCode(load(withExercise("[steps.exercise]\nkind = \"number\"\nprompt = "
                                          "\"?\"\nanswer = 10\ncheck = \"det(A)\"\n"))),
              "");
    EXPECT_EQ(firstCode(load(withExercise("[steps.exercise]\nkind = \"number\"\nprompt = "
                                          "\"?\"\nanswer = 9\ncheck = \"det(A)\"\n"))),
              "E_CLAIM_WRONG");
    EXPECT_EQ(firstCode(load(withExercise(
                  "[steps.exercise]\nkind = \"essay\"\nprompt = \"?\"\nanswer = 9\n"))),
              "E_BAD_VALUE");
    EXPECT_EQ(firstCode(load(withExercise("[steps.exercise]\nkind = \"choice\"\nprompt = "
                                          "\"?\"\nchoices = [\"a\", \"b\"]\nanswer = \"c\"\n"))),
              "E_BAD_VALUE");
    EXPECT_EQ(firstCode(load(withExercise(
                  "[steps.exercise]\nkind = \"shape\"\nprompt = \"?\"\nanswer = [2, 0]\n"))),
              "E_WRONG_TYPE");
    EXPECT_EQ(firstCode(load(
                  withExercise("[steps.try]\nprompt = \"p\"\nexpr = \"det(Q)\"\ntarget = 0\n"))),
              "E_BAD_EXPR");
}

TEST(LessonLoaderTest, NarrationParagraphsAndEmphasis) {
    const auto ps =
        parseNarration("First *bold* line\ncontinues.\n\n  Second 2\\*3 and a lone * star.\n");
    ASSERT_EQ(ps.size(), 2u);
    ASSERT_EQ(ps[0].size(), 3u);
    EXPECT_EQ(ps[0][0].text, "First ");
    EXPECT_TRUE(ps[0][1].emphasis);
    EXPECT_EQ(ps[0][1].text, "bold");
    EXPECT_EQ(ps[0][2].text, " line continues.");
    ASSERT_EQ(ps[1].size(), 1u);
    EXPECT_EQ(ps[1][0].text, "Second 2*3 and a lone * star.");
}

TEST(LessonLibraryTest, BadFileDoesNotStopTheOthers) {
    const fs::path dir = scratch("mixed");
    writeFile(dir / "a.toml", kGood);
    writeFile(dir / "b.toml", "id = [broken\n");
    std::string big(10u << 20, 'x');
    writeFile(dir / "c.toml", big);
    writeFile(dir / "notes.txt", "ignored");
    LessonLibrary lib;
    lib.load(dir);
    ASSERT_EQ(lib.lessons().size(), 1u);
    EXPECT_EQ(lib.lessons()[0]->id, "t");
    const auto errors = lib.errors();
    ASSERT_EQ(errors.size(), 2u);
    EXPECT_EQ(errors[0].code, "E_TOML_SYNTAX");
    EXPECT_NE(errors[0].file.find("b.toml"), std::string::npos);
    EXPECT_EQ(errors[1].code, "E_TOO_LARGE");
}

TEST(LessonLibraryTest, LiveEditKeepsLastGoodVersion) {
    const fs::path dir = scratch("live");
    writeFile(dir / "a.toml", kGood);
    LessonLibrary lib;
    lib.load(dir);
    ASSERT_NE(lib.find("t"), nullptr);
    EXPECT_FALSE(lib.tick(0.2)); // not yet time to scan
    // A broken edit: the last good lesson stays, with the error.
    writeFile(dir / "a.toml", replaced(kGood, "A = [[3, 1], [2, 4]]", "A = [[3, 1], [2, 4]"));
    fs::last_write_time(dir / "a.toml",
                        fs::last_write_time(dir / "a.toml") + std::chrono::seconds(1));
    EXPECT_TRUE(lib.tick(0.4));
    ASSERT_NE(lib.find("t"), nullptr);
    EXPECT_TRUE(lib.files()[0].stale);
    ASSERT_EQ(lib.errors().size(), 1u);
    EXPECT_GE(lib.errors()[0].pos.line, 11); // where the parser notices the missing ']'
    EXPECT_EQ(lib.errors()[0].code, "E_TOML_SYNTAX");
    // Fixed, with a new matrix: the new version replaces it.
    writeFile(dir / "a.toml",
              replaced(replaced(kGood, "A = [[3, 1], [2, 4]]", "A = [[5, 1], [2, 4]]"),
                       "value = 10", "value = 18"));
    fs::last_write_time(dir / "a.toml",
                        fs::last_write_time(dir / "a.toml") + std::chrono::seconds(2));
    EXPECT_TRUE(lib.poll());
    EXPECT_TRUE(lib.errors().empty());
    const auto& a = std::get<Eigen::MatrixXd>(lib.find("t")->steps[0].params[0].second);
    EXPECT_EQ(a(0, 0), 5.0);
    // A new file appears; a deleted one disappears.
    writeFile(dir / "b.toml", replaced(kGood, "id = \"t\"", "id = \"u\""));
    EXPECT_TRUE(lib.poll());
    EXPECT_NE(lib.find("u"), nullptr);
    fs::remove(dir / "a.toml");
    EXPECT_TRUE(lib.poll());
    EXPECT_EQ(lib.find("t"), nullptr);
}

TEST(LessonLibraryTest, DuplicateIdsAndUnknownPrerequisites) {
    const fs::path dir = scratch("dupes");
    writeFile(dir / "a.toml", kGood);
    writeFile(dir / "b.toml",
              replaced(kGood, "order = 1", "order = 2\nprerequisites = [\"nope\"]"));
    LessonLibrary lib;
    lib.load(dir);
    std::vector<std::string> codes;
    for (const auto& e : lib.errors())
        codes.push_back(e.code);
    EXPECT_NE(std::find(codes.begin(), codes.end(), "E_DUPLICATE_ID"), codes.end());
    EXPECT_NE(std::find(codes.begin(), codes.end(), "E_UNKNOWN_LESSON"), codes.end());
    EXPECT_EQ(lib.lessons().size(), 1u);
}
