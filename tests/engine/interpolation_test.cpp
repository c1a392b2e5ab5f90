// Interpolation paths: exact ends, rigid rotations along Polar/Svd, reflections through a flat
// state, singular matrices, continuity in s, blending between two matrices, and easing.
#include "engine/interpolation.h"

#include <Eigen/Dense>
#include <Eigen/Geometry>
#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace linscape::engine;
using Eigen::MatrixXd;

namespace {

constexpr PathKind kAllKinds[] = {PathKind::Linear, PathKind::Polar, PathKind::Svd};
constexpr PathKind kRigidKinds[] = {PathKind::Polar, PathKind::Svd};
constexpr double kPi = std::numbers::pi;

MatrixXd rot2(double radians) {
    MatrixXd r(2, 2);
    r << std::cos(radians), -std::sin(radians), std::sin(radians), std::cos(radians);
    return r;
}

MatrixXd rot3(double radians, const Eigen::Vector3d& axis) {
    return Eigen::AngleAxisd(radians, axis.normalized()).toRotationMatrix();
}

double maxAbs(const MatrixXd& m) {
    return m.cwiseAbs().maxCoeff();
}

std::vector<MatrixXd> sampleMatrices() {
    std::vector<MatrixXd> out;
    std::mt19937 rng(12);
    std::uniform_real_distribution<double> dist(-2, 2);
    for (int n : {1, 2, 2, 3, 3, 4}) {
        MatrixXd m(n, n);
        for (Eigen::Index i = 0; i < m.size(); ++i)
            m.data()[i] = dist(rng);
        out.push_back(m);
    }
    MatrixXd singular(2, 2);
    singular << 1, 2, 2, 4;
    out.push_back(singular);
    MatrixXd shear(2, 2);
    shear << 1, 1.5, 0, 1;
    out.push_back(shear);
    out.push_back(Eigen::Vector2d(1, -1).asDiagonal().toDenseMatrix());
    out.push_back(MatrixXd::Zero(3, 3));
    out.push_back(rot2(kPi)); // a half turn: the direction of turning is a choice, not a jump
    out.push_back(-2.0 * MatrixXd::Identity(2, 2));
    out.push_back(rot3(kPi, Eigen::Vector3d(1, 2, 2)));
    return out;
}

} // namespace

TEST(Interpolation, EndsAreExact) {
    for (const MatrixXd& a : sampleMatrices()) {
        for (PathKind kind : kAllKinds) {
            SCOPED_TRACE(::testing::Message() << pathKindName(kind) << "\n" << a);
            const Eigen::Index n = a.rows();
            EXPECT_EQ(maxAbs(interpolate(a, 0.0, kind) - MatrixXd::Identity(n, n)), 0.0);
            EXPECT_EQ(maxAbs(interpolate(a, 1.0, kind) - a), 0.0);
            // ...and the path really arrives there rather than jumping at the end.
            EXPECT_LT(maxAbs(interpolate(a, 1.0 - 1e-9, kind) - a), 1e-7 * (1 + maxAbs(a)));
            EXPECT_LT(maxAbs(interpolate(a, 1e-9, kind) - MatrixXd::Identity(n, n)),
                      1e-7 * (1 + maxAbs(a)));
            EXPECT_EQ(maxAbs(interpolate(a, -0.5, kind) - MatrixXd::Identity(n, n)), 0.0);
            EXPECT_EQ(maxAbs(interpolate(a, 7.0, kind) - a), 0.0);
        }
    }
}

TEST(Interpolation, ContinuousInS) {
    // Steps of 1e-3 in s move the matrix by at most a small multiple of the step: no jumps.
    for (const MatrixXd& a : sampleMatrices()) {
        for (PathKind kind : kAllKinds) {
            SCOPED_TRACE(::testing::Message() << pathKindName(kind) << "\n" << a);
            const double bound = 0.02 * (1 + maxAbs(a));
            MatrixXd previous = interpolate(a, 0.0, kind);
            double worst = 0;
            for (int k = 1; k <= 1000; ++k) {
                const MatrixXd m = interpolate(a, k / 1000.0, kind);
                ASSERT_TRUE(m.allFinite());
                worst = std::max(worst, maxAbs(m - previous));
                previous = m;
            }
            EXPECT_LT(worst, bound);
        }
    }
}

TEST(Interpolation, QuarterTurnPassesThroughEighthTurnRigidly) {
    const MatrixXd a = rot2(kPi / 2);
    for (PathKind kind : kRigidKinds) {
        SCOPED_TRACE(pathKindName(kind));
        EXPECT_LT(maxAbs(interpolate(a, 0.5, kind) - rot2(kPi / 4)), 1e-12);
        for (int k = 0; k <= 20; ++k) {
            const double s = k / 20.0;
            const MatrixXd m = interpolate(a, s, kind);
            EXPECT_NEAR(m.determinant(), 1.0, 1e-12);
            EXPECT_LT(maxAbs(m.transpose() * m - MatrixXd::Identity(2, 2)), 1e-12);
            EXPECT_LT(maxAbs(m - rot2(s * kPi / 2)), 1e-12);
        }
    }
    // The straight blend is what shrinks: (I + R) / 2 has det 1/2.
    EXPECT_NEAR(interpolate(a, 0.5, PathKind::Linear).determinant(), 0.5, 1e-15);
}

TEST(Interpolation, RotationsIn3DTurnAboutTheirAxis) {
    const Eigen::Vector3d axis(1, -2, 0.5);
    const MatrixXd a = rot3(2 * kPi / 3, axis);
    for (PathKind kind : kRigidKinds) {
        SCOPED_TRACE(pathKindName(kind));
        EXPECT_LT(maxAbs(interpolate(a, 0.5, kind) - rot3(kPi / 3, axis)), 1e-12);
        EXPECT_LT(maxAbs(interpolate(a, 0.25, kind) - rot3(kPi / 6, axis)), 1e-12);
        // A half turn: halfway is a quarter turn about the same axis, in one direction or the
        // other, and applying it twice gives the half turn.
        const MatrixXd half = rot3(kPi, axis);
        const MatrixXd m = interpolate(half, 0.5, kind);
        EXPECT_LT(maxAbs(m.transpose() * m - MatrixXd::Identity(3, 3)), 1e-12);
        EXPECT_NEAR(m.determinant(), 1.0, 1e-12);
        EXPECT_LT(maxAbs(m * m - half), 1e-12);
        EXPECT_LT((m * axis.normalized() - axis.normalized()).norm(), 1e-12);
    }
}

TEST(Interpolation, ScaledRotationTurnsAndGrows) {
    const MatrixXd a = 2.0 * rot2(kPi / 3);
    for (PathKind kind : kRigidKinds) {
        // Polar: W = Rot(60°), P = 2I, so M(s) = (1 + s) Rot(60° s).
        EXPECT_LT(maxAbs(interpolate(a, 0.5, kind) - 1.5 * rot2(kPi / 6)), 1e-12);
    }
}

TEST(Interpolation, ReflectionPassesThroughFlat) {
    const MatrixXd mirror = Eigen::Vector2d(1, -1).asDiagonal().toDenseMatrix();
    for (PathKind kind : kRigidKinds) {
        SCOPED_TRACE(pathKindName(kind));
        for (int k = 0; k <= 10; ++k) {
            const double s = k / 10.0;
            // The mirrored axis is scaled by 1 - 2s: through 0 at s = 1/2, never a half turn.
            const MatrixXd expected = Eigen::Vector2d(1, 1 - 2 * s).asDiagonal().toDenseMatrix();
            EXPECT_LT(maxAbs(interpolate(mirror, s, kind) - expected), 1e-12);
        }
    }
    // A rotated reflection: det goes from 1 to -1 continuously, crossing 0 once.
    MatrixXd swap(2, 2);
    swap << 0, 1, 1, 0;
    for (PathKind kind : kRigidKinds) {
        int signChanges = 0;
        double last = 1;
        for (int k = 1; k <= 100; ++k) {
            const double det = interpolate(swap, k / 100.0, kind).determinant();
            if ((det < 0) != (last < 0)) ++signChanges;
            last = det;
        }
        EXPECT_EQ(signChanges, 1);
        EXPECT_NEAR(last, -1.0, 1e-12);
    }
}

TEST(Interpolation, SingularAndNonSquare) {
    MatrixXd singular(2, 2);
    singular << 1, 2, 2, 4;
    for (PathKind kind : kAllKinds) {
        const MatrixXd m = interpolate(singular, 0.5, kind);
        EXPECT_TRUE(m.allFinite());
        EXPECT_GT(std::abs(m.determinant()), 0.0); // only the end is flat
    }
    MatrixXd wide(2, 3);
    wide << 1, 2, 3, 4, 5, 6;
    for (PathKind kind : kAllKinds) {
        EXPECT_EQ(maxAbs(interpolate(wide, 0.0, kind) - MatrixXd::Identity(2, 3)), 0.0);
        EXPECT_EQ(maxAbs(interpolate(wide, 1.0, kind) - wide), 0.0);
        EXPECT_LT(maxAbs(interpolate(wide, 0.5, kind) - 0.5 * (MatrixXd::Identity(2, 3) + wide)),
                  1e-15);
    }
    MatrixXd nan = MatrixXd::Identity(2, 2);
    nan(0, 0) = NAN;
    EXPECT_TRUE(interpolate(nan, 0.5, PathKind::Svd).allFinite());
}

TEST(Interpolation, BetweenTwoMatrices) {
    const MatrixXd from = rot2(kPi / 6), to = rot2(kPi / 2);
    for (PathKind kind : kRigidKinds) {
        EXPECT_EQ(maxAbs(interpolateBetween(from, to, 0.0, kind) - from), 0.0);
        EXPECT_EQ(maxAbs(interpolateBetween(from, to, 1.0, kind) - to), 0.0);
        EXPECT_LT(maxAbs(interpolateBetween(from, to, 0.5, kind) - rot2(kPi / 3)), 1e-12);
        EXPECT_LT(maxAbs(interpolateBetween(from, to, 1 - 1e-9, kind) - to), 1e-7);
    }
    EXPECT_LT(
        maxAbs(interpolateBetween(from, to, 0.25, PathKind::Linear) - (0.75 * from + 0.25 * to)),
        1e-15);
    // A singular start cannot be factored out: the straight blend.
    MatrixXd singular(2, 2);
    singular << 1, 2, 2, 4;
    EXPECT_LT(maxAbs(interpolateBetween(singular, to, 0.5, PathKind::Svd) - 0.5 * (singular + to)),
              1e-15);
    // Shapes that differ cannot be blended.
    EXPECT_EQ(maxAbs(interpolateBetween(MatrixXd::Ones(2, 3), to, 0.5, PathKind::Svd) - to), 0.0);
}

TEST(Interpolation, EaseInOut) {
    EXPECT_EQ(easeInOut(0.0), 0.0);
    EXPECT_EQ(easeInOut(1.0), 1.0);
    EXPECT_EQ(easeInOut(0.5), 0.5);
    EXPECT_EQ(easeInOut(-1.0), 0.0);
    EXPECT_EQ(easeInOut(2.0), 1.0);
    double last = 0;
    for (int k = 1; k <= 1000; ++k) {
        const double s = k / 1000.0;
        EXPECT_NEAR(easeInOut(1 - s), 1 - easeInOut(s), 1e-15);
        EXPECT_GE(easeInOut(s), last);
        last = easeInOut(s);
    }
    EXPECT_LT(easeInOut(0.01), 0.01); // slow start
    EXPECT_GT(easeInOut(0.99), 0.99); // slow stop
}

TEST(Interpolation, PathKindNames) {
    for (PathKind kind : kAllKinds) {
        PathKind parsed = PathKind::Linear;
        ASSERT_TRUE(parsePathKind(pathKindName(kind), parsed));
        EXPECT_EQ(parsed, kind);
    }
    PathKind parsed = PathKind::Linear;
    EXPECT_TRUE(parsePathKind("SVD", parsed));
    EXPECT_EQ(parsed, PathKind::Svd);
    EXPECT_FALSE(parsePathKind("spline", parsed));
    EXPECT_EQ(parsed, PathKind::Svd); // untouched on failure
}
