// The numbers of the projection, low-rank and PCA scenes against Eigen and hand-worked facts, and
// their degenerate cases (zero vector, identical points, equal x): explained, never NaN.
#include "render/canvas.h"
#include "scenes/decomp_compute.h"
#include "scenes/lowrank_scene.h"
#include "scenes/pca_scene.h"
#include "scenes/projection_scene.h"
#include "style/theme.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <cmath>

using namespace linscape;
using namespace linscape::scenes;

namespace {

// Draws a scene on a font-less canvas and checks that every vertex is finite.
void expectFiniteDrawing(Scene& s,
                         linscape::style::ThemeId theme = linscape::style::ThemeId::Dark) {
    render::Canvas canvas(nullptr, 1.0f);
    for (float w : {640.0f, 1280.0f}) {
        canvas.reset(w, w * 9 / 16, 1.0f);
        SceneContext ctx;
        ctx.palette = &style::palette(theme);
        for (double t : {0.0, s.duration() * 0.5, s.duration()}) {
            s.update(t);
            s.draw(canvas, ctx);
        }
        ASSERT_FALSE(canvas.empty());
        for (const render::CanvasVertex& v : canvas.vertices()) {
            ASSERT_TRUE(std::isfinite(v.x) && std::isfinite(v.y)) << s.id();
            ASSERT_TRUE(std::isfinite(v.u) && std::isfinite(v.v)) << s.id();
        }
    }
}

Eigen::MatrixXd col(double a, double b) {
    Eigen::MatrixXd m(2, 1);
    m << a, b;
    return m;
}

} // namespace

// ---- Projection ---------------------------------------------------------------------------------

TEST(Projection, OfTwoOneOntoOneOneIsOneAndAHalfTwice) {
    // p = (b.u / u.u) u = (3 / 2) (1, 1).
    const decomp::LineProjection p = decomp::projectOntoLine({1, 1}, {2, 1});
    ASSERT_FALSE(p.degenerate);
    EXPECT_NEAR(p.p.x(), 1.5, 1e-15);
    EXPECT_NEAR(p.p.y(), 1.5, 1e-15);
    EXPECT_NEAR(p.residual.x(), 0.5, 1e-15);
    EXPECT_NEAR(p.residual.y(), -0.5, 1e-15);
    // P = U U^T = [[1/2, 1/2], [1/2, 1/2]], idempotent and symmetric; U points along u.
    EXPECT_NEAR(p.projector(0, 0), 0.5, 1e-15);
    EXPECT_NEAR(p.projector(0, 1), 0.5, 1e-15);
    EXPECT_NEAR(p.projector(1, 1), 0.5, 1e-15);
    EXPECT_LT(p.idempotenceError, 1e-15);
    EXPECT_NEAR(p.unit.x(), std::sqrt(0.5), 1e-15);
    EXPECT_GT(p.unit.y(), 0);
}

TEST(Projection, SceneUsesItsParameters) {
    ProjectionScene s;
    ASSERT_EQ(s.setParam("b", col(2, 1)), "");
    ASSERT_EQ(s.setParam("u", col(1, 1)), "");
    EXPECT_NEAR(s.projection().p.x(), 1.5, 1e-15);
    EXPECT_NEAR(s.projection().p.y(), 1.5, 1e-15);
    // The residual is perpendicular to u for any b and u.
    ASSERT_EQ(s.setParam("b", col(-3.7, 2.2)), "");
    ASSERT_EQ(s.setParam("u", col(0.3, -5)), "");
    EXPECT_NEAR(s.projection().residual.dot(Eigen::Vector2d(0.3, -5)), 0, 1e-13);
    expectFiniteDrawing(s);
}

TEST(Projection, ZeroVectorSpansNoLine) {
    const decomp::LineProjection p = decomp::projectOntoLine({0, 0}, {2, 1});
    EXPECT_TRUE(p.degenerate);
    EXPECT_TRUE(p.projector.isZero(0));
    EXPECT_TRUE(p.p.isZero(0));
    EXPECT_EQ(p.residual, Eigen::Vector2d(2, 1));
    ProjectionScene s;
    ASSERT_EQ(s.setParam("u", col(0, 0)), "");
    expectFiniteDrawing(s);
    ASSERT_EQ(s.setParam("b", col(0, 0)), "");
    expectFiniteDrawing(s, style::ThemeId::Light);
}

TEST(Projection, BadInputIsRefusedAndStateKept) {
    ProjectionScene s;
    EXPECT_NE(s.setParam("u", col(std::nan(""), 1)), "");
    EXPECT_EQ(std::get<Eigen::MatrixXd>(*s.param("u"))(0, 0), 3.0);
    Eigen::MatrixXd three(2, 3);
    three.setOnes();
    EXPECT_NE(s.setParam("points", three), "");
    EXPECT_EQ(s.points().rows(), decomp::defaultFitPoints().rows());
}

// ---- Least squares ------------------------------------------------------------------------------

TEST(LeastSquares, SeededFitMatchesEigenQrAndTheClosedForm) {
    ProjectionScene s;
    ASSERT_EQ(s.setParam("mode", std::string("least_squares")), "");
    const Eigen::MatrixXd pts = std::get<Eigen::MatrixXd>(*s.param("points"));
    ASSERT_GE(pts.rows(), 8);
    const Eigen::Index n = pts.rows();
    Eigen::MatrixXd x(n, 2);
    x.col(0) = pts.col(0);
    x.col(1).setOnes();
    const Eigen::VectorXd y = pts.col(1);
    const Eigen::Vector2d ref = x.householderQr().solve(y);
    const decomp::LineFit& f = s.fit();
    ASSERT_TRUE(f.ok && f.unique);
    EXPECT_NEAR(f.slope, ref(0), 1e-12);
    EXPECT_NEAR(f.intercept, ref(1), 1e-12);
    // The textbook formulas from sums, as a second, independent check.
    const double sx = x.col(0).sum(), sy = y.sum(), sxy = x.col(0).dot(y),
                 sxx = x.col(0).squaredNorm();
    const double m = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    EXPECT_NEAR(f.slope, m, 1e-12);
    EXPECT_NEAR(f.intercept, (sy - m * sx) / n, 1e-12);
    // The fit is a projection: the residual is orthogonal to both columns of X.
    EXPECT_LT(f.orthogonality, 1e-12);
    EXPECT_NEAR(f.residualNorm, (y - x * ref).norm(), 1e-12);
    expectFiniteDrawing(s);
}

TEST(LeastSquares, EqualXAndIdenticalPointsAreExplained) {
    Eigen::MatrixXd same(4, 2);
    same << 2, 1, 2, 3, 2, 5, 2, 7;
    decomp::LineFit f = decomp::fitLine(same);
    ASSERT_TRUE(f.ok);
    EXPECT_FALSE(f.unique);
    EXPECT_FALSE(f.identical);
    EXPECT_EQ(f.rank, 1);
    EXPECT_FALSE(f.explanation.empty());
    EXPECT_TRUE(std::isfinite(f.slope) && std::isfinite(f.intercept));
    // The minimum-norm solution still fits the mean: 2m + c = 4.
    EXPECT_NEAR(2 * f.slope + f.intercept, 4.0, 1e-12);

    Eigen::MatrixXd ident(3, 2);
    ident << 1, 2, 1, 2, 1, 2;
    f = decomp::fitLine(ident);
    EXPECT_TRUE(f.identical);
    EXPECT_NE(f.explanation.find("identical"), std::string::npos);
    EXPECT_NEAR(f.residualNorm, 0, 1e-14);

    ProjectionScene s;
    ASSERT_EQ(s.setParam("mode", std::string("least_squares")), "");
    ASSERT_EQ(s.setParam("points", ident), "");
    expectFiniteDrawing(s);
    ASSERT_EQ(s.setParam("points", same), "");
    expectFiniteDrawing(s);
}

// ---- Low rank -----------------------------------------------------------------------------------

TEST(LowRank, EckartYoungHoldsForTheImage) {
    for (int n : {64, 128}) {
        const auto mdl = decomp::imageModel(n);
        const Eigen::MatrixXd& a = mdl->matrix();
        ASSERT_EQ(a.rows(), n);
        EXPECT_GE(a.minCoeff(), 0.0);
        EXPECT_LE(a.maxCoeff(), 1.0);
        // Eigen's own SVD as the reference spectrum.
        const Eigen::VectorXd sigma = a.bdcSvd().singularValues();
        ASSERT_EQ(mdl->singularValues().size(), sigma.size());
        EXPECT_LT((mdl->singularValues() - sigma).cwiseAbs().maxCoeff(), 1e-10 * sigma(0));
        for (int k : {1, 5, 20, n}) {
            const Eigen::MatrixXd ak = mdl->reconstruct(k);
            const double measured = (a - ak).norm();
            const double dropped = std::sqrt(sigma.tail(n - k).squaredNorm());
            EXPECT_NEAR(measured, dropped, 1e-9 * a.norm()) << "n " << n << ", k " << k;
            EXPECT_NEAR(mdl->tailNorm(k), dropped, 1e-9 * a.norm());
            EXPECT_NEAR(mdl->energyKept(k), sigma.head(k).squaredNorm() / sigma.squaredNorm(),
                        1e-12);
            // A_k has rank k (or less, when the image itself has lower rank).
            Eigen::JacobiSVD<Eigen::MatrixXd> svdK;
            if (n == 64) {
                svdK.compute(ak);
                svdK.setThreshold(1e-10);
                EXPECT_LE(svdK.rank(), k);
            }
        }
        EXPECT_NEAR(mdl->energyKept(n), 1.0, 1e-15);
        EXPECT_LT(mdl->energyKept(1), mdl->energyKept(5));
    }
}

TEST(LowRank, ImageIsDeterministic) {
    EXPECT_EQ(decomp::proceduralImage(64), decomp::proceduralImage(64));
}

TEST(LowRank, SceneAnimatesRankAndRefusesBadValues) {
    LowRankScene s;
    ASSERT_EQ(s.setParam("rank", 20.0), "");
    s.update(s.duration());
    EXPECT_EQ(s.shownRank(), 20);
    s.update(0);
    EXPECT_EQ(s.shownRank(), 1);
    EXPECT_NE(s.setParam("rank", 2.5), "");
    const std::string why = s.setParam("rank", 200.0);
    EXPECT_NE(why.find("at most 128"), std::string::npos) << why;
    EXPECT_EQ(std::get<double>(*s.param("rank")), 20.0);
    ASSERT_EQ(s.setParam("image_size", std::string("256")), "");
    EXPECT_EQ(s.setParam("rank", 200.0), "");
    expectFiniteDrawing(s);
    ASSERT_EQ(s.setParam("mode", std::string("lora")), "");
    expectFiniteDrawing(s, style::ThemeId::Light);
}

TEST(Lora, ParameterCounts) {
    const decomp::LoraCounts c = decomp::loraCounts(768, 8);
    EXPECT_EQ(c.full, 589824);   // 768^2
    EXPECT_EQ(c.lowRank, 12288); // 768*8 + 8*768
    EXPECT_NEAR(c.fraction, 12288.0 / 589824.0, 1e-15);
    EXPECT_EQ(decomp::groupThousands(12288), "12,288");
    EXPECT_EQ(decomp::groupThousands(589824), "589,824");
    EXPECT_EQ(decomp::groupThousands(999), "999");
    EXPECT_EQ(decomp::groupThousands(1000000), "1,000,000");

    LowRankScene s;
    const std::string why = s.setParam("lora_r", 1000.0);
    EXPECT_NE(why.find("r <= d"), std::string::npos) << why;
    EXPECT_EQ(std::get<double>(*s.param("lora_r")), 8.0);
    ASSERT_EQ(s.setParam("lora_d", 16.0), "");
    ASSERT_EQ(s.setParam("lora_r", 16.0), "");
    ASSERT_EQ(s.setParam("mode", std::string("lora")), "");
    expectFiniteDrawing(s);
}

// ---- PCA ----------------------------------------------------------------------------------------

TEST(Pca, CloudHasTheRequestedCorrelation) {
    for (double rho : {-0.9, 0.0, 0.3, 0.75}) {
        const Eigen::MatrixXd x = decomp::correlatedCloud(80, rho, 7, {2, 1}, {2, 1.1});
        const Eigen::MatrixXd xc = x.rowwise() - x.colwise().mean();
        const Eigen::Matrix2d c = xc.transpose() * xc / 80.0;
        EXPECT_NEAR(c(0, 1) / std::sqrt(c(0, 0) * c(1, 1)), rho, 1e-12);
        EXPECT_NEAR(c(0, 0), 4.0, 1e-12);
        EXPECT_NEAR(c(1, 1), 1.21, 1e-12);
        EXPECT_NEAR(x.col(0).mean(), 2.0, 1e-12);
    }
}

TEST(Pca, MatchesSelfAdjointEigenSolver) {
    PcaScene s;
    for (double rho : {-0.6, 0.0, 0.75, 0.99}) {
        ASSERT_EQ(s.setParam("correlation", rho), "");
        const Eigen::MatrixXd x = s.points();
        const Eigen::MatrixXd xc = x.rowwise() - x.colwise().mean();
        const Eigen::Matrix2d cov = xc.transpose() * xc / double(x.rows());
        const decomp::Pca2& p = s.pca();
        ASSERT_TRUE(p.ok && !p.degenerate);
        EXPECT_TRUE(p.covariance.isApprox(cov, 1e-13));
        Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> es(cov);
        // Eigen sorts ascending; PCA lists the largest first.
        EXPECT_NEAR(p.variances(0), es.eigenvalues()(1), 1e-12);
        EXPECT_NEAR(p.variances(1), es.eigenvalues()(0), 1e-12);
        EXPECT_NEAR(std::abs(p.axes.col(0).dot(es.eigenvectors().col(1))), 1.0, 1e-12);
        EXPECT_NEAR(std::abs(p.axes.col(1).dot(es.eigenvectors().col(0))), 1.0, 1e-12);
        EXPECT_NEAR(p.explained.sum(), 1.0, 1e-15);
        EXPECT_NEAR(p.explained(0), es.eigenvalues()(1) / es.eigenvalues().sum(), 1e-12);
        EXPECT_GE(p.axes(0, 0), 0.0); // the sign convention
        EXPECT_NEAR(p.axes.determinant(), 1.0, 1e-14);
    }
    expectFiniteDrawing(s);
}

TEST(Pca, IdenticalPointsAndALineAreExplained) {
    Eigen::MatrixXd same(5, 2);
    same.rowwise() = Eigen::RowVector2d(0.1, 0.7);
    decomp::Pca2 p = decomp::pca2(same);
    EXPECT_TRUE(p.ok);
    EXPECT_TRUE(p.degenerate);
    EXPECT_EQ(p.explained, Eigen::Vector2d(0, 0));
    EXPECT_TRUE(p.axes.allFinite());
    PcaScene s;
    ASSERT_EQ(s.setParam("points", same), "");
    expectFiniteDrawing(s);

    ASSERT_EQ(s.setParam("correlation", 1.0), "");
    EXPECT_NEAR(s.pca().explained(0), 1.0, 1e-12);
    EXPECT_NEAR(s.pca().variances(1), 0.0, 1e-12);
    expectFiniteDrawing(s);

    Eigen::MatrixXd iso(4, 2);
    iso << 1, 0, -1, 0, 0, 1, 0, -1;
    p = decomp::pca2(iso);
    EXPECT_TRUE(p.isotropic);
    EXPECT_NEAR(p.explained(0), 0.5, 1e-15);
    EXPECT_TRUE(p.axes.isApprox(Eigen::Matrix2d::Identity()));
}
