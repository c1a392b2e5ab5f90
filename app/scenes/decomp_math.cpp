// Decomposition geometry; see decomp_math.h.
#include "scenes/decomp_math.h"

#include "engine/interpolation.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace linscape::scenes::decomp {
namespace {

constexpr double kTwoPi = 2 * std::numbers::pi;
constexpr double kRelTol = 1e-5; // the engine's eigen clustering bound (analysis_eigen.cpp)

double wrap(double angle) {
    double a = std::fmod(angle, kTwoPi);
    if (a < 0) a += kTwoPi;
    return a >= kTwoPi ? 0.0 : a;
}

} // namespace

Alignments eigenAlignments(const Eigen::Matrix2d& a) {
    Alignments out;
    if (!a.allFinite()) return out;
    const double scale = a.norm();
    const double tol = kRelTol * scale;
    const double m = 0.5 * (a(1, 0) - a(0, 1));
    const double p = 0.5 * (a(1, 0) + a(0, 1));
    const double q = 0.5 * (a(1, 1) - a(0, 0));
    const double r = std::hypot(p, q);
    if (scale == 0 || (r <= tol && std::abs(m) <= tol)) {
        out.kind = Alignments::Kind::Every;
        out.everyLambda = 0.5 * a.trace();
        return out;
    }
    // r^2 - m^2 is (λ1 - λ2)^2 / 4: negative means a complex pair with imaginary part
    // sqrt(m^2 - r^2).
    const double disc = r * r - m * m;
    if (disc < -tol * tol || r == 0) return out;
    const double k = std::clamp(-m / r, -1.0, 1.0);
    // A pair the engine calls repeated (|λ1 - λ2| <= tol) is one line: the tangent root.
    const bool repeated = 2 * std::sqrt(std::max(disc, 0.0)) <= tol;
    const double alpha = repeated ? (k > 0 ? 0.0 : std::numbers::pi) : std::acos(k);
    const double phi = std::atan2(q, p);
    std::vector<double> lines{wrap(0.5 * (phi + alpha))};
    if (!repeated) lines.push_back(wrap(0.5 * (phi - alpha)));
    for (double base : lines)
        for (double theta : {base, base + std::numbers::pi}) {
            theta = wrap(theta);
            const Eigen::Vector2d v(std::cos(theta), std::sin(theta));
            out.hits.push_back({theta, v.dot(a * v)});
        }
    std::sort(out.hits.begin(), out.hits.end(),
              [](const Alignment& x, const Alignment& y) { return x.angle < y.angle; });
    out.kind = Alignments::Kind::Lines;
    return out;
}

Eigen::Matrix2d rotation(double angle) {
    const double c = std::cos(angle), s = std::sin(angle);
    Eigen::Matrix2d r;
    r << c, -s, s, c;
    return r;
}

double rotationAngle(const Eigen::Matrix2d& r) {
    return std::atan2(r(1, 0) - r(0, 1), r(0, 0) + r(1, 1));
}

SvdStages svdStages(const engine::SvdResult& svd) {
    SvdStages st;
    if (svd.U.rows() != 2 || svd.U.cols() != 2 || svd.Vt.rows() != 2 || svd.Vt.cols() != 2 ||
        svd.S.size() != 2)
        return st;
    st.U = svd.U;
    st.Vt = svd.Vt;
    st.S = svd.S;
    st.angleU = rotationAngle(st.U);
    st.angleVt = rotationAngle(st.Vt);
    return st;
}

Eigen::Matrix2d svdStageMatrix(const SvdStages& st, double progress) {
    const double p = std::isfinite(progress) ? std::clamp(progress, 0.0, 3.0) : 0.0;
    const Eigen::Matrix2d sigma = st.S.asDiagonal();
    if (p <= 0) return Eigen::Matrix2d::Identity();
    if (p < 1) return rotation(engine::easeInOut(p) * st.angleVt);
    if (p == 1) return st.Vt;
    if (p < 2) {
        const double e = engine::easeInOut(p - 1);
        const Eigen::Vector2d d = Eigen::Vector2d::Ones() + e * (st.S - Eigen::Vector2d::Ones());
        return d.asDiagonal() * st.Vt;
    }
    if (p == 2) return sigma * st.Vt;
    if (p < 3) return rotation(engine::easeInOut(p - 2) * st.angleU) * sigma * st.Vt;
    return st.U * sigma * st.Vt;
}

} // namespace linscape::scenes::decomp
