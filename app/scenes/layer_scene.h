// The layer forward pass scene: a linear layer Z = X Wᵀ + b on a batch (PyTorch's nn.Linear
// convention: W is (out_features, in_features), rows of X are samples), the bias broadcast across
// the batch drawn explicitly, and an activation (ReLU or GELU) with its curve.
#pragma once

#include "scenes/heatmap.h"
#include "scenes/scene.h"

#include <Eigen/Core>
#include <string>

namespace linscape::scenes {

enum class Activation { None, ReLU, GELU };
double relu(double x);
double gelu(double x); // exact: x Φ(x) = 0.5 x (1 + erf(x / √2)), PyTorch's default

struct LayerResult {
    Eigen::MatrixXd z; // (batch, out)
    Eigen::MatrixXd a; // activation(z)
};

// Z = X Wᵀ + b with the engine's matmul; b is (1, out) or (out, 1). On a shape mismatch returns
// false with *error naming both shapes and the rule.
bool layerForward(const Eigen::MatrixXd& x, const Eigen::MatrixXd& w, const Eigen::MatrixXd& b,
                  Activation act, LayerResult& out, std::string* error);

class LayerScene final : public Scene {
public:
    LayerScene();

    std::string_view id() const override { return "layer"; }
    std::string_view title() const override { return "Layer forward pass"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return 0; }
    void update(double) override {}
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    void reset() override;

    const Eigen::MatrixXd& x() const { return m_x; }
    const Eigen::MatrixXd& w() const { return m_w; }
    const Eigen::MatrixXd& b() const { return m_b; }
    // The last good result and, when the current inputs do not fit, why.
    const LayerResult& result();
    const std::string& problem() { return result(), m_problem; }

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    void regenerate();
    void recompute();
    void drawCurve(Canvas& canvas, const Palette& pal, float f, const Rect& r);

    int m_batch = 4, m_in = 3, m_out = 2;
    double m_seed = 1;
    Activation m_act = Activation::ReLU;
    Eigen::MatrixXd m_x, m_w, m_b;

    std::uint64_t m_inputVersion = 1, m_computedVersion = 0, m_heatmapVersion = 0;
    const Palette* m_heatmapPalette = nullptr;
    LayerResult m_result;
    Eigen::MatrixXd m_goodX, m_goodW, m_goodB;
    std::string m_problem;
    Heatmap m_hx, m_hwt, m_hb, m_hz, m_ha;
};

} // namespace linscape::scenes
