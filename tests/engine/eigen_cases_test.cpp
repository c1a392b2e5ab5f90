// Eigenvalues and eigenvectors: one test per case the lessons explain (distinct real, repeated,
// defective, complex), hand-worked facts, the order and sign conventions, and Eigen as reference.
#include "engine/analysis.h"

#include <Eigen/Dense>
#include <algorithm>
#include <cmath>
#include <gtest/gtest.h>
#include <numbers>
#include <random>

using namespace linscape::engine;
using Eigen::MatrixXd;
using Eigen::VectorXd;

namespace {

EigenResult eigenOf(const MatrixXd& a) {
    auto r = analyzeEigen(a);
    EXPECT_TRUE(r.ok()) << r.error().describe();
    return r.ok() ? *r : EigenResult{};
}

MatrixXd rotation2(double radians) {
    MatrixXd r(2, 2);
    r << std::cos(radians), -std::sin(radians), std::sin(radians), std::cos(radians);
    return r;
}

// Every reported direction is a unit eigenvector with its largest entry non-negative.
void expectVectorsValid(const MatrixXd& a, const EigenResult& e, double tol) {
    ASSERT_EQ(static_cast<size_t>(e.vectors.cols()), e.realValues.size());
    for (Eigen::Index j = 0; j < e.vectors.cols(); ++j) {
        const VectorXd v = e.vectors.col(j);
        EXPECT_NEAR(v.norm(), 1.0, 1e-14);
        EXPECT_LT((a * v - e.realValues[static_cast<size_t>(j)] * v).norm(), tol) << "column " << j;
        // The largest entry; among entries tied to rounding (1e-9 relative), the first.
        Eigen::Index k = 0;
        while (std::abs(v(k)) < v.cwiseAbs().maxCoeff() * (1 - 1e-9))
            ++k;
        EXPECT_GE(v(k), -1e-15 * v.norm()) << "sign convention, column " << j;
    }
}

} // namespace

TEST(EigenCases, SymmetricTwoByTwoByHand) {
    MatrixXd a(2, 2);
    a << 2, 1, 1, 2;
    const EigenResult e = eigenOf(a);
    EXPECT_EQ(e.kind, EigenCase::DistinctReal);
    EXPECT_TRUE(e.symmetric);
    ASSERT_EQ(e.values.size(), 2u);
    EXPECT_NEAR(e.values[0].real(), 3.0, 1e-15);
    EXPECT_NEAR(e.values[1].real(), 1.0, 1e-15);
    EXPECT_EQ(e.values[0].imag(), 0.0);
    ASSERT_EQ(e.vectors.cols(), 2);
    const double h = 1.0 / std::sqrt(2.0);
    EXPECT_NEAR(e.vectors(0, 0), h, 1e-15);
    EXPECT_NEAR(e.vectors(1, 0), h, 1e-15);
    EXPECT_NEAR(e.vectors(0, 1), h, 1e-15); // (1,-1)/sqrt2: the first of the tied entries is +
    EXPECT_NEAR(e.vectors(1, 1), -h, 1e-15);
    EXPECT_NE(e.explanation.find("perpendicular"), std::string::npos) << e.explanation;
    EXPECT_NE(e.explanation.find("3"), std::string::npos);
}

TEST(EigenCases, DistinctRealNonSymmetric) {
    MatrixXd a(2, 2);
    a << 2, 1, 0, 3; // triangular: eigenvalues 3 and 2; (A-3I) = [[-1,1],[0,0]] -> (1,1)
    const EigenResult e = eigenOf(a);
    EXPECT_EQ(e.kind, EigenCase::DistinctReal);
    EXPECT_FALSE(e.symmetric);
    ASSERT_EQ(e.realValues.size(), 2u);
    EXPECT_NEAR(e.realValues[0], 3.0, 1e-14);
    EXPECT_NEAR(e.realValues[1], 2.0, 1e-14);
    const double h = 1.0 / std::sqrt(2.0);
    EXPECT_NEAR(e.vectors(0, 0), h, 1e-14);
    EXPECT_NEAR(e.vectors(1, 0), h, 1e-14);
    EXPECT_NEAR(e.vectors(0, 1), 1.0, 1e-14);
    EXPECT_NEAR(e.vectors(1, 1), 0.0, 1e-14);
    expectVectorsValid(a, e, 1e-14);
    EXPECT_NE(e.explanation.find("Two distinct real eigenvalues, 3 and 2"), std::string::npos)
        << e.explanation;
}

TEST(EigenCases, RepeatedWithFullSetOfDirections) {
    const MatrixXd a = 2.0 * MatrixXd::Identity(2, 2);
    const EigenResult e = eigenOf(a);
    EXPECT_EQ(e.kind, EigenCase::RepeatedReal);
    ASSERT_EQ(e.values.size(), 2u);
    EXPECT_EQ(e.values[0], std::complex<double>(2.0, 0.0));
    EXPECT_EQ(e.values[1], std::complex<double>(2.0, 0.0));
    ASSERT_EQ(e.vectors.cols(), 2);
    EXPECT_LT((e.vectors - MatrixXd::Identity(2, 2)).cwiseAbs().maxCoeff(), 1e-15);
    EXPECT_NE(e.explanation.find("every direction is an eigen-direction"), std::string::npos)
        << e.explanation;

    // Non-symmetric with a repeated eigenvalue and a full eigenspace: S diag(2,2,1) S^-1.
    MatrixXd s(3, 3);
    s << 1, 1, 0, 0, 1, 1, 1, 0, 1;
    const MatrixXd b = s * Eigen::Vector3d(2, 2, 1).asDiagonal() * s.inverse();
    const EigenResult f = eigenOf(b);
    EXPECT_EQ(f.kind, EigenCase::RepeatedReal);
    EXPECT_FALSE(f.symmetric);
    ASSERT_EQ(f.realValues.size(), 3u);
    EXPECT_NEAR(f.realValues[0], 2.0, 1e-12);
    EXPECT_NEAR(f.realValues[1], 2.0, 1e-12);
    EXPECT_NEAR(f.realValues[2], 1.0, 1e-12);
    expectVectorsValid(b, f, 1e-12);
    // The two directions for 2 span the plane of s's first two columns.
    const MatrixXd plane = s.leftCols(2).householderQr().householderQ() * MatrixXd::Identity(3, 2);
    const MatrixXd inPlane = plane * plane.transpose() * f.vectors.leftCols(2);
    EXPECT_LT((inPlane - f.vectors.leftCols(2)).cwiseAbs().maxCoeff(), 1e-12);
    EXPECT_NE(f.explanation.find("repeated 2 times"), std::string::npos) << f.explanation;
}

TEST(EigenCases, ShearIsDefective) {
    MatrixXd a(2, 2);
    a << 1, 1, 0, 1;
    const EigenResult e = eigenOf(a);
    EXPECT_EQ(e.kind, EigenCase::Defective);
    ASSERT_EQ(e.values.size(), 2u);
    EXPECT_EQ(e.values[0], std::complex<double>(1.0, 0.0));
    EXPECT_EQ(e.values[1], std::complex<double>(1.0, 0.0));
    ASSERT_EQ(e.vectors.cols(), 1);
    EXPECT_NEAR(e.vectors(0, 0), 1.0, 1e-15);
    EXPECT_NEAR(e.vectors(1, 0), 0.0, 1e-15);
    EXPECT_NE(e.explanation.find("A shear: λ = 1 repeated, but only one eigen-direction"),
              std::string::npos)
        << e.explanation;
}

TEST(EigenCases, RoundedShearIsStillDefective) {
    // Characteristic polynomial (λ-1)^2, but not triangular: the solver splits the double root by
    // about sqrt(eps), which the classification must see through.
    MatrixXd a(2, 2);
    a << 2, 1, -1, 0;
    const EigenResult e = eigenOf(a);
    EXPECT_EQ(e.kind, EigenCase::Defective);
    EXPECT_NEAR(e.values[0].real(), 1.0, 1e-12);
    EXPECT_EQ(e.values[0].imag(), 0.0);
    ASSERT_EQ(e.vectors.cols(), 1);
    const double h = 1.0 / std::sqrt(2.0); // A - I = [[1,1],[-1,-1]]: null space (1,-1)
    EXPECT_NEAR(e.vectors(0, 0), h, 1e-7);
    EXPECT_NEAR(e.vectors(1, 0), -h, 1e-7);

    // A 3x3 Jordan block in a skewed basis: splitting of order eps^(1/3).
    MatrixXd j(3, 3);
    j << 2, 1, 0, 0, 2, 1, 0, 0, 2;
    MatrixXd s(3, 3);
    s << 1, 2, 0, 0, 1, 1, 1, 0, 3;
    const MatrixXd b = s * j * s.inverse();
    const EigenResult f = eigenOf(b);
    EXPECT_EQ(f.kind, EigenCase::Defective);
    ASSERT_EQ(f.vectors.cols(), 1);
    EXPECT_NEAR(f.realValues[0], 2.0, 1e-9);
    // The one direction is S e1 (the Jordan chain starts there).
    const VectorXd expected = s.col(0).normalized();
    EXPECT_NEAR(std::abs(f.vectors.col(0).dot(expected)), 1.0, 1e-8);
    EXPECT_NE(f.explanation.find("appears 3 times but has only 1 eigen-direction"),
              std::string::npos)
        << f.explanation;
}

TEST(EigenCases, RotationIsComplexWithModulusAndAngle) {
    const MatrixXd a = rotation2(std::numbers::pi / 2);
    const EigenResult e = eigenOf(a);
    EXPECT_EQ(e.kind, EigenCase::Complex);
    ASSERT_EQ(e.values.size(), 2u);
    EXPECT_NEAR(e.values[0].real(), 0.0, 1e-15);
    EXPECT_NEAR(e.values[0].imag(), 1.0, 1e-15); // positive imaginary part first
    EXPECT_NEAR(e.values[1].imag(), -1.0, 1e-15);
    EXPECT_EQ(e.vectors.cols(), 0);
    EXPECT_TRUE(e.realValues.empty());
    EXPECT_NE(e.explanation.find("modulus 1"), std::string::npos) << e.explanation;
    EXPECT_NE(e.explanation.find("angle 90°"), std::string::npos) << e.explanation;
    EXPECT_NE(e.explanation.find("rotates by 90°"), std::string::npos) << e.explanation;

    const MatrixXd b = 2.0 * rotation2(std::numbers::pi / 6); // 2 e^{i pi/6}
    const EigenResult f = eigenOf(b);
    EXPECT_EQ(f.kind, EigenCase::Complex);
    EXPECT_NEAR(std::abs(f.values[0]), 2.0, 1e-14);
    EXPECT_NEAR(std::arg(f.values[0]), std::numbers::pi / 6, 1e-14);
    EXPECT_NE(f.explanation.find("modulus 2"), std::string::npos) << f.explanation;
    EXPECT_NE(f.explanation.find("angle 30°"), std::string::npos) << f.explanation;

    MatrixXd skew(2, 2); // (1-λ)^2 + 1 = 0: eigenvalues 1 ± i, but not a scaled rotation
    skew << 1, -2, 0.5, 1;
    const EigenResult g = eigenOf(skew);
    EXPECT_EQ(g.kind, EigenCase::Complex);
    EXPECT_NEAR(g.values[0].real(), 1.0, 1e-14);
    EXPECT_NEAR(g.values[0].imag(), 1.0, 1e-14);
    EXPECT_NE(g.explanation.find("skewed frame"), std::string::npos) << g.explanation;
}

TEST(EigenCases, RotationAboutAnAxisIn3D) {
    const double t = std::numbers::pi / 3;
    MatrixXd a = MatrixXd::Identity(3, 3);
    a.topLeftCorner(2, 2) = rotation2(t);
    const EigenResult e = eigenOf(a);
    EXPECT_EQ(e.kind, EigenCase::Complex);
    ASSERT_EQ(e.values.size(), 3u);
    EXPECT_NEAR(e.values[0].real(), 1.0, 1e-15); // real values come first
    EXPECT_EQ(e.values[0].imag(), 0.0);
    EXPECT_NEAR(e.values[1].real(), 0.5, 1e-15);
    EXPECT_NEAR(e.values[1].imag(), std::sqrt(3.0) / 2, 1e-15);
    EXPECT_NEAR(e.values[2].imag(), -std::sqrt(3.0) / 2, 1e-15);
    ASSERT_EQ(e.vectors.cols(), 1);
    EXPECT_NEAR(e.vectors(2, 0), 1.0, 1e-15); // the axis
    EXPECT_NE(e.explanation.find("angle 60°"), std::string::npos) << e.explanation;
    EXPECT_NE(e.explanation.find("(0, 0, 1)"), std::string::npos) << e.explanation;
}

TEST(EigenCases, OrderingOfRealAndComplexValues) {
    MatrixXd a = MatrixXd::Zero(6, 6);
    a(0, 0) = -1;
    a(1, 1) = 3;
    a.block(2, 2, 2, 2) = 0.5 * rotation2(1.0);
    a.block(4, 4, 2, 2) = 2.0 * rotation2(2.0);
    // Mix the blocks so the solver has real work to do.
    std::mt19937 rng(1);
    std::uniform_real_distribution<double> dist(-1, 1);
    MatrixXd s(6, 6);
    for (Eigen::Index i = 0; i < s.size(); ++i)
        s.data()[i] = dist(rng);
    const MatrixXd b = s * a * s.inverse();
    const EigenResult e = eigenOf(b);
    EXPECT_EQ(e.kind, EigenCase::Complex);
    ASSERT_EQ(e.values.size(), 6u);
    EXPECT_NEAR(e.values[0].real(), 3.0, 1e-10);
    EXPECT_NEAR(e.values[1].real(), -1.0, 1e-10);
    EXPECT_NEAR(std::abs(e.values[2]), 2.0, 1e-10);
    EXPECT_GT(e.values[2].imag(), 0.0);
    EXPECT_EQ(e.values[3], std::conj(e.values[2]));
    EXPECT_NEAR(std::abs(e.values[4]), 0.5, 1e-10);
    EXPECT_GT(e.values[4].imag(), 0.0);
    expectVectorsValid(b, e, 1e-10);
}

TEST(EigenCases, DescendingOrderAndZeroAndNegativeExplained) {
    const MatrixXd a = Eigen::Vector3d(-1, 3, 0).asDiagonal().toDenseMatrix();
    const EigenResult e = eigenOf(a);
    EXPECT_EQ(e.kind, EigenCase::DistinctReal);
    EXPECT_TRUE(e.symmetric);
    ASSERT_EQ(e.realValues.size(), 3u);
    EXPECT_EQ(e.realValues[0], 3.0);
    EXPECT_EQ(e.realValues[1], 0.0);
    EXPECT_EQ(e.realValues[2], -1.0);
    EXPECT_NEAR(e.vectors(1, 0), 1.0, 1e-15);
    EXPECT_NE(e.explanation.find("λ = 0 flattens"), std::string::npos) << e.explanation;
    EXPECT_NE(e.explanation.find("negative eigenvalue"), std::string::npos) << e.explanation;

    const EigenResult one = eigenOf(MatrixXd::Constant(1, 1, 5.0));
    EXPECT_EQ(one.kind, EigenCase::DistinctReal);
    EXPECT_EQ(one.realValues[0], 5.0);
    EXPECT_EQ(one.vectors(0, 0), 1.0);

    const EigenResult zero = eigenOf(MatrixXd::Zero(3, 3));
    EXPECT_EQ(zero.kind, EigenCase::RepeatedReal);
    EXPECT_EQ(zero.vectors.cols(), 3);
}

TEST(EigenCases, SymmetricRandomMatchesEigenWithOrthonormalVectors) {
    std::mt19937 rng(17);
    std::uniform_real_distribution<double> dist(-1, 1);
    for (int n : {2, 3, 5, 8}) {
        MatrixXd m(n, n);
        for (Eigen::Index i = 0; i < m.size(); ++i)
            m.data()[i] = dist(rng);
        const MatrixXd a = m + m.transpose();
        const EigenResult e = eigenOf(a);
        EXPECT_TRUE(e.symmetric);
        EXPECT_EQ(e.kind, EigenCase::DistinctReal);
        ASSERT_EQ(e.vectors.cols(), n);
        EXPECT_LT(
            (e.vectors.transpose() * e.vectors - MatrixXd::Identity(n, n)).cwiseAbs().maxCoeff(),
            1e-14);
        VectorXd reference = Eigen::SelfAdjointEigenSolver<MatrixXd>(a).eigenvalues().reverse();
        for (int i = 0; i < n; ++i)
            EXPECT_NEAR(e.realValues[static_cast<size_t>(i)], reference(i), 1e-13);
        expectVectorsValid(a, e, 1e-13);
    }
}

TEST(EigenCases, GeneralRandomMatchesEigen) {
    std::mt19937 rng(23);
    std::uniform_real_distribution<double> dist(-1, 1);
    // Up to 16 the engine's own QR iteration runs, above it Eigen's solver.
    for (int n : {1, 2, 3, 4, 7, 8, 11, 16, 17, 24}) {
        for (int trial = 0; trial < 12; ++trial) {
            MatrixXd a(n, n);
            for (Eigen::Index i = 0; i < a.size(); ++i)
                a.data()[i] = dist(rng);
            const EigenResult e = eigenOf(a);
            ASSERT_EQ(e.values.size(), static_cast<size_t>(n));
            auto reference = Eigen::EigenSolver<MatrixXd>(a, false).eigenvalues();
            // Same multiset: every reference value has a match.
            for (Eigen::Index i = 0; i < n; ++i) {
                double best = INFINITY;
                for (auto z : e.values)
                    best = std::min(best, std::abs(z - reference(i)));
                EXPECT_LT(best, 1e-12) << "n " << n << " trial " << trial;
            }
            // Order: real descending, then complex by descending modulus, + imaginary first.
            size_t k = 0;
            while (k + 1 < e.values.size() && e.values[k + 1].imag() == 0) {
                EXPECT_EQ(e.values[k].imag(), 0.0);
                EXPECT_GE(e.values[k].real(), e.values[k + 1].real());
                ++k;
            }
            for (size_t c = e.realValues.size(); c + 1 < e.values.size(); c += 2) {
                EXPECT_GT(e.values[c].imag(), 0.0);
                EXPECT_EQ(e.values[c + 1], std::conj(e.values[c]));
                if (c + 2 < e.values.size()) {
                    EXPECT_GE(std::abs(e.values[c]), std::abs(e.values[c + 2]) - 1e-15);
                }
            }
            expectVectorsValid(a, e, 1e-12);
            EXPECT_FALSE(e.explanation.empty());
        }
    }
}

// Matrices that stall a plain shifted QR iteration or test its deflation: cyclic permutations
// (every eigenvalue on the unit circle, the textbook case for exceptional shifts), a companion
// matrix, block-triangular and triangular input, values of very different sizes.
TEST(EigenCases, HardCasesForTheQrIterationHaveTheirKnownValues) {
    const auto expectValues = [](const MatrixXd& a, std::vector<std::complex<double>> expected,
                                 double tol, const char* what) {
        const EigenResult e = eigenOf(a);
        ASSERT_EQ(e.values.size(), expected.size()) << what;
        for (auto z : expected) {
            double best = INFINITY;
            for (auto w : e.values)
                best = std::min(best, std::abs(z - w));
            EXPECT_LT(best, tol) << what << ": " << z.real() << " + " << z.imag() << "i";
        }
        expectVectorsValid(a, e, 1e-12 * std::max(1.0, a.norm()));
    };
    for (int n = 2; n <= 16; ++n) {
        MatrixXd cyclic = MatrixXd::Zero(n, n);
        for (int i = 0; i < n; ++i)
            cyclic((i + 1) % n, i) = 1.0;
        std::vector<std::complex<double>> roots;
        for (int k = 0; k < n; ++k)
            roots.push_back(std::polar(1.0, 2 * std::numbers::pi * k / n));
        expectValues(cyclic, roots, 1e-13, "cyclic permutation");
    }
    // Companion matrix of (x-1)(x-2)(x-3)(x-4)(x-5) = x^5 - 15x^4 + 85x^3 - 225x^2 + 274x - 120.
    MatrixXd companion = MatrixXd::Zero(5, 5);
    const double coefficients[] = {-120, 274, -225, 85, -15};
    for (int i = 0; i < 4; ++i)
        companion(i + 1, i) = 1.0;
    for (int i = 0; i < 5; ++i)
        companion(i, 4) = -coefficients[i];
    expectValues(companion, {1, 2, 3, 4, 5}, 1e-9, "companion matrix");
    // Block upper triangular: a rotation block above a scaling block; the values of each block.
    MatrixXd blocks = MatrixXd::Zero(4, 4);
    blocks.topLeftCorner(2, 2) << 0, -2, 2, 0;
    blocks.topRightCorner(2, 2) << 5, 6, 7, 8;
    blocks.bottomRightCorner(2, 2) << 3, 1, 0, -1;
    expectValues(blocks, {{0, 2}, {0, -2}, 3, -1}, 1e-13, "block triangular");
    MatrixXd upper(4, 4);
    upper << 4, 1, 2, 3, 0, -2, 5, 1, 0, 0, 0.5, 7, 0, 0, 0, 9;
    expectValues(upper, {4, -2, 0.5, 9}, 1e-13, "triangular");
    // Values of very different sizes, S diag(100, 1, -0.5, 0.02) S^-1 with a fixed S.
    MatrixXd basis(4, 4);
    basis << 1, 2, 0, 1, 0, 1, 3, -1, 2, 0, 1, 1, 1, 1, -1, 2;
    const VectorXd spread = (VectorXd(4) << 100, 1, -0.5, 0.02).finished();
    expectValues(basis * spread.asDiagonal() * basis.inverse(), {100, 1, -0.5, 0.02}, 1e-11,
                 "spread values");
}

TEST(EigenCases, AnalyzeFillsEigenAndRefusesNonSquare) {
    MatrixXd a(2, 2);
    a << 1, 1, 0, 1;
    auto r = analyze(a);
    ASSERT_TRUE(r.ok());
    ASSERT_TRUE(r->eigen.has_value());
    EXPECT_EQ(r->eigen->kind, EigenCase::Defective);
    EXPECT_EQ(eigenCaseName(EigenCase::Defective), "defective");

    // Scaled input reports values and text in the caller's units.
    auto big = analyzeEigen(1e6 * a);
    ASSERT_TRUE(big.ok());
    EXPECT_EQ(big->values[0].real(), 1e6);
    EXPECT_NE(big->explanation.find("1e+06"), std::string::npos) << big->explanation;

    auto rect = analyzeEigen(MatrixXd::Ones(2, 3));
    ASSERT_FALSE(rect.ok());
    EXPECT_EQ(rect.error().code, ErrorCode::NotSquare);
}
