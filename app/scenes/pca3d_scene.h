// PCA in 3D: a seeded cloud with an editable correlation and spread is centred, its covariance
// X_c^T X_c / n (3x3) diagonalised, the three principal axes drawn with the variance each explains,
// and the points dropped onto PC1 or onto the best plane (PC1, PC2), as staged animations.
#pragma once

#include "scenes/decomp3d_compute.h"
#include "scenes/decomp_draw.h"
#include "scenes/scene.h"
#include "scenes/stage3d.h"
#include "widgets/widgets.h"

#include <Eigen/Core>

namespace linscape::scenes {

class Pca3DScene final : public Scene {
public:
    Pca3DScene();

    std::string_view id() const override { return "pca3d"; }
    std::string_view title() const override { return "PCA in 3D"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    std::vector<TimelineStage> stages() const override;
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_stage.dragging(); }
    void reset() override;

    const Eigen::MatrixXd& points() const;
    const decomp::Pca3& pca() const;
    bool ontoPlane() const { return m_ontoPlane; }
    // The share of the variance the projection keeps (PC1's, or PC1's and PC2's).
    double keptFraction() const;
    // Sentences for the cases a student must not miss (repeated variances, flat clouds).
    std::vector<std::string> notes() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    void refresh() const;

    // State
    double m_rho = 0.6;
    Eigen::Vector3d m_spread{2.0, 1.2, 0.6};
    int m_count = 150;
    double m_seed = 11;
    bool m_custom = false;
    Eigen::MatrixXd m_customPoints;
    bool m_ontoPlane = false;
    double m_duration = 6.0, m_t = 6.0;
    double m_yawDeg = -20, m_pitchDeg = 22;
    bool m_showLabels = true, m_showHud = true;

    // Derived
    mutable Eigen::MatrixXd m_points;
    mutable decomp::Pca3 m_pca;
    mutable std::uint64_t m_derivedVersion = ~0ull;

    Stage3D m_stage;
    widgets::MatrixEditorState m_spreadEditor;
};

} // namespace linscape::scenes
