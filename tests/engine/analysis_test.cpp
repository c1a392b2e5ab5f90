// analyze(), solve(), leastSquares(), projectionOnto(), thinQr(), polarDecomposition(): facts
// worked out by hand, agreement with Eigen's own routines on random shapes, and bad input.
#include "engine/analysis.h"

#include <Eigen/Dense>
#include <cmath>
#include <gtest/gtest.h>
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

double maxDiff(const MatrixXd& a, const MatrixXd& b) {
    EXPECT_EQ(a.rows(), b.rows());
    EXPECT_EQ(a.cols(), b.cols());
    if (a.rows() != b.rows() || a.cols() != b.cols()) return INFINITY;
    return a.size() ? (a - b).cwiseAbs().maxCoeff() : 0.0;
}

// Every number analyze() hands out must be finite (logAbsDet is -inf exactly when detSign is 0,
// as np.linalg.slogdet reports it).
void expectNoNonFinite(const Analysis& r) {
    if (r.det) {
        EXPECT_TRUE(std::isfinite(*r.det));
    }
    if (r.detSign != 0) {
        EXPECT_TRUE(std::isfinite(r.logAbsDet));
    } else if (r.square) {
        EXPECT_EQ(r.logAbsDet, -INFINITY);
    }
    if (r.trace) {
        EXPECT_TRUE(std::isfinite(*r.trace));
    }
    if (r.inverse) {
        EXPECT_TRUE(r.inverse->allFinite());
    }
    if (r.conditionNumber) {
        EXPECT_TRUE(std::isfinite(*r.conditionNumber));
    }
    EXPECT_TRUE(std::isfinite(r.rankTolerance));
    EXPECT_TRUE(r.svd.U.allFinite() && r.svd.S.allFinite() && r.svd.Vt.allFinite());
    EXPECT_TRUE(r.qr.Q.allFinite() && r.qr.R.allFinite());
    EXPECT_TRUE(r.pseudoinverse.allFinite());
    EXPECT_TRUE(r.columnSpaceProjector.allFinite());
    if (r.polar) {
        EXPECT_TRUE(r.polar->rotation.allFinite() && r.polar->stretch.allFinite());
    }
    if (r.eigen) {
        for (auto z : r.eigen->values)
            EXPECT_TRUE(std::isfinite(z.real()) && std::isfinite(z.imag()));
        EXPECT_TRUE(r.eigen->vectors.allFinite());
    }
}

} // namespace

TEST(Analysis, DeterminantTraceRankInverseByHand) {
    MatrixXd a(2, 2);
    a << 3, 1, 2, 4;
    auto r = analyze(a);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    ASSERT_TRUE(r->det.has_value());
    EXPECT_NEAR(*r->det, 10.0, 1e-13); // 3*4 - 1*2
    EXPECT_EQ(r->detSign, 1);
    EXPECT_NEAR(r->logAbsDet, std::log(10.0), 1e-14);
    ASSERT_TRUE(r->trace.has_value());
    EXPECT_EQ(*r->trace, 7.0);
    EXPECT_EQ(r->rank, 2);
    ASSERT_TRUE(r->inverse.has_value());
    MatrixXd expected(2, 2); // (1/10) [[4,-1],[-2,3]]
    expected << 0.4, -0.1, -0.2, 0.3;
    EXPECT_LT(maxDiff(*r->inverse, expected), 1e-15);
    EXPECT_TRUE(r->inverseError.empty());
    EXPECT_TRUE(r->warnings.empty());
    expectNoNonFinite(*r);
}

TEST(Analysis, InverseOfTextbookMatrix) {
    MatrixXd a(2, 2);
    a << 4, 7, 2, 6;
    auto r = analyze(a);
    ASSERT_TRUE(r.ok());
    MatrixXd expected(2, 2);
    expected << 0.6, -0.7, -0.2, 0.4;
    ASSERT_TRUE(r->inverse.has_value());
    EXPECT_LT(maxDiff(*r->inverse, expected), 1e-15);
    EXPECT_NEAR(*r->det, 10.0, 1e-13);
    EXPECT_EQ(*r->trace, 10.0);
}

TEST(Analysis, NegativeDeterminantAndReflection) {
    MatrixXd a(2, 2);
    a << 0, 1, 1, 0; // swaps the axes: det -1
    auto r = analyze(a);
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(*r->det, -1.0, 1e-15);
    EXPECT_EQ(r->detSign, -1);
    EXPECT_NEAR(r->logAbsDet, 0.0, 1e-15);
    EXPECT_TRUE(r->svd.reflection);
    EXPECT_LT(r->svd.S(1), 0.0);
    ASSERT_TRUE(r->polar.has_value());
    EXPECT_NEAR(r->polar->rotation.determinant(), -1.0, 1e-14);
}

TEST(Analysis, RankOneMatrixIsSingularWithReason) {
    MatrixXd a(2, 2);
    a << 1, 2, 2, 4;
    auto r = analyze(a);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->rank, 1);
    ASSERT_TRUE(r->det.has_value());
    EXPECT_EQ(*r->det, 0.0);
    EXPECT_EQ(r->detSign, 0);
    EXPECT_EQ(r->logAbsDet, -INFINITY);
    EXPECT_FALSE(r->inverse.has_value());
    EXPECT_NE(r->inverseError.find("singular: rank 1 < 2, the columns are dependent"),
              std::string::npos)
        << r->inverseError;
    EXPECT_FALSE(r->conditionNumber.has_value());
    EXPECT_FALSE(r->nearSingular);
    // A = u v^T with |u||v| = 5: pinv = A^T / ||A||_F^2 = A^T / 25; column space is span (1,2).
    EXPECT_LT(maxDiff(r->pseudoinverse, a.transpose() / 25.0), 1e-15);
    MatrixXd projector(2, 2);
    projector << 1, 2, 2, 4;
    EXPECT_LT(maxDiff(r->columnSpaceProjector, projector / 5.0), 1e-15);
    expectNoNonFinite(*r);
}

TEST(Analysis, RectangularMatrixHasNoInverseButAPseudoinverse) {
    MatrixXd a(2, 3);
    a << 1, 0, 2, 0, 1, 1;
    auto r = analyze(a);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->square);
    EXPECT_EQ(r->rows, 2);
    EXPECT_EQ(r->cols, 3);
    EXPECT_EQ(r->rank, 2);
    EXPECT_FALSE(r->det.has_value());
    EXPECT_FALSE(r->trace.has_value());
    EXPECT_FALSE(r->inverse.has_value());
    EXPECT_FALSE(r->eigen.has_value());
    EXPECT_FALSE(r->polar.has_value());
    EXPECT_NE(r->inverseError.find("only square matrices have an inverse"), std::string::npos);
    EXPECT_NE(r->inverseError.find("use the pseudoinverse"), std::string::npos);
    // Full row rank: pinv = A^T (A A^T)^-1, and A pinv = I.
    const MatrixXd expected = a.transpose() * (a * a.transpose()).inverse();
    EXPECT_LT(maxDiff(r->pseudoinverse, expected), 1e-14);
    EXPECT_LT(maxDiff(a * r->pseudoinverse, MatrixXd::Identity(2, 2)), 1e-14);
    ASSERT_TRUE(r->conditionNumber.has_value());
    Eigen::JacobiSVD<MatrixXd> svd(a);
    EXPECT_NEAR(*r->conditionNumber, svd.singularValues()(0) / svd.singularValues()(1), 1e-13);
    expectNoNonFinite(*r);
}

TEST(Analysis, HugeDeterminantKeepsSignAndLog) {
    const MatrixXd a = 1e200 * MatrixXd::Identity(3, 3);
    auto r = analyze(a);
    ASSERT_TRUE(r.ok()) << r.error().describe();
    EXPECT_FALSE(r->det.has_value()) << *r->det;
    EXPECT_EQ(r->detSign, 1);
    EXPECT_NEAR(r->logAbsDet, 3 * 200 * std::log(10.0), 1e-9);
    ASSERT_FALSE(r->warnings.empty());
    EXPECT_NE(r->warnings[0].find("overflows"), std::string::npos) << r->warnings[0];
    EXPECT_EQ(r->rank, 3);
    ASSERT_TRUE(r->inverse.has_value());
    EXPECT_LT(maxDiff(*r->inverse, 1e-200 * MatrixXd::Identity(3, 3)), 1e-214);
    EXPECT_NEAR(*r->conditionNumber, 1.0, 1e-14);
    expectNoNonFinite(*r);

    MatrixXd negative = a;
    negative(1, 1) = -2e200;
    auto n = analyze(negative);
    ASSERT_TRUE(n.ok());
    EXPECT_FALSE(n->det.has_value());
    EXPECT_EQ(n->detSign, -1);
    EXPECT_NEAR(n->logAbsDet, 600 * std::log(10.0) + std::log(2.0), 1e-9);
}

TEST(Analysis, TinyDeterminantUnderflowsWithWarning) {
    const MatrixXd a = 1e-200 * MatrixXd::Identity(3, 3);
    auto r = analyze(a);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->det.has_value());
    EXPECT_EQ(r->detSign, 1);
    EXPECT_NEAR(r->logAbsDet, -600 * std::log(10.0), 1e-9);
    EXPECT_EQ(r->rank, 3); // the rank tolerance is relative: a tiny matrix is not singular
    ASSERT_FALSE(r->warnings.empty());
    EXPECT_NE(r->warnings[0].find("underflows"), std::string::npos);
    ASSERT_TRUE(r->inverse.has_value());
    EXPECT_NEAR((*r->inverse)(0, 0), 1e200, 1e186);
    expectNoNonFinite(*r);
}

TEST(Analysis, LargeButRepresentableDeterminantIsShown) {
    // Entries far from 1 whose determinant still fits a double: 1e300 and 1e-300.
    for (double entry : {1e150, 1e-150}) {
        auto r = analyze(entry * MatrixXd::Identity(2, 2));
        ASSERT_TRUE(r.ok());
        ASSERT_TRUE(r->det.has_value());
        EXPECT_NEAR(*r->det / (entry * entry), 1.0, 1e-14);
        EXPECT_TRUE(r->warnings.empty());
    }
}

TEST(Analysis, NearSingularWarns) {
    MatrixXd a(2, 2);
    a << 1, 1, 1, 1 + 1e-10;
    auto r = analyze(a);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->rank, 2);
    ASSERT_TRUE(r->conditionNumber.has_value());
    EXPECT_GT(*r->conditionNumber, 1e10);
    EXPECT_TRUE(r->nearSingular);
    ASSERT_EQ(r->warnings.size(), 1u);
    EXPECT_NE(r->warnings[0].find("near-singular"), std::string::npos);
    AnalysisOptions loose;
    loose.rankTolerance = 1e-6; // a stated tolerance above sigma_min ~ 5e-11
    auto l = analyze(a, loose);
    ASSERT_TRUE(l.ok());
    EXPECT_EQ(l->rank, 1);
    EXPECT_EQ(l->rankTolerance, 1e-6);
    EXPECT_FALSE(l->inverse.has_value());
}

TEST(Analysis, RankToleranceIsTheNumPyRule) {
    MatrixXd a(3, 2);
    a << 1, 2, 3, 4, 5, 6;
    auto r = analyze(a);
    ASSERT_TRUE(r.ok());
    const double sigmaMax = Eigen::JacobiSVD<MatrixXd>(a).singularValues()(0);
    EXPECT_DOUBLE_EQ(r->rankTolerance, 3 * std::numeric_limits<double>::epsilon() * sigmaMax);
    EXPECT_EQ(r->rank, 2);
}

TEST(Analysis, ZeroMatrix) {
    auto r = analyze(MatrixXd::Zero(3, 3));
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->rank, 0);
    EXPECT_EQ(*r->det, 0.0);
    EXPECT_EQ(*r->trace, 0.0);
    EXPECT_FALSE(r->inverse.has_value());
    EXPECT_EQ(maxDiff(r->pseudoinverse, MatrixXd::Zero(3, 3)), 0.0);
    EXPECT_EQ(maxDiff(r->columnSpaceProjector, MatrixXd::Zero(3, 3)), 0.0);
    ASSERT_TRUE(r->eigen.has_value());
    EXPECT_EQ(r->eigen->kind, EigenCase::RepeatedReal);
    expectNoNonFinite(*r);
}

TEST(Analysis, RefusesEmptyAndNonFinite) {
    auto empty = analyze(MatrixXd(0, 0));
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, ErrorCode::EmptyMatrix);
    EXPECT_FALSE(analyze(MatrixXd(0, 3)).ok());

    MatrixXd a = MatrixXd::Ones(2, 2);
    a(1, 0) = std::nan("");
    auto nan = analyze(a);
    ASSERT_FALSE(nan.ok());
    EXPECT_EQ(nan.error().code, ErrorCode::NonFinite);
    EXPECT_NE(nan.error().message.find("row 2, column 1"), std::string::npos)
        << nan.error().message;
    a(1, 0) = INFINITY;
    auto inf = analyze(a);
    ASSERT_FALSE(inf.ok());
    EXPECT_EQ(inf.error().code, ErrorCode::NonFinite);
}

TEST(Analysis, ExtremeEntriesNeverGiveNaN) {
    std::vector<MatrixXd> cases;
    cases.push_back(MatrixXd::Constant(2, 2, 1e300));
    cases.push_back(MatrixXd::Constant(3, 2, -1e-300));
    cases.push_back(Eigen::Vector2d(1e300, 1e-300).asDiagonal().toDenseMatrix());
    // Subnormal entries: the inverse and pseudoinverse overflow and must be dropped, not shown.
    cases.push_back(Eigen::Vector2d(1e-310, 1e-310).asDiagonal().toDenseMatrix());
    MatrixXd mixed(2, 2);
    mixed << 1e308, -1e308, 1e-308, 1;
    cases.push_back(mixed);
    for (const MatrixXd& a : cases) {
        auto r = analyze(a);
        if (!r.ok()) {
            EXPECT_EQ(r.error().code, ErrorCode::TooLarge);
            continue;
        }
        expectNoNonFinite(*r);
    }
}

TEST(Analysis, AgreesWithEigenOnRandomShapes) {
    std::mt19937 rng(7);
    const std::pair<int, int> shapes[] = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {8, 8}, {3, 2},
                                          {2, 3}, {5, 3}, {3, 5}, {1, 4}, {4, 1}, {12, 12}};
    for (auto [m, n] : shapes) {
        SCOPED_TRACE(::testing::Message() << m << "x" << n);
        const MatrixXd a = randomMatrix(m, n, rng);
        auto r = analyze(a);
        ASSERT_TRUE(r.ok());
        expectNoNonFinite(*r);
        const int p = std::min(m, n);
        EXPECT_EQ(r->rank, p);
        EXPECT_LT(maxDiff(r->pseudoinverse, a.completeOrthogonalDecomposition().pseudoInverse()),
                  1e-10);
        EXPECT_LT(maxDiff(r->qr.Q * r->qr.R, a), 1e-13);
        EXPECT_LT(maxDiff(r->svd.U * r->svd.S.asDiagonal() * r->svd.Vt, a), 1e-13);
        EXPECT_LT(maxDiff(r->columnSpaceProjector * a, a), 1e-13);
        if (m == n) {
            const double det = a.fullPivLu().determinant();
            EXPECT_NEAR(*r->det, det, 1e-13 * std::max(1.0, std::abs(det)));
            EXPECT_NEAR(*r->trace, a.trace(), 1e-14);
            EXPECT_LT(maxDiff(*r->inverse, a.fullPivLu().inverse()), 1e-9 * *r->conditionNumber);
            EXPECT_LT(maxDiff(r->polar->rotation * r->polar->stretch, a), 1e-13);
        }
    }
}

TEST(Solve, ByHandAndAgainstEigen) {
    MatrixXd a(2, 2);
    a << 3, 1, 2, 4;
    VectorXd b(2);
    b << 5, 10; // x = (1, 2)
    auto x = solve(a, b);
    ASSERT_TRUE(x.ok()) << x.error().describe();
    EXPECT_NEAR((*x)(0), 1.0, 1e-15);
    EXPECT_NEAR((*x)(1), 2.0, 1e-15);

    std::mt19937 rng(11);
    const MatrixXd big = randomMatrix(9, 9, rng), rhs = randomMatrix(9, 3, rng);
    auto y = solve(big, rhs);
    ASSERT_TRUE(y.ok());
    EXPECT_LT(maxDiff(*y, big.fullPivLu().solve(rhs)), 1e-11);
    EXPECT_LT(maxDiff(big * *y, rhs), 1e-13);
}

TEST(Solve, Errors) {
    MatrixXd singular(2, 2);
    singular << 1, 2, 2, 4;
    auto s = solve(singular, VectorXd::Ones(2));
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, ErrorCode::Singular);
    EXPECT_NE(s.error().message.find("rank 1 < 2"), std::string::npos) << s.error().message;

    auto shape = solve(MatrixXd::Identity(2, 2), MatrixXd::Ones(3, 1));
    ASSERT_FALSE(shape.ok());
    EXPECT_EQ(shape.error().code, ErrorCode::ShapeMismatch);
    EXPECT_NE(shape.error().message.find("(2,2)"), std::string::npos);
    EXPECT_NE(shape.error().message.find("(3,1)"), std::string::npos);

    auto rect = solve(MatrixXd::Ones(2, 3), VectorXd::Ones(2));
    ASSERT_FALSE(rect.ok());
    EXPECT_EQ(rect.error().code, ErrorCode::NotSquare);

    MatrixXd nan = MatrixXd::Identity(2, 2);
    nan(0, 1) = NAN;
    auto n = solve(nan, VectorXd::Ones(2));
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.error().code, ErrorCode::NonFinite);
    EXPECT_EQ(solve(MatrixXd(0, 0), MatrixXd(0, 1)).error().code, ErrorCode::EmptyMatrix);
}

TEST(LeastSquares, LineFitByHand) {
    // Points (0,0), (1,1), (2,1); normal equations [[3,3],[3,5]] c = (2,3) give c = (1/6, 1/2).
    MatrixXd x(3, 2);
    x << 1, 0, 1, 1, 1, 2;
    VectorXd y(3);
    y << 0, 1, 1;
    auto r = leastSquares(x, y);
    ASSERT_TRUE(r.ok());
    EXPECT_NEAR(r->coefficients(0), 1.0 / 6.0, 1e-15);
    EXPECT_NEAR(r->coefficients(1), 0.5, 1e-15);
    EXPECT_TRUE(r->unique);
    EXPECT_EQ(r->rank, 2);
    EXPECT_LT((x.transpose() * r->residual).cwiseAbs().maxCoeff(), 1e-15);
    EXPECT_LT((r->fitted + r->residual - y).cwiseAbs().maxCoeff(), 1e-15);
    // Residual by hand: fitted = (1/6, 2/3, 7/6), residual = (-1/6, 1/3, -1/6).
    EXPECT_NEAR(r->residualNorm, std::sqrt(1.0 / 36 + 1.0 / 9 + 1.0 / 36), 1e-15);
}

TEST(LeastSquares, RankDeficientGivesMinimumNorm) {
    MatrixXd x(3, 2);
    x << 1, 1, 1, 1, 1, 1; // two equal columns: c1 + c2 is all the data can say
    VectorXd y(3);
    y << 1, 2, 3;
    auto r = leastSquares(x, y);
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->unique);
    EXPECT_EQ(r->rank, 1);
    EXPECT_NEAR(r->coefficients(0), 1.0, 1e-14); // c1 + c2 = mean 2, shortest when equal
    EXPECT_NEAR(r->coefficients(1), 1.0, 1e-14);
    EXPECT_LT((x.transpose() * r->residual).cwiseAbs().maxCoeff(), 1e-14);
}

TEST(LeastSquares, RandomAgainstEigenAndErrors) {
    std::mt19937 rng(5);
    const MatrixXd x = randomMatrix(20, 4, rng);
    const VectorXd y = randomMatrix(20, 1, rng);
    auto r = leastSquares(x, y);
    ASSERT_TRUE(r.ok());
    EXPECT_LT((r->coefficients - x.colPivHouseholderQr().solve(y)).cwiseAbs().maxCoeff(), 1e-13);
    EXPECT_LT((x.transpose() * r->residual).cwiseAbs().maxCoeff(), 1e-14);

    auto bad = leastSquares(x, VectorXd::Ones(19));
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::ShapeMismatch);
    EXPECT_NE(bad.error().message.find("(20,4)"), std::string::npos);
    EXPECT_NE(bad.error().message.find("19"), std::string::npos);
}

TEST(Projection, ParallelAndZeroColumns) {
    MatrixXd parallel(2, 2);
    parallel << 1, 2, 2, 4;
    Projection p = projectionOnto(parallel);
    EXPECT_EQ(p.dimension, 1);
    MatrixXd expected(2, 2);
    expected << 1, 2, 2, 4;
    EXPECT_LT(maxDiff(p.projector, expected / 5.0), 1e-15);

    MatrixXd plane(3, 4); // three columns spanning the xy-plane plus a zero column
    plane << 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0;
    Projection q = projectionOnto(plane);
    EXPECT_EQ(q.dimension, 2);
    EXPECT_LT(maxDiff(q.projector, Eigen::Vector3d(1, 1, 0).asDiagonal().toDenseMatrix()), 1e-15);
    EXPECT_EQ(q.orthonormalBasis.cols(), 2);

    Projection zero = projectionOnto(MatrixXd::Zero(3, 2));
    EXPECT_EQ(zero.dimension, 0);
    EXPECT_EQ(maxDiff(zero.projector, MatrixXd::Zero(3, 3)), 0.0);
}

TEST(Projection, IdempotentSymmetricOnRandomBases) {
    std::mt19937 rng(3);
    for (auto [m, n] : {std::pair{3, 1}, {3, 2}, {5, 3}, {4, 6}}) {
        MatrixXd basis = randomMatrix(m, n, rng);
        // One dependent column: parallel to another, or a combination of two.
        if (n == 2) basis.col(1) = -3 * basis.col(0);
        if (n >= 3) basis.col(n - 1) = basis.col(0) - 2 * basis.col(1);
        Projection p = projectionOnto(basis);
        EXPECT_EQ(p.dimension, std::min(m, n >= 2 ? n - 1 : n));
        EXPECT_LT(maxDiff(p.projector * p.projector, p.projector), 1e-14);
        EXPECT_LT(maxDiff(p.projector, p.projector.transpose()), 1e-15);
        EXPECT_LT(maxDiff(p.projector * basis, basis), 1e-14);
    }
}

TEST(ThinQr, ShapesAndNonNegativeDiagonal) {
    std::mt19937 rng(9);
    // Up to 16x16 the engine's own Householder QR runs, beyond it Eigen's.
    for (auto [m, n] : {std::pair{1, 1},
                        {3, 3},
                        {5, 2},
                        {2, 5},
                        {7, 7},
                        {8, 8},
                        {16, 16},
                        {16, 3},
                        {3, 16},
                        {17, 17},
                        {20, 6}}) {
        const MatrixXd a = randomMatrix(m, n, rng);
        QrResult qr = thinQr(a);
        const int p = std::min(m, n);
        ASSERT_EQ(qr.Q.rows(), m);
        ASSERT_EQ(qr.Q.cols(), p);
        ASSERT_EQ(qr.R.rows(), p);
        ASSERT_EQ(qr.R.cols(), n);
        EXPECT_LT(maxDiff(qr.Q.transpose() * qr.Q, MatrixXd::Identity(p, p)), 1e-14);
        EXPECT_LT(maxDiff(qr.Q * qr.R, a), 1e-14);
        for (int i = 0; i < p; ++i) {
            EXPECT_GE(qr.R(i, i), 0.0);
            for (int j = 0; j < i && j < n; ++j)
                EXPECT_EQ(qr.R(i, j), 0.0);
        }
    }
}

// The thin QR of a full-rank matrix with R's diagonal positive is unique: Eigen's, sign-fixed,
// must agree. Rank-deficient input (a zero column, a repeated one) still factors exactly.
TEST(ThinQr, MatchesEigenAndFactorsRankDeficientInput) {
    std::mt19937 rng(10);
    for (auto [m, n] : {std::pair{4, 4}, {8, 8}, {9, 5}, {5, 9}, {16, 16}}) {
        const MatrixXd a = randomMatrix(m, n, rng);
        const QrResult qr = thinQr(a);
        const int p = std::min(m, n);
        Eigen::HouseholderQR<MatrixXd> reference(a);
        MatrixXd q = reference.householderQ() * MatrixXd::Identity(m, p);
        MatrixXd r = reference.matrixQR().topRows(p).triangularView<Eigen::Upper>();
        for (int i = 0; i < p; ++i)
            if (r(i, i) < 0) r.row(i) *= -1.0, q.col(i) *= -1.0;
        EXPECT_LT(maxDiff(qr.Q, q), 1e-13) << m << "x" << n;
        EXPECT_LT(maxDiff(qr.R, r), 1e-13) << m << "x" << n;
    }
    MatrixXd deficient = randomMatrix(6, 4, rng);
    deficient.col(1).setZero();
    deficient.col(3) = deficient.col(0);
    const QrResult qr = thinQr(deficient);
    EXPECT_LT(maxDiff(qr.Q.transpose() * qr.Q, MatrixXd::Identity(4, 4)), 1e-14);
    EXPECT_LT(maxDiff(qr.Q * qr.R, deficient), 1e-14);
    EXPECT_EQ(qr.R(1, 1), 0.0);
    EXPECT_LT(std::abs(qr.R(3, 3)), 1e-15);
}

TEST(Polar, FactorsAreRotationAndSymmetricStretch) {
    std::mt19937 rng(21);
    for (int n : {1, 2, 3, 5}) {
        for (int trial = 0; trial < 4; ++trial) {
            const MatrixXd a = randomMatrix(n, n, rng);
            auto polar = polarDecomposition(a);
            ASSERT_TRUE(polar.ok());
            const MatrixXd& r = polar->rotation;
            const MatrixXd& p = polar->stretch;
            EXPECT_LT(maxDiff(r.transpose() * r, MatrixXd::Identity(n, n)), 1e-14);
            EXPECT_NEAR(r.determinant(), a.determinant() < 0 ? -1.0 : 1.0, 1e-13);
            EXPECT_LT(maxDiff(p, p.transpose()), 1e-15);
            EXPECT_GE(Eigen::SelfAdjointEigenSolver<MatrixXd>(p).eigenvalues().minCoeff(), -1e-14);
            EXPECT_LT(maxDiff(r * p, a), 1e-14);
        }
    }
    MatrixXd shear(2, 2);
    shear << 1, 1, 0, 1;
    auto s = polarDecomposition(shear);
    ASSERT_TRUE(s.ok());
    // Hand check: A^T A = [[1,1],[1,2]], and the stretch is its square root.
    EXPECT_LT(maxDiff(s->stretch * s->stretch, shear.transpose() * shear), 1e-14);
    EXPECT_EQ(polarDecomposition(MatrixXd::Ones(2, 3)).error().code, ErrorCode::NotSquare);
}
