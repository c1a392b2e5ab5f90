// The eigenvector scene's sentences: one per case (distinct, symmetric, repeated, defective,
// complex, negative or zero eigenvalues), so every picture says what it shows.
#include "scenes/eigen_detail.h"
#include "scenes/eigen_scene.h"

namespace linscape::scenes {

using namespace eigen_detail;

std::string EigenScene::caption() const {
    refresh();
    if (!m_analysis || !m_analysis->eigen)
        return "The eigenvalues of this matrix are out of range.";
    const engine::EigenResult& e = *m_analysis->eigen;
    const auto lines = eigenLines(e);
    const double tol = 1e-9 * std::max(1.0, m_a.norm());
    std::string s;
    if (m_mode == Mode::Sweep) {
        s = "v sweeps the unit circle and Av traces the ellipse. ";
        const auto& al = m_alignments;
        if (al.kind == decomp::Alignments::Kind::Every) {
            s += m_a.isZero(0) ? "A = 0 sends every v to 0: every direction has \u03bb = 0."
                               : "Av lines up with v everywhere: A = " + num(al.everyLambda) +
                                     "I scales every direction by " + num(al.everyLambda) + ".";
        } else if (al.kind == decomp::Alignments::Kind::None) {
            const auto z = complexValue(e);
            s += "Av never lines up with v: the eigenvalues " + complexText(z) +
                 " are complex (modulus " + num(std::abs(z)) + ", angle \u00b1" +
                 deg(std::abs(std::arg(z))) + ").";
        } else {
            std::vector<double> base;
            for (const auto& h : al.hits)
                if (h.angle < kPi - 1e-12) base.push_back(h.angle);
            if (base.size() == 1)
                s += "Av lines up with v on one line only, at " + deg(base[0]) +
                     " (met twice): a shear has a single eigen-direction.";
            else
                s += "Where Av lines up with v (Av = \u03bbv) a marker stays: the eigen-directions "
                     "at " +
                     deg(base[0]) + " and " + deg(base.size() > 1 ? base[1] : base[0]) +
                     ", each met twice" +
                     (e.symmetric ? ", perpendicular as A is symmetric." : ".");
        }
        return s;
    }
    switch (e.kind) {
    case engine::EigenCase::DistinctReal:
        s = e.symmetric ? "A is symmetric, so its two eigen-directions are perpendicular. "
                        : "Two eigen-directions: ";
        s += std::string(e.symmetric ? "Vectors on them" : "vectors on these lines") +
             " only stretch, by \u03bb\u2081 = " + num(lines[0].lambda) +
             " and \u03bb\u2082 = " + num(lines[1].lambda) +
             "; every other vector is turned off its line.";
        for (const auto& l : lines)
            if (std::abs(l.lambda) <= tol)
                s += " " + l.name + " = 0 flattens its line onto the origin.";
        if (std::any_of(lines.begin(), lines.end(),
                        [&](const EigenLine& l) { return l.lambda < -tol; }))
            s += " A negative \u03bb flips its line's vectors through the origin.";
        break;
    case engine::EigenCase::RepeatedReal:
        if (m_a.isZero(0))
            s = "A = 0: every vector goes to the origin, so every direction has \u03bb = 0.";
        else
            s = "A = " + num(e.realValues[0]) + "I: \u03bb = " + num(e.realValues[0]) +
                " is repeated and every direction is an eigen-direction; all vectors are scaled "
                "by " +
                num(e.realValues[0]) + ", none turns.";
        break;
    case engine::EigenCase::Defective:
        s = "A shear: \u03bb = " + num(lines[0].lambda) +
            " is repeated but only one direction stays on its line, so A has too few "
            "eigenvectors to be diagonalised.";
        break;
    case engine::EigenCase::Complex: {
        const auto z = complexValue(e);
        s = "Complex eigenvalues \u03bb = " + complexText(z) + " (modulus " + num(std::abs(z)) +
            ", angle \u00b1" + deg(std::abs(std::arg(z))) + "): ";
        s += rigidRotation(m_a)
                 ? "A rotates every vector by " + deg(std::arg(z)) + " and scales it by " +
                       num(std::abs(z)) + ", so no real direction stays on its line."
                 : "A turns every real vector off its line, so no real "
                   "direction is an eigen-direction.";
        break;
    }
    }
    // A column dragged onto the origin: say what that means instead of leaving a vanished arrow.
    if (!m_a.isZero(0))
        for (int c = 0; c < 2; ++c)
            if (m_a.col(c).isZero(0))
                s += std::string(" ") + (c == 0 ? "\u00ee" : "\u0135") + " is on the origin: A's " +
                     (c == 0 ? "first" : "second") + " column is 0, so A sends " +
                     (c == 0 ? "e\u2081" : "e\u2082") +
                     " to 0: it is an eigenvector with \u03bb = 0.";
    return s;
}

} // namespace linscape::scenes
