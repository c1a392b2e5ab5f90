// PCA in 2D: a seeded point cloud with an editable correlation is centred, its covariance
// X_c^T X_c / n diagonalised, the principal axes drawn scaled by the standard deviations with the
// variance each explains, and the points dropped onto the first component, as staged animations.
#pragma once

#include "render/view.h"
#include "scenes/decomp_compute.h"
#include "scenes/scene.h"

#include <Eigen/Core>

namespace linscape::scenes {

class PcaScene final : public Scene {
public:
    PcaScene();

    std::string_view id() const override { return "pca"; }
    std::string_view title() const override { return "PCA: principal components"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    std::vector<TimelineStage> stages() const override;
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    void reset() override;

    const Eigen::MatrixXd& points() const;
    const decomp::Pca2& pca() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    void refresh() const;
    void frameView(const Eigen::Vector2d& size, render::Vec2 plate);

    // State
    double m_rho = 0.75;
    int m_count = 80;
    double m_seed = 7;
    bool m_custom = false; // points given explicitly instead of generated
    Eigen::MatrixXd m_customPoints;
    double m_duration = 6.0, m_t = 6.0;
    bool m_showHud = true;

    // Derived
    mutable Eigen::MatrixXd m_points;
    mutable decomp::Pca2 m_pca;
    mutable std::uint64_t m_derivedVersion = ~0ull;
    render::View2D m_view;
    std::uint64_t m_framedVersion = ~0ull;
    Eigen::Vector2d m_framedSize{0, 0};
};

} // namespace linscape::scenes
