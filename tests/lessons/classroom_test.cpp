// The classroom actions on the app state (no window): opening steps, stepping during an
// animation, answer checking, try-it goals, live edits, and progress saved atomically.
#include "core/classroom.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace linscape;
namespace fs = std::filesystem;

namespace {

fs::path scratch(const std::string& name) {
    const fs::path p = fs::path(LINSCAPE_TEST_OUTPUT_DIR) / "classroom" / name;
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

core::AppState shippedState() {
    core::AppState st;
    st.classroom.library.load(std::string(LINSCAPE_SOURCE_DIR) + "/lessons");
    return st;
}

Eigen::MatrixXd sceneA(const core::AppState& st) {
    return std::get<Eigen::MatrixXd>(*st.scene->param("A"));
}

} // namespace

TEST(ClassroomTest, StartsOnTheFirstLesson) {
    core::AppState st = shippedState();
    ASSERT_TRUE(core::openStartLesson(st));
    EXPECT_EQ(st.classroom.lessonId, "vectors");
    EXPECT_EQ(st.classroom.step, 0);
    ASSERT_TRUE(st.scene);
    EXPECT_EQ(st.scene->id(), "plane2d");
}

TEST(ClassroomTest, StepKeyDuringAnimationJumpsToItsEndFirst) {
    core::AppState st = shippedState();
    ASSERT_TRUE(core::openLessonStep(st, "determinant", 0, nullptr));
    ASSERT_TRUE(st.timeline.playing);
    st.timeline.advance(0.5, st.duration());
    ASSERT_LT(st.timeline.t, st.duration());
    EXPECT_TRUE(core::nextStep(st));
    EXPECT_EQ(st.classroom.step, 0); // still the same step, now at its end state
    EXPECT_EQ(st.timeline.t, st.duration());
    EXPECT_FALSE(st.timeline.playing);
    EXPECT_TRUE(core::nextStep(st));
    EXPECT_EQ(st.classroom.step, 1);
    EXPECT_TRUE(core::previousStep(st)); // animating again: jumps to the end
    EXPECT_EQ(st.classroom.step, 1);
    EXPECT_TRUE(core::previousStep(st));
    EXPECT_EQ(st.classroom.step, 0);
    EXPECT_EQ(sceneA(st)(0, 0), 3.0); // the step's own matrix, whatever came before
}

TEST(ClassroomTest, LastStepMovesOnToTheNextLesson) {
    core::AppState st = shippedState();
    const lessons::Lesson* l = st.classroom.library.find("vectors");
    ASSERT_TRUE(core::openLessonStep(st, "vectors", int(l->steps.size()) - 1, nullptr));
    st.timeline.playing = false;
    EXPECT_TRUE(core::nextStep(st));
    EXPECT_EQ(st.classroom.lessonId, "maps");
}

TEST(ClassroomTest, AnswersAreChecked) {
    core::AppState st = shippedState();
    ASSERT_TRUE(core::openLessonStep(st, "determinant", 1, nullptr));
    st.classroom.answerText = "seven";
    core::checkAnswer(st);
    EXPECT_EQ(st.classroom.feedback, core::Classroom::Feedback::Invalid);
    st.classroom.answerText = "4";
    core::checkAnswer(st);
    EXPECT_EQ(st.classroom.feedback, core::Classroom::Feedback::Wrong);
    EXPECT_FALSE(st.classroom.progress.lessons["determinant"].solved.count(1));
    st.classroom.answerText = "5";
    core::checkAnswer(st);
    EXPECT_EQ(st.classroom.feedback, core::Classroom::Feedback::Correct);
    EXPECT_TRUE(st.classroom.progress.lessons["determinant"].solved.count(1));
    EXPECT_EQ(st.classroom.progress.lessons["determinant"].answers[1], "5");
}

TEST(ClassroomTest, ShapeAnswersInSeveralSpellings) {
    std::vector<int> d;
    for (const char* s : {"(2, 3)", "2x3", "2,3", "[2 3]", "2 × 3"}) {
        ASSERT_TRUE(core::parseShapeAnswer(s, d)) << s;
        EXPECT_EQ(d, (std::vector<int>{2, 3})) << s;
    }
    EXPECT_FALSE(core::parseShapeAnswer("two by three", d));
    EXPECT_FALSE(core::parseShapeAnswer("(0, 3)", d));
    EXPECT_FALSE(core::parseShapeAnswer("", d));
}

TEST(ClassroomTest, TryItNoticesSuccessOnlyAfterAChange) {
    core::AppState st = shippedState();
    ASSERT_TRUE(core::openLessonStep(st, "determinant", 4, nullptr));
    ASSERT_TRUE(core::currentStep(st)->tryGoal);
    core::updateClassroom(st, 0.016);
    EXPECT_FALSE(st.classroom.tryReached);
    EXPECT_NEAR(st.classroom.tryValue, 3.0, 1e-12);
    Eigen::MatrixXd flat(2, 2);
    flat << 2, 4, 1, 2; // ĵ = 2î: area 0
    ASSERT_EQ(st.scene->setParam("A", flat), "");
    core::updateClassroom(st, 0.016);
    EXPECT_TRUE(st.classroom.tryReached);
    EXPECT_TRUE(st.classroom.progress.lessons["determinant"].solved.count(4));
}

TEST(ClassroomTest, LiveEditOfTheOpenLessonShowsAtOnce) {
    const fs::path dir = scratch("live");
    fs::copy_file(fs::path(LINSCAPE_SOURCE_DIR) / "lessons" / "04-determinant.toml",
                  dir / "04-determinant.toml");
    core::AppState st;
    st.classroom.library.load(dir);
    ASSERT_TRUE(core::openLessonStep(st, "determinant", 0, nullptr));
    EXPECT_EQ(sceneA(st)(0, 0), 3.0);
    // Edit the matrix (and its claim) in the file: after ~0.5 s of app time the scene follows.
    std::ifstream in(dir / "04-determinant.toml");
    std::string text((std::istreambuf_iterator<char>(in)), {});
    in.close();
    text.replace(text.find("\nA = [[3, 1], [2, 4]]"), 21, "\nA = [[5, 1], [2, 4]]");
    text.replace(text.find("value = 10"), 10, "value = 18");
    std::ofstream(dir / "04-determinant.toml") << text;
    fs::last_write_time(dir / "04-determinant.toml",
                        fs::last_write_time(dir / "04-determinant.toml") + std::chrono::seconds(1));
    core::updateClassroom(st, 0.3);
    EXPECT_EQ(sceneA(st)(0, 0), 3.0);
    core::updateClassroom(st, 0.3);
    EXPECT_EQ(sceneA(st)(0, 0), 5.0);
    // A broken edit keeps the last good version on screen.
    std::ofstream(dir / "04-determinant.toml") << "id = \"determinant\"\n[[[\n";
    fs::last_write_time(dir / "04-determinant.toml",
                        fs::last_write_time(dir / "04-determinant.toml") + std::chrono::seconds(2));
    core::updateClassroom(st, 0.6);
    EXPECT_EQ(st.classroom.lessonId, "determinant");
    EXPECT_EQ(sceneA(st)(0, 0), 5.0);
    ASSERT_FALSE(st.classroom.library.errors().empty());
    EXPECT_EQ(st.classroom.library.errors()[0].code, "E_TOML_SYNTAX");
    EXPECT_TRUE(st.classroom.library.files()[0].stale);
}

TEST(ProgressTest, SavedAtomicallyAndReloaded) {
    const fs::path dir = scratch("progress");
    const fs::path file = dir / "linscape" / "progress.toml";
    lessons::Progress p;
    p.lastLesson = "determinant";
    p.lessons["determinant"].lastStep = 3;
    p.lessons["determinant"].seen = {0, 1, 2, 3};
    p.lessons["determinant"].solved = {1};
    p.lessons["determinant"].answers[1] = "5";
    std::string error;
    ASSERT_TRUE(p.save(file, &error)) << error;
    EXPECT_FALSE(fs::exists(file.string() + ".tmp"));
    const lessons::Progress q = lessons::Progress::load(file);
    EXPECT_EQ(q.lastLesson, "determinant");
    EXPECT_EQ(q.lessons.at("determinant").lastStep, 3);
    EXPECT_EQ(q.lessons.at("determinant").seen.size(), 4u);
    EXPECT_EQ(q.lessons.at("determinant").answers.at(1), "5");
    // A corrupt file is reported and ignored, never fatal.
    std::ofstream(file) << "last_lesson = [\n";
    std::string warning;
    const lessons::Progress r = lessons::Progress::load(file, &warning);
    EXPECT_TRUE(r.lessons.empty());
    EXPECT_NE(warning.find("progress.toml"), std::string::npos);
}

TEST(ProgressTest, DefaultPathFollowsXdg) {
    setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
    EXPECT_EQ(lessons::Progress::defaultPath(), fs::path("/tmp/xdg-test/linscape/progress.toml"));
    unsetenv("XDG_CONFIG_HOME");
    setenv("HOME", "/tmp/home-test", 1);
    EXPECT_EQ(lessons::Progress::defaultPath(),
              fs::path("/tmp/home-test/.config/linscape/progress.toml"));
}

TEST(ProgressTest, StudentResumesWhereTheyLeftOff) {
    const fs::path dir = scratch("resume");
    core::AppState st = shippedState();
    st.classroom.progressPath = dir / "progress.toml";
    ASSERT_TRUE(core::openLessonStep(st, "inverse", 2, nullptr));
    core::AppState again = shippedState();
    again.classroom.progress = lessons::Progress::load(dir / "progress.toml");
    ASSERT_TRUE(core::openStartLesson(again));
    EXPECT_EQ(again.classroom.lessonId, "inverse");
    EXPECT_EQ(again.classroom.step, 2);
}
