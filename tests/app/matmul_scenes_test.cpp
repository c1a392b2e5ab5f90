// The matmul, tile schedule and speed lab scenes: C against Eigen, dot products against
// hand-worked values, the shape mismatch message, the cell parameter, the deterministic replay of
// a one-thread schedule, and a speed-lab run driven through the scene's job queue.
#include "core/app_state.h"
#include "scenes/matmul_scene.h"
#include "scenes/plane2d_scene.h"
#include "scenes/speedlab_scene.h"
#include "scenes/tiles_scene.h"

#include <Eigen/Dense>
#include <chrono>
#include <gtest/gtest.h>
#include <set>
#include <thread>
#include <tuple>

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

} // namespace

TEST(MatmulScene, ProductEqualsEigen) {
    MatmulScene s;
    ASSERT_TRUE(s.product().has_value());
    EXPECT_TRUE(s.product()->isApprox(s.a() * s.b(), 1e-14));
    const Eigen::MatrixXd a = Eigen::MatrixXd::Random(5, 6), b = Eigen::MatrixXd::Random(6, 4);
    ASSERT_EQ(s.setParam("matrix_a", a), "");
    ASSERT_EQ(s.setParam("matrix_b", b), "");
    ASSERT_TRUE(s.product().has_value());
    EXPECT_EQ(s.product()->rows(), 5);
    EXPECT_EQ(s.product()->cols(), 4);
    EXPECT_TRUE(s.product()->isApprox(a * b, 1e-12));
    EXPECT_EQ(s.shapeMessage(), "(5,6) @ (6,4) -> (5,4)");
}

TEST(MatmulScene, DotProductTermsMatchTheHandWorkedValue) {
    MatmulScene s;
    // The textbook pair: C[0, 1] = 1*8 + 2*10 + 3*12 = 64, C[1, 0] = 4*7 + 5*9 + 6*11 = 139.
    ASSERT_EQ(s.setParam("matrix_a", mat(2, 3, {1, 2, 3, 4, 5, 6})), "");
    ASSERT_EQ(s.setParam("matrix_b", mat(3, 2, {7, 8, 9, 10, 11, 12})), "");
    const auto d = s.dotProduct(0, 1);
    ASSERT_TRUE(d.has_value());
    ASSERT_EQ(d->terms.size(), 3u);
    EXPECT_EQ(d->terms[0], std::make_pair(1.0, 8.0));
    EXPECT_EQ(d->terms[1], std::make_pair(2.0, 10.0));
    EXPECT_EQ(d->terms[2], std::make_pair(3.0, 12.0));
    EXPECT_EQ(d->value, 64.0);
    EXPECT_EQ(d->text(), "1\u00b78 + 2\u00b710 + 3\u00b712 = 64");
    EXPECT_EQ(s.dotProduct(1, 0)->value, 139.0);
    EXPECT_FALSE(s.dotProduct(2, 0).has_value());
    // Negative factors are bracketed: 2*(-1) + (-3)*4 = -14.
    ASSERT_EQ(s.setParam("matrix_a", mat(1, 2, {2, -3})), "");
    ASSERT_EQ(s.setParam("matrix_b", mat(2, 1, {-1, 4})), "");
    EXPECT_EQ(s.dotProduct(0, 0)->value, -14.0);
    EXPECT_EQ(s.dotProduct(0, 0)->text(), "2\u00b7(\u22121) + (\u22123)\u00b74 = \u221214");
}

TEST(MatmulScene, ShapeMismatchNamesBothShapesAndTheRule) {
    MatmulScene s;
    ASSERT_EQ(s.setParam("matrix_a", Eigen::MatrixXd::Ones(2, 3)), "");
    ASSERT_EQ(s.setParam("matrix_b", Eigen::MatrixXd::Ones(2, 2)), "");
    EXPECT_FALSE(s.product().has_value());
    const std::string& m = s.shapeMessage();
    EXPECT_NE(m.find("(2,3)"), std::string::npos) << m;
    EXPECT_NE(m.find("(2,2)"), std::string::npos) << m;
    EXPECT_NE(m.find("3 vs 2"), std::string::npos) << m;
    EXPECT_NE(m.find("(n,k) @ (k,m) -> (n,m)"), std::string::npos) << m;
    EXPECT_EQ(s.duration(), 0.0);
    EXPECT_FALSE(s.focusCell().has_value());
    s.update(1.0); // no C: nothing animates, nothing crashes
    const std::string why = s.setParam("cell", std::string("0,0"));
    EXPECT_NE(why.find("no C"), std::string::npos) << why;
    // Fixing B brings C back.
    ASSERT_EQ(s.setParam("matrix_b", Eigen::MatrixXd::Ones(3, 2)), "");
    ASSERT_TRUE(s.product().has_value());
    EXPECT_EQ((*s.product())(1, 1), 3.0);
}

TEST(MatmulScene, BadInputIsRefusedAndStateKept) {
    MatmulScene s;
    const Eigen::MatrixXd before = s.a();
    EXPECT_NE(s.setParam("matrix_a", Eigen::MatrixXd::Ones(7, 2)), ""); // beyond 6x6
    Eigen::MatrixXd nan = Eigen::MatrixXd::Ones(2, 2);
    nan(0, 1) = std::numeric_limits<double>::quiet_NaN();
    EXPECT_NE(s.setParam("matrix_a", nan), "");
    EXPECT_EQ(s.a(), before);
    EXPECT_NE(s.setParam("cell", std::string("9,9")).find("outside C"), std::string::npos);
    EXPECT_NE(s.setParam("cell", std::string("one,two")).find("\"i,j\""), std::string::npos);
    EXPECT_NE(s.setParam("tile", 1.5), "");
    EXPECT_EQ(s.setParam("cell", std::string("2, 3")), "");
    EXPECT_EQ(s.focusCell(), std::make_pair(2, 3));
}

TEST(MatmulScene, AnimationFillsCellByCellThenTileByTile) {
    MatmulScene s; // C is 3x4
    ASSERT_EQ(s.stepCount(), 12);
    EXPECT_DOUBLE_EQ(s.duration(), 12 * 0.6);
    s.update(0.6 * 5 + 0.1); // the sixth cell, row-major: C[1, 1]
    EXPECT_EQ(s.focusCell(), std::make_pair(1, 1));
    s.update(s.duration()); // finished: nothing animates
    EXPECT_FALSE(s.focusCell().has_value());
    ASSERT_EQ(s.setParam("mode", std::string("tiles")), "");
    ASSERT_EQ(s.setParam("tile", 2.0), "");
    EXPECT_EQ(s.stepCount(), 4); // 2 x 2 tiles over a 3x4 C
}

TEST(TilesScene, OneThreadScheduleIsDeterministicAndCoversC) {
    TilesScene a, b;
    for (TilesScene* s : {&a, &b}) {
        ASSERT_EQ(s->setParam("size", 256.0), "");
        ASSERT_EQ(s->setParam("threads", 1.0), "");
        s->update(0);
        ASSERT_TRUE(s->replay().has_value());
    }
    const TileReplay& ra = *a.replay();
    const TileReplay& rb = *b.replay();
    EXPECT_EQ(ra.workers, 1u);
    ASSERT_EQ(ra.items.size(), rb.items.size());
    ASSERT_FALSE(ra.items.empty());
    double area = 0;
    for (size_t i = 0; i < ra.items.size(); ++i) {
        const auto& x = ra.items[i];
        const auto& y = rb.items[i];
        EXPECT_EQ(std::tie(x.event.row0, x.event.col0, x.event.rows, x.event.cols, x.event.depth0),
                  std::tie(y.event.row0, y.event.col0, y.event.rows, y.event.cols, y.event.depth0));
        EXPECT_EQ(x.start, y.start);
        EXPECT_LE(x.start, x.end);
        if (i) {
            EXPECT_DOUBLE_EQ(x.start, ra.items[i - 1].end); // one worker: back to back
        }
        area += double(x.event.rows) * double(x.event.cols) * double(x.event.depth);
    }
    EXPECT_DOUBLE_EQ(ra.items.back().end, 1.0);
    EXPECT_DOUBLE_EQ(area, 256.0 * 256.0 * 256.0); // every multiply-add exactly once
    const auto& bl = a.blocking();
    EXPECT_GT(bl.mr, 0);
    EXPECT_GT(bl.nr, 0);
    EXPECT_GT(bl.kc, 0);
    EXPECT_GE(bl.mc, bl.mr);
}

TEST(TilesScene, ReplayGivesEachWorkerItsOwnTimeline) {
    std::vector<linscape::engine::TileEvent> ev(3);
    ev[0] = {1, 0, 0, 0, 10, 10, 0, 10, 0, 0};
    ev[1] = {0, 1, 10, 0, 10, 10, 0, 10, 0, 0};
    ev[2] = {1, 2, 20, 0, 10, 10, 0, 10, 0, 0};
    const TileReplay r = buildTileReplay(ev);
    EXPECT_EQ(r.workers, 2u);
    ASSERT_EQ(r.items.size(), 3u);
    EXPECT_EQ(r.tilesPerWorker[0], 1);
    EXPECT_EQ(r.tilesPerWorker[1], 2);
    // Worker 1 has twice the work: its two blocks fill [0, 0.5] and [0.5, 1]; worker 0 [0, 0.5].
    EXPECT_DOUBLE_EQ(r.items[0].start, 0.0);
    EXPECT_DOUBLE_EQ(r.items[2].start, 0.5);
    EXPECT_EQ(r.items[2].event.order, 2u);
    EXPECT_DOUBLE_EQ(r.items[2].end, 1.0);
}

TEST(SpeedLabScene, RefusesAShapeThatWouldNotFit) {
    SpeedLabScene s;
    EXPECT_EQ(s.shapeError(), "");
    ASSERT_EQ(s.setParam("shape", std::string("200000,200000,200000")), "");
    EXPECT_NE(s.shapeError().find("needs about"), std::string::npos) << s.shapeError();
    EXPECT_FALSE(s.startRun());
    EXPECT_NE(s.message().find("not run"), std::string::npos);
    EXPECT_NE(s.setParam("shape", std::string("12,x,3")), "");
}

TEST(SpeedLabScene, RunDeliversAReportThroughTheJobQueueAndSavesCsv) {
    SpeedLabScene s;
    ASSERT_EQ(s.setParam("shape", std::string("40,30,20")), "");
    const auto path = std::string(::testing::TempDir()) + "linscape-speedlab-scene.csv";
    ASSERT_EQ(s.setParam("csv", path), "");
    EXPECT_FALSE(s.saveCsv()); // nothing yet
    ASSERT_TRUE(s.startRun());
    EXPECT_TRUE(s.running());
    EXPECT_TRUE(s.busy());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (s.running() && std::chrono::steady_clock::now() < deadline) {
        s.update(0); // the UI thread polls; it never waits
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_FALSE(s.running());
    ASSERT_TRUE(s.report().has_value()) << s.message();
    // Four CPU methods, then the GPU row: skipped here, with the reason (no GL context in this
    // test; the GL test of the kernel is gpu_tests).
    ASSERT_EQ(s.report()->results.size(), 5u);
    for (size_t i = 0; i < 4; ++i)
        EXPECT_GT(s.report()->results[i].gflops, 0.0) << s.report()->results[i].label;
    const auto& gpu = s.report()->results[4];
    EXPECT_EQ(gpu.method, linscape::engine::SpeedMethod::Gpu);
    EXPECT_TRUE(gpu.skipped);
    EXPECT_NE(gpu.note.find("no OpenGL context"), std::string::npos) << gpu.note;
    EXPECT_FALSE(s.report()->inputs); // freed once the GPU row is settled
    ASSERT_TRUE(s.saveCsv()) << s.message();
    EXPECT_NE(s.message().find(path), std::string::npos) << s.message();
    EXPECT_NE(s.message().find("saved 5 rows"), std::string::npos) << s.message();
    std::remove(path.c_str());
}

TEST(SpeedLabScene, WithoutTheGpuRowTheRaceHasFourMethods) {
    SpeedLabScene s;
    ASSERT_EQ(s.setParam("shape", std::string("24,16,8")), "");
    ASSERT_EQ(s.setParam("gpu", false), "");
    ASSERT_TRUE(s.startRun());
    EXPECT_NE(s.setParam("gpu", true), ""); // refused during a run
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (s.running() && std::chrono::steady_clock::now() < deadline) {
        s.update(0);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ASSERT_TRUE(s.report().has_value()) << s.message();
    EXPECT_EQ(s.report()->results.size(), 4u);
    EXPECT_FALSE(s.report()->inputs); // not kept without the GPU row
}

// The link from a 2x2 product to the transform view: plane2d in compose mode ("first B, then A")
// with the same A and B, whose end state is the map AB.
TEST(MatmulScene, TwoByTwoProductOpensAsACompositionOfMaps) {
    linscape::core::AppState state;
    ASSERT_TRUE(state.selectScene("matmul", nullptr));
    const Eigen::MatrixXd a = mat(2, 2, {2, 1, 0, 1}), b = mat(2, 2, {0, -1, 1, 0});
    ASSERT_EQ(state.scene->setParam("matrix_a", a), "");
    ASSERT_EQ(state.scene->setParam("matrix_b", b), "");
    const auto link = state.scene->link();
    ASSERT_TRUE(link.has_value());
    EXPECT_EQ(link->sceneId, "plane2d");

    std::string error;
    EXPECT_FALSE(linscape::core::followSceneLink(state, &error)); // not taken yet
    EXPECT_EQ(state.scene->id(), "matmul");
    state.scene->followLink();
    ASSERT_TRUE(linscape::core::followSceneLink(state, &error)) << error;
    ASSERT_EQ(state.scene->id(), "plane2d");
    auto* plane = dynamic_cast<Plane2DScene*>(state.scene.get());
    ASSERT_NE(plane, nullptr);
    EXPECT_EQ(plane->mode(), PlaneMode::Compose);
    EXPECT_TRUE(plane->matrix().isApprox(Eigen::Matrix2d(a)));
    EXPECT_TRUE(plane->matrixB().isApprox(Eigen::Matrix2d(b)));
    // At the end of the animation the plane shows AB: [[2,1],[0,1]] @ [[0,-1],[1,0]] =
    // [[1,-2],[1,0]].
    plane->update(plane->duration());
    EXPECT_TRUE(plane->current().isApprox(Eigen::Matrix2d{{1, -2}, {1, 0}})) << plane->current();
    EXPECT_TRUE(state.timeline.playing);
    EXPECT_EQ(state.timeline.t, 0.0);
}

TEST(MatmulScene, NoCompositionLinkUnlessBothAre2x2) {
    MatmulScene s;
    ASSERT_EQ(s.setParam("matrix_a", mat(2, 3, {1, 2, 3, 4, 5, 6})), "");
    ASSERT_EQ(s.setParam("matrix_b", mat(3, 2, {1, 0, 0, 1, 1, 1})), "");
    EXPECT_FALSE(s.link().has_value());
    linscape::core::AppState state;
    ASSERT_TRUE(state.selectScene("matmul", nullptr));
    ASSERT_EQ(state.scene->setParam("matrix_a", mat(2, 3, {1, 2, 3, 4, 5, 6})), "");
    state.scene->followLink();
    std::string error;
    EXPECT_FALSE(linscape::core::followSceneLink(state, &error));
    EXPECT_EQ(error, "");
    EXPECT_EQ(state.scene->id(), "matmul");
}

// Goldens describe a fixed reference CPU, so they do not depend on the machine.
TEST(TilesScene, ReferenceMachinePlansWithTheReferenceCacheAndKernels) {
    TilesScene s;
    ASSERT_EQ(s.setParam("size", 512.0), "");
    ASSERT_EQ(s.setParam("threads", 1.0), "");
    ASSERT_EQ(s.setParam("machine", std::string("reference")), "");
    s.update(1.0);
    const auto& bl = s.blocking();
    const auto expected = linscape::engine::gemmBlocking(
        512, 512, 512, false, linscape::engine::KernelIsa::Portable, {32 * 1024, 512 * 1024});
    EXPECT_EQ(bl.isa, linscape::engine::KernelIsa::Portable);
    EXPECT_EQ(bl.l2, 512u * 1024u);
    EXPECT_EQ(bl.mc, expected.mc);
    EXPECT_EQ(bl.kc, expected.kc);
    // kc about fills L1 with one kc x nr panel of B; mc x kc fills L2 (portable kernels).
    EXPECT_LE(std::size_t(bl.kc) * std::size_t(bl.nr) * 4, 2u * 32u * 1024u);
    EXPECT_LE(std::size_t(bl.mc) * std::size_t(bl.kc) * 4, 512u * 1024u);
    ASSERT_TRUE(s.replay().has_value());
    // One thread: the recorded blocks tile C exactly once per k-slice with these sizes.
    std::set<std::tuple<long, long, long>> seen;
    for (const auto& it : s.replay()->items) {
        EXPECT_LE(it.event.rows, bl.mc);
        seen.insert({long(it.event.row0), long(it.event.col0), long(it.event.depth0)});
    }
    EXPECT_EQ(seen.size(), s.replay()->items.size());
}
