// analyze(): every readout of one matrix (det, rank, trace, inverse, condition, eigen, SVD, QR,
// polar, pseudoinverse, projector) computed once from shared factorisations, plus solve() and
// leastSquares(). No NaN or Inf ever leaves as a number: failures come back as reasons.
#include "analysis_internal.h"
#include "engine/matrix_parse.h"

#include <Eigen/LU>
#include <Eigen/QR>
#include <Eigen/SVD>
#include <cfloat>
#include <cmath>
#include <limits>

namespace linscape::engine {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

constexpr double kEps = std::numeric_limits<double>::epsilon();

std::string rankReason(int rank, Index n) {
    return "singular: rank " + std::to_string(rank) + " < " + std::to_string(n) +
           ", the columns are dependent";
}

// The determinant from an LU factorisation of a / scale: sign and log|det| are summed term by term
// so they exist even when det itself does not fit in a double.
void fillDeterminant(Analysis& r, const Eigen::PartialPivLU<MatrixXd>& lu, double scale) {
    const Index n = r.rows;
    const auto& factors = lu.matrixLU();
    int sign = lu.permutationP().determinant();
    double logAbs = 0;
    for (Index i = 0; i < n; ++i) {
        const double pivot = factors(i, i);
        if (pivot == 0) sign = 0;
        if (pivot < 0) sign = -sign;
        logAbs += std::log(std::abs(pivot));
    }
    if (sign == 0 || r.rank < n) {
        r.detSign = 0;
        r.logAbsDet = -std::numeric_limits<double>::infinity();
        r.det = 0.0;
        return;
    }
    logAbs += static_cast<double>(n) * std::log(scale);
    r.detSign = sign;
    r.logAbsDet = logAbs;
    // The plain product is the most accurate when nothing overflows along the way; otherwise
    // exp(log|det|) when the result itself fits.
    const double product =
        std::ldexp(lu.determinant(), std::ilogb(scale) * static_cast<int>(n)); // scale is 2^k
    if (std::isfinite(product) && std::abs(product) >= DBL_MIN) {
        r.det = product;
    } else if (logAbs < std::log(DBL_MAX) && logAbs > std::log(DBL_MIN)) {
        r.det = sign * std::exp(logAbs);
    } else {
        const double log10Abs = logAbs / std::log(10.0);
        r.warnings.push_back(std::string("det ") + (logAbs > 0 ? "overflows" : "underflows") +
                             " a double (|det| is about 10^" + formatNumber(log10Abs, 6) +
                             "); its sign (" + (sign > 0 ? "+" : "-") +
                             ") and log|det| = " + formatNumber(logAbs, 8) + " are shown instead");
    }
}

// Drops a matrix readout that left the range of a double, with a warning naming it.
template <class M>
bool keepFinite(Analysis& r, const M& m, const char* what) {
    if (m.allFinite()) return true;
    r.warnings.push_back(std::string(what) + " is beyond the range of a double and is not shown");
    return false;
}

} // namespace

Result<Analysis> analyze(const MatrixXd& a, const AnalysisOptions& options) {
    if (auto error = detail::checkEntries(a, "the matrix")) return *error;
    Analysis r;
    r.rows = a.rows();
    r.cols = a.cols();
    r.square = r.rows == r.cols;
    const Index p = std::min(r.rows, r.cols);

    // Everything is factorised on a / 2^k (exact), with |entries| in [0.5, 1): no intermediate
    // overflows or underflows, and the results are scaled back at the end.
    const double scale = detail::powerOfTwoScale(a);
    const MatrixXd scaled = a / scale;

    r.svd = canonicalSvd(scaled, options.previousSvd);
    r.svd.S *= scale;
    r.svd.singularValues *= scale;
    const VectorXd& sigma = r.svd.singularValues;
    r.rankTolerance = options.rankTolerance >= 0
                          ? options.rankTolerance
                          : static_cast<double>(std::max(r.rows, r.cols)) * kEps * sigma(0);
    r.rank = static_cast<int>((sigma.array() > r.rankTolerance).count());

    if (r.rank == p) {
        r.conditionNumber = sigma(0) / sigma(p - 1);
        if (!std::isfinite(*r.conditionNumber)) r.conditionNumber.reset();
    }
    if (r.conditionNumber && *r.conditionNumber > options.nearSingularCondition) {
        r.nearSingular = true;
        r.warnings.push_back("near-singular: condition number " + formatNumber(*r.conditionNumber) +
                             " > " + formatNumber(options.nearSingularCondition) + ", so about " +
                             std::to_string(static_cast<int>(std::log10(*r.conditionNumber))) +
                             " digits can be lost in the inverse and in solving");
    }

    if (r.square) {
        const double trace = a.trace();
        if (std::isfinite(trace))
            r.trace = trace;
        else
            r.warnings.push_back("the trace is beyond the range of a double and is not shown");

        const Eigen::PartialPivLU<MatrixXd> lu(scaled);
        fillDeterminant(r, lu, scale);
        if (r.rank == r.rows && r.detSign != 0) {
            MatrixXd inverse = lu.inverse() / scale;
            if (keepFinite(r, inverse, "the inverse"))
                r.inverse = std::move(inverse);
            else
                r.inverseError = "the inverse is beyond the range of a double";
        } else {
            r.inverseError = rankReason(r.rank, r.rows) + ", so no inverse exists (det = 0); " +
                             "the pseudoinverse is the closest substitute";
        }
        r.eigen = detail::eigenOfChecked(scaled, scale);
        r.polar = detail::polarFromSvd(r.svd);
    } else {
        r.inverseError = "only square matrices have an inverse; this one is " +
                         detail::shapeText(r.rows, r.cols) + ", use the pseudoinverse";
    }

    r.qr = thinQr(scaled);
    r.qr.R *= scale;

    if (r.inverse) {
        // Invertible: the pseudoinverse is the inverse, and the column space is everything (P = I
        // exactly, not U U^T with rounding), so neither needs another product.
        r.pseudoinverse = *r.inverse;
        r.columnSpaceProjector = MatrixXd::Identity(r.rows, r.rows);
    } else {
        // Pseudoinverse V diag(1/S) U^T over the singular values that count for the rank. The
        // signed S is fine here: a negative last entry pairs with the same sign flip in U and V.
        VectorXd inverseS = VectorXd::Zero(p);
        for (Index i = 0; i < p; ++i)
            if (sigma(i) > r.rankTolerance) inverseS(i) = 1.0 / r.svd.S(i);
        r.pseudoinverse = r.svd.Vt.transpose() * inverseS.asDiagonal() * r.svd.U.transpose();
        if (!keepFinite(r, r.pseudoinverse, "the pseudoinverse")) r.pseudoinverse.resize(0, 0);
        const auto ur = r.svd.U.leftCols(r.rank);
        r.columnSpaceProjector = ur * ur.transpose();
    }

    if (!keepFinite(r, r.svd.S, "the singular values"))
        return makeError(ErrorCode::TooLarge, r.warnings.back());
    if (r.polar && !keepFinite(r, r.polar->stretch, "the polar stretch")) r.polar.reset();
    if (!r.qr.R.allFinite())
        return makeError(ErrorCode::TooLarge,
                         "the entries are too large: R of the QR overflows a double");
    return r;
}

Result<MatrixXd> solve(const MatrixXd& a, const MatrixXd& b) {
    if (auto error = detail::checkEntries(a, "A")) return *error;
    if (auto error = detail::checkEntries(b, "b")) return *error;
    if (a.rows() != a.cols())
        return makeError(ErrorCode::NotSquare, "solve needs a square A, and A is " +
                                                   detail::shapeText(a.rows(), a.cols()) +
                                                   "; use least squares for a rectangular system");
    if (b.rows() != a.rows())
        return makeError(ErrorCode::ShapeMismatch,
                         "A is " + detail::shapeText(a.rows(), a.cols()) + " but b is " +
                             detail::shapeText(b.rows(), b.cols()) + ": A x = b needs b to have " +
                             std::to_string(a.rows()) + " rows");
    const Index n = a.rows();
    const double scaleA = detail::powerOfTwoScale(a), scaleB = detail::powerOfTwoScale(b);
    const Eigen::PartialPivLU<MatrixXd> lu(a / scaleA);
    // LAPACK's test: a reciprocal condition estimate below n * eps means the factors carry no
    // digits of the solution.
    if (!(lu.rcond() > static_cast<double>(n) * kEps)) {
        Eigen::JacobiSVD<MatrixXd> svd(a / scaleA);
        const VectorXd& s = svd.singularValues();
        const double tol = static_cast<double>(n) * kEps * s(0);
        const int rank = static_cast<int>((s.array() > tol).count());
        return makeError(ErrorCode::Singular,
                         rankReason(std::min<int>(rank, static_cast<int>(n) - 1), n) +
                             ", so A x = b has no unique solution; least squares gives the "
                             "best fit");
    }
    MatrixXd x = lu.solve(b / scaleB) * (scaleB / scaleA);
    if (!x.allFinite())
        return makeError(ErrorCode::TooLarge, "the solution is beyond the range of a double");
    return x;
}

Result<LeastSquaresResult> leastSquares(const MatrixXd& x, const VectorXd& y) {
    if (auto error = detail::checkEntries(x, "X")) return *error;
    if (y.size() != x.rows())
        return makeError(ErrorCode::ShapeMismatch, "X is " + detail::shapeText(x.rows(), x.cols()) +
                                                       " but y has " + std::to_string(y.size()) +
                                                       " entries: y needs one entry per row of X");
    if (auto error = detail::checkEntries(y, "y")) return *error;
    const double scaleX = detail::powerOfTwoScale(x), scaleY = detail::powerOfTwoScale(y);
    // Complete orthogonal decomposition (pivoted QR, then RZ): the minimum-norm solution whatever
    // the rank, without ever forming X^T X (which would square the condition number).
    Eigen::CompleteOrthogonalDecomposition<MatrixXd> cod(x / scaleX);
    cod.setThreshold(static_cast<double>(std::max(x.rows(), x.cols())) * kEps);
    LeastSquaresResult out;
    out.coefficients = cod.solve(y / scaleY) * (scaleY / scaleX);
    out.fitted = x * out.coefficients;
    out.residual = y - out.fitted;
    out.residualNorm = out.residual.norm();
    out.rank = static_cast<int>(cod.rank());
    out.unique = cod.rank() == x.cols();
    if (!out.coefficients.allFinite() || !out.fitted.allFinite())
        return makeError(ErrorCode::TooLarge, "the fit is beyond the range of a double");
    return out;
}

} // namespace linscape::engine
