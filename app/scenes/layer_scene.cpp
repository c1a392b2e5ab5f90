// The layer forward pass scene; see layer_scene.h. Blocks are drawn to scale (one square cell per
// entry), so the shape rule is visible: X's width meets Wᵀ's height, b is one row copied down.
#include "scenes/layer_scene.h"

#include "engine/matmul.h"
#include "scenes/draw2d.h"
#include "widgets/widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace linscape::scenes {
namespace {

std::string shape(const Eigen::MatrixXd& m) {
    return shapeText(long(m.rows()), long(m.cols()));
}

HeatmapMatrix toFloat(const Eigen::MatrixXd& m) {
    return m.cast<float>();
}

void setAuto(Heatmap& h, const Eigen::MatrixXd& m) {
    const HeatmapMatrix f = toFloat(m);
    float lo = f.size() ? f.minCoeff() : 0, hi = f.size() ? f.maxCoeff() : 1;
    if (!(hi > lo)) {
        lo -= 1;
        hi += 1;
    }
    h.set(f, lo, hi);
}

// Seeded values on a 0.1 grid, so the numbers in the cells read like typed ones.
Eigen::MatrixXd seeded(int rows, int cols, std::uint64_t seed, double range) {
    Eigen::MatrixXd m(rows, cols);
    std::uint64_t s = seed * 0x9E3779B97F4A7C15ull + 0x1234567ull;
    for (Eigen::Index i = 0; i < m.size(); ++i) {
        s += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = s;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        const double u = double(z >> 11) / 9007199254740992.0; // [0, 1)
        m.data()[i] = std::round((u * 2 - 1) * range * 10) / 10;
    }
    return m;
}

const char* activationName(Activation a) {
    return a == Activation::ReLU ? "relu" : a == Activation::GELU ? "gelu" : "none";
}

} // namespace

double relu(double x) {
    return x > 0 ? x : 0.0;
}

double gelu(double x) {
    return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
}

bool layerForward(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& b,
                  Activation act, LayerResult& out, std::string* error) {
    const std::string rule = "the rule: (n,k) @ (k,m) \u2192 (n,m)";
    if (x.cols() != w.cols()) {
        if (error)
            *error = "X @ W.T needs X's columns to equal W's columns (in_features): X is " +
                     shape(x) + ", W is " + shape(w) + " so W.T is " +
                     shapeText(long(w.cols()), long(w.rows())) + "; " + rule;
        return false;
    }
    const long outs = long(w.rows());
    if (!(b.rows() == 1 && b.cols() == outs) && !(b.cols() == 1 && b.rows() == outs)) {
        if (error)
            *error = "b is " + shape(b) + " but X @ W.T is " + shapeText(long(x.rows()), outs) +
                     ": b must have " + std::to_string(outs) +
                     " entries (out_features) to broadcast across the batch";
        return false;
    }
    out.z.resize(x.rows(), w.rows());
    // Column-major storage: Z (n x m) = X (n x k) * W^T, W being (m x k).
    engine::gemm(engine::Layout::ColMajor, engine::Op::None, engine::Op::Transpose, x.rows(),
                 w.rows(), x.cols(), 1.0, x.data(), std::max<Eigen::Index>(1, x.rows()), w.data(),
                 std::max<Eigen::Index>(1, w.rows()), 0.0, out.z.data(),
                 std::max<Eigen::Index>(1, x.rows()));
    const Eigen::RowVectorXd bias =
        b.rows() == 1 ? Eigen::RowVectorXd(b.row(0)) : Eigen::RowVectorXd(b.col(0).transpose());
    out.z.rowwise() += bias;
    out.a = out.z.unaryExpr([act](double v) {
        return act == Activation::ReLU ? relu(v) : act == Activation::GELU ? gelu(v) : v;
    });
    return true;
}

LayerScene::LayerScene() {
    reset();
}

void LayerScene::reset() {
    m_batch = 4;
    m_in = 3;
    m_out = 2;
    m_seed = 1;
    m_act = Activation::ReLU;
    regenerate();
    recompute();
    touch();
}

void LayerScene::regenerate() {
    const auto seed = std::uint64_t(m_seed);
    m_x = seeded(m_batch, m_in, seed * 3 + 1, 2.0);
    m_w = seeded(m_out, m_in, seed * 3 + 2, 1.0);
    m_b = seeded(1, m_out, seed * 7 + 5, 0.5);
    ++m_inputVersion;
}

std::vector<ParamSpec> LayerScene::params() const {
    std::vector<ParamSpec> p;
    auto number = [&](const char* name, const char* help, double lo, double hi) {
        ParamSpec s;
        s.name = name;
        s.type = ParamType::Number;
        s.help = help;
        s.minValue = lo;
        s.maxValue = hi;
        p.push_back(s);
    };
    auto matrix = [&](const char* name, const char* help) {
        ParamSpec s;
        s.name = name;
        s.type = ParamType::Matrix;
        s.help = help;
        s.maxRows = s.maxCols = 32;
        p.push_back(s);
    };
    number("batch", "rows of X: samples in the batch (seeded values)", 1, 32);
    number("in_features", "columns of X and of W (seeded values)", 1, 32);
    number("out_features", "rows of W, entries of b (seeded values)", 1, 32);
    number("seed", "seed of the generated X, W and b", 0, 1e6);
    ParamSpec act;
    act.name = "activation";
    act.type = ParamType::Choice;
    act.choices = {"none", "relu", "gelu"};
    act.help = "applied entrywise to Z";
    p.push_back(act);
    matrix("X", "the batch, (batch, in_features)");
    matrix("W", "the weights, (out_features, in_features) as in torch.nn.Linear");
    matrix("b", "the bias, (1, out_features)");
    return p;
}

std::optional<ParamValue> LayerScene::param(const std::string& name) const {
    if (name == "batch") return ParamValue(double(m_batch));
    if (name == "in_features") return ParamValue(double(m_in));
    if (name == "out_features") return ParamValue(double(m_out));
    if (name == "seed") return ParamValue(m_seed);
    if (name == "activation") return ParamValue(std::string(activationName(m_act)));
    if (name == "X") return ParamValue(m_x);
    if (name == "W") return ParamValue(m_w);
    if (name == "b") return ParamValue(m_b);
    return std::nullopt;
}

std::string LayerScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "activation") {
        const std::string& s = std::get<std::string>(value);
        m_act = s == "relu" ? Activation::ReLU : s == "gelu" ? Activation::GELU : Activation::None;
        ++m_inputVersion;
        return {};
    }
    if (name == "X" || name == "W" || name == "b") {
        const Eigen::MatrixXd& m = std::get<Eigen::MatrixXd>(value);
        (name == "X" ? m_x : name == "W" ? m_w : m_b) = m;
        ++m_inputVersion;
        return {};
    }
    const double v = std::get<double>(value);
    if (v != std::floor(v)) return "'" + name + "' must be a whole number, not " + prettyNumber(v);
    if (name == "batch") m_batch = int(v);
    if (name == "in_features") m_in = int(v);
    if (name == "out_features") m_out = int(v);
    if (name == "seed") m_seed = v;
    regenerate();
    return {};
}

void LayerScene::recompute() {
    m_computedVersion = m_inputVersion;
    LayerResult r;
    std::string why;
    if (layerForward(m_x, m_w, m_b, m_act, r, &why)) {
        m_result = std::move(r);
        m_goodX = m_x;
        m_goodW = m_w;
        m_goodB = m_b.rows() == 1 ? m_b : Eigen::MatrixXd(m_b.transpose());
        m_problem.clear();
    } else {
        m_problem = why;
    }
}

const LayerResult& LayerScene::result() {
    if (m_computedVersion != m_inputVersion) recompute();
    return m_result;
}

void LayerScene::drawCurve(Canvas& canvas, const Palette& pal, float f, const Rect& r) {
    drawPlate(canvas, r.min, r.max, pal, 0.5f);
    const double lo = -3, hi = 3;
    const Rect p{{r.min.x() + 8, r.min.y() + f * 1.6f}, {r.max.x() - 8, r.max.y() - 8}};
    auto toScreen = [&](double x, double y) {
        return Vec2(p.min.x() + float((x - lo) / (hi - lo)) * p.width(),
                    p.max.y() - float((y - (-0.5)) / (3.0 - (-0.5))) * p.height());
    };
    canvas.line(toScreen(lo, 0), toScreen(hi, 0), 1.0f, pal.axis.withAlpha(0.5f));
    canvas.line(toScreen(0, -0.5), toScreen(0, 3), 1.0f, pal.axis.withAlpha(0.5f));
    auto fn = [&](double x) {
        return m_act == Activation::ReLU ? relu(x) : m_act == Activation::GELU ? gelu(x) : x;
    };
    std::vector<Vec2> pts;
    for (int i = 0; i <= 120; ++i) {
        const double x = lo + (hi - lo) * i / 120.0;
        const double y = std::clamp(fn(x), -0.5, 3.0);
        pts.push_back(toScreen(x, y));
    }
    canvas.polyline(pts, 2.2f, pal.accent);
    const char* title = m_act == Activation::ReLU   ? "ReLU(z) = max(0, z)"
                        : m_act == Activation::GELU ? "GELU(z) = z \u03a6(z)"
                                                    : "no activation: A = Z";
    canvas.text({r.min.x() + 8, r.min.y() + 4}, title, f * 0.9f, pal.text);
    // Z's entries as dots on the curve: which ones the activation changes.
    for (Eigen::Index i = 0; i < m_result.z.size(); ++i) {
        const double z = std::clamp(m_result.z.data()[i], lo, hi);
        canvas.disc(toScreen(z, std::clamp(fn(z), -0.5, 3.0)), 3.5f, pal.iHat);
    }
}

void LayerScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    result();
    if (m_heatmapVersion != m_computedVersion || m_heatmapPalette != &pal) {
        setAuto(m_hx, m_goodX);
        setAuto(m_hwt, m_goodW.transpose());
        setAuto(m_hb, m_goodB.replicate(m_goodX.rows(), 1));
        setAuto(m_hz, m_result.z);
        setAuto(m_ha, m_result.a);
        m_heatmapVersion = m_computedVersion;
        m_heatmapPalette = &pal;
    }
    const float W = canvas.width(), H = canvas.height();
    const float f = std::clamp(std::min(W / 52.0f, H / 29.0f), 10.5f, 18.0f) * ctx.textScale;
    const float fs = std::max(10.0f, f * 0.86f);
    const float m = std::round(std::max(8.0f, W * 0.014f));
    const long n = long(m_goodX.rows()), k = long(m_goodX.cols()), o = long(m_goodW.rows());
    const char* actName = m_act == Activation::ReLU   ? "ReLU"
                          : m_act == Activation::GELU ? "GELU"
                                                      : "";
    // Header: the equation and the code.
    std::string eq = "Z = X W\u1d40 + b";
    if (*actName) eq += ",  A = " + std::string(actName) + "(Z)";
    canvas.text({m, m}, "Layer forward pass   " + eq, f * 1.1f, pal.text);
    std::string code = "Z = X @ W.T + b    # torch.nn.Linear(" + std::to_string(k) + ", " +
                       std::to_string(o) + ")(X)";
    if (m_act == Activation::ReLU) code += ";  A = torch.relu(Z)";
    if (m_act == Activation::GELU) code += ";  A = torch.nn.functional.gelu(Z)";
    canvas.text({m, m + f * 1.55f}, code, f * 0.88f, pal.accent);
    float top = m + f * 3.2f;
    if (!m_problem.empty()) {
        const float size = fs;
        const std::string text = fitText(canvas, m_problem, size, W - 2 * m - 8);
        const Vec2 ext = canvas.measureText(text, size);
        canvas.fillRoundedRect({m - 4, top - 2}, {m + ext.x() + 8, top + ext.y() + 4}, 4,
                               pal.error.withAlpha(0.16f));
        canvas.text({m + 2, top}, text, size, pal.error);
        top += size * 1.7f;
    }

    // Blocks to scale: X (n,k) @ Wᵀ (k,o) + b broadcast (n,o) = Z (n,o) -> A (n,o).
    const bool act = m_act != Activation::None;
    const float opW = f * 2.0f;
    const int ops = act ? 4 : 3;
    const float labelW = f * 3.2f; // the "batch n" label left of X
    const float totalCols = float(k + o + o + o + (act ? o : 0));
    const float curveH = std::clamp(H * 0.27f, 70.0f, 220.0f);
    const float bandTop = H - m - curveH;
    const float cw = std::clamp(W * 0.3f, 140.0f, 360.0f);
    const float blocksTop = top + f * 1.7f;
    const float availH = bandTop - blocksTop - fs * 2.6f;
    const float maxRows = float(std::max(n, k));
    float cell = std::min((W - 2 * m - labelW - ops * opW) / totalCols, availH / maxRows);
    cell = std::floor(std::clamp(cell, 4.0f, f * 3.6f));
    const bool values = cell >= fs * 2.3f;
    float x = m + labelW;
    auto block = [&](const Heatmap& map, const Eigen::MatrixXd& vals, const std::string& name,
                     const std::string& dims, Color nameColor, bool dashedRows) {
        const Rect r{{x, blocksTop}, {x + cell * vals.cols(), blocksTop + cell * vals.rows()}};
        drawHeatmap(canvas, map, r, pal);
        if (values)
            for (Eigen::Index i = 0; i < vals.rows(); ++i)
                for (Eigen::Index j = 0; j < vals.cols(); ++j) {
                    const float t = (float(vals(i, j)) - map.lo()) / (map.hi() - map.lo());
                    const Color c =
                        t > 0.62f ? Color{0.05f, 0.05f, 0.08f, 1} : Color{0.97f, 0.97f, 0.97f, 1};
                    canvas.text({r.min.x() + cell * (j + 0.5f), r.min.y() + cell * (i + 0.5f)},
                                prettyNumber(std::round(vals(i, j) * 100) / 100, 3), fs * 0.86f, c,
                                render::Anchor::Center);
                }
        if (dashedRows)
            for (Eigen::Index i = 1; i < vals.rows(); ++i)
                canvas.dashedLine({r.min.x(), r.min.y() + cell * i},
                                  {r.max.x(), r.min.y() + cell * i}, 1.5f, pal.background, 4, 3);
        canvas.text({r.min.x(), r.min.y() - 4}, name, f, nameColor, render::Anchor::BottomLeft);
        canvas.text({(r.min.x() + r.max.x()) * 0.5f, r.max.y() + 4}, dims, fs, pal.textDim,
                    render::Anchor::Top);
        x = r.max.x();
        return r;
    };
    auto op = [&](const char* s) {
        canvas.text({x + opW * 0.5f, blocksTop + cell * n * 0.5f}, s, f * 1.2f, pal.text,
                    render::Anchor::Center);
        x += opW;
    };
    const Rect rx = block(m_hx, m_goodX, "X", shapeText(n, k), pal.text, false);
    canvas.text({rx.min.x() - 6, (rx.min.y() + rx.max.y()) * 0.5f}, "batch " + std::to_string(n),
                fs, pal.textDim, render::Anchor::Right);
    op("@");
    const Rect rw = block(m_hwt, m_goodW.transpose(), "W\u1d40", shapeText(k, o), pal.text, false);
    op("+");
    const Eigen::MatrixXd bRows = m_goodB.replicate(n, 1);
    const Rect rb = block(m_hb, bRows, "b",
                          "(" + std::to_string(o) + ",) \u2192 " + shapeText(n, o), pal.iHat, true);
    // b itself is the first row; the rest are copies: outline the real row, say so.
    canvas.rectOutline(rb.min - Vec2(1.5f, 1.5f), {rb.max.x() + 1.5f, rb.min.y() + cell + 1.5f},
                       2.5f, pal.iHat);
    op("=");
    const Rect rz = block(m_hz, m_result.z, "Z", shapeText(n, o), pal.text, false);
    if (act) {
        op("\u2192");
        block(m_ha, m_result.a, std::string("A = ") + actName + "(Z)", shapeText(n, o), pal.text,
              false);
    }
    (void)rw;
    (void)rz;

    // The rules, left of the activation curve.
    // The band follows the blocks up when they leave room (a large window).
    float y =
        std::max({rx.max.y(), rb.max.y(), blocksTop + cell * float(std::max(n, k))}) + fs * 2.4f;
    y = std::min(y, bandTop);
    const float curveTop = y;
    const float textW = W - 2 * m - cw - 16;
    const auto para = [&](const std::string& s, Color c) {
        for (const std::string& l : wrapHeatmapText(canvas, s, fs, textW)) {
            canvas.text({m, y}, l, fs, c);
            y += fs * 1.35f;
        }
        y += fs * 0.35f;
    };
    para("X @ W.T: " + shapeText(n, k) + " @ " + shapeText(k, o) + " \u2192 " + shapeText(n, o) +
             ", by the rule (n,k) @ (k,m) \u2192 (n,m): the inner sizes (in_features = " +
             std::to_string(k) + ") must match",
         pal.text);
    para("+ b: b has shape (" + std::to_string(o) + ",) and is broadcast across the " +
             std::to_string(n) + " rows of the batch: every sample gets the same bias",
         pal.iHat);
    para("W is " + shapeText(o, k) +
             " = (out_features, in_features), as torch.nn.Linear stores it; " +
             std::to_string(o * k + o) + " parameters",
         pal.textDim);

    // The activation curve with Z's entries on it.
    drawCurve(canvas, pal, f, {{W - m - cw, curveTop}, {W - m, curveTop + curveH}});
}

void LayerScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Shapes", pal);
    auto slider = [&](const char* label, const char* name, int value) {
        int v = value;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        if (ImGui::SliderInt(label, &v, 1, 32, "%d", ImGuiSliderFlags_AlwaysClamp))
            setParam(name, double(v));
    };
    slider("batch", "batch", m_batch);
    slider("in_features", "in_features", m_in);
    slider("out_features", "out_features", m_out);
    int act = int(m_act);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (ImGui::Combo("activation", &act, "none\0ReLU\0GELU\0"))
        setParam("activation", std::string(activationName(Activation(act))));
    const std::string& why = problem();
    if (!why.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text,
                              ImVec4(pal.error.r, pal.error.g, pal.error.b, pal.error.a));
        ImGui::TextWrapped("%s", why.c_str());
        ImGui::PopStyleColor();
    }
    widgets::sectionHeader("Readouts", pal);
    widgets::readoutRow("Z shape", shapeText(long(m_result.z.rows()), long(m_result.z.cols())),
                        "(X @ W.T + b).shape", pal);
    widgets::readoutRow("parameters", std::to_string(m_goodW.size() + m_goodB.size()),
                        "sum(p.numel() for p in layer.parameters())", pal);
}

} // namespace linscape::scenes
