// The layer scene's numbers: Z = X Wᵀ + b equals Eigen's product with b broadcast over rows, the
// activations at hand-worked points, and mismatched shapes named in the message.
#include "scenes/layer_scene.h"

#include <Eigen/Dense>
#include <gtest/gtest.h>

#include <cmath>

using namespace linscape::scenes;

TEST(LayerScene, ActivationsAtHandWorkedPoints) {
    EXPECT_EQ(relu(-1.0), 0.0);
    EXPECT_EQ(relu(0.0), 0.0);
    EXPECT_EQ(relu(2.5), 2.5);
    EXPECT_EQ(gelu(0.0), 0.0);
    // GELU(x) = x Φ(x); Φ(1) = 0.8413447460685429, Φ(-1) = 1 - Φ(1).
    EXPECT_NEAR(gelu(1.0), 0.8413447460685429, 1e-12);
    EXPECT_NEAR(gelu(-1.0), -0.15865525393145707, 1e-12);
    EXPECT_NEAR(gelu(3.0), 3.0 * 0.9986501019683699, 1e-12);
}

TEST(LayerScene, ForwardEqualsEigenWithBroadcastBias) {
    Eigen::MatrixXd x(3, 2), w(4, 2), b(1, 4);
    x << 1, 2, -1, 0.5, 3, -2;
    w << 0.5, -1, 2, 0, -0.25, 1, 1, 1;
    b << 0.1, -0.2, 0.3, -5;
    LayerResult r;
    std::string why;
    ASSERT_TRUE(layerForward(x, w, b, Activation::ReLU, r, &why)) << why;
    Eigen::MatrixXd expected = x * w.transpose();
    for (int i = 0; i < expected.rows(); ++i)
        expected.row(i) += b.row(0);
    EXPECT_LT((r.z - expected).cwiseAbs().maxCoeff(), 1e-12);
    // Row 0, column 0 by hand: 1*0.5 + 2*(-1) + 0.1 = -1.4, and ReLU makes it 0.
    EXPECT_NEAR(r.z(0, 0), -1.4, 1e-12);
    EXPECT_EQ(r.a(0, 0), 0.0);
    for (Eigen::Index i = 0; i < r.z.size(); ++i)
        EXPECT_EQ(r.a.data()[i], std::max(0.0, r.z.data()[i]));
    // b as a column works the same.
    LayerResult r2;
    ASSERT_TRUE(layerForward(x, w, b.transpose(), Activation::GELU, r2, &why)) << why;
    EXPECT_LT((r2.z - expected).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_NEAR(r2.a(0, 0), gelu(-1.4), 1e-12);
}

TEST(LayerScene, SceneMatchesEigenOnItsSeededInputs) {
    LayerScene s;
    for (const char* act : {"relu", "gelu", "none"}) {
        ASSERT_EQ(s.setParam("activation", std::string(act)), "");
        ASSERT_EQ(s.setParam("batch", 5.0), "");
        ASSERT_EQ(s.setParam("in_features", 7.0), "");
        const LayerResult& r = s.result();
        ASSERT_EQ(r.z.rows(), 5);
        ASSERT_EQ(r.z.cols(), 2);
        const Eigen::MatrixXd expected =
            (s.x() * s.w().transpose()).rowwise() + Eigen::RowVectorXd(s.b().row(0));
        EXPECT_LT((r.z - expected).cwiseAbs().maxCoeff(), 1e-12) << act;
    }
}

TEST(LayerScene, ShapeMismatchNamesBothShapes) {
    LayerScene s;
    Eigen::MatrixXd x = Eigen::MatrixXd::Ones(4, 3), w = Eigen::MatrixXd::Ones(2, 5);
    ASSERT_EQ(s.setParam("X", x), "");
    ASSERT_EQ(s.setParam("W", w), "");
    const std::string why = s.problem();
    EXPECT_NE(why.find("(4, 3)"), std::string::npos) << why;
    EXPECT_NE(why.find("(2, 5)"), std::string::npos) << why;
    EXPECT_NE(why.find("(n,k) @ (k,m)"), std::string::npos) << why;
    // The last good result stays.
    EXPECT_EQ(s.result().z.rows(), 4);
    EXPECT_EQ(s.result().z.cols(), 2);

    LayerResult r;
    std::string why2;
    EXPECT_FALSE(layerForward(Eigen::MatrixXd::Ones(2, 3), Eigen::MatrixXd::Ones(4, 3),
                              Eigen::MatrixXd::Ones(1, 3), Activation::None, r, &why2));
    EXPECT_NE(why2.find("b is (1, 3)"), std::string::npos) << why2;
    EXPECT_NE(why2.find("(2, 4)"), std::string::npos) << why2;
}
