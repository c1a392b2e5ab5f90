// Eigenvalues and eigenvectors sorted into the cases the lessons explain (distinct real, repeated,
// defective, complex), with conventions for order and sign, and the sentence a student reads.
#include "analysis_internal.h"
#include "engine/matrix_parse.h"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <numbers>

namespace linscape::engine {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

// Eigenvalues closer than this (relative to ||A||_F) are one repeated value, and an imaginary
// part below it is rounding. Rounding perturbs a simple eigenvalue by about eps ||A|| but splits a
// defective one much more: a perturbed 2x2 Jordan block by sqrt(eps) ~ 1.5e-8, a 3x3 one by
// eps^(1/3) ~ 6e-6. 1e-5 catches both (so a typed shear like [[2,1],[-1,0]] is recognised), and
// is still far below any difference a person types or drags to. The same bound decides which
// singular values of A - lambda I count as zero when eigen-directions are counted, so a value
// called repeated is judged with a consistent yardstick.
constexpr double kClusterTolerance = 1e-5;
// Symmetric "to a tolerance": asymmetry within rounding of the largest entry.
constexpr double kSymmetryTolerance = 1e-12;

struct Cluster {
    double value = 0; // mean of the members: the well-conditioned estimate of a multiple root
    int multiplicity = 0;
    MatrixXd vectors; // n x (eigen-directions found), orthonormal, sign/basis conventions applied
};

struct ComplexPair {
    std::complex<double> value; // imaginary part > 0
};

// Largest-magnitude entry made non-negative (the header's sign convention).
void fixSign(Eigen::Ref<VectorXd> v) {
    if (v(detail::dominantIndex(v)) < 0) v = -v;
}

// Orthonormal basis of the null space of (A - lambda I): the right singular vectors whose
// singular value is at most tol; at least one (lambda is an eigenvalue), at most maxDim. The basis
// of a multi-dimensional eigenspace is then turned toward the coordinate axes, so 2I reports
// e1, e2 rather than whatever the SVD produced.
MatrixXd eigenspace(const MatrixXd& a, double lambda, double tol, int maxDim) {
    const Index n = a.rows();
    MatrixXd shifted = a;
    shifted.diagonal().array() -= lambda;
    Eigen::JacobiSVD<MatrixXd> svd(shifted, Eigen::ComputeFullV);
    Index count = 0;
    while (count < n && svd.singularValues()(n - 1 - count) <= tol)
        ++count;
    count = std::clamp<Index>(count, 1, maxDim);
    MatrixXd basis = svd.matrixV().rightCols(count);
    if (count > 1)
        basis = basis *
                detail::closestOrthogonal(basis.transpose() * detail::nearestAxes(basis), false);
    return basis;
}

// Same text as formatNumber ("%.*g"), through std::to_chars: the explanation is rebuilt on every
// analyze() call, and snprintf would be a visible share of its 20 µs budget.
std::string formatShort(double x, int digits) {
    if (x == 0.0) return "0";
    char buf[32];
    const auto result = std::to_chars(buf, buf + sizeof buf, x, std::chars_format::general, digits);
    return result.ec == std::errc() ? std::string(buf, result.ptr) : formatNumber(x, digits);
}

std::string num(double x) {
    return formatShort(x, 4);
}

std::string vectorText(const VectorXd& v) {
    const double maxAbs = v.cwiseAbs().maxCoeff();
    std::string out = "(";
    for (Index i = 0; i < v.size(); ++i) {
        // Rounding noise such as 1e-17 next to 0.7 would only distract a reader.
        const double x = std::abs(v(i)) <= 1e-12 * maxAbs ? 0.0 : v(i);
        if (i) out += ", ";
        out += formatShort(x, 3);
    }
    return out + ")";
}

// Directions are spelled out only where a student can see them (2D and 3D scenes).
bool spellVectors(Index n) {
    return n <= 3;
}

std::string complexText(std::complex<double> z) {
    return num(z.real()) + " ± " + num(std::abs(z.imag())) + "i";
}

std::string degrees(double radians) {
    return formatShort(radians * 180.0 / std::numbers::pi, 4) + "°";
}

std::string explain(EigenCase kind, const std::vector<Cluster>& clusters,
                    const std::vector<ComplexPair>& pairs, const MatrixXd& a, bool symmetric,
                    double tol) {
    const Index n = a.rows();
    std::string text;
    const auto add = [&](const std::string& sentence) {
        text += (text.empty() ? "" : " ") + sentence;
    };
    switch (kind) {
    case EigenCase::DistinctReal:
        if (n == 1) {
            add("The only eigenvalue is " + num(clusters[0].value) + ": the line is scaled by it.");
        } else if (n == 2) {
            add("Two distinct real eigenvalues, " + num(clusters[0].value) + " and " +
                num(clusters[1].value) + ": the directions " +
                vectorText(clusters[0].vectors.col(0)) + " and " +
                vectorText(clusters[1].vectors.col(0)) + " stay on their own lines, scaled by " +
                num(clusters[0].value) + " and by " + num(clusters[1].value) + ".");
        } else {
            std::string list;
            for (const Cluster& c : clusters)
                list += (list.empty() ? "" : ", ") + num(c.value);
            add(std::to_string(n) + " distinct real eigenvalues (" + list +
                "): " + std::to_string(n) +
                " independent directions stay on their own lines, each scaled by its eigenvalue.");
        }
        break;
    case EigenCase::RepeatedReal:
        if (clusters.size() == 1) {
            add("λ = " + num(clusters[0].value) +
                " repeated, and every direction is an eigen-direction: the map scales everything "
                "by " +
                num(clusters[0].value) + ".");
            break;
        }
        for (const Cluster& c : clusters)
            if (c.multiplicity > 1)
                add("λ = " + num(c.value) + " is repeated " + std::to_string(c.multiplicity) +
                    " times with as many independent eigen-directions: every vector in their " +
                    (c.multiplicity == 2 ? "plane" : "span") + " is scaled by " + num(c.value) +
                    ".");
        for (const Cluster& c : clusters)
            if (c.multiplicity == 1)
                add("λ = " + num(c.value) + " keeps " +
                    (spellVectors(n) ? "the direction " + vectorText(c.vectors.col(0))
                                     : "its direction") +
                    ".");
        break;
    case EigenCase::Defective:
        for (const Cluster& c : clusters) {
            if (c.vectors.cols() >= c.multiplicity) continue;
            if (n == 2)
                add("A shear: λ = " + num(c.value) + " repeated, but only one eigen-direction " +
                    vectorText(c.vectors.col(0)) +
                    " stays on its line, so the matrix cannot be diagonalized.");
            else
                add("Defective: λ = " + num(c.value) + " appears " +
                    std::to_string(c.multiplicity) + " times but has only " +
                    std::to_string(c.vectors.cols()) + " eigen-direction" +
                    (c.vectors.cols() == 1 ? "" : "s") +
                    ", so the matrix cannot be diagonalized (part of it shears).");
        }
        break;
    case EigenCase::Complex:
        for (const ComplexPair& pair : pairs) {
            const double modulus = std::abs(pair.value);
            const double angle = std::arg(pair.value);
            if (n == 2) {
                // A^T A = r^2 I: the map is exactly a rotation scaled by r; otherwise the turning
                // happens in a skewed frame.
                const MatrixXd gram = a.transpose() * a;
                const bool rigid =
                    (gram - MatrixXd::Identity(2, 2) * gram.trace() / 2).cwiseAbs().maxCoeff() <=
                    1e-9 * gram.trace();
                add("No real eigen-direction: the eigenvalues " + complexText(pair.value) +
                    " have modulus " + num(modulus) + " and angle " + degrees(angle) + ", so " +
                    (rigid
                         ? "the map rotates by " + degrees(angle) + " and scales by " + num(modulus)
                         : "in a skewed frame the map turns by " + degrees(angle) +
                               " and scales by " + num(modulus)) +
                    ".");
            } else if (spellVectors(n) || &pair == &pairs.front()) {
                add(std::string(pairs.size() > 1 ? "The largest complex pair "
                                                 : "The complex pair ") +
                    complexText(pair.value) + " (modulus " + num(modulus) + ", angle " +
                    degrees(angle) + "): in one plane the map turns by " + degrees(angle) +
                    " and scales by " + num(modulus) +
                    ", so no direction there stays on its line.");
            }
        }
        // Beyond 3D, one sentence for the rest: every number costs time on each analyze() call.
        if (!spellVectors(n) && pairs.size() > 1)
            add(std::to_string(pairs.size() - 1) + " more complex pair" +
                (pairs.size() > 2 ? "s act" : " acts") + " the same way in planes of their own.");
        if (spellVectors(n)) {
            for (const Cluster& c : clusters)
                for (Index j = 0; j < c.vectors.cols(); ++j)
                    add("λ = " + num(c.value) + " keeps the direction " +
                        vectorText(c.vectors.col(j)) + ".");
        } else if (!clusters.empty()) {
            std::string list;
            for (const Cluster& c : clusters)
                list += (list.empty() ? "" : ", ") + num(c.value);
            add("The real eigenvalue" + std::string(clusters.size() > 1 ? "s " : " ") + list +
                (clusters.size() > 1 ? " keep their" : " keeps its") + " own direction" +
                (clusters.size() > 1 ? "s." : "."));
        }
        break;
    }
    if (symmetric && n > 1) add("A is symmetric, so its eigen-directions are perpendicular.");
    for (const Cluster& c : clusters)
        if (std::abs(c.value) <= tol)
            add("λ = 0 flattens its direction" + std::string(c.vectors.cols() > 1 ? "s" : "") +
                " onto the origin.");
    const bool anyNegative = std::any_of(clusters.begin(), clusters.end(),
                                         [&](const Cluster& c) { return c.value < -tol; });
    if (anyNegative) add("A negative eigenvalue reverses its direction.");
    return text;
}

} // namespace

std::string_view eigenCaseName(EigenCase c) {
    switch (c) {
    case EigenCase::DistinctReal:
        return "distinct real";
    case EigenCase::RepeatedReal:
        return "repeated real";
    case EigenCase::Defective:
        return "defective";
    case EigenCase::Complex:
        return "complex";
    }
    return "unknown";
}

namespace detail {

EigenResult eigenOfChecked(const MatrixXd& a, double scale) {
    const Index n = a.rows();
    EigenResult out;
    const double tol = kClusterTolerance * a.norm();
    out.symmetric =
        (a - a.transpose()).cwiseAbs().maxCoeff() <= kSymmetryTolerance * a.cwiseAbs().maxCoeff();

    // Raw values and, for each, a unit eigenvector where the solver's one is trustworthy.
    std::vector<std::complex<double>> raw(static_cast<size_t>(n));
    MatrixXd rawVectors;
    bool smallSolver = false; // values only: vectors come from inverse iteration below
    if (out.symmetric) {
        Eigen::SelfAdjointEigenSolver<MatrixXd> solver(0.5 * (a + a.transpose()));
        for (Index i = 0; i < n; ++i)
            raw[static_cast<size_t>(i)] = solver.eigenvalues()(i);
        rawVectors = solver.eigenvectors();
    } else if (n <= kSmallEigenMax && smallEigenvalues(a, raw.data())) {
        smallSolver = true;
    } else {
        Eigen::EigenSolver<MatrixXd> solver(a, true);
        for (Index i = 0; i < n; ++i)
            raw[static_cast<size_t>(i)] = solver.eigenvalues()(i);
        // For an eigenvalue with zero imaginary part (the only ones whose solver vector is used
        // below) the pseudo-eigenvector column is the real eigenvector, and reading it avoids
        // building the complex matrix.
        rawVectors = solver.pseudoEigenvectors();
    }

    // Real values (imaginary part within tolerance) in descending order, clustered.
    std::vector<Index> realIdx;
    std::vector<ComplexPair> pairs;
    realIdx.reserve(static_cast<size_t>(n));
    pairs.reserve(static_cast<size_t>(n / 2));
    for (Index i = 0; i < n; ++i) {
        const auto z = raw[static_cast<size_t>(i)];
        if (std::abs(z.imag()) <= tol)
            realIdx.push_back(i);
        else if (z.imag() > 0)
            pairs.push_back({z});
    }
    std::stable_sort(realIdx.begin(), realIdx.end(), [&](Index x, Index y) {
        return raw[static_cast<size_t>(x)].real() > raw[static_cast<size_t>(y)].real();
    });
    std::vector<Cluster> clusters;
    clusters.reserve(realIdx.size());
    for (size_t i = 0; i < realIdx.size();) {
        size_t j = i + 1;
        while (j < realIdx.size() && raw[static_cast<size_t>(realIdx[j - 1])].real() -
                                             raw[static_cast<size_t>(realIdx[j])].real() <=
                                         tol)
            ++j;
        Cluster c;
        c.multiplicity = static_cast<int>(j - i);
        for (size_t k = i; k < j; ++k)
            c.value += raw[static_cast<size_t>(realIdx[k])].real();
        c.value /= c.multiplicity;
        if (c.multiplicity == 1 && raw[static_cast<size_t>(realIdx[i])].imag() == 0) {
            // A simple eigenvalue's vector is well defined; the solver's is accurate.
            c.vectors = smallSolver ? smallEigenvector(a, c.value)
                                    : VectorXd(rawVectors.col(realIdx[i]).normalized());
        } else if (out.symmetric) {
            c.vectors.resize(n, c.multiplicity);
            for (size_t k = i; k < j; ++k)
                c.vectors.col(static_cast<Index>(k - i)) = rawVectors.col(realIdx[k]);
            c.vectors = c.vectors *
                        closestOrthogonal(c.vectors.transpose() * nearestAxes(c.vectors), false);
        } else {
            // The solver's vectors for a cluster may be nearly parallel copies of one direction;
            // the null space of A - lambda I counts the independent directions honestly.
            c.vectors = eigenspace(a, c.value, tol, c.multiplicity);
        }
        for (Index k = 0; k < c.vectors.cols(); ++k)
            fixSign(c.vectors.col(k));
        clusters.push_back(std::move(c));
        i = j;
    }
    std::stable_sort(pairs.begin(), pairs.end(), [](const ComplexPair& x, const ComplexPair& y) {
        return std::abs(x.value) > std::abs(y.value);
    });
    // Back to the caller's units (vectors and the classification are scale-free).
    for (Cluster& c : clusters)
        c.value *= scale;
    for (ComplexPair& pair : pairs)
        pair.value *= scale;

    bool defective = false, repeated = false;
    Index directions = 0;
    out.values.reserve(static_cast<size_t>(n));
    out.realValues.reserve(static_cast<size_t>(n));
    for (const Cluster& c : clusters) {
        defective = defective || c.vectors.cols() < c.multiplicity;
        repeated = repeated || c.multiplicity > 1;
        directions += c.vectors.cols();
        for (int k = 0; k < c.multiplicity; ++k)
            out.values.emplace_back(c.value, 0.0);
    }
    for (const ComplexPair& pair : pairs) {
        out.values.push_back(pair.value);
        out.values.push_back(std::conj(pair.value));
    }
    out.vectors.resize(n, directions);
    Index col = 0;
    for (const Cluster& c : clusters)
        for (Index k = 0; k < c.vectors.cols(); ++k, ++col) {
            out.vectors.col(col) = c.vectors.col(k);
            out.realValues.push_back(c.value);
        }
    out.kind = !pairs.empty() ? EigenCase::Complex
               : defective    ? EigenCase::Defective
               : repeated     ? EigenCase::RepeatedReal
                              : EigenCase::DistinctReal;
    out.explanation = explain(out.kind, clusters, pairs, a, out.symmetric, tol * scale);
    return out;
}

} // namespace detail

Result<EigenResult> analyzeEigen(const MatrixXd& a) {
    if (auto error = detail::checkEntries(a, "the matrix")) return *error;
    if (a.rows() != a.cols())
        return makeError(ErrorCode::NotSquare, "eigenvalues need a square matrix, not " +
                                                   detail::shapeText(a.rows(), a.cols()) +
                                                   "; the singular values describe any shape");
    // Scaling by a power of two is exact and keeps the solvers away from overflow.
    const double scale = detail::powerOfTwoScale(a);
    return detail::eigenOfChecked(a / scale, scale);
}

} // namespace linscape::engine
