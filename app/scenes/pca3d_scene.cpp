// The 3D PCA scene's state, parameters and panel; drawing is in pca3d_draw.cpp. Conventions:
// points are rows (x, y, z); covariance with 1/n (np.cov(X.T, bias=True)); the axis choice for
// repeated variances is decomp::pca3's (the coordinate axis nearest the free plane).
#include "scenes/pca3d_scene.h"

#include "engine/matrix_parse.h"
#include "scenes/draw2d.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

constexpr double kDeg = M_PI / 180.0;
const Eigen::Vector3d kMean{2.0, 1.5, 1.0};

std::string vec3(const Eigen::Vector3d& v, int digits = 4) {
    return "(" + prettyNumber(v.x(), digits) + ", " + prettyNumber(v.y(), digits) + ", " +
           prettyNumber(v.z(), digits) + ")";
}

std::string percent(double f) {
    return prettyNumber(100.0 * f, 3) + " %";
}

} // namespace

Pca3DScene::Pca3DScene() {
    reset();
}

void Pca3DScene::reset() {
    m_rho = 0.6;
    m_spread = {2.0, 1.2, 0.6};
    m_count = 150;
    m_seed = 11;
    m_custom = false;
    m_customPoints.resize(0, 3);
    m_ontoPlane = false;
    m_duration = 6.0;
    m_t = m_duration;
    m_yawDeg = -20;
    m_pitchDeg = 22;
    m_showLabels = m_showHud = true;
    m_stage.resetView(m_yawDeg * kDeg, m_pitchDeg * kDeg);
    touch();
}

std::vector<ParamSpec> Pca3DScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec rho;
    rho.name = "correlation";
    rho.type = ParamType::Number;
    rho.minValue = -0.5;
    rho.maxValue = 1;
    rho.help = "the sample correlation of every pair of coordinates (exact; -0.5 to 1)";
    p.push_back(rho);
    ParamSpec spread;
    spread.name = "spread";
    spread.type = ParamType::Matrix;
    spread.rows = 3;
    spread.cols = 1;
    spread.help = "standard deviations of x, y, z (each 0 to 10)";
    p.push_back(spread);
    ParamSpec n;
    n.name = "count";
    n.type = ParamType::Number;
    n.minValue = 1;
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
    pts.minCols = pts.maxCols = 3;
    pts.minRows = 1;
    pts.maxRows = 500;
    pts.help = "your own points, one (x, y, z) per row (replaces the seeded cloud)";
    p.push_back(pts);
    ParamSpec project;
    project.name = "project";
    project.type = ParamType::Choice;
    project.choices = {"pc1", "plane"};
    project.help = "drop the points onto PC1, or onto the best plane (PC1 and PC2)";
    p.push_back(project);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "animation length in seconds: centre, axes, project";
    p.push_back(dur);
    for (const char* c : {"camera_yaw", "camera_pitch"}) {
        ParamSpec s;
        s.name = c;
        s.type = ParamType::Number;
        s.minValue = c[7] == 'y' ? -360 : -85;
        s.maxValue = c[7] == 'y' ? 360 : 85;
        s.help = c[7] == 'y' ? "camera turn about the z axis, degrees"
                             : "camera height above the xy-plane, degrees";
        p.push_back(s);
    }
    for (const char* b : {"show_labels", "show_hud"}) {
        ParamSpec s;
        s.name = b;
        s.type = ParamType::Bool;
        p.push_back(s);
    }
    return p;
}

std::optional<ParamValue> Pca3DScene::param(const std::string& name) const {
    if (name == "correlation") return ParamValue(m_rho);
    if (name == "spread") return ParamValue(Eigen::MatrixXd(m_spread));
    if (name == "count") return ParamValue(double(m_count));
    if (name == "seed") return ParamValue(m_seed);
    if (name == "points") return ParamValue(Eigen::MatrixXd(points()));
    if (name == "project") return ParamValue(std::string(m_ontoPlane ? "plane" : "pc1"));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "camera_yaw") return ParamValue(m_yawDeg);
    if (name == "camera_pitch") return ParamValue(m_pitchDeg);
    if (name == "show_labels") return ParamValue(m_showLabels);
    if (name == "show_hud") return ParamValue(m_showHud);
    return std::nullopt;
}

std::string Pca3DScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "correlation") {
        m_rho = std::get<double>(value);
        m_custom = false;
    } else if (name == "spread") {
        const Eigen::MatrixXd& m = std::get<Eigen::MatrixXd>(value);
        if (!m.allFinite() || m.minCoeff() < 0 || m.maxCoeff() > 10)
            return "'spread': each standard deviation must be a number from 0 to 10";
        m_spread = m.col(0);
        m_custom = false;
    } else if (name == "count" || name == "seed") {
        const double v = std::get<double>(value);
        if (v != std::round(v))
            return "'" + name + "' must be a whole number, not " + engine::formatNumber(v, 6);
        (name == "count" ? (void)(m_count = int(v)) : (void)(m_seed = v));
        m_custom = false;
    } else if (name == "points") {
        const Eigen::MatrixXd& m = std::get<Eigen::MatrixXd>(value);
        if (!m.allFinite()) return "'points': every entry must be a finite number";
        if (m.cwiseAbs().maxCoeff() > 1e6) return "'points': entries must lie between -1e6 and 1e6";
        m_customPoints = m;
        m_custom = true;
    } else if (name == "project") {
        m_ontoPlane = std::get<std::string>(value) == "plane";
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
        m_t = std::min(m_t, m_duration);
    } else if (name == "camera_yaw" || name == "camera_pitch") {
        (name == "camera_yaw" ? m_yawDeg : m_pitchDeg) = std::get<double>(value);
        m_stage.resetView(m_yawDeg * kDeg, m_pitchDeg * kDeg);
    } else if (name == "show_labels") {
        m_showLabels = std::get<bool>(value);
    } else if (name == "show_hud") {
        m_showHud = std::get<bool>(value);
    }
    return {};
}

void Pca3DScene::refresh() const {
    if (m_derivedVersion == version()) return;
    m_points =
        m_custom ? m_customPoints
                 : decomp::correlatedCloud3(m_count, m_rho, m_spread, std::uint64_t(m_seed), kMean);
    m_pca = decomp::pca3(m_points);
    m_derivedVersion = version();
}

const Eigen::MatrixXd& Pca3DScene::points() const {
    refresh();
    return m_points;
}

const decomp::Pca3& Pca3DScene::pca() const {
    refresh();
    return m_pca;
}

double Pca3DScene::keptFraction() const {
    refresh();
    return m_pca.explained(0) + (m_ontoPlane ? m_pca.explained(1) : 0.0);
}

std::vector<std::string> Pca3DScene::notes() const {
    refresh();
    const decomp::Pca3& pc = m_pca;
    using R = decomp::Pca3::Repeat;
    const Eigen::Index n = m_points.rows();
    if (!pc.ok) return {"No points to analyse."};
    if (pc.degenerate)
        return {n == 1 ? "One point: the covariance is 0, so there is"
                       : "All points are identical: the covariance is 0,",
                n == 1 ? "no spread and no principal direction."
                       : "so there is no spread to explain",
                "and no principal direction."};
    if (pc.repeat == R::All)
        return {"\u03bb\u2081 = \u03bb\u2082 = \u03bb\u2083: every direction is principal;",
                "the axes are not unique: the app shows x, y, z."};
    if (pc.repeat == R::Bottom && pc.variances(1) == 0)
        return {"The points lie on a line: PC1 explains 100 %;",
                "PC2, PC3 (variance 0) are any pair perpendicular",
                "to PC1: the app takes the axis nearest them."};
    std::vector<std::string> out;
    if (pc.repeat == R::Top)
        out = {"\u03bb\u2081 = \u03bb\u2082: the axes are not unique; any right-angled",
               "pair in the PC1-PC2 plane is principal. The app",
               "takes the coordinate axis nearest it as PC1."};
    if (pc.repeat == R::Bottom)
        out = {"\u03bb\u2082 = \u03bb\u2083: the axes are not unique; PC2, PC3 can",
               "turn about PC1. The app takes the coordinate", "axis nearest their plane as PC2."};
    if (pc.variances(2) == 0) {
        out.push_back("The points lie on a plane: PC3 has variance 0,");
        out.push_back("so the best plane (PC1, PC2) holds every point.");
    }
    return out;
}

void Pca3DScene::update(double t) {
    m_t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, m_duration);
}

void Pca3DScene::input(const ViewportInput& in, const SceneContext&) {
    m_stage.orbitInput(in, m_yawDeg * kDeg, m_pitchDeg * kDeg);
}

std::string Pca3DScene::statusLine() const {
    if (m_stage.dragging()) return "Orbiting \u00b7 release to stop";
    return "Drag to orbit \u00b7 wheel zooms \u00b7 right-click resets the view \u00b7 Space "
           "replays: centre, axes, project";
}

void Pca3DScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Cloud", pal);
    float rho = float(m_rho);
    if (ImGui::SliderFloat("correlation", &rho, -0.5f, 1.0f, "%.2f"))
        setParam("correlation", double(std::round(rho * 100) / 100));
    Eigen::MatrixXd sd = m_spread.transpose(); // edited as a row; the parameter is a column
    ImGui::TextUnformatted("spread");
    ImGui::SameLine();
    if (widgets::matrixEditor("spread", sd, m_spreadEditor, {pal.textDim, pal.textDim, pal.textDim},
                              pal, 56.0f)) {
        const std::string err = setParam("spread", Eigen::MatrixXd(sd.transpose()));
        if (!err.empty()) m_spreadEditor.error = err;
    }
    int n = m_count;
    if (ImGui::SliderInt("points", &n, 1, 500)) setParam("count", double(n));
    int seed = int(m_seed);
    if (ImGui::InputInt("seed", &seed) && seed >= 0) setParam("seed", double(seed));
    int onto = m_ontoPlane ? 1 : 0;
    if (ImGui::Combo("project onto", &onto, "PC1\0the best plane\0"))
        setParam("project", std::string(onto ? "plane" : "pc1"));
    if (m_custom) {
        ImGui::TextDisabled("showing your own %d points", int(points().rows()));
        if (ImGui::Button("back to the seeded cloud")) setParam("correlation", m_rho);
    }
    const decomp::Pca3& pc = pca();
    widgets::sectionHeader("Readouts", pal);
    widgets::readoutRow("mean", vec3(pc.mean), "X.mean(axis=0)", pal);
    std::string c;
    for (int i = 0; i < 3; ++i)
        c += std::string(i ? ", " : "[") + "[" + prettyNumber(pc.covariance(i, 0), 4) + ", " +
             prettyNumber(pc.covariance(i, 1), 4) + ", " + prettyNumber(pc.covariance(i, 2), 4) +
             "]";
    widgets::readoutRow("covariance", c + "]", "np.cov(X.T, bias=True)", pal);
    widgets::readoutRow("variances",
                        prettyNumber(pc.variances(0), 5) + ",  " +
                            prettyNumber(pc.variances(1), 5) + ",  " +
                            prettyNumber(pc.variances(2), 5),
                        "np.linalg.eigh(C)[0][::-1]", pal);
    if (pc.degenerate) {
        widgets::readoutRow("explained", "undefined: no variance", nullptr, pal, &pal.warning);
    } else {
        widgets::readoutRow("explained",
                            percent(pc.explained(0)) + ",  " + percent(pc.explained(1)) + ",  " +
                                percent(pc.explained(2)),
                            "lam[::-1] / lam.sum()", pal);
        for (int i = 0; i < 3; ++i)
            widgets::readoutRow(i == 0   ? "PC1"
                                : i == 1 ? "PC2"
                                         : "PC3",
                                vec3(pc.axes.col(i)),
                                i == 0 ? "np.linalg.eigh(C)[1][:, ::-1]" : nullptr, pal);
    }
    for (const std::string& s : notes()) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored({pal.warning.r, pal.warning.g, pal.warning.b, 1}, "%s", s.c_str());
        ImGui::PopTextWrapPos();
    }
    widgets::sectionHeader("View", pal);
    if (ImGui::Button("Reset view")) m_stage.resetView(m_yawDeg * kDeg, m_pitchDeg * kDeg);
    bool changed = ImGui::Checkbox("labels", &m_showLabels);
    ImGui::SameLine();
    changed |= ImGui::Checkbox("overlay", &m_showHud);
    if (changed) touch();
}

} // namespace linscape::scenes
