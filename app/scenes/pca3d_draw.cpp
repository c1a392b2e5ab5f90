// Drawing of the 3D PCA scene (see pca3d_scene.h): the ground grid and axes, the 2-sigma ellipses
// in the three principal planes, the best plane or PC1's line, the points (centring, then dropping
// onto the chosen subspace), the principal axes on top, and the overlay.
#include "engine/interpolation.h"
#include "scenes/draw2d.h"
#include "scenes/pca3d_scene.h"

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

// Stage boundaries as fractions of the duration: centre, axes, project.
constexpr double kCentreEnd = 0.25, kAxesEnd = 0.5, kProjectStart = 0.55, kProjectEnd = 0.92;

double phase(double f, double a, double b) {
    return engine::easeInOut(std::clamp((f - a) / (b - a), 0.0, 1.0));
}

std::string vec3(const Eigen::Vector3d& v, int digits = 3) {
    return "(" + prettyNumber(v.x(), digits) + ", " + prettyNumber(v.y(), digits) + ", " +
           prettyNumber(v.z(), digits) + ")";
}

// Rounding noise (1e-17 next to 1) is shown as 0.
Eigen::MatrixXd cleaned(Eigen::MatrixXd m) {
    const double tol = 1e-12 * std::max(m.cwiseAbs().maxCoeff(), 1e-300);
    for (Eigen::Index i = 0; i < m.size(); ++i)
        if (std::abs(m(i)) <= tol) m(i) = 0;
    return m;
}

std::string percent(double f) {
    return prettyNumber(100.0 * f, 3) + " %";
}

const char* const kSub[3] = {"\u2081", "\u2082", "\u2083"};

} // namespace

std::vector<TimelineStage> Pca3DScene::stages() const {
    const double d = m_duration;
    return {{"centre", 0, kCentreEnd * d},
            {"axes", kCentreEnd * d, kAxesEnd * d},
            {m_ontoPlane ? "project onto the best plane" : "project onto PC1", kProjectStart * d,
             kProjectEnd * d}};
}

void Pca3DScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    refresh();
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float base = 12.5f * ts, small = 11.5f * ts;
    const decomp::Pca3& pc = m_pca;
    const bool deg = !pc.ok || pc.degenerate;
    const Eigen::Index n = m_points.rows();
    const Color axisColor[3] = {pal.iHat, pal.jHat, pal.kHat};
    const bool hud = m_showHud && ctx.showHud;

    // Overlay text first: the stage is framed beside it.
    const std::vector<std::string> noteText = notes();
    const bool warn = deg || pc.repeat != decomp::Pca3::Repeat::None;
    std::vector<PlateLine> top;
    if (hud)
        for (const std::string& s : noteText)
            top.push_back({s, warn ? pal.warning : pal.accent});
    top.push_back({"n = " + std::to_string(n) +
                       (m_custom ? std::string(" points (yours)")
                                 : ",  correlation " + prettyNumber(m_rho, 3) + ",  spread " +
                                       vec3(m_spread)),
                   pal.text, 0, top.empty() ? 0.0f : 0.4f});
    top.push_back({"mean = " + vec3(pc.mean) + ";  X_c = X \u2212 mean", pal.textDim});
    std::vector<PlateLine> bottom;
    if (deg) {
        bottom.push_back({"\u03bb\u2081 = \u03bb\u2082 = \u03bb\u2083 = 0: no variance to explain",
                          pal.warning});
    } else {
        for (int i = 0; i < 3; ++i)
            bottom.push_back({"\u03bb" + std::string(kSub[i]) + " = " +
                                  prettyNumber(pc.variances(i), 4) + "  PC" +
                                  std::to_string(i + 1) + " " + percent(pc.explained(i)) + "  " +
                                  vec3(cleaned(pc.axes.col(i))),
                              axisColor[i]});
        bottom.push_back({std::string(m_ontoPlane ? "onto the best plane (PC1, PC2)" : "onto PC1") +
                              ": keeps " + percent(keptFraction()) + " of the variance",
                          pal.imageVector});
    }
    bottom.push_back(
        {"Xc = X - X.mean(axis=0);  C = Xc.T @ Xc / len(X)", pal.textDim, small, 0.4f});
    bottom.push_back({"lam, V = np.linalg.eigh(C)   # ascending", pal.textDim, small});
    bottom.push_back(
        {m_ontoPlane ? "Z = Xc @ V[:, :-3:-1]   # on PC1, PC2" : "z = Xc @ V[:, -1]   # on PC1",
         pal.textDim, small});
    const Eigen::MatrixXd cov = cleaned(pc.covariance);
    const std::string covPrefix = "C = X_c\u1d40X_c / n =";
    const Vec2 msz = measureMatrix(canvas, cov, base, covPrefix);
    const Vec2 tsz = measureTextPlate(canvas, top, base),
               bsz = measureTextPlate(canvas, bottom, base);
    const float pad = 10, barH = base * 0.7f;
    const float plateW = std::max({tsz.x(), bsz.x(), msz.x() + base * 1.4f});
    const float plateH = tsz.y() + msz.y() + bsz.y() + barH - base * 0.2f;

    // Frame the bulk of the raw and the centred cloud (the animation travels between them): the
    // 80th percentile of the distances from the mean, so a few far points do not shrink the rest.
    std::vector<double> dist;
    for (Eigen::Index i = 0; i < n; ++i)
        dist.push_back((m_points.row(i).transpose() - pc.mean).norm());
    double spreadR = 0;
    if (!dist.empty()) {
        const size_t k = std::min(dist.size() - 1, size_t(0.8 * double(dist.size())));
        std::nth_element(dist.begin(), dist.begin() + long(k), dist.end());
        spreadR = dist[k];
    }
    const double radius = std::max(spreadR + 0.3 * pc.mean.norm(), 1.5);
    Vec2 rlo(0, 0), rhi(canvas.width(), canvas.height() - 26);
    if (hud) rlo.x() = plateW + 2 * pad;
    m_stage.frame(canvas, rlo, rhi, 0.5 * pc.mean, radius);
    const Stage3D& st = m_stage;
    const double extent = std::max(spreadR + pc.mean.head<2>().norm(), 1.0);
    st.ground(canvas, pal, ts, extent, niceStep3(extent), m_showLabels);

    const double f = m_duration > 0 ? m_t / m_duration : 1.0;
    const double sC = phase(f, 0, kCentreEnd), sA = deg ? 0.0 : phase(f, kCentreEnd, kAxesEnd);
    const double sP = deg ? 0.0 : phase(f, kProjectStart, kProjectEnd);
    const Eigen::Vector3d o = Eigen::Vector3d::Zero();
    Eigen::Vector3d sd = pc.variances.cwiseMax(0.0).cwiseSqrt();
    const Eigen::Vector3d v[3] = {pc.axes.col(0), pc.axes.col(1), pc.axes.col(2)};

    // The 2-sigma ellipses in the principal planes, and the target subspace.
    if (sA > 0) {
        const int pairs[3][2] = {{0, 1}, {0, 2}, {1, 2}};
        for (const auto& pr : pairs) {
            const int a = pr[0], b = pr[1];
            if (sd(a) <= 0 && sd(b) <= 0) continue;
            Eigen::Vector3d prev = 2 * sA * sd(a) * v[a];
            for (int k = 1; k <= 72; ++k) {
                const double th = 2 * M_PI * k / 72;
                const Eigen::Vector3d cur =
                    2 * sA * (sd(a) * std::cos(th) * v[a] + sd(b) * std::sin(th) * v[b]);
                st.line(canvas, prev, cur, 1.1f, axisColor[a].withAlpha(0.35f));
                prev = cur;
            }
        }
        if (m_ontoPlane) {
            const double e1 = 2.2 * sd(0), e2 = std::max(2.2 * sd(1), 0.15 * e1);
            st.polygon(canvas,
                       {e1 * v[0] + e2 * v[1], e1 * v[0] - e2 * v[1], -e1 * v[0] - e2 * v[1],
                        -e1 * v[0] + e2 * v[1]},
                       pal.imageVector.withAlpha(float(0.12 * sA)),
                       pal.imageVector.withAlpha(float(0.45 * sA)), 1.3f);
        } else {
            st.line(canvas, -2.0 * sd(0) * v[0], 2.0 * sd(0) * v[0], 2.0f,
                    pal.imageVector.withAlpha(float(0.5 * sA)), true);
        }
    }
    // Points: centring moves them by -mean; projecting drops them onto the subspace.
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Vector3d x = m_points.row(i).transpose();
        const Eigen::Vector3d c = x - pc.mean;
        Eigen::Vector3d q = c.dot(v[0]) * v[0];
        if (m_ontoPlane) q += c.dot(v[1]) * v[1];
        Eigen::Vector3d at = x - sC * pc.mean;
        if (sP > 0) {
            at = c + sP * (q - c);
            // Where each point came from stays faintly visible, so the cloud's shape does too.
            if (st.inFront(c)) canvas.disc(st.screen(c), 2.2f, pal.vector.withAlpha(0.22f));
            if ((q - c).norm() > 1e-9 * radius)
                st.line(canvas, c, at, 0.9f, pal.kHat.withAlpha(0.28f));
        }
        if (!st.inFront(at)) continue;
        canvas.disc(st.screen(at), 3.6f, pal.background);
        canvas.disc(st.screen(at), 2.9f, pal.vector.scaledAlpha(st.fade(at)));
    }
    // The mean travelling to the origin.
    if (pc.ok) {
        const Eigen::Vector3d m = (1 - sC) * pc.mean;
        if (sC < 1) st.line(canvas, pc.mean, o, 1.5f, pal.textDim, true);
        if (st.inFront(m)) {
            const Vec2 s = st.screen(m);
            canvas.line(s - Vec2(6, 6), s + Vec2(6, 6), 2.5f, pal.highlight);
            canvas.line(s - Vec2(6, -6), s + Vec2(6, -6), 2.5f, pal.highlight);
            if (sA <= 0)
                canvas.text(s + Vec2(9, -9), sC < 1 ? "mean" : "mean \u2192 0", small, pal.text,
                            render::Anchor::BottomLeft, pal.background);
        }
    }
    // Principal axes, 2 sqrt(lambda) long; an axis with no variance is a short dashed stub.
    if (sA > 0) {
        for (int i = 2; i >= 0; --i) {
            const Eigen::Vector3d tip = 2 * sA * sd(i) * v[i];
            const bool flat = sd(i) <= 1e-9 * std::max(sd(0), 1e-300);
            if (flat)
                st.line(canvas, o, 0.25 * radius * sA * v[i], 2.0f, axisColor[i], true);
            else
                st.arrow(canvas, o, tip, 4.0f, axisColor[i]);
            if (m_showLabels)
                st.label(canvas, flat ? Eigen::Vector3d(0.25 * radius * sA * v[i]) : tip, o,
                         "PC" + std::to_string(i + 1) + "  " + percent(pc.explained(i)), 14 * ts,
                         axisColor[i], pal.background);
        }
    }

    if (hud) {
        drawPlate(canvas, {pad, pad}, {pad + plateW, pad + plateH}, pal);
        const float x = pad + base * 0.7f;
        float y = pad + base * 0.7f;
        auto lines = [&](const std::vector<PlateLine>& ls) {
            for (const PlateLine& l : ls) {
                const float s = l.size > 0 ? l.size : base;
                y += s * l.gapBefore;
                canvas.text({x, y}, l.text, s, l.color);
                y += s * 1.3f;
            }
        };
        lines(top);
        drawMatrix(canvas, {x, y + 2}, cov, base, {}, pal.text, covPrefix);
        y += msz.y() + base * 0.5f;
        // Variance explained as one bar in three parts.
        const float bw = plateW - base * 1.4f;
        if (!deg) {
            float at = x;
            for (int i = 0; i < 3; ++i) {
                const float w = float(pc.explained(i)) * bw;
                if (w > 0)
                    canvas.fillRect({at, y}, {at + w, y + barH}, axisColor[i].withAlpha(0.85f));
                at += w;
            }
        } else {
            canvas.rectOutline({x, y}, {x + bw, y + barH}, 1.0f, pal.textDim);
        }
        y += barH + base * 0.4f;
        lines(bottom);
    } else {
        for (size_t i = 0; i < noteText.size(); ++i)
            drawBanner(canvas, noteText[i], warn ? pal.warning : pal.accent, pal, ts, int(i));
    }
}

} // namespace linscape::scenes
