// The canonical SVD: reconstruction on many shapes, proper rotations for square matrices with the
// reflection carried by the last S entry, the deterministic sign rule, and sign/basis stability
// along animation paths (through a reflection, through repeated values, around a rotation).
#include "engine/analysis.h"

#include <Eigen/Dense>
#include <Eigen/Geometry>
#include <cmath>
#include <functional>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace linscape::engine;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

MatrixXd randomMatrix(Eigen::Index rows, Eigen::Index cols, std::mt19937& rng) {
    std::uniform_real_distribution<double> dist(-1.0, 1.0);
    MatrixXd m(rows, cols);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = dist(rng);
    return m;
}

MatrixXd rot2(double radians) {
    MatrixXd r(2, 2);
    r << std::cos(radians), -std::sin(radians), std::sin(radians), std::cos(radians);
    return r;
}

MatrixXd rot3(double radians, Eigen::Vector3d axis) {
    return Eigen::AngleAxisd(radians, axis.normalized()).toRotationMatrix();
}

double maxAbs(const MatrixXd& m) {
    return m.size() ? m.cwiseAbs().maxCoeff() : 0.0;
}

// Everything the header promises about one result.
void expectCanonical(const MatrixXd& a, const SvdResult& svd) {
    const Eigen::Index m = a.rows(), n = a.cols(), p = std::min(m, n);
    ASSERT_EQ(svd.U.rows(), m);
    ASSERT_EQ(svd.U.cols(), p);
    ASSERT_EQ(svd.S.size(), p);
    ASSERT_EQ(svd.Vt.rows(), p);
    ASSERT_EQ(svd.Vt.cols(), n);
    const double scale = std::max(1.0, maxAbs(a));
    EXPECT_LT(maxAbs(svd.U * svd.S.asDiagonal() * svd.Vt - a), 1e-13 * scale);
    EXPECT_LT(maxAbs(svd.U.transpose() * svd.U - MatrixXd::Identity(p, p)), 1e-13);
    EXPECT_LT(maxAbs(svd.Vt * svd.Vt.transpose() - MatrixXd::Identity(p, p)), 1e-13);
    const VectorXd reference = a.jacobiSvd().singularValues();
    EXPECT_LT((svd.singularValues - reference).cwiseAbs().maxCoeff(), 1e-13 * scale);
    EXPECT_LT((svd.S.cwiseAbs() - svd.singularValues).cwiseAbs().maxCoeff(), 1e-15 * scale);
    for (Eigen::Index i = 0; i + 1 < p; ++i) {
        EXPECT_GE(svd.singularValues(i), svd.singularValues(i + 1));
        EXPECT_GE(svd.S(i), 0.0);
    }
    if (m == n) {
        EXPECT_NEAR(svd.U.determinant(), 1.0, 1e-12);
        EXPECT_NEAR(svd.Vt.determinant(), 1.0, 1e-12);
        const double det = a.determinant();
        if (std::abs(det) > 1e-9 * std::pow(scale, static_cast<double>(n))) {
            EXPECT_EQ(svd.S(p - 1) < 0, det < 0);
            EXPECT_EQ(svd.reflection, det < 0);
        }
    } else {
        EXPECT_GE(svd.S.minCoeff(), 0.0);
        EXPECT_FALSE(svd.reflection);
    }
}

// Follows a path of matrices, each SVD seeded with the previous one, and checks that consecutive
// U, S, V stay within `bound` (the path itself moves by far less per step than a flip would).
void followPath(int steps, const std::function<MatrixXd(double)>& path, double bound,
                int* repeatedSeen = nullptr) {
    SvdResult previous;
    for (int k = 0; k <= steps; ++k) {
        const double t = static_cast<double>(k) / steps;
        const MatrixXd a = path(t);
        SvdResult svd = canonicalSvd(a, k ? &previous : nullptr);
        SCOPED_TRACE(::testing::Message() << "step " << k << " t=" << t);
        expectCanonical(a, svd);
        if (k) {
            EXPECT_LT(maxAbs(svd.U - previous.U), bound);
            EXPECT_LT(maxAbs(svd.Vt - previous.Vt), bound);
            EXPECT_LT(maxAbs(svd.S - previous.S), bound);
        }
        if (repeatedSeen && svd.repeated) ++*repeatedSeen;
        previous = std::move(svd);
    }
}

} // namespace

TEST(CanonicalSvd, ReconstructsRandomShapes) {
    std::mt19937 rng(42);
    const std::pair<int, int> shapes[] = {{1, 1},   {2, 2},   {3, 3},  {3, 2}, {2, 3},
                                          {5, 3},   {3, 5},   {8, 8},  {1, 5}, {5, 1},
                                          {20, 20}, {17, 31}, {31, 17}};
    for (auto [m, n] : shapes) {
        for (int trial = 0; trial < 3; ++trial) {
            SCOPED_TRACE(::testing::Message() << m << "x" << n << " trial " << trial);
            const MatrixXd a = randomMatrix(m, n, rng);
            const SvdResult svd = canonicalSvd(a);
            expectCanonical(a, svd);
            EXPECT_FALSE(svd.repeated);
            // Deterministic rule: v_i's largest entry is positive (for square A except the last
            // pair, whose sign follows from det U = det V = +1).
            const Eigen::Index free = m == n ? std::min(m, n) - 1 : std::min(m, n);
            for (Eigen::Index i = 0; i < free; ++i) {
                Eigen::Index j;
                svd.Vt.row(i).cwiseAbs().maxCoeff(&j);
                EXPECT_GT(svd.Vt(i, j), 0.0) << "pair " << i;
            }
            // Same input, same output.
            const SvdResult again = canonicalSvd(a);
            EXPECT_EQ(maxAbs(again.U - svd.U), 0.0);
            EXPECT_EQ(maxAbs(again.Vt - svd.Vt), 0.0);
        }
    }
}

TEST(CanonicalSvd, RankDeficientAndZero) {
    std::mt19937 rng(8);
    for (auto [m, n] : {std::pair{5, 4}, {4, 5}, {4, 4}, {3, 3}}) {
        const MatrixXd a = randomMatrix(m, 2, rng) * randomMatrix(2, n, rng);
        SCOPED_TRACE(::testing::Message() << m << "x" << n << " rank 2");
        const SvdResult svd = canonicalSvd(a);
        expectCanonical(a, svd);
        EXPECT_LT(svd.singularValues(2), 1e-14);
        EXPECT_EQ(svd.repeated, std::min(m, n) > 3); // two zero values form a repeated group
    }
    for (auto [m, n] : {std::pair{3, 3}, {2, 3}, {3, 2}}) {
        const MatrixXd zero = MatrixXd::Zero(m, n);
        const SvdResult svd = canonicalSvd(zero);
        expectCanonical(zero, svd);
        EXPECT_TRUE(svd.repeated);
        EXPECT_EQ(maxAbs(svd.S), 0.0);
    }
    const SvdResult empty = canonicalSvd(MatrixXd(0, 3));
    EXPECT_EQ(empty.S.size(), 0);
    EXPECT_EQ(empty.Vt.cols(), 3);
}

TEST(CanonicalSvd, IdentityRotationAndReflectionHaveNaturalFactors) {
    const SvdResult id = canonicalSvd(MatrixXd::Identity(3, 3));
    EXPECT_TRUE(id.repeated);
    EXPECT_LT(maxAbs(id.U - MatrixXd::Identity(3, 3)), 1e-15);
    EXPECT_LT(maxAbs(id.Vt - MatrixXd::Identity(3, 3)), 1e-15);

    // A rotation is "rotate by nothing, scale by 1, rotate by R": U = R, V = I.
    const MatrixXd r = rot2(0.7);
    const SvdResult rs = canonicalSvd(r);
    EXPECT_LT(maxAbs(rs.U - r), 1e-15);
    EXPECT_LT(maxAbs(rs.Vt - MatrixXd::Identity(2, 2)), 1e-15);
    EXPECT_LT(maxAbs(rs.S - VectorXd::Ones(2)), 1e-15);

    // The mirror diag(1,-1): no rotation at all, the reflection in S.
    const MatrixXd f = Eigen::Vector2d(1, -1).asDiagonal().toDenseMatrix();
    const SvdResult fs = canonicalSvd(f);
    EXPECT_TRUE(fs.reflection);
    EXPECT_LT(maxAbs(fs.U - MatrixXd::Identity(2, 2)), 1e-15);
    EXPECT_LT(maxAbs(fs.Vt - MatrixXd::Identity(2, 2)), 1e-15);
    EXPECT_NEAR(fs.S(0), 1.0, 1e-15);
    EXPECT_NEAR(fs.S(1), -1.0, 1e-15);

    // Swap of axes [[0,1],[1,0]]: det -1, still U, V rotations.
    MatrixXd swap(2, 2);
    swap << 0, 1, 1, 0;
    expectCanonical(swap, canonicalSvd(swap));
}

TEST(CanonicalSvd, PathThroughAReflection2D) {
    // det goes from +3 through 0 to -3; S[1] = t follows smoothly while U and V keep turning.
    followPath(
        200,
        [](double s) {
            const double t = 1.0 - 2.0 * s;
            return MatrixXd(rot2(0.3 + 0.5 * t) * Eigen::Vector2d(3, t).asDiagonal() *
                            rot2(-0.2 + 0.4 * t).transpose());
        },
        0.05);
}

TEST(CanonicalSvd, PathThroughAReflection3D) {
    const Eigen::Vector3d axis1(1, 2, 3), axis2(-1, 0.5, 2);
    int repeated = 0;
    followPath(
        200,
        [&](double s) {
            const double t = 1.0 - 2.0 * s;
            return MatrixXd(rot3(0.4 + t, axis1) * Eigen::Vector3d(3, 2, t).asDiagonal() *
                            rot3(1.0 - 0.5 * t, axis2).transpose());
        },
        0.05, &repeated);
    EXPECT_EQ(repeated, 0);
}

TEST(CanonicalSvd, PathTouchingRepeatedValues2D) {
    // sigma = (1 + t^2, 1): all values equal at t = 0 (then A is a rotation and any basis works).
    int repeated = 0;
    followPath(
        200,
        [](double s) {
            const double t = 2.0 * s - 1.0;
            return MatrixXd(rot2(1.0 + t) * Eigen::Vector2d(1 + t * t, 1).asDiagonal() *
                            rot2(0.5 - 0.7 * t).transpose());
        },
        0.05, &repeated);
    EXPECT_EQ(repeated, 1); // only the midpoint
}

TEST(CanonicalSvd, PathTouchingRepeatedValues3D) {
    const Eigen::Vector3d axis1(0.3, -1, 2), axis2(2, 1, -1);
    // The repeated pair at the end (the group holding the last index, where only rotations of
    // the basis are allowed) and at the start (any orthogonal change, paid for by the last pair);
    // both also through a reflection of the whole matrix.
    for (double sign : {1.0, -1.0}) {
        int repeated = 0;
        followPath(
            200,
            [&](double s) {
                const double t = 2.0 * s - 1.0;
                return MatrixXd(rot3(t, axis1) * Eigen::Vector3d(3, 1 + t * t, sign).asDiagonal() *
                                rot3(0.5 * t, axis2).transpose());
            },
            0.05, &repeated);
        EXPECT_EQ(repeated, 1);
        repeated = 0;
        followPath(
            200,
            [&](double s) {
                const double t = 2.0 * s - 1.0;
                return MatrixXd(rot3(t, axis1) * Eigen::Vector3d(2 + t * t, 2, sign).asDiagonal() *
                                rot3(0.5 * t, axis2).transpose());
            },
            0.05, &repeated);
        EXPECT_EQ(repeated, 1);
    }
}

TEST(CanonicalSvd, PathAroundAFullTurnOfRotations) {
    // Every matrix has all singular values equal; the basis choice alone keeps U and V steady.
    int repeated = 0;
    followPath(
        200, [](double s) { return rot2(2 * std::numbers::pi * s); }, 0.05, &repeated);
    EXPECT_EQ(repeated, 201);
    const Eigen::Vector3d axis(1, 1, 1);
    followPath(
        200, [&](double s) { return MatrixXd(rot3(2 * std::numbers::pi * s, axis)); }, 0.05);
}

TEST(CanonicalSvd, PathWhereTheStaticRuleWouldFlip) {
    // v_1 = (cos a, sin a) turns a full circle: "largest entry positive" alone must flip it
    // (it cannot be continuous around a circle), so this path needs the previous result.
    const auto path = [](double s) {
        const double a = 2 * std::numbers::pi * s;
        return MatrixXd(rot2(0.5 * a) * Eigen::Vector2d(3, 1).asDiagonal() * rot2(a).transpose());
    };
    followPath(200, path, 0.1);
    int jumps = 0;
    SvdResult last;
    for (int k = 0; k <= 200; ++k) {
        SvdResult svd = canonicalSvd(path(k / 200.0));
        if (k && maxAbs(svd.Vt - last.Vt) > 0.5) ++jumps;
        last = std::move(svd);
    }
    EXPECT_GT(jumps, 0);
}

TEST(CanonicalSvd, RectangularAndRankDeficientPaths) {
    std::mt19937 rng(99);
    const MatrixXd a0 = randomMatrix(3, 2, rng), a1 = randomMatrix(3, 2, rng);
    // Keep the singular values apart along the path: a well separated base plus a small drift.
    MatrixXd base = MatrixXd::Zero(3, 2);
    base(0, 0) = 3;
    base(1, 1) = 1;
    followPath(
        200, [&](double s) { return MatrixXd(base + 0.3 * (a0 + s * (a1 - a0))); }, 0.05);
    followPath(
        200, [&](double s) { return MatrixXd((base + 0.3 * (a0 + s * (a1 - a0))).transpose()); },
        0.05);
    // Rank 1 all along (a zero singular value whose U and V are free independently).
    followPath(
        200,
        [](double s) {
            Eigen::Vector3d u(std::cos(3 * s), std::sin(3 * s), 0.5);
            Eigen::Vector3d v(1, s, -s);
            return MatrixXd(u * v.transpose());
        },
        0.05);
}

TEST(CanonicalSvd, PreviousOfAnotherShapeIsIgnored) {
    std::mt19937 rng(4);
    const MatrixXd a = randomMatrix(3, 3, rng);
    const SvdResult small = canonicalSvd(randomMatrix(2, 2, rng));
    const SvdResult withOther = canonicalSvd(a, &small);
    const SvdResult plain = canonicalSvd(a);
    EXPECT_EQ(maxAbs(withOther.U - plain.U), 0.0);
    EXPECT_EQ(maxAbs(withOther.Vt - plain.Vt), 0.0);
}

TEST(CanonicalSvd, AnalyzeUsesPreviousSvd) {
    MatrixXd a(2, 2);
    a << 2, 1, 1, 3;
    auto first = analyze(a);
    ASSERT_TRUE(first.ok());
    // Seed with the negated factors (also a valid canonical pair): the next frame follows them.
    SvdResult flipped = first->svd;
    flipped.U = -flipped.U;
    flipped.Vt = -flipped.Vt;
    AnalysisOptions options;
    options.previousSvd = &flipped;
    auto next = analyze(a, options);
    ASSERT_TRUE(next.ok());
    EXPECT_LT(maxAbs(next->svd.U - flipped.U), 1e-14);
    EXPECT_LT(maxAbs(next->svd.Vt - flipped.Vt), 1e-14);
}
