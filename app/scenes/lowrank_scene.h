// Low-rank approximation: a rank-k slider on a grayscale image the app draws itself, with the
// original and A_k side by side, the singular value spectrum, the error and energy kept
// (Eckart-Young); and LoRA, a weight update dW = BA with its parameter counts.
#pragma once

#include "render/canvas.h"
#include "scenes/decomp_compute.h"
#include "scenes/scene.h"

#include <Eigen/Core>
#include <memory>

namespace linscape::scenes {

class LowRankScene final : public Scene {
public:
    enum class Mode { Image, Lora };

    LowRankScene();

    std::string_view id() const override { return "lowrank"; }
    std::string_view title() const override { return "Low-rank approximation and LoRA"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    void reset() override;

    // The rank shown at the current time (the animation grows it from 1 to `rank`).
    int shownRank() const { return m_shownK; }
    const decomp::LowRankModel& model() const;
    double measuredError() const { return m_measuredError; } // ||A - A_k||_F from A_k itself

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    void ensureReconstruction();
    void ensureLora(bool light);
    void drawImageMode(render::Canvas& canvas, const SceneContext& ctx);
    void drawLoraMode(render::Canvas& canvas, const SceneContext& ctx);

    // State
    Mode m_mode = Mode::Image;
    int m_k = 5;
    int m_size = 128;
    int m_loraD = 768, m_loraR = 8;
    double m_duration = 3.0, m_t = 3.0;
    bool m_showHud = true;

    // Derived
    mutable std::shared_ptr<const decomp::LowRankModel> m_model;
    int m_shownK = 5;
    int m_builtK = -1, m_builtSize = -1;
    double m_measuredError = 0;
    render::CanvasImage m_original, m_recon;
    int m_loraBuiltD = -1, m_loraBuiltR = -1, m_loraBuiltLight = -1;
    render::CanvasImage m_deltaImage, m_bImage, m_aImage;
    int m_sampled = 0; // rows/columns of dW shown
};

} // namespace linscape::scenes
