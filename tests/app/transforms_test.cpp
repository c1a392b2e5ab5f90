// The linear-map scenes' math against hand-worked facts: the orbit camera's projection and rays,
// near-plane clipping, collapse by rank in 3D, presets, composition stages, inverse refusal,
// transpose, and parameter refusals that keep the previous state.
#include "scenes/plane2d_modes.h"
#include "scenes/plane2d_scene.h"
#include "scenes/space3d_scene.h"
#include "scenes/view3d.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

using namespace linscape;
using namespace linscape::scenes;

namespace {

Eigen::MatrixXd m2(double a, double b, double c, double d) {
    Eigen::MatrixXd m(2, 2);
    m << a, b, c, d;
    return m;
}

// A camera on the +x axis looking at the origin: right = +y, up = +z (worked out by hand from
// forward = -x, right = forward x z, up = right x forward).
render::OrbitCamera sideCamera() {
    render::OrbitCamera cam;
    cam.yaw = 0;
    cam.pitch = 0;
    cam.distance = 10;
    cam.fovY = 0.75;
    cam.viewportSize = {800, 600};
    return cam;
}

} // namespace

TEST(Camera3D, ProjectsLikeAPinholeCamera) {
    const auto cam = sideCamera();
    const double f = 300.0 / std::tan(0.375); // focal length in pixels: half height / tan(fov/2)
    const auto centre = cam.project({0, 0, 0});
    EXPECT_NEAR(centre.screen.x(), 400, 1e-3);
    EXPECT_NEAR(centre.screen.y(), 300, 1e-3);
    EXPECT_NEAR(centre.depth, 10, 1e-12);
    // One unit along +y (camera right) at depth 10 moves f/10 pixels right; +z moves up.
    EXPECT_NEAR(cam.project({0, 1, 0}).screen.x(), 400 + f / 10, 1e-3);
    EXPECT_NEAR(cam.project({0, 0, 1}).screen.y(), 300 - f / 10, 1e-3);
    // Twice as far, half the offset.
    EXPECT_NEAR(cam.project({-10, 1, 0}).screen.x(), 400 + f / 20, 1e-3);
    EXPECT_NEAR(cameraDepth(cam, {-10, 1, 0}), 20, 1e-12);
}

TEST(Camera3D, RayThroughAProjectedPointHitsThePoint) {
    auto cam = sideCamera();
    cam.yaw = 0.7;
    cam.pitch = 0.4;
    const Eigen::Vector3d p(0.3, -1.2, 0.8);
    Eigen::Vector3d o, d;
    screenRay(cam, cam.project(p).screen, o, d);
    EXPECT_NEAR(d.norm(), 1.0, 1e-12);
    // Distance from p to the ray: |(p - o) x d|; float screen coordinates limit it to ~1e-5.
    EXPECT_LT((p - o).cross(d).norm(), 1e-4);
    // The ray meets the plane z = 0.8 (through p) at p.
    const auto hit = rayPlane(o, d, p, Eigen::Vector3d::UnitZ());
    ASSERT_TRUE(hit.has_value());
    EXPECT_LT((*hit - p).norm(), 1e-4);
    // Parallel to the plane: no hit.
    EXPECT_FALSE(rayPlane({0, 0, 1}, {1, 0, 0}, {0, 0, 0}, {0, 0, 1}).has_value());
    // Plane behind the ray's origin: no hit.
    EXPECT_FALSE(rayPlane({0, 0, 1}, {0, 0, 1}, {0, 0, 0}, {0, 0, 1}).has_value());
}

TEST(Camera3D, SegmentsAreClippedAtTheNearPlane) {
    const auto cam = sideCamera(); // eye at (10, 0, 0)
    Vec2 a, b;
    double da = 0, db = 0;
    // From behind the eye (depth -10) to the origin (depth 10): the part in front survives.
    ASSERT_TRUE(projectSegment(cam, {20, 0, 0.5}, {0, 0, 0}, a, b, &da, &db));
    EXPECT_GE(da, kNearPlane);
    EXPECT_NEAR(db, 10, 1e-12);
    EXPECT_TRUE(std::isfinite(a.x()) && std::isfinite(a.y()));
    // Entirely behind: nothing.
    EXPECT_FALSE(projectSegment(cam, {20, 0, 0}, {11, 1, 0}, a, b));
    // Non-finite input: nothing, never NaN on screen.
    EXPECT_FALSE(projectSegment(cam, {std::nan(""), 0, 0}, {0, 0, 0}, a, b));
}

TEST(Camera3D, FitDistanceFramesASphere) {
    // fov 90 deg, wide viewport: the vertical half-angle (45 deg) limits; d = r / sin(45 deg).
    EXPECT_NEAR(fitDistance(1.0, M_PI / 2, 2.0, 1.0), std::sqrt(2.0), 1e-12);
    // Tall viewport (aspect 0.5): the horizontal half-angle atan(0.5) limits.
    EXPECT_NEAR(fitDistance(1.0, M_PI / 2, 0.5, 1.0), 1.0 / std::sin(std::atan(0.5)), 1e-12);
}

TEST(Space3D, CollapseFollowsTheRank) {
    EXPECT_EQ(collapseForRank(3), Collapse3D::None);
    EXPECT_EQ(collapseForRank(2), Collapse3D::Plane);
    EXPECT_EQ(collapseForRank(1), Collapse3D::Line);
    EXPECT_EQ(collapseForRank(0), Collapse3D::Point);
    EXPECT_NE(collapseSentence(Collapse3D::Plane).find("plane"), std::string::npos);
    EXPECT_NE(collapseSentence(Collapse3D::Line).find("line"), std::string::npos);
    EXPECT_NE(collapseSentence(Collapse3D::Point).find("origin"), std::string::npos);

    Space3DScene s;
    struct Case {
        Eigen::Matrix3d m;
        Collapse3D expected;
    };
    Eigen::Matrix3d plane, line, zero = Eigen::Matrix3d::Zero();
    plane << 1, 0, 1, 0, 1, 1, 0, 0, 0; // third column = first + second, z always 0
    line << 1, 2, 3, 2, 4, 6, 1, 2, 3;  // every column a multiple of (1, 2, 1)
    for (const Case& c :
         {Case{plane, Collapse3D::Plane}, Case{line, Collapse3D::Line},
          Case{zero, Collapse3D::Point}, Case{Eigen::Matrix3d::Identity(), Collapse3D::None}}) {
        ASSERT_EQ(s.setParam("matrix", Eigen::MatrixXd(c.m)), "");
        ASSERT_NE(s.analysis(), nullptr);
        EXPECT_EQ(collapseForRank(s.analysis()->rank), c.expected) << c.m;
    }
    // The plane case's column space is z = 0: its normal (the third left singular vector) is ±z.
    ASSERT_EQ(s.setParam("matrix", Eigen::MatrixXd(plane)), "");
    EXPECT_NEAR(std::abs(s.analysis()->svd.U(2, 2)), 1.0, 1e-12);
}

TEST(Space3D, DefaultVolumeAndFlip) {
    Space3DScene s;
    // det [[1.5, .5, 0], [0, 1, .5], [.25, 0, 2]] by the first row:
    // 1.5 (1*2 - .5*0) - .5 (0*2 - .5*.25) + 0 = 3 + 0.0625.
    ASSERT_NE(s.analysis(), nullptr);
    ASSERT_TRUE(s.analysis()->det.has_value());
    EXPECT_NEAR(*s.analysis()->det, 3.0625, 1e-12);
    // Swapping two columns flips orientation: the determinant changes sign, volume stays.
    Eigen::Matrix3d swapped = s.matrix();
    swapped.col(0).swap(swapped.col(1));
    ASSERT_EQ(s.setParam("matrix", Eigen::MatrixXd(swapped)), "");
    EXPECT_NEAR(*s.analysis()->det, -3.0625, 1e-12);
    EXPECT_EQ(s.analysis()->detSign, -1);
}

TEST(Space3D, AnimatesFromIdentityAndRefusesBadInput) {
    Space3DScene s;
    const Eigen::Matrix3d a = s.matrix();
    s.update(0);
    EXPECT_TRUE(s.current().isApprox(Eigen::Matrix3d::Identity()));
    s.update(s.duration());
    EXPECT_EQ(s.current(), a);
    Eigen::MatrixXd nan = Eigen::MatrixXd(a);
    nan(1, 2) = std::numeric_limits<double>::infinity();
    EXPECT_NE(s.setParam("matrix", nan), "");
    EXPECT_EQ(s.matrix(), a);
    EXPECT_NE(s.setParam("matrix", Eigen::MatrixXd::Identity(2, 2)).find("3x3"), std::string::npos);
    const std::string why = s.setParam("camera_distance", 0.1);
    EXPECT_NE(why.find("camera_distance"), std::string::npos) << why;
    EXPECT_EQ(std::get<double>(*s.param("camera_distance")), 0.0);
}

TEST(Space3D, CameraParametersPlaceTheCamera) {
    Space3DScene s;
    ASSERT_EQ(s.setParam("camera_yaw", 90.0), "");
    ASSERT_EQ(s.setParam("camera_pitch", 0.0), "");
    ASSERT_EQ(s.setParam("camera_distance", 12.0), "");
    s.setupCamera(1280, 720);
    // Yaw 90 deg, pitch 0: the eye sits on the +y side of the target, 12 units away, level.
    const Eigen::Vector3d rel = s.camera().eye() - s.camera().target;
    EXPECT_NEAR(rel.x(), 0, 1e-9);
    EXPECT_NEAR(rel.y(), 12, 1e-9);
    EXPECT_NEAR(rel.z(), 0, 1e-9);
    // Pitch beyond the poles is refused by the spec.
    EXPECT_NE(s.setParam("camera_pitch", 95.0), "");
}

TEST(PlanePresets, HandWorkedMatrices) {
    PresetValues v;
    v.thetaDeg = 90;
    EXPECT_EQ(presetMatrix(PlanePreset::Rotation, v), Eigen::Matrix2d(m2(0, -1, 1, 0)));
    v.thetaDeg = 0;
    EXPECT_EQ(presetMatrix(PlanePreset::Reflection, v), Eigen::Matrix2d(m2(1, 0, 0, -1)));
    v.thetaDeg = 45;
    const Eigen::Matrix2d p = presetMatrix(PlanePreset::Projection, v);
    EXPECT_TRUE(p.isApprox(m2(0.5, 0.5, 0.5, 0.5)));
    EXPECT_TRUE((p * p).isApprox(p)); // a projection applied twice changes nothing more
    // Reflection across the line at 45 deg swaps x and y.
    EXPECT_TRUE(presetMatrix(PlanePreset::Reflection, v).isApprox(m2(0, 1, 1, 0)));
    v.scaleX = 3;
    v.scaleY = -1;
    EXPECT_EQ(presetMatrix(PlanePreset::Scale, v), Eigen::Matrix2d(m2(3, 0, 0, -1)));
    v.shear = 1.5;
    EXPECT_EQ(presetMatrix(PlanePreset::Shear, v), Eigen::Matrix2d(m2(1, 1.5, 0, 1)));
    EXPECT_NEAR(presetMatrix(PlanePreset::Singular, v).determinant(), 0, 1e-15);
}

TEST(PlanePresets, RandomIsSeededAndOnTheHalfGrid) {
    PresetValues v;
    v.seed = 7;
    const Eigen::Matrix2d a = presetMatrix(PlanePreset::Random, v);
    EXPECT_EQ(presetMatrix(PlanePreset::Random, v), a);
    std::set<std::vector<double>> seen;
    for (std::uint64_t seed = 1; seed <= 6; ++seed) {
        v.seed = seed;
        const Eigen::Matrix2d m = presetMatrix(PlanePreset::Random, v);
        for (int k = 0; k < 4; ++k) {
            const double x = m(k / 2, k % 2);
            EXPECT_GE(x, -2.0);
            EXPECT_LE(x, 2.0);
            EXPECT_EQ(x * 2, std::round(x * 2)) << x;
        }
        seen.insert({m(0, 0), m(0, 1), m(1, 0), m(1, 1)});
    }
    EXPECT_GT(seen.size(), 3u); // different seeds give different matrices
}

TEST(PlanePresets, SceneAppliesPresetsAndTypingLeavesThem) {
    Plane2DScene s;
    ASSERT_EQ(s.setParam("preset", std::string("rotation")), "");
    ASSERT_EQ(s.setParam("theta", 90.0), "");
    EXPECT_EQ(s.matrix(), Eigen::Matrix2d(m2(0, -1, 1, 0)));
    ASSERT_EQ(s.setParam("A", m2(1, 2, 3, 4)), "");
    EXPECT_EQ(std::get<std::string>(*s.param("preset")), "custom");
    ASSERT_EQ(s.setParam("theta", 10.0), ""); // custom: the slider no longer moves A
    EXPECT_EQ(s.matrix()(1, 1), 4.0);
    EXPECT_NE(s.setParam("seed", 1.5), "");
    EXPECT_NE(s.setParam("mode", std::string("sideways")).find("compose"), std::string::npos);
}

TEST(PlaneModes, CompositionStageBoundaryIsB) {
    const Eigen::Matrix2d a = m2(2, 1, 0, 1.5), b = m2(0, -1, 1, 0);
    const double d = 2.0;
    for (auto path : {engine::PathKind::Linear, engine::PathKind::Polar}) {
        EXPECT_TRUE(planeMatrixAt(PlaneMode::Compose, a, b, d, 0, path)
                        .isApprox(Eigen::Matrix2d::Identity()));
        EXPECT_TRUE(planeMatrixAt(PlaneMode::Compose, a, b, d, d, path).isApprox(b));
        // Just past the boundary: still (almost) B, so nothing jumps between the stages.
        EXPECT_LT((planeMatrixAt(PlaneMode::Compose, a, b, d, d + 1e-6, path) - b).norm(), 1e-6);
        // AB by hand: [[2*0 + 1*1, 2*-1 + 1*0], [0*0 + 1.5*1, 0*-1 + 1.5*0]].
        EXPECT_TRUE(
            planeMatrixAt(PlaneMode::Compose, a, b, d, 2 * d, path).isApprox(m2(1, -2, 1.5, 0)));
    }
    // BA by hand: [[0*2 + -1*0, 0*1 + -1*1.5], [1*2 + 0*0, 1*1 + 0*1.5]]; AB and BA differ.
    const auto lin = engine::PathKind::Linear;
    EXPECT_TRUE(
        planeMatrixAt(PlaneMode::Commute, a, b, d, 2 * d, lin, 1).isApprox(m2(0, -1.5, 2, 1)));
    EXPECT_TRUE(planeMatrixAt(PlaneMode::Commute, a, b, d, d, lin, 1).isApprox(a)); // A first
    const PlanePlan plan = planFor(PlaneMode::Compose, a, b, d);
    ASSERT_EQ(plan.stages.size(), 2u);
    EXPECT_EQ(plan.stages[0].end, d);
    EXPECT_EQ(plan.stages[1].start, d);
    EXPECT_EQ(plan.duration, 2 * d);

    Plane2DScene s;
    ASSERT_EQ(s.setParam("mode", std::string("compose")), "");
    EXPECT_EQ(s.duration(), 2 * 2.0);
    EXPECT_EQ(s.stages().size(), 2u);
    s.update(2.0);
    EXPECT_TRUE(s.current().isApprox(s.matrixB()));
}

TEST(PlaneModes, InverseUndoesOrRefusesWithAReason) {
    const Eigen::Matrix2d a = m2(2, 1, 0, 1.5), singular = m2(1, 2, 2, 4);
    const double d = 1.5;
    const auto lin = engine::PathKind::Linear;
    EXPECT_EQ(inverseRefusal(a), "");
    EXPECT_TRUE(planeMatrixAt(PlaneMode::Inverse, a, a, d, d, lin).isApprox(a));
    EXPECT_TRUE(planeMatrixAt(PlaneMode::Inverse, a, a, d, 2 * d, lin)
                    .isApprox(Eigen::Matrix2d::Identity()));
    EXPECT_EQ(planFor(PlaneMode::Inverse, a, a, d).duration, 2 * d);

    const std::string why = inverseRefusal(singular);
    EXPECT_NE(why.find("det A = 0"), std::string::npos) << why;
    EXPECT_NE(why.find("rank 1"), std::string::npos) << why;
    const PlanePlan refused = planFor(PlaneMode::Inverse, singular, singular, d);
    EXPECT_TRUE(refused.refused);
    EXPECT_EQ(refused.duration, d); // only the forward stage plays
    EXPECT_EQ(refused.stages.size(), 1u);
    EXPECT_EQ(planeMatrixAt(PlaneMode::Inverse, singular, singular, d, 10, lin), singular);
    EXPECT_NE(inverseRefusal(Eigen::Matrix2d::Zero()).find("rank 0"), std::string::npos);

    Plane2DScene s;
    ASSERT_EQ(s.setParam("mode", std::string("inverse")), "");
    ASSERT_EQ(s.setParam("A", Eigen::MatrixXd(singular)), "");
    EXPECT_FALSE(s.inverseRefusalText().empty());
    s.update(1e9);
    EXPECT_TRUE(s.current().allFinite());
}

TEST(PlaneModes, TransposeEndsOnTheTranspose) {
    const Eigen::Matrix2d a = m2(2, 1, 0, 1.5);
    const auto lin = engine::PathKind::Linear;
    EXPECT_EQ(planeMatrixAt(PlaneMode::Transpose, a, a, 2, 2, lin),
              Eigen::Matrix2d(m2(2, 0, 1, 1.5)));
    EXPECT_TRUE(
        planeMatrixAt(PlaneMode::Transpose, a, a, 2, 0, lin).isApprox(Eigen::Matrix2d::Identity()));
}

TEST(Space3D, DraggedTipStaysUnderTheCursor) {
    Space3DScene s;
    s.setupCamera(1280, 720);
    const Eigen::Vector3d tip0 = s.matrix().col(0);
    const Vec2 start = s.camera().project(tip0).screen;
    SceneContext ctx;
    ViewportInput in;
    in.hovered = true;
    in.mouse = start;
    in.down[0] = in.pressed[0] = true;
    s.input(in, ctx); // grabs î
    ASSERT_TRUE(s.dragging());
    in.pressed[0] = false;
    const Vec2 target = start + Vec2(60, 25);
    for (int step = 1; step <= 5; ++step) {
        in.mouse = start + (target - start) * (float(step) / 5.0f);
        s.input(in, ctx);
        s.setupCamera(1280, 720); // what each frame's draw does
    }
    const Eigen::Vector3d tip = s.matrix().col(0);
    // Moved on the horizontal plane through the tip: the height is kept ...
    EXPECT_EQ(tip.z(), tip0.z());
    EXPECT_GT((tip - tip0).norm(), 0.1);
    // ... and the camera held still, so the tip is under the cursor (entries round to 0.01).
    EXPECT_LT((s.camera().project(tip).screen - target).norm(), 3.0f);
    // Releasing ends the drag.
    in.down[0] = false;
    s.input(in, ctx);
    EXPECT_FALSE(s.dragging());
    // ... and the camera does not jump on release; a view reset frames the new picture.
    s.setupCamera(1280, 720);
    EXPECT_LT((s.camera().project(tip).screen - target).norm(), 3.0f);
    s.resetCamera();
    s.setupCamera(1280, 720);
    EXPECT_GT((s.camera().project(tip).screen - target).norm(), 3.0f);
    // The other columns did not move.
    Space3DScene fresh;
    EXPECT_EQ(s.matrix().col(1), fresh.matrix().col(1));
    EXPECT_EQ(s.matrix().col(2), fresh.matrix().col(2));
}
