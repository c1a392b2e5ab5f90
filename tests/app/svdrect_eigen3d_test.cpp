// The rectangular SVD stages (svdrect) and the 3D eigen-axes (eigen3d), checked against Eigen's
// own decompositions and hand-worked facts.
#include "scenes/eigen3d_scene.h"
#include "scenes/svdrect_math.h"
#include "scenes/svdrect_scene.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <vector>

using namespace linscape;
using namespace linscape::scenes;

namespace {

Eigen::MatrixXd mat(int rows, int cols, std::initializer_list<double> v) {
    Eigen::MatrixXd m(rows, cols);
    auto it = v.begin();
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m(r, c) = *it++;
    return m;
}

decomp::RectSvd rectOf(const Eigen::MatrixXd& a) {
    auto r = engine::analyze(a);
    EXPECT_TRUE(r.ok());
    return decomp::rectSvd(a, r.value());
}

bool noNan(const std::string& s) {
    return s.find("nan") == std::string::npos && s.find("inf") == std::string::npos;
}

} // namespace

TEST(RectSvd, HandWorkedTall) {
    // [[1,0],[0,2],[0,0]]: e2 is stretched by 2 onto e2, e1 by 1 onto e1; e3 is never reached.
    const Eigen::MatrixXd a = mat(3, 2, {1, 0, 0, 2, 0, 0});
    const decomp::RectSvd r = rectOf(a);
    EXPECT_TRUE(r.tall);
    EXPECT_NEAR(r.sigma(0), 2, 1e-14);
    EXPECT_NEAR(r.sigma(1), 1, 1e-14);
    EXPECT_EQ(r.rank, 2);
    ASSERT_EQ(r.U.rows(), 3);
    ASSERT_EQ(r.U.cols(), 3);
    ASSERT_EQ(r.Sigma.rows(), 3);
    ASSERT_EQ(r.Sigma.cols(), 2);
    ASSERT_EQ(r.Vt.rows(), 2);
    EXPECT_NEAR(std::abs(r.Vt(0, 1)), 1, 1e-14); // v1 = ±e2
    EXPECT_NEAR(std::abs(r.U(1, 0)), 1, 1e-14);  // u1 = ±e2
    EXPECT_NEAR(std::abs(r.U(2, 2)), 1, 1e-14);  // u3 = ±e3, the normal of the column space
    EXPECT_LT((r.U * r.Sigma * r.Vt - a).norm(), 1e-14);
    EXPECT_EQ(r.Sigma(2, 0), 0);
    EXPECT_EQ(r.Sigma(2, 1), 0);
}

TEST(RectSvd, HandWorkedWide) {
    // [[1,0,0],[0,2,0]]: σ = 2, 1 and e3 is the null space.
    const Eigen::MatrixXd a = mat(2, 3, {1, 0, 0, 0, 2, 0});
    const decomp::RectSvd r = rectOf(a);
    EXPECT_FALSE(r.tall);
    EXPECT_NEAR(r.sigma(0), 2, 1e-14);
    EXPECT_NEAR(r.sigma(1), 1, 1e-14);
    ASSERT_EQ(r.Vt.rows(), 3);
    const Eigen::Vector3d v3 = r.Vt.row(2).transpose();
    EXPECT_NEAR(std::abs(v3.z()), 1, 1e-14);
    EXPECT_LT((a * v3).norm(), 1e-14);
    EXPECT_LT((r.U * r.Sigma * r.Vt - a).norm(), 1e-14);
}

TEST(RectSvd, MirroredFactorIsMadeARotation) {
    // [[0,2],[1,0],[0,0]]: the engine's V is [e2 e1] up to signs, a reflection for its sign rule.
    const Eigen::MatrixXd a = mat(3, 2, {0, 2, 1, 0, 0, 0});
    const engine::SvdResult raw = engine::canonicalSvd(a);
    const decomp::RectSvd r = rectOf(a);
    EXPECT_EQ(r.pairFlipped, raw.Vt.determinant() < 0);
    EXPECT_NEAR(r.Vt.determinant(), 1, 1e-14);
    EXPECT_NEAR(r.U.determinant(), 1, 1e-14);
    // Pair 1 keeps the engine's signs.
    EXPECT_LT((r.Vt.row(0) - raw.Vt.row(0)).norm(), 1e-15);
    EXPECT_LT((r.U * r.Sigma * r.Vt - a).norm(), 1e-14);
}

class RectSvdMatchesEigen : public ::testing::TestWithParam<Eigen::MatrixXd> {};

TEST_P(RectSvdMatchesEigen, FactorsStagesAndPath) {
    const Eigen::MatrixXd a = GetParam();
    const decomp::RectSvd r = rectOf(a);
    const double scale = std::max(1.0, a.norm());
    Eigen::JacobiSVD<Eigen::MatrixXd> ref(a);
    EXPECT_NEAR(r.sigma(0), ref.singularValues()(0), 1e-12 * scale);
    EXPECT_NEAR(r.sigma(1), ref.singularValues()(1), 1e-12 * scale);
    EXPECT_EQ(r.rank, Eigen::FullPivLU<Eigen::MatrixXd>(a).rank());
    // Full, orthogonal, proper factors with A = U Σ Vᵀ.
    const Eigen::Index m = a.rows(), n = a.cols();
    EXPECT_LT((r.U.transpose() * r.U - Eigen::MatrixXd::Identity(m, m)).norm(), 1e-12);
    EXPECT_LT((r.Vt * r.Vt.transpose() - Eigen::MatrixXd::Identity(n, n)).norm(), 1e-12);
    EXPECT_NEAR(r.U.determinant(), 1, 1e-12);
    EXPECT_NEAR(r.Vt.determinant(), 1, 1e-12);
    EXPECT_LT((r.U * r.Sigma * r.Vt - a).norm(), 1e-12 * scale);
    // The stage ends: I, Vᵀ, ΣVᵀ, A (on the plane z = 0 for 3x2; with a zero third row for 2x3).
    EXPECT_EQ(decomp::rectStageMatrix(r, 0), Eigen::Matrix3d::Identity());
    const Eigen::Matrix3d end = decomp::rectStageMatrix(r, 3);
    if (r.tall) {
        EXPECT_LT((end.leftCols(2) - a).norm(), 1e-12 * scale);
        EXPECT_LT((decomp::rectStageMatrix(r, 1).topLeftCorner(2, 2) - r.Vt).norm(), 1e-14);
        // u3 is normal to the column space: Aᵀ u3 = 0.
        EXPECT_LT((a.transpose() * r.U.col(2)).norm(), 1e-12 * scale);
    } else {
        EXPECT_LT((end.topRows(2) - a).norm(), 1e-12 * scale);
        EXPECT_LT(end.row(2).norm(), 1e-14);
        EXPECT_LT((decomp::rectStageMatrix(r, 1) - r.Vt).norm(), 1e-14);
        // After Σ the third direction is gone.
        EXPECT_LT(decomp::rectStageMatrix(r, 2).row(2).norm(), 1e-14);
        EXPECT_LT((a * r.Vt.row(2).transpose()).norm(), 1e-12 * scale);
    }
    // The ghost "A directly" is the same map on the input (the plane z = 0 for 3x2).
    EXPECT_LT((decomp::embedded(r) - end).leftCols(r.tall ? 2 : 3).norm(), 1e-12 * scale);
    // No jumps, never NaN.
    Eigen::Matrix3d prev = decomp::rectStageMatrix(r, 0);
    for (int k = 1; k <= 360; ++k) {
        const Eigen::Matrix3d cur = decomp::rectStageMatrix(r, 3.0 * k / 360);
        ASSERT_TRUE(cur.allFinite());
        EXPECT_LT((cur - prev).norm(), 0.1 * scale) << "step " << k;
        prev = cur;
    }
}

INSTANTIATE_TEST_SUITE_P(
    Matrices, RectSvdMatchesEigen,
    ::testing::Values(mat(3, 2, {1.3, 0.2, 0.3, 1.0, 0.1, -0.73}), // the scene's default
                      mat(3, 2, {1.2, 0.4, 0.3, 1.0, 0.7, -0.5}),
                      mat(3, 2, {0, 2, 1, 0, 0, 0}),              // V a reflection
                      mat(3, 2, {1, 0, 2, 0, 3, 0}),              // a zero column: rank 1
                      mat(3, 2, {1, 2, 2, 4, 3, 6}),              // parallel columns: rank 1
                      mat(3, 2, {0, 0, 0, 0, 0, 0}),              // zero
                      mat(3, 2, {1, 0, 0, 1, 0, 0}),              // σ repeated
                      mat(2, 3, {1.3, 0.5, 0.4, -0.3, 0.9, 0.6}), // the scene's default
                      mat(2, 3, {0, 1, 0, 3, 0, 0}),              // U a reflection
                      mat(2, 3, {1, 2, 3, 2, 4, 6}),              // parallel rows: rank 1
                      mat(2, 3, {0, 0, 0, 0, 0, 0}),              // zero
                      mat(2, 3, {-2, 1, 0.5, 7, -3, 2})));

TEST(SvdRectScene, ShapeFollowsTheMatrixAndEachShapeKeepsItsOwn) {
    SvdRectScene s;
    EXPECT_TRUE(s.tall());
    const Eigen::MatrixXd tall = s.matrix();
    const Eigen::MatrixXd wide = mat(2, 3, {1, 2, 0, 0, 1, 1});
    ASSERT_EQ(s.setParam("A", wide), "");
    EXPECT_FALSE(s.tall());
    EXPECT_EQ(std::get<std::string>(*s.param("shape")), "2x3");
    EXPECT_EQ(s.shapeLine(), "(2,3) = (2,2)(2,3)(3,3)");
    ASSERT_EQ(s.setParam("shape", std::string("2x3")), ""); // same shape: A stays
    EXPECT_EQ(s.matrix(), wide);
    ASSERT_EQ(s.setParam("shape", std::string("3x2")), "");
    EXPECT_EQ(s.matrix(), tall);
    EXPECT_EQ(s.shapeLine(), "(3,2) = (3,3)(3,2)(2,2)");
    ASSERT_EQ(s.setParam("shape", std::string("2x3")), "");
    EXPECT_EQ(s.matrix(), wide);
    EXPECT_NE(s.setParam("shape", std::string("3x3")), "");
}

TEST(SvdRectScene, BadInputIsNamedAndTheLastGoodMatrixStays) {
    SvdRectScene s;
    const Eigen::MatrixXd before = s.matrix();
    const std::string square = s.setParam("A", Eigen::MatrixXd(Eigen::MatrixXd::Identity(2, 2)));
    EXPECT_NE(square.find("3x2 or a 2x3"), std::string::npos) << square;
    Eigen::MatrixXd bad = before;
    bad(1, 0) = std::nan("");
    // Non-finite entries are refused by the parameter check before the scene sees them.
    const std::string why = s.setParam("A", bad);
    EXPECT_NE(why.find("NaN"), std::string::npos) << why;
    bad(1, 0) = INFINITY;
    EXPECT_NE(s.setParam("A", bad).find("infinite"), std::string::npos);
    bad(1, 0) = 2e6;
    EXPECT_NE(s.setParam("A", bad).find("between"), std::string::npos);
    EXPECT_EQ(s.matrix(), before);
    EXPECT_TRUE(s.tall());
}

TEST(SvdRectScene, EveryStageOfEveryCaseIsExplainedWithoutNaN) {
    struct Case {
        Eigen::MatrixXd a;
        const char* mustSay;
    };
    const std::vector<Case> cases = {
        {mat(3, 2, {1.2, 0.4, 0.3, 1.0, 0.7, -0.5}), "u\u2083"},
        {mat(3, 2, {1.3, 0.2, 0.3, 1.0, 0.1, -0.73}), "semi-axes"},
        {mat(3, 2, {1, 0, 2, 0, 3, 0}), "Rank 1"},
        {mat(3, 2, {1, 2, 2, 4, 3, 6}), "parallel columns"},
        {mat(3, 2, {0, 0, 0, 0, 0, 0}), "A = 0"},
        {mat(2, 3, {1.3, 0.5, 0.4, -0.3, 0.9, 0.6}), "A v\u2083 = 0"},
        {mat(2, 3, {1, 2, 3, 2, 4, 6}), "Rank 1"},
        {mat(2, 3, {0, 0, 0, 0, 0, 0}), "A = 0"},
    };
    for (const Case& c : cases) {
        SvdRectScene s;
        ASSERT_EQ(s.setParam("A", c.a), "");
        ASSERT_EQ(s.stages().size(), 3u);
        for (double t : {0.0, 1.0, 3.0, 5.0, 6.0}) {
            s.update(t);
            const std::string text = s.caption();
            EXPECT_FALSE(text.empty());
            EXPECT_TRUE(noNan(text)) << text;
            EXPECT_TRUE(s.current().allFinite());
        }
        s.update(s.duration());
        EXPECT_NE(s.caption().find(c.mustSay), std::string::npos) << s.caption();
    }
}

// ---- eigen3d ----------------------------------------------------------------------------------

namespace {

Eigen::Matrix3d m3(std::initializer_list<double> v) {
    return mat(3, 3, v);
}

} // namespace

class EigenAxesMatchEigen : public ::testing::TestWithParam<Eigen::Matrix3d> {};

TEST_P(EigenAxesMatchEigen, AxesAreEigenvectorsAndThePlaneIsInvariant) {
    const Eigen::Matrix3d a = GetParam();
    const EigenAxes3 e = eigenAxes3(a);
    ASSERT_TRUE(e.ok);
    Eigen::EigenSolver<Eigen::Matrix3d> ref(a);
    const auto values = ref.eigenvalues();
    for (const auto& ax : e.axes) {
        EXPECT_NEAR(ax.dir.norm(), 1, 1e-12);
        EXPECT_LT((a * ax.dir - ax.lambda * ax.dir).norm(), 1e-8 * std::max(1.0, a.norm()));
        double closest = 1e300;
        for (int k = 0; k < 3; ++k)
            if (std::abs(values(k).imag()) < 1e-9)
                closest = std::min(closest, std::abs(values(k).real() - ax.lambda));
        EXPECT_LT(closest, 1e-6);
    }
    if (e.hasPlane) {
        EXPECT_NEAR(e.planeA.dot(e.planeB), 0, 1e-12);
        const Eigen::Vector3d n = e.planeA.cross(e.planeB);
        EXPECT_NEAR(n.norm(), 1, 1e-12);
        EXPECT_LT(std::abs(n.dot(a * e.planeA)), 1e-9 * std::max(1.0, a.norm()));
        EXPECT_LT(std::abs(n.dot(a * e.planeB)), 1e-9 * std::max(1.0, a.norm()));
    }
    if (e.planeTurns) {
        double best = 1e300;
        for (int k = 0; k < 3; ++k)
            if (values(k).imag() > 0) {
                best = std::min(best, std::abs(values(k) - e.pair));
                EXPECT_NEAR(e.modulus, std::abs(values(k)), 1e-9);
                EXPECT_NEAR(e.angle, std::arg(values(k)), 1e-9);
            }
        EXPECT_LT(best, 1e-9);
    }
    // Along the scene's path the eigen-lines hold still: A(s) v stays parallel to v.
    Eigen3DScene s;
    ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(a)), "");
    for (double t : {0.0, 0.7, 1.5, 2.2, 3.0}) {
        s.update(t);
        for (const auto& ax : s.axes().axes)
            EXPECT_LT((s.current() * ax.dir).cross(ax.dir).norm(), 1e-8 * std::max(1.0, a.norm()));
        EXPECT_TRUE(noNan(s.caption()));
    }
}

INSTANTIATE_TEST_SUITE_P(Matrices, EigenAxesMatchEigen,
                         ::testing::Values(m3({2.2, 0.6, 0.3, 0.2, 1.4, 0.4, 0.1, 0.3, 0.8}),
                                           m3({2, 1, 0, 1, 2, 0, 0, 0, 3}),  // symmetric
                                           m3({0, -1, 0, 1, 0, 0, 0, 0, 2}), // rotation + axis
                                           m3({1, -2, 0.5, 1.5, 0.3, 0, 0.2, 0.4, 1.1}),
                                           m3({2, 0, 0, 0, 2, 0, 0, 0, 3}), // eigenplane
                                           m3({1, 1, 0, 0, 1, 0, 0, 0, 2}), // defective
                                           m3({-1, 0, 0, 0, 0.5, 0, 0, 0, 0})));

TEST(EigenAxes3, HandWorkedCases) {
    // Rotation by 30° about z, and z scaled by 2: one axis (z, λ = 2) and the turning xy-plane.
    const double c = std::cos(std::numbers::pi / 6), sn = std::sin(std::numbers::pi / 6);
    const EigenAxes3 rot = eigenAxes3(m3({c, -sn, 0, sn, c, 0, 0, 0, 2}));
    EXPECT_EQ(rot.kind, engine::EigenCase::Complex);
    ASSERT_EQ(rot.axes.size(), 1u);
    EXPECT_NEAR(std::abs(rot.axes[0].dir.z()), 1, 1e-12);
    EXPECT_NEAR(rot.axes[0].lambda, 2, 1e-12);
    EXPECT_TRUE(rot.planeTurns);
    EXPECT_NEAR(std::abs(rot.planeA.cross(rot.planeB).z()), 1, 1e-12);
    EXPECT_NEAR(rot.modulus, 1, 1e-12);
    EXPECT_NEAR(rot.angle * 180 / std::numbers::pi, 30, 1e-9);

    const EigenAxes3 plane = eigenAxes3(m3({2, 0, 0, 0, 2, 0, 0, 0, 3}));
    EXPECT_EQ(plane.kind, engine::EigenCase::RepeatedReal);
    EXPECT_TRUE(plane.hasPlane);
    EXPECT_FALSE(plane.planeTurns);
    EXPECT_NEAR(plane.planeLambda, 2, 1e-12);
    EXPECT_NEAR(std::abs(plane.planeA.cross(plane.planeB).z()), 1, 1e-12);

    const EigenAxes3 every = eigenAxes3(Eigen::Matrix3d::Identity() * 2);
    EXPECT_TRUE(every.every);
    EXPECT_EQ(every.axes.size(), 3u);

    const EigenAxes3 shear = eigenAxes3(m3({1, 1, 0, 0, 1, 0, 0, 0, 2}));
    EXPECT_EQ(shear.kind, engine::EigenCase::Defective);
    EXPECT_EQ(shear.axes.size(), 2u);
    EXPECT_EQ(shear.missing, 1);

    EXPECT_FALSE(eigenAxes3(m3({NAN, 0, 0, 0, 1, 0, 0, 0, 1})).ok);
}

TEST(Eigen3DScene, CaptionsNameEachCaseAndBadInputKeepsA) {
    Eigen3DScene s;
    const Eigen::Matrix3d before = s.matrix();
    Eigen::MatrixXd bad = before;
    bad(2, 1) = INFINITY;
    const std::string why = s.setParam("A", bad);
    EXPECT_NE(why.find("infinite"), std::string::npos) << why;
    EXPECT_EQ(s.matrix(), before);
    ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(m3({0, -1, 0, 1, 0, 0, 0, 0, 2}))), "");
    EXPECT_NE(s.caption().find("plane"), std::string::npos) << s.caption();
    ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(m3({1, 1, 0, 0, 1, 0, 0, 0, 2}))), "");
    EXPECT_NE(s.caption().find("missing"), std::string::npos) << s.caption();
    ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(Eigen::Matrix3d::Zero())), "");
    EXPECT_TRUE(noNan(s.caption()));
    EXPECT_FALSE(s.caption().empty());
}
