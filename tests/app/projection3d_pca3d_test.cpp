// The numbers of the 3D projection, plane-fit and PCA scenes against Eigen and hand-worked facts,
// and their degenerate cases (parallel and zero spanning vectors, identical or collinear points,
// repeated variances): explained, never NaN, the same picture every frame.
#include "render/canvas.h"
#include "scenes/decomp3d_compute.h"
#include "scenes/pca3d_scene.h"
#include "scenes/projection3d_scene.h"
#include "style/theme.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

using namespace linscape;
using namespace linscape::scenes;

namespace {

// Draws a scene on a font-less canvas at three times and two sizes, in both themes; every vertex
// must be finite, and drawing the same state twice must give the same vertices (no jitter).
void expectFiniteStableDrawing(Scene& s) {
    render::Canvas canvas(nullptr, 1.0f);
    for (auto theme : {style::ThemeId::Dark, style::ThemeId::Light})
        for (float w : {640.0f, 1280.0f}) {
            SceneContext ctx;
            ctx.palette = &style::palette(theme);
            for (double t : {0.0, s.duration() * 0.5, s.duration()}) {
                s.update(t);
                canvas.reset(w, w * 9 / 16, 1.0f);
                s.draw(canvas, ctx);
                ASSERT_FALSE(canvas.empty());
                std::vector<float> first;
                for (const render::CanvasVertex& v : canvas.vertices()) {
                    ASSERT_TRUE(std::isfinite(v.x) && std::isfinite(v.y)) << s.id();
                    first.push_back(v.x);
                    first.push_back(v.y);
                }
                canvas.reset(w, w * 9 / 16, 1.0f);
                s.draw(canvas, ctx);
                std::vector<float> second;
                for (const render::CanvasVertex& v : canvas.vertices()) {
                    second.push_back(v.x);
                    second.push_back(v.y);
                }
                ASSERT_EQ(first, second) << s.id() << " at t = " << t;
            }
        }
}

Eigen::MatrixXd col3(double a, double b, double c) {
    Eigen::MatrixXd m(3, 1);
    m << a, b, c;
    return m;
}

// P = A (A^T A)^-1 A^T by Eigen's LDLT solve, the textbook formula (full-rank A only).
Eigen::Matrix3d textbookProjector(const Eigen::Vector3d& u1, const Eigen::Vector3d& u2) {
    Eigen::Matrix<double, 3, 2> a;
    a << u1, u2;
    const Eigen::Matrix2d g = a.transpose() * a;
    return a * g.ldlt().solve(a.transpose());
}

bool contains(const std::vector<std::string>& lines, const std::string& word) {
    return std::any_of(lines.begin(), lines.end(),
                       [&](const std::string& l) { return l.find(word) != std::string::npos; });
}

} // namespace

// ---- Projection onto a plane -------------------------------------------------------------------

TEST(PlaneProjection, OneTwoThreeOntoTheXyPlaneIsOneTwoZero) {
    const decomp::PlaneProjection p = decomp::projectOntoPlane({1, 0, 0}, {0, 1, 0}, {1, 2, 3});
    ASSERT_EQ(p.dimension, 2);
    EXPECT_NEAR((p.p - Eigen::Vector3d(1, 2, 0)).norm(), 0, 1e-15);
    EXPECT_NEAR((p.residual - Eigen::Vector3d(0, 0, 3)).norm(), 0, 1e-15);
    Eigen::Matrix3d diag = Eigen::Matrix3d::Zero();
    diag(0, 0) = diag(1, 1) = 1;
    EXPECT_NEAR((p.projector - diag).cwiseAbs().maxCoeff(), 0, 1e-15);
    EXPECT_NEAR((p.normal - Eigen::Vector3d(0, 0, 1)).norm(), 0, 1e-15);
    // q1, q2 turned to agree with u1, u2.
    EXPECT_NEAR((p.Q.col(0) - Eigen::Vector3d(1, 0, 0)).norm(), 0, 1e-15);
    EXPECT_NEAR((p.Q.col(1) - Eigen::Vector3d(0, 1, 0)).norm(), 0, 1e-15);
}

TEST(PlaneProjection, MatchesTheTextbookFormulaAndIsAProjection) {
    const Eigen::Vector3d u1(2, 0, 0.5), u2(0.3, 1.8, 0.9), b(1.4, 1.9, 2.6);
    const decomp::PlaneProjection p = decomp::projectOntoPlane(u1, u2, b);
    ASSERT_EQ(p.dimension, 2);
    const Eigen::Matrix3d ref = textbookProjector(u1, u2);
    EXPECT_LT((p.projector - ref).cwiseAbs().maxCoeff(), 1e-14);
    EXPECT_LT((p.p - ref * b).norm(), 1e-14);
    // Q is orthonormal, spans u1 and u2; P^2 = P; the residual is perpendicular to the plane.
    const Eigen::Matrix2d qtq = p.Q.transpose() * p.Q;
    EXPECT_LT((qtq - Eigen::Matrix2d::Identity()).cwiseAbs().maxCoeff(), 1e-15);
    EXPECT_LT((p.projector * u1 - u1).norm(), 1e-14);
    EXPECT_LT((p.projector * u2 - u2).norm(), 1e-14);
    EXPECT_LT(p.idempotenceError, 1e-15);
    EXPECT_LT(std::abs(p.residual.dot(u1)), 1e-14);
    EXPECT_LT(std::abs(p.residual.dot(u2)), 1e-14);
    EXPECT_LT(p.orthogonality, 1e-15);
    EXPECT_GT(p.Q.col(0).dot(u1), 0);
    EXPECT_GT(p.Q.col(1).dot(u2), 0);
    // The residual lies along the normal u1 x u2.
    EXPECT_NEAR(std::abs(p.residual.normalized().dot(u1.cross(u2).normalized())), 1, 1e-14);
}

TEST(PlaneProjection, ParallelVectorsGiveTheLine) {
    // u2 = 2 u1: the span is the line through (1, 2, 2); p = (b.u / u.u) u = (3 / 9) (1, 2, 2).
    const decomp::PlaneProjection p = decomp::projectOntoPlane({1, 2, 2}, {2, 4, 4}, {3, 0, 0});
    EXPECT_EQ(p.dimension, 1);
    EXPECT_TRUE(p.parallel);
    EXPECT_FALSE(p.zeroU1 || p.zeroU2);
    EXPECT_NEAR((p.p - Eigen::Vector3d(1, 2, 2) / 3.0).norm(), 0, 1e-15);
    EXPECT_NEAR((p.projector - Eigen::Vector3d(1, 2, 2) * Eigen::Vector3d(1, 2, 2).transpose() / 9)
                    .cwiseAbs()
                    .maxCoeff(),
                0, 1e-15);
    EXPECT_TRUE(p.Q.allFinite() && p.normal.allFinite());
    EXPECT_LT(std::abs(p.residual.dot(Eigen::Vector3d(1, 2, 2))), 1e-14);
}

TEST(PlaneProjection, NearlyParallelVectorsAreWarnedAbout) {
    // u2 = (1, 0.05, 0) meets u1 = x at atan(0.05) = 2.862 degrees: still a plane (the xy-plane),
    // but flagged; at 30 degrees, and with u2 flipped to the other side, the angle is the lines'.
    const decomp::PlaneProjection p = decomp::projectOntoPlane({1, 0, 0}, {1, 0.05, 0}, {1, 2, 3});
    EXPECT_EQ(p.dimension, 2);
    EXPECT_FALSE(p.parallel);
    EXPECT_TRUE(p.nearlyParallel);
    EXPECT_NEAR(p.angleDeg, std::atan(0.05) * 180 / std::numbers::pi, 1e-12);
    EXPECT_NEAR((p.p - Eigen::Vector3d(1, 2, 0)).norm(), 0, 1e-12);
    const decomp::PlaneProjection flipped =
        decomp::projectOntoPlane({1, 0, 0}, {-1, -0.05, 0}, {1, 2, 3});
    EXPECT_TRUE(flipped.nearlyParallel);
    EXPECT_NEAR(flipped.angleDeg, p.angleDeg, 1e-12);
    const decomp::PlaneProjection wide = decomp::projectOntoPlane(
        {1, 0, 0}, {std::cos(std::numbers::pi / 6), std::sin(std::numbers::pi / 6), 0}, {1, 2, 3});
    EXPECT_FALSE(wide.nearlyParallel);
    EXPECT_NEAR(wide.angleDeg, 30, 1e-12);

    Projection3DScene s;
    ASSERT_EQ(s.setParam("u1", col3(1, 0, 0)), "");
    ASSERT_EQ(s.setParam("u2", col3(1, 0.05, 0)), "");
    EXPECT_TRUE(contains(s.notes(), "2.9\u00b0 apart"));
    expectFiniteStableDrawing(s);
    ASSERT_EQ(s.setParam("u2", col3(0, 1, 0)), "");
    EXPECT_FALSE(contains(s.notes(), "apart"));
}

TEST(PlaneProjection, ZeroVectorsShrinkTheSpan) {
    decomp::PlaneProjection p = decomp::projectOntoPlane({0, 0, 0}, {0, 0, 2}, {1, 2, 3});
    EXPECT_EQ(p.dimension, 1);
    EXPECT_TRUE(p.zeroU1);
    EXPECT_FALSE(p.parallel);
    EXPECT_NEAR((p.p - Eigen::Vector3d(0, 0, 3)).norm(), 0, 1e-15);
    EXPECT_GT(p.Q.col(0).z(), 0); // along u2

    p = decomp::projectOntoPlane({0, 0, 0}, {0, 0, 0}, {1, 2, 3});
    EXPECT_EQ(p.dimension, 0);
    EXPECT_EQ(p.projector, Eigen::Matrix3d::Zero());
    EXPECT_EQ(p.p, Eigen::Vector3d::Zero());
    EXPECT_EQ(p.residual, Eigen::Vector3d(1, 2, 3));
}

TEST(PlaneProjection, SceneExplainsDegenerateSpansAndRefusesBadInput) {
    Projection3DScene s;
    expectFiniteStableDrawing(s);
    EXPECT_TRUE(s.notes().empty());
    ASSERT_EQ(s.setParam("u2", col3(-4, 0, -1)), ""); // -2 u1
    EXPECT_EQ(s.projection().dimension, 1);
    EXPECT_TRUE(contains(s.notes(), "parallel"));
    expectFiniteStableDrawing(s);
    ASSERT_EQ(s.setParam("u1", col3(0, 0, 0)), "");
    EXPECT_TRUE(contains(s.notes(), "u\u2081 = 0"));
    ASSERT_EQ(s.setParam("u2", col3(0, 0, 0)), "");
    EXPECT_EQ(s.projection().dimension, 0);
    EXPECT_TRUE(contains(s.notes(), "no plane"));
    expectFiniteStableDrawing(s);
    // b in the plane, and b = 0.
    s.reset();
    ASSERT_EQ(s.setParam("b", col3(2.3, 1.8, 1.4)), ""); // u1 + u2
    EXPECT_TRUE(contains(s.notes(), "already lies"));
    ASSERT_EQ(s.setParam("b", col3(0, 0, 0)), "");
    EXPECT_TRUE(contains(s.notes(), "b = 0"));
    expectFiniteStableDrawing(s);
    // Refused: NaN, huge entries, wrong shapes; the last good value stays.
    EXPECT_NE(s.setParam("u1", col3(std::nan(""), 0, 0)), "");
    EXPECT_NE(s.setParam("u1", col3(1e7, 0, 0)), "");
    EXPECT_EQ(std::get<Eigen::MatrixXd>(*s.param("u1"))(0, 0), 2.0);
    EXPECT_NE(s.setParam("b", Eigen::MatrixXd::Ones(2, 1)), "");
    EXPECT_NE(s.setParam("count", 2.5), "");
    EXPECT_NE(s.setParam("mode", std::string("cube")), "");
}

TEST(PlaneProjection, DraggingATipMovesItOnItsHorizontalPlane) {
    Projection3DScene s;
    render::Canvas canvas(nullptr, 1.0f);
    canvas.reset(1280, 720, 1.0f);
    SceneContext ctx;
    ctx.palette = &style::palette(style::ThemeId::Dark);
    s.draw(canvas, ctx);
    const Eigen::Vector3d b0 = std::get<Eigen::MatrixXd>(*s.param("b")).col(0);
    ViewportInput in;
    in.hovered = true;
    in.mouse = s.stage().screen(b0);
    s.input(in, ctx); // hover
    in.pressed[0] = in.down[0] = true;
    s.input(in, ctx); // press on b's tip
    EXPECT_TRUE(s.dragging());
    in.pressed[0] = false;
    in.mouse += Vec2(40, 25);
    s.input(in, ctx);
    s.draw(canvas, ctx);
    const Eigen::Vector3d b1 = std::get<Eigen::MatrixXd>(*s.param("b")).col(0);
    EXPECT_GT((b1 - b0).norm(), 0.1);
    EXPECT_EQ(b1.z(), b0.z()); // on the horizontal plane through the tip
    // The framing holds during the drag: the tip stays under the mouse (to the 0.1 snap).
    EXPECT_LT((s.stage().screen(b1) - in.mouse).norm(), 12.0f);
    // p follows b.
    EXPECT_LT((s.projection().p - s.projection().projector * b1).norm(), 1e-14);
    in.down[0] = false;
    s.input(in, ctx);
    EXPECT_FALSE(s.dragging());
}

// ---- Least-squares plane -----------------------------------------------------------------------

// Drags cloud point i of a least-squares scene already drawn at 1280x720 by `delta` pixels.
void dragPoint(Projection3DScene& s, render::Canvas& canvas, const SceneContext& ctx,
               Eigen::Index i, Vec2 delta, bool ctrl) {
    const Eigen::Vector3d x0 = s.points().row(i).transpose();
    ViewportInput in;
    in.hovered = true;
    in.ctrl = ctrl;
    in.mouse = s.stage().screen(x0);
    s.input(in, ctx); // hover
    ASSERT_EQ(s.hotPoint(), i);
    in.pressed[0] = in.down[0] = true;
    s.input(in, ctx); // press on the point
    ASSERT_TRUE(s.dragging());
    in.pressed[0] = false;
    for (int k = 1; k <= 5; ++k) {
        in.mouse += delta / 5;
        s.input(in, ctx);
        canvas.reset(1280, 720, 1.0f);
        s.draw(canvas, ctx);
    }
    // The framing holds during the drag: the point stays under the mouse (to the 0.1 snap).
    EXPECT_LT((s.stage().screen(s.points().row(i).transpose()) - in.mouse).norm(), 12.0f);
    in.down[0] = false;
    s.input(in, ctx);
    EXPECT_FALSE(s.dragging());
    EXPECT_EQ(s.hotPoint(), i); // still under the mouse
}

TEST(PlaneFit, DraggingAPointRefitsThePlane) {
    Projection3DScene s;
    ASSERT_EQ(s.setParam("mode", std::string("least_squares")), "");
    render::Canvas canvas(nullptr, 1.0f);
    canvas.reset(1280, 720, 1.0f);
    SceneContext ctx;
    ctx.palette = &style::palette(style::ThemeId::Dark);
    s.draw(canvas, ctx);
    const Eigen::MatrixXd before = s.points();
    // The point farthest on screen from every other, so the mouse finds it and no other.
    Eigen::Index i = 0;
    float bestGap = -1;
    for (Eigen::Index a = 0; a < before.rows(); ++a) {
        float gap = 1e30f;
        for (Eigen::Index b = 0; b < before.rows(); ++b)
            if (a != b)
                gap = std::min(gap, (s.stage().screen(before.row(a).transpose()) -
                                     s.stage().screen(before.row(b).transpose()))
                                        .norm());
        if (gap > bestGap) {
            bestGap = gap;
            i = a;
        }
    }
    ASSERT_GT(bestGap, 20.0f);
    const decomp::PlaneFit fit0 = s.fit();

    // Ctrl: up and down only; x and y stay, z moves.
    dragPoint(s, canvas, ctx, i, Vec2(0, -60), true);
    const Eigen::MatrixXd up = s.points();
    EXPECT_EQ(up.row(i).head(2), before.row(i).head(2));
    EXPECT_GT(up(i, 2) - before(i, 2), 0.3);
    for (Eigen::Index r = 0; r < up.rows(); ++r)
        if (r != i) {
            EXPECT_EQ(up.row(r), before.row(r));
        }
    EXPECT_TRUE(std::get<Eigen::MatrixXd>(*s.param("points")) == up); // the cloud is now "yours"

    // The fit is the least-squares plane of the moved cloud (Eigen's QR on [x y 1]), and it moved
    // towards the raised point.
    Eigen::MatrixXd x(up.rows(), 3);
    x << up.leftCols(2), Eigen::VectorXd::Ones(up.rows());
    const Eigen::Vector3d want = x.colPivHouseholderQr().solve(Eigen::VectorXd(up.col(2)));
    EXPECT_LT((s.fit().coefficients - want).norm(), 1e-12);
    const Eigen::Vector3d xi(up(i, 0), up(i, 1), 1.0);
    EXPECT_GT(xi.dot(s.fit().coefficients), xi.dot(fit0.coefficients));

    // Without Ctrl the point slides on its horizontal plane: z stays.
    dragPoint(s, canvas, ctx, i, Vec2(50, 20), false);
    const Eigen::MatrixXd slid = s.points();
    EXPECT_EQ(slid(i, 2), up(i, 2));
    EXPECT_GT((slid.row(i).head(2) - up.row(i).head(2)).norm(), 0.1);
    expectFiniteStableDrawing(s);

    // A new seed brings the seeded cloud back.
    ASSERT_EQ(s.setParam("seed", 4.0), "");
    ASSERT_EQ(s.setParam("seed", 3.0), "");
    EXPECT_EQ(s.points(), before);
}

TEST(PlaneFit, ExactPlaneIsRecovered) {
    // z = 2x - y + 3 on a 3x3 grid: the fit is exact.
    Eigen::MatrixXd pts(9, 3);
    for (int i = 0; i < 9; ++i) {
        const double x = i % 3, y = i / 3;
        pts.row(i) << x, y, 2 * x - y + 3;
    }
    const decomp::PlaneFit f = decomp::fitPlane(pts);
    ASSERT_TRUE(f.ok && f.unique);
    EXPECT_EQ(f.rank, 3);
    EXPECT_NEAR((f.coefficients - Eigen::Vector3d(2, -1, 3)).norm(), 0, 1e-13);
    EXPECT_NEAR(f.residualNorm, 0, 1e-13);
}

TEST(PlaneFit, SeededFitMatchesEigenQr) {
    const Eigen::MatrixXd pts = decomp::planeCloud(40, {0.4, -0.3, 1.0}, 0.5, 3);
    ASSERT_EQ(pts.rows(), 40);
    EXPECT_EQ(pts, decomp::planeCloud(40, {0.4, -0.3, 1.0}, 0.5, 3)); // same seed, same points
    Eigen::MatrixXd x(40, 3);
    x << pts.leftCols(2), Eigen::VectorXd::Ones(40);
    const Eigen::VectorXd z = pts.col(2);
    const Eigen::Vector3d ref = x.colPivHouseholderQr().solve(z);
    const decomp::PlaneFit f = decomp::fitPlane(pts);
    ASSERT_TRUE(f.ok && f.unique);
    EXPECT_LT((f.coefficients - ref).norm(), 1e-12);
    EXPECT_NEAR(f.residualNorm, (z - x * ref).norm(), 1e-12);
    // A projection of z onto col(X): the residual is orthogonal to x, y and 1.
    EXPECT_LT(f.orthogonality, 1e-12);
    EXPECT_NEAR(f.residual.sum(), 0, 1e-12);
    // With no noise the seeded cloud lies on its plane.
    const decomp::PlaneFit exact = decomp::fitPlane(decomp::planeCloud(25, {0.4, -0.3, 1.0}, 0, 9));
    EXPECT_LT((exact.coefficients - Eigen::Vector3d(0.4, -0.3, 1.0)).norm(), 1e-12);
}

TEST(PlaneFit, IdenticalCollinearAndOneSpotAreExplained) {
    Eigen::MatrixXd ident(3, 3);
    ident << 1, 2, 3, 1, 2, 3, 1, 2, 3;
    decomp::PlaneFit f = decomp::fitPlane(ident);
    ASSERT_TRUE(f.ok);
    EXPECT_TRUE(f.identical);
    EXPECT_FALSE(f.unique);
    EXPECT_EQ(f.rank, 1);
    EXPECT_NE(f.explanation.find("identical"), std::string::npos);
    EXPECT_NEAR(f.residualNorm, 0, 1e-14);
    // Minimum norm: (a, b, c) = 3 (1, 2, 1) / 6, the multiple of the row (1, 2, 1) that fits.
    EXPECT_LT((f.coefficients - Eigen::Vector3d(0.5, 1, 0.5)).norm(), 1e-14);

    Eigen::MatrixXd spot(3, 3);
    spot << 1, 2, 1, 1, 2, 3, 1, 2, 8;
    f = decomp::fitPlane(spot);
    EXPECT_TRUE(f.oneSpot && !f.unique);
    EXPECT_NEAR(f.fitted(0), 4.0, 1e-13); // the mean z at that spot

    Eigen::MatrixXd line(4, 3);
    line << 0, 0, 1, 1, 1, 2, 2, 2, 2.5, 3, 3, 4; // (x, y) on y = x
    f = decomp::fitPlane(line);
    EXPECT_TRUE(f.collinear && !f.unique);
    EXPECT_EQ(f.rank, 2);
    EXPECT_TRUE(f.coefficients.allFinite());
    EXPECT_LT(f.orthogonality, 1e-12);
    // Along the line the fit is the 1D least-squares line z = m t + c with t = x.
    Eigen::MatrixXd t(4, 2);
    t << line.col(0), Eigen::VectorXd::Ones(4);
    const Eigen::Vector2d mc = t.colPivHouseholderQr().solve(Eigen::VectorXd(line.col(2)));
    EXPECT_LT((f.fitted - t * mc).norm(), 1e-12);

    Projection3DScene s;
    ASSERT_EQ(s.setParam("mode", std::string("least_squares")), "");
    expectFiniteStableDrawing(s);
    for (const Eigen::MatrixXd* m : {&ident, &spot, &line}) {
        ASSERT_EQ(s.setParam("points", *m), "");
        EXPECT_TRUE(contains(s.notes(), "not unique"));
        expectFiniteStableDrawing(s);
    }
    Eigen::MatrixXd one(1, 3);
    one << 1, 1, 1;
    ASSERT_EQ(s.setParam("points", one), "");
    EXPECT_TRUE(contains(s.notes(), "One point"));
    expectFiniteStableDrawing(s);
}

// ---- PCA in 3D ---------------------------------------------------------------------------------

TEST(Pca3, CloudHasTheRequestedCovariance) {
    const Eigen::Vector3d sd(2.0, 1.2, 0.6);
    const double rho = 0.6;
    const Eigen::MatrixXd pts = decomp::correlatedCloud3(150, rho, sd, 11, {2, 1.5, 1});
    const Eigen::MatrixXd xc = pts.rowwise() - pts.colwise().mean();
    const Eigen::Matrix3d cov = xc.transpose() * xc / 150.0;
    Eigen::Matrix3d want;
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 3; ++j)
            want(i, j) = (i == j ? 1 : rho) * sd(i) * sd(j);
    EXPECT_LT((cov - want).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_LT((pts.colwise().mean().transpose() - Eigen::Vector3d(2, 1.5, 1)).norm(), 1e-12);
}

TEST(Pca3, MatchesSelfAdjointEigenSolver) {
    const Eigen::MatrixXd pts =
        decomp::correlatedCloud3(150, 0.6, {2.0, 1.2, 0.6}, 11, {2, 1.5, 1});
    const decomp::Pca3 pc = decomp::pca3(pts);
    ASSERT_TRUE(pc.ok && !pc.degenerate);
    EXPECT_EQ(pc.repeat, decomp::Pca3::Repeat::None);
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es(pc.covariance);
    for (int i = 0; i < 3; ++i) {
        EXPECT_NEAR(pc.variances(i), es.eigenvalues()(2 - i), 1e-12);
        // Same axis up to sign, and C v = lambda v.
        EXPECT_NEAR(std::abs(pc.axes.col(i).dot(es.eigenvectors().col(2 - i))), 1, 1e-12);
        EXPECT_LT((pc.covariance * pc.axes.col(i) - pc.variances(i) * pc.axes.col(i)).norm(),
                  1e-12);
    }
    EXPECT_LT((pc.axes.transpose() * pc.axes - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff(),
              1e-14);
    EXPECT_NEAR(pc.axes.determinant(), 1, 1e-14);
    EXPECT_NEAR(pc.explained.sum(), 1, 1e-15);
    EXPECT_NEAR(pc.explained(0), pc.variances(0) / pc.covariance.trace(), 1e-15);
    // Sign convention: the largest-magnitude entry of PC1 and PC2 is positive.
    for (int i = 0; i < 2; ++i) {
        Eigen::Index k;
        pc.axes.col(i).cwiseAbs().maxCoeff(&k);
        EXPECT_GT(pc.axes(k, i), 0);
    }
}

TEST(Pca3, HandWorkedAxisCloud) {
    // (+-3, 0, 0), (0, +-2, 0), (0, 0, +-1): C = diag(18, 8, 2) / 6, so the axes are x, y, z and
    // they explain 9/14, 4/14 and 1/14.
    Eigen::MatrixXd pts(6, 3);
    pts << 3, 0, 0, -3, 0, 0, 0, 2, 0, 0, -2, 0, 0, 0, 1, 0, 0, -1;
    const decomp::Pca3 pc = decomp::pca3(pts);
    EXPECT_LT((pc.variances - Eigen::Vector3d(3, 4.0 / 3, 1.0 / 3)).norm(), 1e-15);
    EXPECT_LT((pc.axes - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff(), 1e-15);
    EXPECT_LT((pc.explained - Eigen::Vector3d(9, 4, 1) / 14.0).norm(), 1e-15);
}

TEST(Pca3, RepeatedVariancesPickTheAxisNearestTheFreePlane) {
    // Equal spreads, rho = 0.5: eigenvalues 1 + 2 rho = 2 along (1, 1, 1) and 1 - rho = 0.5 twice.
    decomp::Pca3 pc = decomp::pca3(decomp::correlatedCloud3(60, 0.5, {1, 1, 1}, 5, {0, 0, 0}));
    EXPECT_EQ(pc.repeat, decomp::Pca3::Repeat::Bottom);
    EXPECT_LT((pc.variances - Eigen::Vector3d(2, 0.5, 0.5)).norm(), 1e-12);
    EXPECT_LT((pc.axes.col(0) - Eigen::Vector3d(1, 1, 1) / std::sqrt(3.0)).norm(), 1e-12);
    // All axes are equally near the plane x + y + z = 0: x wins the tie.
    EXPECT_LT((pc.axes.col(1) - Eigen::Vector3d(2, -1, -1) / std::sqrt(6.0)).norm(), 1e-9);
    EXPECT_NEAR(pc.axes.determinant(), 1, 1e-12);
    // rho = -0.25: 1 - rho = 1.25 twice (top), 1 + 2 rho = 0.5 along (1, 1, 1).
    pc = decomp::pca3(decomp::correlatedCloud3(60, -0.25, {1, 1, 1}, 5, {0, 0, 0}));
    EXPECT_EQ(pc.repeat, decomp::Pca3::Repeat::Top);
    EXPECT_LT((pc.axes.col(2) - Eigen::Vector3d(1, 1, 1) / std::sqrt(3.0)).norm(), 1e-12);
    EXPECT_LT((pc.axes.col(0) - Eigen::Vector3d(2, -1, -1) / std::sqrt(6.0)).norm(), 1e-9);
    // rho = 0: all three equal, the axes are x, y, z.
    pc = decomp::pca3(decomp::correlatedCloud3(60, 0, {1, 1, 1}, 5, {0, 0, 0}));
    EXPECT_EQ(pc.repeat, decomp::Pca3::Repeat::All);
    EXPECT_EQ(pc.axes, Eigen::Matrix3d::Identity());
    EXPECT_LT((pc.explained - Eigen::Vector3d::Constant(1.0 / 3)).norm(), 1e-12);
}

TEST(Pca3, DegenerateCloudsAreExplained) {
    Eigen::MatrixXd same(4, 3);
    same.rowwise() = Eigen::RowVector3d(1, 2, 3);
    decomp::Pca3 pc = decomp::pca3(same);
    EXPECT_TRUE(pc.ok && pc.degenerate);
    EXPECT_EQ(pc.explained, Eigen::Vector3d::Zero());
    // rho = 1: every point on one line; rho = -0.5 with equal spreads: on the plane x+y+z = const.
    pc = decomp::pca3(decomp::correlatedCloud3(50, 1, {2, 1, 1}, 3, {0, 0, 0}));
    EXPECT_EQ(pc.repeat, decomp::Pca3::Repeat::Bottom);
    EXPECT_EQ(pc.variances(1), 0);
    EXPECT_NEAR(pc.explained(0), 1, 1e-12);
    pc = decomp::pca3(decomp::correlatedCloud3(50, -0.5, {1, 1, 1}, 3, {0, 0, 0}));
    EXPECT_EQ(pc.variances(2), 0);
    EXPECT_LT(std::abs(std::abs(pc.axes.col(2).dot(Eigen::Vector3d(1, 1, 1).normalized())) - 1),
              1e-9);

    Pca3DScene s;
    expectFiniteStableDrawing(s);
    EXPECT_TRUE(s.notes().empty());
    ASSERT_EQ(s.setParam("points", same), "");
    EXPECT_TRUE(contains(s.notes(), "identical"));
    expectFiniteStableDrawing(s);
    ASSERT_EQ(s.setParam("correlation", 1.0), "");
    EXPECT_TRUE(contains(s.notes(), "line"));
    expectFiniteStableDrawing(s);
    ASSERT_EQ(s.setParam("correlation", 0.5), "");
    ASSERT_EQ(s.setParam("spread", col3(1, 1, 1)), "");
    EXPECT_TRUE(contains(s.notes(), "not unique"));
    ASSERT_EQ(s.setParam("correlation", 0.0), "");
    ASSERT_EQ(s.setParam("spread", col3(2, 1, 0)), "");
    EXPECT_TRUE(contains(s.notes(), "lie on a plane"));
    EXPECT_FALSE(contains(s.notes(), "not unique"));
    ASSERT_EQ(s.setParam("spread", col3(1, 1, 0)), ""); // flat and lambda1 = lambda2
    EXPECT_TRUE(contains(s.notes(), "lie on a plane"));
    EXPECT_TRUE(contains(s.notes(), "not unique"));
    ASSERT_EQ(s.setParam("project", std::string("plane")), "");
    EXPECT_NEAR(s.keptFraction(), 1, 1e-12);
    expectFiniteStableDrawing(s);
    Eigen::MatrixXd one(1, 3);
    one << 1, 2, 3;
    ASSERT_EQ(s.setParam("points", one), "");
    EXPECT_TRUE(contains(s.notes(), "One point"));
    expectFiniteStableDrawing(s);
    // Refused, with the state kept.
    EXPECT_NE(s.setParam("spread", col3(-1, 1, 1)), "");
    EXPECT_NE(s.setParam("correlation", -0.9), "");
    EXPECT_NE(s.setParam("count", 3.5), "");
    EXPECT_EQ(std::get<Eigen::MatrixXd>(*s.param("spread"))(2, 0), 0.0);
}

TEST(Pca3, SceneKeepsTheShareItProjectsOnto) {
    Pca3DScene s;
    const decomp::Pca3& pc = s.pca();
    EXPECT_NEAR(s.keptFraction(), pc.explained(0), 1e-15);
    ASSERT_EQ(s.setParam("project", std::string("plane")), "");
    EXPECT_NEAR(s.keptFraction(), s.pca().explained(0) + s.pca().explained(1), 1e-15);
    EXPECT_EQ(s.stages().size(), 3u);
}
