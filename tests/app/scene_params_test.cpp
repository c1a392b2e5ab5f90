// Scene parameters: validation messages, refusal keeps the previous state, text parsing.
#include "scenes/plane2d_scene.h"
#include "scenes/scene.h"

#include <gtest/gtest.h>

using namespace linscape::scenes;

TEST(SceneParams, RegistryKnowsPlane2D) {
    ASSERT_NE(findScene("plane2d"), nullptr);
    EXPECT_EQ(findScene("nope"), nullptr);
    auto s = findScene("plane2d")->create();
    EXPECT_EQ(s->id(), "plane2d");
}

TEST(SceneParams, WrongShapeIsRefusedAndStateKept) {
    Plane2DScene s;
    Eigen::MatrixXd ok(2, 2);
    ok << 3, 1, 2, 4;
    EXPECT_EQ(s.setParam("A", ok), "");
    EXPECT_EQ(s.matrix()(1, 1), 4.0);
    Eigen::MatrixXd bad(3, 2);
    bad.setOnes();
    const std::string why = s.setParam("A", bad);
    EXPECT_NE(why.find("2x2"), std::string::npos) << why;
    EXPECT_NE(why.find("(3,2)"), std::string::npos) << why;
    EXPECT_EQ(s.matrix()(1, 1), 4.0);
    Eigen::MatrixXd nan = ok;
    nan(0, 0) = std::numeric_limits<double>::quiet_NaN();
    EXPECT_NE(s.setParam("A", nan), "");
    EXPECT_EQ(s.matrix()(0, 0), 3.0);
}

TEST(SceneParams, UnknownParameterListsTheKnownOnes) {
    Plane2DScene s;
    const std::string why = s.setParam("B", Eigen::MatrixXd::Identity(2, 2));
    EXPECT_NE(why.find("no parameter 'B'"), std::string::npos);
    EXPECT_NE(why.find("show_grid"), std::string::npos);
}

TEST(SceneParams, TextParsingPerType) {
    Plane2DScene s;
    const auto specs = s.params();
    ParamValue v;
    std::string error;
    ASSERT_TRUE(parseParamText(*findParam(specs, "A"), "[[0,-1],[1,0]]", v, &error)) << error;
    EXPECT_EQ(std::get<Eigen::MatrixXd>(v)(0, 1), -1.0);
    EXPECT_FALSE(parseParamText(*findParam(specs, "A"), "[[1,2,3]]", v, &error));
    EXPECT_NE(error.find("2x2"), std::string::npos) << error;
    ASSERT_TRUE(parseParamText(*findParam(specs, "show_grid"), "off", v, &error));
    EXPECT_EQ(std::get<bool>(v), false);
    EXPECT_FALSE(parseParamText(*findParam(specs, "show_grid"), "maybe", v, &error));
    EXPECT_FALSE(parseParamText(*findParam(specs, "path"), "zigzag", v, &error));
    EXPECT_NE(error.find("linear"), std::string::npos) << error;
    EXPECT_FALSE(parseParamText(*findParam(specs, "duration"), "-1", v, &error));
}

TEST(SceneParams, AnimationStartsAtIdentityAndEndsAtA) {
    Plane2DScene s;
    Eigen::MatrixXd a(2, 2);
    a << 0, -1, 1, 0;
    ASSERT_EQ(s.setParam("A", a), "");
    s.update(0);
    EXPECT_TRUE(s.current().isApprox(Eigen::Matrix2d::Identity()));
    s.update(s.duration());
    EXPECT_TRUE(s.current().isApprox(a));
    s.update(1e9); // clamped
    EXPECT_TRUE(s.current().isApprox(a));
}
