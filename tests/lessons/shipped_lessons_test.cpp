// The shipped lessons: all load, cover the twelve topics with 4 to 10 steps, and every number they
// state is recomputed here with the engine, and where the claim is a basic readout, also
// independently with Eigen, so the engine's own evaluator is not the only judge.
#include "lessons/expr.h"
#include "lessons/library.h"

#include "engine/analysis.h"
#include "scenes/scene.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

using namespace linscape;
using namespace linscape::lessons;

namespace {

const LessonLibrary& shipped() {
    static const LessonLibrary lib = [] {
        LessonLibrary l;
        l.load(std::string(LINSCAPE_SOURCE_DIR) + "/lessons");
        return l;
    }();
    return lib;
}

// Parameters of a step as a scene would hold them: defaults, then the step's values.
ParamLookup stepLookup(const Step& step, std::shared_ptr<scenes::Scene>& keep) {
    keep = scenes::findScene(step.scene)->create();
    EXPECT_EQ(applyStep(step, *keep), "");
    scenes::Scene* s = keep.get();
    return [s](const std::string& n) { return s->param(n); };
}

} // namespace

TEST(ShippedLessonsTest, AllLoadWithoutErrors) {
    for (const Diagnostic& d : shipped().errors())
        ADD_FAILURE() << d.format();
    EXPECT_TRUE(shipped().fromDisk());
}

TEST(ShippedLessonsTest, TwelveTopicsWithFourToTenSteps) {
    const std::vector<std::string> topics = {"vectors", "maps",   "transpose",   "determinant",
                                             "inverse", "rank",   "projections", "eigen",
                                             "svd",     "matmul", "attention",   "layer"};
    for (const std::string& id : topics) {
        const Lesson* l = shipped().find(id);
        ASSERT_NE(l, nullptr) << "no lesson " << id;
        EXPECT_GE(l->steps.size(), 4u) << id;
        EXPECT_LE(l->steps.size(), 10u) << id;
        for (const Step& s : l->steps) {
            EXPECT_FALSE(s.narration.empty()) << id << ": " << s.title;
            EXPECT_NE(scenes::findScene(s.scene), nullptr) << id << ": " << s.scene;
        }
    }
}

TEST(ShippedLessonsTest, EveryClaimRecomputedWithTheEngine) {
    int checked = 0;
    for (const Lesson* l : shipped().lessons())
        for (const Step& s : l->steps) {
            std::shared_ptr<scenes::Scene> scene;
            const ParamLookup lookup = stepLookup(s, scene);
            for (const Claim& c : s.claims) {
                std::vector<double> got;
                std::string why;
                ASSERT_TRUE(evaluateExpr(c.expr, lookup, got, &why)) << l->id << ": " << why;
                ASSERT_EQ(got.size(), c.values.size()) << l->id << ": " << c.expr;
                for (size_t i = 0; i < got.size(); ++i)
                    EXPECT_NEAR(got[i], c.values[i], 1e-6 * std::max(1.0, std::abs(c.values[i])))
                        << l->id << " / " << s.title << ": " << c.expr;
                ++checked;
            }
        }
    EXPECT_GT(checked, 60);
}

// det/rank/trace/eig of a step's own A, recomputed with Eigen directly, not through the engine.
TEST(ShippedLessonsTest, MatrixReadoutsAgreeWithEigen) {
    int checked = 0;
    for (const Lesson* l : shipped().lessons())
        for (const Step& s : l->steps) {
            std::shared_ptr<scenes::Scene> scene;
            stepLookup(s, scene);
            const auto a = scene->param("A");
            if (!a) continue;
            const Eigen::MatrixXd& m = std::get<Eigen::MatrixXd>(*a);
            for (const Claim& c : s.claims) {
                const std::string where = l->id + " / " + s.title + ": " + c.expr;
                if (c.expr == "det(A)") {
                    EXPECT_NEAR(m.determinant(), c.values[0], 1e-9) << where;
                    ++checked;
                } else if (c.expr == "trace(A)") {
                    EXPECT_NEAR(m.trace(), c.values[0], 1e-12) << where;
                    ++checked;
                } else if (c.expr == "rank(A)") {
                    EXPECT_EQ(Eigen::FullPivLU<Eigen::MatrixXd>(m).rank(), int(c.values[0]))
                        << where;
                    ++checked;
                } else if (c.expr == "eig(A)") {
                    Eigen::EigenSolver<Eigen::MatrixXd> es(m);
                    std::vector<double> ev;
                    for (int i = 0; i < es.eigenvalues().size(); ++i) {
                        EXPECT_NEAR(es.eigenvalues()(i).imag(), 0, 1e-9) << where;
                        ev.push_back(es.eigenvalues()(i).real());
                    }
                    std::sort(ev.rbegin(), ev.rend());
                    ASSERT_EQ(ev.size(), c.values.size()) << where;
                    for (size_t i = 0; i < ev.size(); ++i)
                        EXPECT_NEAR(ev[i], c.values[i], 1e-7) << where;
                    ++checked;
                } else if (c.expr == "product(A, v)") {
                    const auto v = std::get<Eigen::MatrixXd>(*scene->param("v"));
                    const Eigen::MatrixXd av = m * v;
                    for (int i = 0; i < av.size(); ++i)
                        EXPECT_NEAR(av(i), c.values[size_t(i)], 1e-9) << where;
                    ++checked;
                }
            }
        }
    EXPECT_GT(checked, 25);
}

TEST(ShippedLessonsTest, EveryExerciseAnswerIsCorrect) {
    int numbers = 0;
    for (const Lesson* l : shipped().lessons())
        for (const Step& s : l->steps) {
            if (!s.exercise) continue;
            const Exercise& ex = *s.exercise;
            if (ex.kind == ExerciseKind::Choice) {
                ASSERT_GE(ex.correctChoice, 0);
                continue;
            }
            // Every number and shape an exercise expects is recomputed.
            ASSERT_FALSE(ex.check.empty() && ex.kind == ExerciseKind::Number)
                << l->id << ": number exercise '" << ex.prompt << "' has no check";
            if (ex.check.empty()) continue;
            std::shared_ptr<scenes::Scene> scene;
            const ParamLookup lookup = stepLookup(s, scene);
            std::vector<double> got;
            std::string why;
            ASSERT_TRUE(evaluateExpr(ex.check, lookup, got, &why)) << why;
            if (ex.kind == ExerciseKind::Number) {
                ASSERT_EQ(got.size(), 1u);
                EXPECT_NEAR(got[0], ex.answer, std::max(ex.tolerance, 1e-9)) << l->id;
                ++numbers;
            } else {
                ASSERT_EQ(got.size(), ex.shape.size());
                for (size_t i = 0; i < got.size(); ++i)
                    EXPECT_EQ(int(got[i]), ex.shape[i]) << l->id;
            }
        }
    EXPECT_GE(numbers, 10);
}

// Hand-worked facts from the lessons, independent of the lesson files' own claims.
TEST(ShippedLessonsTest, HandWorkedFacts) {
    std::vector<double> v;
    ASSERT_TRUE(evaluateExpr("det([[3,1],[2,4]])", {}, v, nullptr));
    EXPECT_DOUBLE_EQ(v[0], 3.0 * 4 - 1.0 * 2);
    ASSERT_TRUE(evaluateExpr("flops(256, 512, 1024)", {}, v, nullptr));
    EXPECT_EQ(v[0], 256.0 * 512 * 1024);
    ASSERT_TRUE(evaluateExpr("sv([[3,0],[4,5]])", {}, v, nullptr));
    EXPECT_NEAR(v[0] * v[1], 15.0, 1e-12);                       // |det|
    EXPECT_NEAR(v[0] * v[0] + v[1] * v[1], 9.0 + 16 + 25, 1e-9); // ‖A‖_F²
    ASSERT_TRUE(evaluateExpr("lstsq([[1,1],[1,2],[1,3]], [1,2,2])", {}, v, nullptr));
    EXPECT_NEAR(v[0], 2.0 / 3.0, 1e-12);
    EXPECT_NEAR(v[1], 0.5, 1e-12);
    ASSERT_TRUE(evaluateExpr("softmax([2,1,0])", {}, v, nullptr));
    EXPECT_NEAR(v[0] + v[1] + v[2], 1.0, 1e-15);
    EXPECT_NEAR(v[0] / v[1], std::exp(1.0), 1e-12);
}

TEST(ShippedLessonsTest, ExpressionErrorsAreClear) {
    std::vector<double> v;
    std::string why;
    EXPECT_FALSE(evaluateExpr("det([[1,2,3],[4,5,6]])", {}, v, &why));
    EXPECT_NE(why.find("square"), std::string::npos);
    EXPECT_FALSE(evaluateExpr("inv([[1,2],[2,4]])", {}, v, &why));
    EXPECT_FALSE(evaluateExpr("frobnicate(1)", {}, v, &why));
    EXPECT_NE(why.find("unknown function"), std::string::npos);
    EXPECT_FALSE(evaluateExpr("det(A", {}, v, &why));
    EXPECT_FALSE(evaluateExpr("eig([[0,-1],[1,0]])", {}, v, &why));
    EXPECT_NE(why.find("complex"), std::string::npos);
    EXPECT_FALSE(evaluateExpr(std::string(200, '('), {}, v, &why));
}

TEST(ShippedLessonsTest, FormatDocExampleIsValid) {
    std::ifstream in(std::string(LINSCAPE_SOURCE_DIR) + "/lessons/FORMAT.md");
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string doc = ss.str();
    const auto start = doc.find("```toml\n");
    ASSERT_NE(start, std::string::npos);
    const auto end = doc.find("```", start + 8);
    const std::string example = doc.substr(start + 8, end - start - 8);
    const LoadResult r = parseLesson(example, "FORMAT.md");
    for (const auto& d : r.errors)
        ADD_FAILURE() << d.format();
    ASSERT_TRUE(r.lesson);
    EXPECT_EQ(r.lesson->steps.size(), 2u);
    ASSERT_TRUE(r.lesson->steps[0].exercise);
    ASSERT_TRUE(r.lesson->steps[1].tryGoal);
}

TEST(ShippedLessonsTest, EmbeddedCopiesMatchTheFolder) {
    const auto embedded = embeddedLessons();
    ASSERT_EQ(embedded.size(), shipped().files().size());
    LessonLibrary lib;
    lib.load({});
    EXPECT_TRUE(lib.errors().empty());
    EXPECT_EQ(lib.lessons().size(), shipped().lessons().size());
}
