// The eigen and SVD scenes: the sweep's alignment directions against hand-worked eigenvectors and
// the engine's, the SVD stages composing to A, and a staged path with no jumps.
#include "scenes/decomp_math.h"
#include "scenes/eigen_scene.h"
#include "scenes/svd_scene.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace linscape;
using namespace linscape::scenes;

namespace {

constexpr double kPi = std::numbers::pi;

Eigen::Matrix2d mat(double a, double b, double c, double d) {
    Eigen::Matrix2d m;
    m << a, b, c, d;
    return m;
}

double deg(double r) {
    return r * 180.0 / kPi;
}

// Angle of a line (mod 180°) in degrees.
double lineAngle(const Eigen::Vector2d& v) {
    double a = std::fmod(deg(std::atan2(v.y(), v.x())) + 360.0, 180.0);
    return a >= 180.0 - 1e-9 ? 0.0 : a;
}

double lineDistance(double a, double b) {
    const double d = std::fmod(std::abs(a - b), 180.0);
    return std::min(d, 180.0 - d);
}

} // namespace

TEST(EigenSweep, SymmetricHandWorked) {
    // [[2,1],[1,2]]: (1,1) is scaled by 3, (1,-1) by 1: lines at 45° and 135°.
    const auto al = decomp::eigenAlignments(mat(2, 1, 1, 2));
    ASSERT_EQ(al.kind, decomp::Alignments::Kind::Lines);
    ASSERT_EQ(al.hits.size(), 4u);
    const double angles[4] = {45, 135, 225, 315};
    const double lambdas[4] = {3, 1, 3, 1};
    for (int i = 0; i < 4; ++i) {
        EXPECT_NEAR(deg(al.hits[size_t(i)].angle), angles[i], 1e-9);
        EXPECT_NEAR(al.hits[size_t(i)].lambda, lambdas[i], 1e-12);
    }
}

TEST(EigenSweep, UpperTriangularHandWorked) {
    // [[3,1],[0,2]]: λ = 3 on the x-axis; A - 2I = [[1,1],[0,0]] kills (1,-1): the 135° line.
    const auto al = decomp::eigenAlignments(mat(3, 1, 0, 2));
    ASSERT_EQ(al.hits.size(), 4u);
    EXPECT_NEAR(deg(al.hits[0].angle), 0, 1e-9);
    EXPECT_NEAR(al.hits[0].lambda, 3, 1e-12);
    EXPECT_NEAR(deg(al.hits[1].angle), 135, 1e-9);
    EXPECT_NEAR(al.hits[1].lambda, 2, 1e-12);
    EXPECT_NEAR(deg(al.hits[2].angle), 180, 1e-9);
    EXPECT_NEAR(deg(al.hits[3].angle), 315, 1e-9);
}

TEST(EigenSweep, ShearHasOneLineRotationNoneScalarEvery) {
    const auto shear = decomp::eigenAlignments(mat(1, 1, 0, 1));
    ASSERT_EQ(shear.kind, decomp::Alignments::Kind::Lines);
    ASSERT_EQ(shear.hits.size(), 2u); // the x-axis, met at 0° and 180°
    EXPECT_NEAR(deg(shear.hits[0].angle), 0, 1e-9);
    EXPECT_NEAR(deg(shear.hits[1].angle), 180, 1e-9);
    EXPECT_NEAR(shear.hits[0].lambda, 1, 1e-12);
    EXPECT_EQ(decomp::eigenAlignments(mat(0, -1, 1, 0)).kind, decomp::Alignments::Kind::None);
    EXPECT_EQ(decomp::eigenAlignments(mat(1, -2, 2, 1)).kind, decomp::Alignments::Kind::None);
    const auto two = decomp::eigenAlignments(mat(2, 0, 0, 2));
    EXPECT_EQ(two.kind, decomp::Alignments::Kind::Every);
    EXPECT_EQ(two.everyLambda, 2.0);
    EXPECT_EQ(decomp::eigenAlignments(Eigen::Matrix2d::Zero()).kind,
              decomp::Alignments::Kind::Every);
}

// Every alignment is a true eigen-direction (Av = λv) and matches the engine's eigenvectors.
class EigenSweepMatchesEngine : public ::testing::TestWithParam<std::array<double, 4>> {};

TEST_P(EigenSweepMatchesEngine, Directions) {
    const auto p = GetParam();
    const Eigen::Matrix2d a = mat(p[0], p[1], p[2], p[3]);
    const auto al = decomp::eigenAlignments(a);
    auto eig = engine::analyzeEigen(a);
    ASSERT_TRUE(eig.ok());
    const auto& e = eig.value();
    ASSERT_NE(e.kind, engine::EigenCase::Complex);
    ASSERT_EQ(al.kind, decomp::Alignments::Kind::Lines);
    ASSERT_EQ(al.hits.size(), size_t(2 * e.vectors.cols()));
    for (const auto& h : al.hits) {
        const Eigen::Vector2d v(std::cos(h.angle), std::sin(h.angle));
        EXPECT_LT((a * v - h.lambda * v).norm(), 1e-9 * std::max(1.0, a.norm()));
        bool matched = false;
        for (Eigen::Index j = 0; j < e.vectors.cols(); ++j)
            if (lineDistance(lineAngle(v), lineAngle(e.vectors.col(j))) < 1e-6 &&
                std::abs(h.lambda - e.realValues[size_t(j)]) < 1e-9 * std::max(1.0, a.norm()))
                matched = true;
        EXPECT_TRUE(matched) << "hit at " << deg(h.angle) << "° λ=" << h.lambda;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Matrices, EigenSweepMatchesEngine,
    ::testing::Values(std::array<double, 4>{2, 1, 1, 2}, std::array<double, 4>{3, 1, 0, 2},
                      std::array<double, 4>{1, 2, 3, -4}, std::array<double, 4>{0.5, -1.5, 0.25, 2},
                      std::array<double, 4>{1, 1, 0, 1}, std::array<double, 4>{2, 1, -1, 0},
                      std::array<double, 4>{1, 2, 0.5, 1},
                      std::array<double, 4>{1e6, 2e6, 3e6, 1e6},
                      // Rounded shears: the engine calls them defective, and the sweep must find
                      // one line, not two or none.
                      std::array<double, 4>{1, 1, 1e-12, 1},
                      std::array<double, 4>{1, 1, -1e-12, 1}));

TEST(EigenScene, SweepPassesTheDirectionsInOrder) {
    EigenScene s;
    ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(mat(2, 1, 1, 2))), "");
    ASSERT_EQ(s.setParam("mode", std::string("sweep")), "");
    s.update(0);
    EXPECT_EQ(s.sweepAngle(), 0.0);
    EXPECT_TRUE(s.passedAlignments().empty());
    s.update(s.duration() / 2); // v has turned half way: 45° and 135° found
    EXPECT_NEAR(s.sweepAngle(), kPi, 1e-12);
    auto passed = s.passedAlignments();
    ASSERT_EQ(passed.size(), 2u);
    EXPECT_NEAR(deg(passed[0].angle), 45, 1e-9);
    EXPECT_NEAR(deg(passed[1].angle), 135, 1e-9);
    s.update(s.duration());
    EXPECT_EQ(s.passedAlignments().size(), 4u);
}

TEST(EigenScene, GridPathKeepsTheEigenvectors) {
    // (1-s)I + sA has A's eigenvectors for every s, so the eigen-lines hold still.
    EigenScene s;
    const Eigen::Matrix2d a = mat(3, 1, 0, 2);
    ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(a)), "");
    const Eigen::Vector2d v1(1, 0), v2 = Eigen::Vector2d(-1, 1).normalized();
    for (int k = 0; k <= 20; ++k) {
        s.update(s.duration() * k / 20.0);
        const Eigen::Matrix2d m = s.current();
        for (const Eigen::Vector2d& v : {v1, v2}) {
            const Eigen::Vector2d mv = m * v;
            EXPECT_NEAR(mv.x() * v.y() - mv.y() * v.x(), 0, 1e-12) << "t step " << k;
        }
    }
    s.update(s.duration());
    EXPECT_EQ(s.current(), a);
}

TEST(EigenScene, EveryCaseHasItsSentenceAndNoNaN) {
    struct Case {
        Eigen::Matrix2d a;
        const char* word;
    };
    const Case cases[] = {{mat(2, 1, 1, 2), "perpendicular"},
                          {mat(3, 1, 0, 2), "eigen-directions"},
                          {mat(2, 0, 0, 2), "every direction"},
                          {mat(1, 1, 0, 1), "shear"},
                          {mat(0, -1, 1, 0), "rotates every vector by 90"},
                          {mat(1, -2, 1, 1), "modulus"},
                          {Eigen::Matrix2d::Zero(), "A = 0"},
                          {mat(1e300, 0, 0, 1e300), "every direction"},
                          {mat(1e-300, 2e-300, 0, 1e-300), "shear"}};
    for (const Case& c : cases)
        for (const char* mode : {"grid", "sweep"}) {
            EigenScene s;
            ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(c.a)), "");
            ASSERT_EQ(s.setParam("mode", std::string(mode)), "");
            s.update(s.duration() * 0.6);
            const std::string text = s.caption();
            EXPECT_EQ(text.find("nan"), std::string::npos) << text;
            EXPECT_EQ(text.find("inf"), std::string::npos) << text;
            if (std::string(mode) == "grid") {
                EXPECT_NE(text.find(c.word), std::string::npos) << text;
            }
            EXPECT_TRUE(s.current().allFinite());
        }
}

TEST(EigenScene, RefusesNonFiniteAndKeepsA) {
    EigenScene s;
    const Eigen::Matrix2d before = s.matrix();
    Eigen::MatrixXd bad = Eigen::MatrixXd::Identity(2, 2);
    bad(1, 0) = std::numeric_limits<double>::infinity();
    EXPECT_NE(s.setParam("A", bad), "");
    EXPECT_EQ(s.matrix(), before);
    EXPECT_NE(s.setParam("mode", std::string("spin")), "");
}

TEST(SvdStages, HandWorkedReflection) {
    // diag(3, -2): σ = 3, 2; U = V = I (rotations) and the flip is Σ's last entry.
    auto an = engine::analyze(mat(3, 0, 0, -2));
    ASSERT_TRUE(an.ok());
    const auto st = decomp::svdStages(an.value().svd);
    EXPECT_TRUE(st.U.isApprox(Eigen::Matrix2d::Identity()));
    EXPECT_TRUE(st.Vt.isApprox(Eigen::Matrix2d::Identity()));
    EXPECT_DOUBLE_EQ(st.S(0), 3);
    EXPECT_DOUBLE_EQ(st.S(1), -2);
    EXPECT_EQ(decomp::svdStageMatrix(st, 2), Eigen::Matrix2d(mat(3, 0, 0, -2)));
    // Half way through the scale stage the y-axis is squashed to 1 + (−2 − 1)/2 = −0.5.
    const Eigen::Matrix2d mid = decomp::svdStageMatrix(st, 1.5);
    EXPECT_NEAR(mid(1, 1), -0.5, 1e-12);
    EXPECT_NEAR(mid(0, 0), 2.0, 1e-12);
}

TEST(SvdStages, HandWorkedRotations) {
    // A = R(40°) diag(3, 1) R(-25°): σ = 3, 1 and the stages turn by −25° and 40° (or both pairs
    // flipped together, which adds 180° to each rotation; the product is A either way).
    const Eigen::Matrix2d a =
        decomp::rotation(40 * kPi / 180) * mat(3, 0, 0, 1) * decomp::rotation(-25 * kPi / 180);
    auto an = engine::analyze(a);
    ASSERT_TRUE(an.ok());
    const auto st = decomp::svdStages(an.value().svd);
    EXPECT_NEAR(st.S(0), 3, 1e-12);
    EXPECT_NEAR(st.S(1), 1, 1e-12);
    auto same = [](double x, double y) {
        const double d = std::fmod(std::abs(x - y) + 360.0, 360.0);
        return std::min(d, 360.0 - d);
    };
    const double u = deg(st.angleU), vt = deg(st.angleVt);
    const bool direct = same(u, 40) < 1e-9 && same(vt, -25) < 1e-9;
    const bool flipped = same(u, 220) < 1e-9 && same(vt, 155) < 1e-9;
    EXPECT_TRUE(direct || flipped) << u << " " << vt;
    EXPECT_NEAR(st.U.determinant(), 1, 1e-12);
    EXPECT_NEAR(st.Vt.determinant(), 1, 1e-12);
}

// Stage ends: Vᵀ, then ΣVᵀ, then UΣVᵀ = A, for ordinary, reflecting, repeated and singular A.
class SvdStagesCompose : public ::testing::TestWithParam<std::array<double, 4>> {};

TEST_P(SvdStagesCompose, EndsAreTheFactors) {
    const auto p = GetParam();
    const Eigen::Matrix2d a = mat(p[0], p[1], p[2], p[3]);
    SvdScene s;
    ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(a)), "");
    const auto& st = s.factors();
    const Eigen::Matrix2d sigma = st.S.asDiagonal();
    const double third = s.duration() / 3;
    s.update(0);
    EXPECT_EQ(s.current(), Eigen::Matrix2d::Identity());
    s.update(third);
    EXPECT_EQ(s.current(), st.Vt);
    s.update(2 * third);
    EXPECT_TRUE(s.current().isApprox(sigma * st.Vt, 1e-14));
    s.update(s.duration());
    EXPECT_LT((s.current() - a).norm(), 1e-12 * std::max(1.0, a.norm()));
    EXPECT_TRUE(s.current().isApprox(st.U * sigma * st.Vt, 1e-14));
    // U and V rotate (det +1); the sign of det A is in Σ.
    EXPECT_NEAR(st.U.determinant(), 1, 1e-12);
    EXPECT_NEAR(st.Vt.determinant(), 1, 1e-12);
    if (a.determinant() < 0) {
        EXPECT_LT(st.S(1), 0);
    }
    // The stage matrices in the middle are what they say: a rotation, a diagonal scale after Vᵀ,
    // a rotation before ΣVᵀ.
    s.update(third * 0.5);
    EXPECT_NEAR(s.current().determinant(), 1, 1e-12);
    EXPECT_TRUE((s.current() * s.current().transpose()).isApprox(Eigen::Matrix2d::Identity()));
    s.update(third * 1.5);
    const Eigen::Matrix2d d = s.current() * st.Vt.transpose();
    const double rounding = 1e-12 * std::max(1.0, st.S.cwiseAbs().maxCoeff()); // relative to Σ
    EXPECT_NEAR(d(0, 1), 0, rounding);
    EXPECT_NEAR(d(1, 0), 0, rounding);
}

TEST_P(SvdStagesCompose, PathHasNoJumps) {
    const auto p = GetParam();
    const Eigen::Matrix2d a = mat(p[0], p[1], p[2], p[3]);
    SvdScene s;
    ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(a)), "");
    const double scale = std::max(1.0, a.norm());
    // 60 fps over the whole animation: no frame moves further than the speed bound allows
    // (a rotation by at most 180° or a scale change of at most |S - 1| per stage, eased at
    // most 1.5x the average speed).
    const int frames = int(s.duration() * 60);
    const double bound =
        1.5 * (kPi * scale + (s.factors().S.cwiseAbs().maxCoeff() + 1) * 2) * 3.0 / frames * 1.5;
    s.update(0);
    Eigen::Matrix2d prev = s.current();
    for (int k = 1; k <= frames; ++k) {
        s.update(s.duration() * k / frames);
        const Eigen::Matrix2d m = s.current();
        ASSERT_TRUE(m.allFinite());
        EXPECT_LT((m - prev).norm(), bound) << "frame " << k;
        prev = m;
    }
    // At the stage boundaries the path is continuous to rounding.
    for (double b : {s.duration() / 3, 2 * s.duration() / 3, s.duration()}) {
        s.update(b - 1e-9);
        const Eigen::Matrix2d before = s.current();
        s.update(b);
        EXPECT_LT((s.current() - before).norm(), 1e-6 * scale) << "boundary " << b;
    }
    // The same time gives the same matrix (nothing drifts between frames).
    s.update(1.234);
    const Eigen::Matrix2d once = s.current();
    s.update(4.0);
    s.update(1.234);
    EXPECT_EQ(s.current(), once);
}

INSTANTIATE_TEST_SUITE_P(Matrices, SvdStagesCompose,
                         ::testing::Values(std::array<double, 4>{2, 1.5, -0.5, 1.375},
                                           std::array<double, 4>{1, 2, 3, 4},  // det < 0
                                           std::array<double, 4>{0, 1, 1, 0},  // a mirror
                                           std::array<double, 4>{1, -1, 1, 1}, // σ repeated
                                           std::array<double, 4>{2, 0, 0, 2},
                                           std::array<double, 4>{1, 2, 0.5, 1}, // rank 1
                                           std::array<double, 4>{0, 0, 0, 0},
                                           std::array<double, 4>{-3, 0, 0, -1},
                                           std::array<double, 4>{1e5, 3e5, -2e5, 1e5}));

TEST(SvdScene, StagesCoverTheTimeline) {
    SvdScene s;
    const auto st = s.stages();
    ASSERT_EQ(st.size(), 3u);
    EXPECT_EQ(st[0].start, 0.0);
    EXPECT_EQ(st[0].end, st[1].start);
    EXPECT_EQ(st[1].end, st[2].start);
    EXPECT_EQ(st[2].end, s.duration());
    EXPECT_NE(st[0].label.find("V"), std::string::npos);
    EXPECT_NE(st[1].label.find("\u03a3"), std::string::npos);
    EXPECT_NE(st[2].label.find("U"), std::string::npos);
}

TEST(SvdScene, CaptionsExplainTheSpecialCases) {
    struct Case {
        Eigen::Matrix2d a;
        const char* word;
    };
    const Case cases[] = {{mat(1, 2, 3, 4), "reflection"},
                          {mat(1, -1, 1, 1), "not unique"},
                          {mat(1, 2, 0.5, 1), "rank 1"},
                          {Eigen::Matrix2d::Zero(), "A = 0"}};
    for (const Case& c : cases) {
        SvdScene s;
        ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(c.a)), "");
        s.update(s.duration());
        const std::string text = s.caption();
        EXPECT_NE(text.find(c.word), std::string::npos) << text;
        EXPECT_EQ(text.find("nan"), std::string::npos) << text;
    }
}

TEST(SvdScene, SingleStageAnimation) {
    // stage = 2: the animation runs Σ alone, from Vᵀ (where stage 1 ended) to ΣVᵀ.
    SvdScene s;
    ASSERT_EQ(s.setParam("stage", std::string("2")), "");
    const auto& st = s.factors();
    s.update(0);
    EXPECT_EQ(s.current(), st.Vt);
    s.update(s.duration());
    EXPECT_TRUE(s.current().isApprox(Eigen::Matrix2d(st.S.asDiagonal()) * st.Vt, 1e-14));
    ASSERT_EQ(s.stages().size(), 1u);
    EXPECT_EQ(s.stages()[0].end, s.duration());
    EXPECT_NE(s.setParam("stage", std::string("4")), "");
    ASSERT_EQ(s.setParam("stage", std::string("all")), "");
    EXPECT_EQ(s.stages().size(), 3u);
}
