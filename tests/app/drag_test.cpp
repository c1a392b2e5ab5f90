// Direct manipulation in the planar scenes, driven with simulated mouse events the way the app
// sends them (input, then update at the held time, then draw): dragged tips stay under the cursor,
// the edited matrices and clouds are checked against Eigen, the framing holds still during a drag
// and eases afterwards, U and V stay continuous along a drag, and a column dragged onto the
// origin is explained, never NaN.
#include "render/canvas.h"
#include "scenes/eigen_scene.h"
#include "scenes/pca_scene.h"
#include "scenes/plane2d_scene.h"
#include "scenes/svd_scene.h"
#include "style/theme.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace linscape;
using namespace linscape::scenes;

namespace {

constexpr double kPi = std::numbers::pi;

Eigen::MatrixXd m2(double a, double b, double c, double d) {
    Eigen::MatrixXd m(2, 2);
    m << a, b, c, d;
    return m;
}

// Plays the app's part: a canvas the size of a 1280x720 viewport, and one frame per event.
struct Driver {
    Scene& scene;
    render::Canvas canvas{nullptr, 1.0f};
    SceneContext ctx;
    ViewportInput in;

    explicit Driver(Scene& s) : scene(s) {
        ctx.palette = &style::palette(style::ThemeId::Dark);
        in.hovered = true;
        frame();
    }
    void frame() {
        scene.input(in, ctx);
        // While something is dragged the app holds the timeline at its end.
        if (scene.dragging()) scene.update(scene.duration());
        canvas.reset(1280, 720, 1.0f);
        scene.draw(canvas, ctx);
    }
    void hover(Vec2 at) {
        in.mouse = at;
        in.pressed[0] = false;
        frame();
    }
    void press(Vec2 at) {
        in.mouse = at;
        in.down[0] = in.pressed[0] = true;
        frame();
        in.pressed[0] = false;
    }
    void moveTo(Vec2 at) {
        in.mouse = at;
        frame();
    }
    void release() {
        in.down[0] = false;
        in.released[0] = true;
        frame();
        in.released[0] = false;
    }
    void expectFinite() const {
        for (const render::CanvasVertex& v : canvas.vertices()) {
            ASSERT_TRUE(std::isfinite(v.x) && std::isfinite(v.y)) << scene.id();
            ASSERT_TRUE(std::isfinite(v.u) && std::isfinite(v.v)) << scene.id();
        }
    }
};

bool sameView(const render::View2D& a, const render::View2D& b) {
    return a.center == b.center && a.pixelsPerUnit == b.pixelsPerUnit;
}

} // namespace

// ---- plane2d: the framing holds during a drag and eases afterwards ---------------------------

TEST(Plane2DDrag, FramingHoldsStillThenEasesToTheNewMatrix) {
    Plane2DScene s;
    Driver d(s);
    const render::View2D before = s.view();
    const Vec2 tip = s.view().toScreen(s.matrix().col(0)); // î = (2, 0)
    d.press(tip);
    ASSERT_TRUE(s.dragging());
    // Far out along x: fitting (7.5, 0.4) would zoom out, and the tip would run from the cursor.
    const Vec2 target = before.toScreen({7.5, 0.4});
    for (int k = 1; k <= 20; ++k)
        d.moveTo(tip + (target - tip) * (float(k) / 20));
    EXPECT_TRUE(sameView(s.view(), before));
    EXPECT_NEAR(s.matrix()(0, 0), 7.5, 0.011);
    EXPECT_NEAR(s.matrix()(1, 0), 0.4, 0.011);
    EXPECT_LT((s.view().toScreen(s.matrix().col(0)) - target).norm(), 1.5f);
    EXPECT_EQ(s.matrix().col(1), Eigen::Vector2d(1, 1.5)); // ĵ untouched
    // Release: a few frames of easing (the app keeps drawing while busy), then the framing a
    // fresh scene with this matrix gets.
    d.release();
    EXPECT_FALSE(s.dragging());
    EXPECT_TRUE(s.busy());
    Plane2DScene fresh;
    ASSERT_EQ(fresh.setParam("A", Eigen::MatrixXd(s.matrix())), "");
    Driver f(fresh);
    double last = s.view().pixelsPerUnit;
    int frames = 1;
    while (s.busy() && frames < 100) {
        d.frame();
        ++frames;
        // Zooming out monotonically, no overshoot.
        EXPECT_LE(s.view().pixelsPerUnit, last + 1e-9);
        EXPECT_GE(s.view().pixelsPerUnit, fresh.view().pixelsPerUnit - 1e-9);
        last = s.view().pixelsPerUnit;
    }
    EXPECT_EQ(frames, HeldView::kSettleFrames);
    EXPECT_TRUE(sameView(s.view(), fresh.view()));
    EXPECT_LT(fresh.view().pixelsPerUnit, before.pixelsPerUnit); // it did have to zoom out
}

TEST(Plane2DDrag, GrabbingOffCentreDoesNotJumpAndShiftSnaps) {
    Plane2DScene s;
    Driver d(s);
    const Eigen::Vector2d j0 = s.matrix().col(1); // (1, 1.5)
    const Vec2 tip = s.view().toScreen(j0);
    d.press(tip + Vec2(9, -6));  // within the 16 px pick radius, not on the tip
    d.moveTo(tip + Vec2(9, -6)); // no movement yet: nothing changes
    EXPECT_EQ(s.matrix().col(1), j0);
    const Vec2 step(37, 23);
    d.moveTo(tip + Vec2(9, -6) + step);
    const Eigen::Vector2d moved = s.view().toWorld(tip + step);
    EXPECT_NEAR(s.matrix()(0, 1), moved.x(), 0.006);
    EXPECT_NEAR(s.matrix()(1, 1), moved.y(), 0.006);
    d.in.shift = true;
    d.moveTo(tip + Vec2(9, -6) + step);
    for (int r = 0; r < 2; ++r)
        EXPECT_EQ(s.matrix()(r, 1) * 2, std::round(s.matrix()(r, 1) * 2));
    d.release();
    EXPECT_EQ(std::get<std::string>(*s.param("preset")), "custom");
}

// ---- eigen: columns of A, and v around the circle ----------------------------------------------

TEST(EigenDrag, DraggingAColumnEditsAAndTheEigenvectorsFollow) {
    EigenScene s;
    Driver d(s);
    const render::View2D before = s.view();
    const Vec2 tip = before.toScreen(s.matrix().col(0)); // î = (2, 1)
    d.hover(tip);
    EXPECT_NE(s.statusLine().find("Drag the tips"), std::string::npos);
    d.press(tip);
    ASSERT_TRUE(s.dragging());
    const Vec2 target = before.toScreen({3, 0.5});
    for (int k = 1; k <= 10; ++k)
        d.moveTo(tip + (target - tip) * (float(k) / 10));
    EXPECT_TRUE(sameView(s.view(), before));
    EXPECT_LT((s.view().toScreen(s.matrix().col(0)) - target).norm(), 1.5f);
    d.release();
    const Eigen::Matrix2d a = s.matrix();
    EXPECT_NEAR(a(0, 0), 3, 0.011);
    EXPECT_NEAR(a(1, 0), 0.5, 0.011);
    EXPECT_EQ(a.col(1), Eigen::Vector2d(1, 2));
    // The eigen-lines drawn are the new A's: A v = λ v for each, and λ matches Eigen's solver.
    const engine::Analysis* an = s.analysis();
    ASSERT_TRUE(an && an->eigen);
    const auto& e = *an->eigen;
    ASSERT_EQ(e.kind, engine::EigenCase::DistinctReal);
    Eigen::EigenSolver<Eigen::Matrix2d> ref(a);
    std::vector<double> expected = {ref.eigenvalues()(0).real(), ref.eigenvalues()(1).real()};
    std::sort(expected.rbegin(), expected.rend());
    for (int j = 0; j < 2; ++j) {
        EXPECT_NEAR(e.realValues[size_t(j)], expected[size_t(j)], 1e-9);
        const Eigen::Vector2d v = e.vectors.col(j);
        EXPECT_LT((a * v - e.realValues[size_t(j)] * v).norm(), 1e-9);
    }
    EXPECT_EQ(s.current(), a); // the picture shows A itself
}

TEST(EigenDrag, AColumnOnTheOriginIsExplainedNotNaN) {
    EigenScene s;
    Driver d(s);
    const Vec2 tip = s.view().toScreen(s.matrix().col(1)); // ĵ = (1, 2)
    d.press(tip);
    d.moveTo(s.view().toScreen({0, 0}));
    EXPECT_EQ(s.matrix().col(1), Eigen::Vector2d(0, 0));
    d.expectFinite();
    d.release();
    EXPECT_NE(s.caption().find("is on the origin"), std::string::npos) << s.caption();
    // A e2 = 0: λ = 0 with e2 as its eigenvector.
    const auto& e = *s.analysis()->eigen;
    bool zero = false;
    for (Eigen::Index j = 0; j < e.vectors.cols(); ++j)
        if (std::abs(e.realValues[size_t(j)]) < 1e-12) {
            zero = true;
            EXPECT_NEAR(std::abs(e.vectors(1, j)), 1.0, 1e-12);
        }
    EXPECT_TRUE(zero);
    // Both columns on the origin: A = 0, still a picture and a sentence.
    d.press(s.view().toScreen(s.matrix().col(0)));
    d.moveTo(s.view().toScreen({0, 0}));
    d.release();
    EXPECT_TRUE(s.matrix().isZero(0));
    d.frame();
    d.expectFinite();
    EXPECT_NE(s.caption().find("A = 0"), std::string::npos) << s.caption();
}

TEST(EigenDrag, ColumnsAreGrabbedOnlyWhereTheyAreDrawn) {
    EigenScene s;
    s.update(0); // the animation's start: the grid is still I, A's columns are not there yet
    Driver d(s);
    d.press(s.view().toScreen(s.matrix().col(0)));
    EXPECT_FALSE(s.dragging());
}

TEST(EigenDrag, DraggingVSetsTheSweepAngleUntilTheTimelineMoves) {
    EigenScene s;
    ASSERT_EQ(s.setParam("mode", std::string("sweep")), "");
    s.update(s.duration() / 4); // v at 90°
    Driver d(s);
    EXPECT_NEAR(s.sweepAngle(), kPi / 2, 1e-12);
    const Vec2 vTip = s.view().toScreen({0, 1});
    d.press(vTip);
    ASSERT_TRUE(s.dragging());
    EXPECT_NEAR(s.sweepAngle(), kPi / 2, 1e-12); // held, though the app jumped to the end
    // Around the circle to 200°, beyond its radius: only the direction counts.
    const double target = 200 * kPi / 180;
    for (int k = 1; k <= 12; ++k) {
        const double a = kPi / 2 + (target - kPi / 2) * k / 12.0;
        d.moveTo(s.view().toScreen({1.6 * std::cos(a), 1.6 * std::sin(a)}));
    }
    EXPECT_NEAR(s.sweepAngle(), target, 0.01);
    // The markers passed are those of the angles 0..200°: for [[2,1],[1,2]] 45° and 135°.
    ASSERT_EQ(s.passedAlignments().size(), 2u);
    EXPECT_NEAR(s.passedAlignments()[1].angle, 3 * kPi / 4, 1e-9);
    // Through the origin the direction is undefined: v keeps its angle.
    d.moveTo(s.view().toScreen({0, 0}));
    EXPECT_NEAR(s.sweepAngle(), target, 0.01);
    d.in.shift = true; // 15° steps
    d.moveTo(s.view().toScreen({std::cos(3.0), std::sin(3.0)}));
    EXPECT_NEAR(std::remainder(s.sweepAngle(), kPi / 12), 0, 1e-9);
    d.in.shift = false;
    d.moveTo(s.view().toScreen({std::cos(target), std::sin(target)}));
    d.release();
    // Released: it stays, frame after frame, while the timeline rests at the end ...
    for (int k = 0; k < 3; ++k) {
        s.update(s.duration());
        d.frame();
    }
    EXPECT_NEAR(s.sweepAngle(), target, 0.01);
    // ... and the animation takes over when the timeline moves.
    s.update(0);
    EXPECT_EQ(s.sweepAngle(), 0.0);
}

// ---- svd: columns of A, continuous U and V
// -------------------------------------------------------

TEST(SvdDrag, ADragPathGivesContinuousUAndV) {
    // ĵ = (0, 2) stays; î runs from (1.2, -1.2) to (1.6, -1.6). |î| passes |ĵ| = 2 with î·ĵ < 0,
    // so v₁ crosses the 135° line, where the fresh canonical SVD (largest entry of v₁ positive)
    // flips U and V to -U, -V. Along the drag each SVD continues from the previous one instead.
    SvdScene s;
    ASSERT_EQ(s.setParam("A", m2(1.2, 0, -1.2, 2)), "");
    Driver d(s);
    const Vec2 from = s.view().toScreen({1.2, -1.2});
    const Vec2 to = s.view().toScreen({1.6, -1.6});
    d.press(from);
    ASSERT_TRUE(s.dragging());
    engine::SvdResult prev = s.analysis()->svd, prevFresh = engine::canonicalSvd(s.matrix());
    double worst = 0, worstFresh = 0;
    const int steps = 60;
    for (int k = 1; k <= steps; ++k) {
        d.moveTo(from + (to - from) * (float(k) / steps));
        const Eigen::Matrix2d a = s.matrix();
        const engine::SvdResult& svd = s.analysis()->svd;
        // Still an SVD of the dragged A, U and V rotations.
        EXPECT_LT((svd.U * svd.S.asDiagonal() * svd.Vt - a).norm(), 1e-12);
        EXPECT_NEAR(svd.U.determinant(), 1, 1e-12);
        EXPECT_NEAR(svd.Vt.determinant(), 1, 1e-12);
        for (int i = 0; i < 2; ++i)
            EXPECT_NEAR(svd.singularValues(i),
                        Eigen::JacobiSVD<Eigen::Matrix2d>(a).singularValues()(i), 1e-12);
        worst = std::max({worst, (svd.U - prev.U).norm(), (svd.Vt - prev.Vt).norm()});
        const engine::SvdResult fresh = engine::canonicalSvd(a);
        worstFresh = std::max(
            {worstFresh, (fresh.U - prevFresh.U).norm(), (fresh.Vt - prevFresh.Vt).norm()});
        prev = svd;
        prevFresh = fresh;
        // The tip stays under the cursor (entries round to 0.01).
        EXPECT_LT((s.view().toScreen(a.col(0)) - d.in.mouse).norm(), 1.5f);
    }
    EXPECT_GT(worstFresh, 2.0); // the path does cross the canonical flip ...
    EXPECT_LT(worst, 0.15);     // ... and the dragged SVD moves only a little per step
    EXPECT_NEAR(s.matrix()(0, 0), 1.6, 0.011);
    EXPECT_NEAR(s.matrix()(1, 0), -1.6, 0.011);
    d.release();
    EXPECT_FALSE(s.dragging());
}

TEST(SvdDrag, AColumnOnTheOriginIsRankOneAndExplained) {
    SvdScene s;
    Driver d(s);
    d.hover(s.view().toScreen(s.matrix().col(0)));
    EXPECT_NE(s.statusLine().find("Drag the tips"), std::string::npos);
    d.press(s.view().toScreen(s.matrix().col(0)));
    // A few pixels off the origin is onto it: the column becomes exactly zero.
    d.moveTo(s.view().toScreen({0, 0}) + Vec2(3, -2));
    d.release();
    EXPECT_EQ(s.matrix().col(0), Eigen::Vector2d(0, 0));
    EXPECT_EQ(s.analysis()->rank, 1);
    EXPECT_NEAR(s.analysis()->svd.singularValues(0), s.matrix().col(1).norm(), 1e-12);
    EXPECT_LT(s.analysis()->svd.singularValues(1), 1e-12);
    d.frame();
    d.expectFinite();
    EXPECT_NE(s.caption().find("is on the origin"), std::string::npos) << s.caption();
    EXPECT_NE(s.caption().find("rank 1"), std::string::npos) << s.caption();
}

// ---- pca: points of the cloud -------------------------------------------------------------------

TEST(PcaDrag, ADraggedPointStaysUnderTheCursorAndThePcaFollows) {
    PcaScene s;
    Driver d(s);
    const Eigen::MatrixXd before = s.points();
    // The point farthest from its nearest neighbour, so the mouse finds it and no other.
    int i = 0;
    double bestGap = -1;
    for (Eigen::Index a = 0; a < before.rows(); ++a) {
        double gap = 1e300;
        for (Eigen::Index b = 0; b < before.rows(); ++b)
            if (a != b) gap = std::min(gap, (before.row(a) - before.row(b)).norm());
        if (gap > bestGap) {
            bestGap = gap;
            i = int(a);
        }
    }
    const Vec2 at = s.view().toScreen(s.shownPoint(i));
    d.hover(at);
    EXPECT_EQ(s.hoveredPoint(), i);
    d.press(at);
    ASSERT_TRUE(s.dragging());
    const render::View2D held = s.view();
    const Vec2 target = at + Vec2(140, -90);
    for (int k = 1; k <= 10; ++k)
        d.moveTo(at + (target - at) * (float(k) / 10));
    EXPECT_TRUE(sameView(s.view(), held));
    // Shown centred (x - mean, with the mean moving too): still under the cursor.
    EXPECT_LT((s.view().toScreen(s.shownPoint(i)) - target).norm(), 1.5f);
    d.release();
    // Only point i moved.
    const Eigen::MatrixXd x = s.points();
    for (Eigen::Index r = 0; r < x.rows(); ++r)
        if (r != i) {
            EXPECT_EQ(x.row(r), before.row(r));
        }
    EXPECT_GT((x.row(i) - before.row(i)).norm(), 0.5);
    // The PCA is of the moved cloud: mean, covariance X_c^T X_c / n, eigen-pairs.
    const Eigen::Vector2d mean = x.colwise().mean().transpose();
    const Eigen::MatrixXd xc = x.rowwise() - mean.transpose();
    const Eigen::Matrix2d cov = xc.transpose() * xc / double(x.rows());
    const decomp::Pca2& p = s.pca();
    EXPECT_LT((p.mean - mean).norm(), 1e-12);
    EXPECT_LT((p.covariance - cov).norm(), 1e-12);
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> es(cov);
    EXPECT_NEAR(p.variances(0), es.eigenvalues()(1), 1e-12);
    EXPECT_NEAR(p.variances(1), es.eigenvalues()(0), 1e-12);
    EXPECT_LT((cov * p.axes.col(0) - p.variances(0) * p.axes.col(0)).norm(), 1e-9);
    // It stays moved when the correlation changes, and goes back with a new seed or a reset.
    ASSERT_EQ(s.setParam("correlation", 0.2), "");
    EXPECT_EQ(s.points().row(i), x.row(i));
    EXPECT_EQ(s.movedPoints().size(), 1u);
    ASSERT_EQ(s.setParam("seed", 8.0), "");
    EXPECT_TRUE(s.movedPoints().empty());
    ASSERT_EQ(s.setParam("seed", 7.0), "");
    ASSERT_EQ(s.setParam("correlation", 0.75), "");
    EXPECT_EQ(s.points(), before);
}

TEST(PcaDrag, IdenticalPointsCanBePulledApart) {
    PcaScene s;
    ASSERT_EQ(s.setParam("points", m2(1, 2, 1, 2)), ""); // two points, both (1, 2)
    Driver d(s);
    EXPECT_TRUE(s.pca().degenerate);
    const Vec2 at = s.view().toScreen(s.shownPoint(1));
    d.press(at);
    ASSERT_TRUE(s.dragging());
    const int i = s.draggedPoint(), other = 1 - i; // both sit on the origin: either is found
    d.moveTo(at + Vec2(80, 0));
    d.release();
    EXPECT_FALSE(s.pca().degenerate);
    // Centred, the two points sit at ±(x_i - x_other)/2: the dragged one under the cursor.
    const Eigen::MatrixXd& x = s.points();
    EXPECT_EQ(x.row(other), Eigen::RowVector2d(1, 2));
    EXPECT_NEAR(x(i, 1), 2, 1e-12);
    EXPECT_NEAR((x(i, 0) - 1) / 2 * s.view().pixelsPerUnit, 80, 1.5);
    EXPECT_NEAR(s.pca().explained(0), 1.0, 1e-12);
    d.frame();
    d.expectFinite();
}

TEST(PcaDrag, HoverParameterAndMouseHighlightThePoint) {
    PcaScene s;
    EXPECT_EQ(s.hoveredPoint(), -1);
    ASSERT_EQ(s.setParam("hover", 3.0), "");
    EXPECT_EQ(s.hoveredPoint(), 3);
    EXPECT_NE(s.setParam("hover", 2.5), "");
    EXPECT_NE(s.setParam("hover", 500.0), "");
    EXPECT_EQ(s.hoveredPoint(), 3);
    Driver d(s);
    d.hover(s.view().toScreen(s.shownPoint(9)));
    EXPECT_EQ(s.hoveredPoint(), 9); // the mouse wins over the parameter
    d.hover({-1000, -1000});
    EXPECT_EQ(s.hoveredPoint(), 3);
    d.expectFinite();
}
