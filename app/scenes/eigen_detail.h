// Small helpers shared by the eigenvector scene's files (eigen_scene.cpp draws, eigen_caption.cpp
// writes the sentences): number formatting, the eigen-lines to draw, the complex case.
#pragma once

#include "engine/analysis.h"
#include "scenes/draw2d.h"

#include <Eigen/Core>
#include <cmath>
#include <complex>
#include <numbers>
#include <string>
#include <vector>

namespace linscape::scenes::eigen_detail {

constexpr double kPi = std::numbers::pi;
// Within this angle of an eigen-direction the sweep counts v and Av as lined up (highlight).
constexpr double kAlignedGlow = 2.0 * kPi / 180.0;

inline std::string num(double x) {
    return prettyNumber(std::abs(x) < 1e-12 ? 0.0 : x, 3);
}

inline std::string deg(double radians) {
    return num(radians * 180.0 / kPi) + "\u00b0";
}

inline const char* subscript(int i) {
    return i == 0 ? "\u2081" : "\u2082";
}

struct EigenLine {
    Eigen::Vector2d dir;
    double lambda = 0;
    std::string name; // "λ₁", or "λ" for a lone repeated value
};

inline bool everyDirection(const engine::EigenResult& e) {
    return e.kind == engine::EigenCase::RepeatedReal && e.vectors.cols() == 2;
}

inline std::vector<EigenLine> eigenLines(const engine::EigenResult& e) {
    std::vector<EigenLine> lines;
    if (everyDirection(e) || e.kind == engine::EigenCase::Complex) return lines;
    for (Eigen::Index j = 0; j < e.vectors.cols() && j < 2; ++j) {
        const std::string name =
            e.vectors.cols() == 1 ? "\u03bb" : "\u03bb" + std::string(subscript(int(j)));
        lines.push_back({e.vectors.col(j), e.realValues[size_t(j)], name});
    }
    return lines;
}

inline std::complex<double> complexValue(const engine::EigenResult& e) {
    for (const auto& z : e.values)
        if (z.imag() > 0) return z;
    return {0, 0};
}

// A^T A = r^2 I: the map is exactly a rotation scaled by r (same test as the engine's sentence).
inline bool rigidRotation(const Eigen::Matrix2d& a) {
    const Eigen::Matrix2d g = a.transpose() * a;
    return (g - Eigen::Matrix2d::Identity() * g.trace() / 2).cwiseAbs().maxCoeff() <=
           1e-9 * g.trace();
}

inline std::string complexText(std::complex<double> z) {
    return num(z.real()) + " \u00b1 " + num(std::abs(z.imag())) + "i";
}

// A direction well away from every eigen-line (and from the axes, where its dashed line would
// hide), to show what happens to an ordinary vector. Deterministic: a fixed 1° search.
inline Eigen::Vector2d ordinaryDirection(const std::vector<EigenLine>& lines) {
    auto lineGap = [](double a, double b) { // angle between two lines, in [0, 90°]
        double d = std::fmod(std::abs(a - b), kPi);
        return std::min(d, kPi - d);
    };
    double best = 35.0 * kPi / 180.0, bestScore = -1;
    for (int k = 0; k < 180; ++k) {
        const double a = k * kPi / 180.0;
        double score = 1.5 * std::min(lineGap(a, 0), lineGap(a, kPi / 2));
        for (const EigenLine& l : lines)
            score = std::min(score, lineGap(a, std::atan2(l.dir.y(), l.dir.x())));
        if (score > bestScore + 1e-9) {
            bestScore = score;
            best = a;
        }
    }
    return {std::cos(best), std::sin(best)};
}

inline Color lineColor(const Palette& pal, size_t i) {
    return i == 0 ? pal.imageVector : pal.kHat;
}

} // namespace linscape::scenes::eigen_detail
