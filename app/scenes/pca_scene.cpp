// The PCA scene; see pca_scene.h. Conventions: points are rows (x, y); covariance with 1/n (as
// np.cov(X.T, bias=True)); PC1 points into x >= 0 and PC2 is PC1 turned +90 degrees (decomp::pca2),
// so the axes never flip while the correlation moves.
#include "scenes/pca_scene.h"

#include "engine/interpolation.h"
#include "engine/matrix_parse.h"
#include "scenes/decomp_draw.h"
#include "scenes/draw2d.h"
#include "widgets/widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

const Eigen::Vector2d kMean{2.5, 1.5}, kSd{2.0, 1.1};

std::string vec(const Eigen::Vector2d& v, int digits = 3) {
    return "(" + prettyNumber(v.x(), digits) + ", " + prettyNumber(v.y(), digits) + ")";
}

std::string percent(double f) {
    return prettyNumber(100.0 * f, 3) + " %";
}

// Stage boundaries as fractions of the duration: centre, axes, project.
constexpr double kCentreEnd = 0.25, kAxesEnd = 0.5, kProjectStart = 0.55, kProjectEnd = 0.92;

double phase(double f, double a, double b) {
    return engine::easeInOut(std::clamp((f - a) / (b - a), 0.0, 1.0));
}

} // namespace

PcaScene::PcaScene() {
    reset();
}

void PcaScene::reset() {
    m_rho = 0.75;
    m_count = 80;
    m_seed = 7;
    m_custom = false;
    m_customPoints.resize(0, 2);
    m_duration = 6.0;
    m_t = m_duration;
    m_showHud = true;
    m_moved.clear();
    m_hoverParam = m_hoverPoint = m_dragPoint = -1;
    m_held.clear();
    touch();
}

std::vector<ParamSpec> PcaScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec rho;
    rho.name = "correlation";
    rho.type = ParamType::Number;
    rho.minValue = -1;
    rho.maxValue = 1;
    rho.help = "the sample correlation of the seeded cloud (exact, -1 to 1)";
    p.push_back(rho);
    ParamSpec n;
    n.name = "count";
    n.type = ParamType::Number;
    n.minValue = 3;
    n.maxValue = 500;
    n.help = "how many points the seeded cloud has";
    p.push_back(n);
    ParamSpec seed;
    seed.name = "seed";
    seed.type = ParamType::Number;
    seed.minValue = 0;
    seed.maxValue = 1e9;
    seed.help = "the seed of the cloud (same seed, same points)";
    p.push_back(seed);
    ParamSpec pts;
    pts.name = "points";
    pts.type = ParamType::Matrix;
    pts.minCols = pts.maxCols = 2; // cols alone is only checked together with rows
    pts.minRows = 1;
    pts.maxRows = 500;
    pts.help = "your own points, one (x, y) per row (replaces the seeded cloud)";
    p.push_back(pts);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "animation length in seconds: centre, axes, project";
    p.push_back(dur);
    ParamSpec hover;
    hover.name = "hover";
    hover.type = ParamType::Number;
    hover.minValue = -1;
    hover.maxValue = 499;
    hover.help = "the point highlighted as if under the mouse, 0-based as X[i] (-1: none)";
    p.push_back(hover);
    ParamSpec hud;
    hud.name = "show_hud";
    hud.type = ParamType::Bool;
    p.push_back(hud);
    return p;
}

std::optional<ParamValue> PcaScene::param(const std::string& name) const {
    if (name == "correlation") return ParamValue(m_rho);
    if (name == "count") return ParamValue(double(m_count));
    if (name == "seed") return ParamValue(m_seed);
    if (name == "points") return ParamValue(Eigen::MatrixXd(points()));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "show_hud") return ParamValue(m_showHud);
    if (name == "hover") return ParamValue(double(m_hoverParam));
    return std::nullopt;
}

std::string PcaScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "correlation") {
        m_rho = std::get<double>(value);
        if (m_custom) m_moved.clear(); // they were moves of the typed points
        m_custom = false;
    } else if (name == "count" || name == "seed") {
        const double v = std::get<double>(value);
        if (v != std::round(v))
            return "'" + name + "' must be a whole number, not " + engine::formatNumber(v, 6);
        (name == "count" ? (void)(m_count = int(v)) : (void)(m_seed = v));
        m_custom = false;
        m_moved.clear(); // another cloud: the moved points belonged to the old one
    } else if (name == "points") {
        m_customPoints = std::get<Eigen::MatrixXd>(value);
        m_custom = true;
        m_moved.clear();
    } else if (name == "hover") {
        const double v = std::get<double>(value);
        if (v != std::round(v))
            return "'hover' must be a whole number (a point's index, or -1), not " +
                   engine::formatNumber(v, 6);
        m_hoverParam = int(v);
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else if (name == "show_hud") {
        m_showHud = std::get<bool>(value);
    }
    return {};
}

std::vector<TimelineStage> PcaScene::stages() const {
    const double d = m_duration;
    return {{"centre", 0, kCentreEnd * d},
            {"axes", kCentreEnd * d, kAxesEnd * d},
            {"project onto PC1", kProjectStart * d, kProjectEnd * d}};
}

void PcaScene::refresh() const {
    if (m_derivedVersion == version()) return;
    m_points = m_custom
                   ? m_customPoints
                   : decomp::correlatedCloud(m_count, m_rho, std::uint64_t(m_seed), kMean, kSd);
    for (const auto& [i, p] : m_moved)
        if (i < m_points.rows()) m_points.row(i) = p.transpose();
    m_pca = decomp::pca2(m_points);
    m_derivedVersion = version();
}

const Eigen::MatrixXd& PcaScene::points() const {
    refresh();
    return m_points;
}

const decomp::Pca2& PcaScene::pca() const {
    refresh();
    return m_pca;
}

void PcaScene::update(double t) {
    m_t = std::clamp(t, 0.0, m_duration);
}

Eigen::Vector2d PcaScene::shownPoint(Eigen::Index i) const {
    refresh();
    // As draw() places it: the raw point moving by -mean while centring, then centred (the faint
    // point that the projection leaves behind).
    const double f = m_duration > 0 ? m_t / m_duration : 1.0;
    const double sC = phase(f, 0, kCentreEnd);
    const Eigen::Vector2d x = m_points.row(i).transpose();
    return x - sC * m_pca.mean;
}

void PcaScene::frameView(const Eigen::Vector2d& size, Vec2 plate) {
    // Both the raw and the centred cloud must fit (the animation travels between them).
    Eigen::Vector2d lo(0, 0), hi(0, 0);
    for (Eigen::Index i = 0; i < m_points.rows(); ++i) {
        const Eigen::Vector2d p = m_points.row(i).transpose();
        lo = lo.cwiseMin(p).cwiseMin(p - m_pca.mean);
        hi = hi.cwiseMax(p).cwiseMax(p - m_pca.mean);
    }
    const Eigen::Vector2d mid = 0.5 * (lo + hi);
    const Eigen::Vector2d half = (0.5 * 1.12 * (hi - lo)).cwiseMax(Eigen::Vector2d(1.5, 1.5));
    frameBeside(m_framed, size, mid - half, mid + half, plate, size.y() / 4.0, 30);
    m_framedVersion = version();
    m_framedSize = size;
    m_framedPlate = plate;
}

void PcaScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    refresh();
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float base = 14 * ts, small = 12.5f * ts;
    const decomp::Pca2& pc = m_pca;
    const bool deg = !pc.ok || pc.degenerate;
    const Eigen::Index n = m_points.rows();

    // Overlay text first: the plot is framed beside it.
    std::vector<PlateLine> notes;
    if (!pc.ok) {
        notes.push_back({"No points to analyse", pal.warning});
    } else if (pc.degenerate) {
        notes.push_back({n == 1 ? "One point: the covariance is 0, so there"
                                : "All points are identical: the covariance",
                         pal.warning});
        notes.push_back({n == 1 ? "is no spread and no principal direction."
                                : "is 0, so there is no spread to explain",
                         pal.warning});
        if (n > 1) notes.push_back({"and no principal direction.", pal.warning});
    } else if (pc.isotropic) {
        notes.push_back({"Equal variances: every direction is principal;", pal.warning});
        notes.push_back({"the axes shown (x and y) are one choice.", pal.warning});
    } else if (pc.explained(1) < 1e-12) {
        notes.push_back({"The points lie on a line: PC2 has variance 0,", pal.accent});
        notes.push_back({"so PC1 explains 100 %.", pal.accent});
    }
    const bool hud = m_showHud && ctx.showHud;
    std::vector<PlateLine> top = hud ? notes : std::vector<PlateLine>{};
    std::string moved;
    if (!m_moved.empty()) {
        // The seeded correlation no longer holds: show the cloud's own.
        const Eigen::Matrix2d& c = pc.covariance;
        moved = ",  " + std::to_string(m_moved.size()) + " moved";
        if (c(0, 0) > 0 && c(1, 1) > 0)
            moved += ": r = " + prettyNumber(c(0, 1) / std::sqrt(c(0, 0) * c(1, 1)), 3);
    }
    top.push_back({"n = " + std::to_string(n) + " points" +
                       (m_custom ? std::string() : ",  correlation " + prettyNumber(m_rho, 3)) +
                       moved,
                   pal.text, 0, top.empty() ? 0.0f : 0.4f});
    top.push_back({"mean = " + vec(pc.mean) + ";  X_c = X \u2212 mean", pal.textDim});
    std::vector<PlateLine> bottom;
    const Color c1 = pal.iHat, c2 = pal.jHat;
    if (deg) {
        bottom.push_back({"\u03bb\u2081 = \u03bb\u2082 = 0: no variance to explain", pal.warning});
    } else {
        bottom.push_back({"\u03bb\u2081 = " + prettyNumber(pc.variances(0), 4) +
                              "   PC1 explains " + percent(pc.explained(0)),
                          c1});
        bottom.push_back({"\u03bb\u2082 = " + prettyNumber(pc.variances(1), 4) +
                              "   PC2 explains " + percent(pc.explained(1)),
                          c2});
        bottom.push_back({"PC1 = " + vec(pc.axes.col(0)), c1});
        bottom.push_back({"PC2 = " + vec(pc.axes.col(1)), c2});
        bottom.push_back({"arrows: 2\u221a\u03bb long (2 standard deviations)", pal.textDim});
    }
    bottom.push_back({"Xc = X - X.mean(axis=0)", pal.textDim, small, 0.4f});
    bottom.push_back({"C = Xc.T @ Xc / len(X)", pal.textDim, small});
    bottom.push_back({"lam, V = np.linalg.eigh(C)   # ascending", pal.textDim, small});
    bottom.push_back({"z = Xc @ V[:, -1]   # coordinates on PC1", pal.textDim, small});
    const Eigen::MatrixXd cov = pc.covariance;
    const std::string covPrefix = "C = X_c\u1d40X_c / n =";
    const Vec2 msz = measureMatrix(canvas, cov, base, covPrefix);
    const Vec2 tsz = measureTextPlate(canvas, top, base),
               bsz = measureTextPlate(canvas, bottom, base);
    const float pad = 12;
    const float plateW = std::max({tsz.x(), bsz.x(), msz.x() + base * 1.4f});
    const float barH = base * 0.8f;
    const float plateH = tsz.y() + msz.y() + bsz.y() + barH + base * 0.6f;
    const Eigen::Vector2d size(canvas.width(), canvas.height());
    const Vec2 plate = hud ? Vec2(plateW, plateH) : Vec2(0, 0);
    if (m_framedVersion != version() || m_framedSize != size || m_framedPlate != plate)
        frameView(size, plate);
    // Held still while a point is dragged, eased to the new framing afterwards.
    m_view = m_held.apply(m_framed);

    const View2D& view = m_view;
    const double spacing = niceGridSpacing(view.pixelsPerUnit, 36);
    drawTransformedGrid(canvas, view, Eigen::Matrix2d::Identity(), spacing, pal.gridFaint, 1.0f,
                        Color{0, 0, 0, 0}, 0);
    drawAxes(canvas, view, spacing, pal, ts, true);

    const double f = m_duration > 0 ? m_t / m_duration : 1.0;
    const double sC = phase(f, 0, kCentreEnd), sA = phase(f, kCentreEnd, kAxesEnd);
    const double sP = deg ? 0.0 : phase(f, kProjectStart, kProjectEnd);
    const Eigen::Vector2d v1 = pc.axes.col(0), v2 = pc.axes.col(1);
    const Vec2 o = view.toScreen({0, 0});

    // The 2-sigma ellipse and the PC1 line, under the points.
    if (!deg && sA > 0) {
        std::vector<Vec2> ell;
        for (int i = 0; i < 96; ++i) {
            const double a = 2 * M_PI * i / 96;
            ell.push_back(view.toScreen(2 * sA *
                                        (std::sqrt(pc.variances(0)) * std::cos(a) * v1 +
                                         std::sqrt(pc.variances(1)) * std::sin(a) * v2)));
        }
        canvas.fillConvex(ell, c1.withAlpha(0.07f));
        canvas.polyline(ell, 1.2f, c1.withAlpha(0.35f), true);
        drawWorldLine(canvas, view, {0, 0}, v1, 2.0f, c1.withAlpha(0.5f * float(sA)), true);
    }
    // Points: centring moves them by -mean; projecting drops them onto PC1.
    const Color ring = pal.background;
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Vector2d x = m_points.row(i).transpose();
        const Eigen::Vector2d c = x - pc.mean;
        const Eigen::Vector2d q = c.dot(v1) * v1;
        if (sP > 0) {
            const Vec2 a = view.toScreen(c), b = view.toScreen(c + sP * (q - c));
            drawDataPoint(canvas, a, 3.0f, pal.vector.withAlpha(0.3f), ring.withAlpha(0.0f));
            if ((a - b).norm() > 1) canvas.line(a, b, 1.2f, pal.kHat.withAlpha(0.55f));
            drawDataPoint(canvas, b, 4.0f, pal.vector, ring);
        } else {
            drawDataPoint(canvas, view.toScreen(x - sC * pc.mean), 4.0f, pal.vector, ring);
        }
    }
    // The mean travelling to the origin.
    if (pc.ok) {
        const Vec2 m = view.toScreen((1 - sC) * pc.mean);
        if (sC < 1) canvas.dashedLine(view.toScreen(pc.mean), o, 1.5f, pal.textDim, 6, 5);
        canvas.line(m - Vec2(7, 7), m + Vec2(7, 7), 2.5f, pal.highlight);
        canvas.line(m - Vec2(7, -7), m + Vec2(7, -7), 2.5f, pal.highlight);
        if (sA <= 0)
            canvas.text(m + Vec2(10, -10), sC < 1 ? "mean" : "mean \u2192 0", small, pal.text,
                        render::Anchor::BottomLeft, pal.background);
    }
    // Principal axes, 2 sqrt(lambda) long.
    if (!deg && sA > 0) {
        const Vec2 t1 = view.toScreen(2 * sA * std::sqrt(pc.variances(0)) * v1);
        const Vec2 t2 = view.toScreen(2 * sA * std::sqrt(pc.variances(1)) * v2);
        canvas.arrow(o, t1, 4.0f, c1);
        if ((t2 - o).norm() > 4) canvas.arrow(o, t2, 4.0f, c2);
        labelArrow(canvas, o, t1, "PC1  " + percent(pc.explained(0)), 16 * ts, c1, pal.background,
                   {t2 - o});
        if ((t2 - o).norm() > 4)
            labelArrow(canvas, o, t2, "PC2  " + percent(pc.explained(1)), 16 * ts, c2,
                       pal.background, {t1 - o});
    }
    if (const int h = hoveredPoint(); h >= 0) drawHover(canvas, ctx, h);

    if (hud) {
        drawPlate(canvas, {pad, pad}, {pad + plateW, pad + plateH}, pal);
        const float x = pad + base * 0.7f;
        float y = pad + base * 0.7f;
        for (const PlateLine& l : top) {
            y += base * l.gapBefore;
            canvas.text({x, y}, l.text, base, l.color);
            y += base * 1.3f;
        }
        drawMatrix(canvas, {x, y + 2}, cov, base, {}, pal.text, covPrefix);
        y += msz.y() + base * 0.6f;
        // Variance explained as one bar split in two.
        const float bw = plateW - base * 1.4f;
        if (!deg) {
            const float w1 = float(pc.explained(0)) * bw;
            canvas.fillRect({x, y}, {x + w1, y + barH}, c1.withAlpha(0.85f));
            canvas.fillRect({x + w1, y}, {x + bw, y + barH}, c2.withAlpha(0.85f));
        } else {
            canvas.rectOutline({x, y}, {x + bw, y + barH}, 1.0f, pal.textDim);
        }
        y += barH + base * 0.5f;
        for (const PlateLine& l : bottom) {
            const float ls = l.size > 0 ? l.size : base;
            y += ls * l.gapBefore;
            canvas.text({x, y}, l.text, ls, l.color);
            y += ls * 1.3f;
        }
    }
    if (!hud)
        for (size_t i = 0; i < notes.size(); ++i)
            drawBanner(canvas, notes[i].text, notes[i].color, pal, ts, int(i));
}

void PcaScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Cloud", pal);
    float rho = float(m_rho);
    if (ImGui::SliderFloat("correlation", &rho, -1.0f, 1.0f, "%.2f"))
        setParam("correlation", double(std::round(rho * 100) / 100));
    int n = m_count;
    if (ImGui::SliderInt("points", &n, 3, 500)) setParam("count", double(n));
    int seed = int(m_seed);
    if (ImGui::InputInt("seed", &seed) && seed >= 0) setParam("seed", double(seed));
    if (m_custom) {
        ImGui::TextDisabled("showing your own %d points", int(points().rows()));
        if (ImGui::Button("back to the seeded cloud")) setParam("correlation", m_rho);
    }
    if (!m_moved.empty()) {
        ImGui::TextDisabled("%d point%s moved by dragging", int(m_moved.size()),
                            m_moved.size() == 1 ? "" : "s");
        ImGui::SameLine();
        if (ImGui::SmallButton("put back")) {
            m_moved.clear();
            touch();
        }
    }
    const decomp::Pca2& pc = pca();
    widgets::sectionHeader("Readouts", pal);
    widgets::readoutRow("mean", vec(pc.mean, 4), "X.mean(axis=0)", pal);
    widgets::readoutRow("covariance",
                        "[[" + prettyNumber(pc.covariance(0, 0), 4) + ", " +
                            prettyNumber(pc.covariance(0, 1), 4) + "], [" +
                            prettyNumber(pc.covariance(1, 0), 4) + ", " +
                            prettyNumber(pc.covariance(1, 1), 4) + "]]",
                        "np.cov(X.T, bias=True)", pal);
    widgets::readoutRow("variances",
                        prettyNumber(pc.variances(0), 5) + ",  " + prettyNumber(pc.variances(1), 5),
                        "np.linalg.eigh(C)[0][::-1]", pal);
    if (!pc.degenerate)
        widgets::readoutRow("explained",
                            percent(pc.explained(0)) + ",  " + percent(pc.explained(1)),
                            "lam[::-1] / lam.sum()", pal);
    else
        widgets::readoutRow("explained", "undefined: no variance", nullptr, pal, &pal.warning);
}

} // namespace linscape::scenes
