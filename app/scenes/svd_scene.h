// The SVD scene: A = U Σ Vᵀ as rotate, scale, rotate. The unit circle and the grid go through Vᵀ,
// then Σ, then U as three timeline stages; the singular vectors become the ellipse's semi-axes,
// and a dashed ghost shows that applying A directly ends in the same place.
#pragma once

#include "engine/analysis.h"
#include "render/view.h"
#include "scenes/decomp_math.h"
#include "scenes/drag_view.h"
#include "scenes/scene.h"
#include "widgets/widgets.h"

#include <Eigen/Core>
#include <optional>

namespace linscape::scenes {

class SvdScene final : public Scene {
public:
    SvdScene();

    std::string_view id() const override { return "svd"; }
    std::string_view title() const override { return "SVD: rotate, scale, rotate"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return m_duration; }
    std::vector<TimelineStage> stages() const override;
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool dragging() const override { return m_drag != Drag::None; }
    bool busy() const override { return m_held.settling(); }
    void reset() override;

    const Eigen::Matrix2d& matrix() const { return m_a; }
    // The matrix applied to the plane now, and how far along the three stages it is ([0, 3]).
    const Eigen::Matrix2d& current() const { return m_current; }
    double progress() const { return m_progress; }
    const decomp::SvdStages& factors() const;
    const engine::Analysis* analysis() const;
    std::string caption() const;
    // The view the last draw() used (input hit-tests against it).
    const render::View2D& view() const { return m_view; }

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    enum class Drag { None, IHat, JHat };

    void refresh() const;
    // The columns of A (î and ĵ), drawn once the stages have arrived at A: the handles that
    // edit it (svd_input.cpp).
    void drawColumns(render::Canvas& canvas, const SceneContext& ctx);
    void frameView(Vec2 size, Vec2 overlayMax, float captionTop);
    // Draws the overlay (or only measures it) and returns its bottom-right corner.
    Vec2 drawHud(render::Canvas& canvas, const SceneContext& ctx, bool draw);
    std::string captionAt(double progress) const;

    // State
    Eigen::Matrix2d m_a = Eigen::Matrix2d::Identity();
    double m_duration = 6.0;
    double m_t = 0;
    bool m_showGrid = true, m_showOriginal = true, m_showCircle = true, m_showVectors = true;
    bool m_showDirect = true, m_showLabels = true, m_showHud = true, m_showCaption = true;
    bool m_showStageGhost = true; // in stage 3, the axis-aligned ellipse ΣVᵀ it turns from
    int m_only = 0;               // 0: all three stages; 1..3: the animation plays just that one

    // Derived (cached per version). The previous SVD keeps signs and repeated-value bases steady
    // while A is edited a little at a time.
    Eigen::Matrix2d m_current = Eigen::Matrix2d::Identity();
    double m_progress = 0;
    mutable std::optional<engine::Analysis> m_analysis;
    mutable std::optional<engine::SvdResult> m_previousSvd;
    bool m_continueFromPrevious = false; // set for edits in the panel, not for a fresh A
    mutable decomp::SvdStages m_stages;
    mutable Eigen::Vector2d m_extent{1, 1}; // largest |x|, |y| of the circle's image, all stages
    mutable std::uint64_t m_cacheVersion = ~0ull;
    mutable Eigen::Matrix2d m_cachedMatrix = Eigen::Matrix2d::Constant(std::nan(""));

    // The tallest caption over the stages, measured once per version and viewport width.
    struct CaptionKey {
        std::uint64_t version = ~0ull;
        float width = 0, textScale = 0;
        bool operator==(const CaptionKey&) const = default;
    };
    CaptionKey m_captionKey;
    float m_captionReserve = 0;

    render::View2D m_view;
    double m_zoom = 1.0;
    Drag m_drag = Drag::None, m_hover = Drag::None;
    Eigen::Vector2d m_grabOffset{0, 0}; // tip minus the mouse's world point at the press
    HeldView m_held;                    // the framing, held still while a tip is dragged
    widgets::MatrixEditorState m_editor;
};

} // namespace linscape::scenes
