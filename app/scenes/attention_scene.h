// The attention scene: a typed sentence becomes tokens, seeded embeddings X, Q = X W_Q, K, V; the
// scores Q Kᵀ/√d_k and the softmax weights as heatmaps with token labels and a colour bar, the
// context vectors weights·V, every head side by side, masks, and the hovered cell's arithmetic.
// Row-vector convention of ML code: X is (tokens, d_model); each product shows its shape rule.
#pragma once

#include "engine/attention.h"
#include "scenes/heatmap.h"
#include "scenes/scene.h"
#include "widgets/widgets.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace linscape::scenes {

// Limits: what the scene accepts (the engine itself goes further; heatmaps past this many rows
// are no longer readable, and the frame budget holds up to here).
constexpr int kAttentionMaxTokens = 512;
constexpr int kAttentionMaxDModel = 512;
constexpr int kAttentionMaxHeads = 16;

// Whitespace-separated words.
std::vector<std::string> tokenize(const std::string& text);

// The scene's inputs as the engine sees them: X rows are a seeded embedding per distinct word
// (the same word gets the same vector, as an embedding table lookup does) plus a sinusoidal
// position code; W_Q, W_K, W_V are seeded N(0, 1/d_model), so unscaled scores have variance
// about d_k and scaled ones about 1 (the reason for √d_k).
struct AttentionSetup {
    std::vector<std::string> tokens; // including the padding tokens at the end
    int dModel = 64;
    int heads = 1;
    unsigned seed = 1;
    bool positional = true;
    // Typed matrices replacing the seeded ones (empty: seeded). X must be (tokens, d_model), each
    // W (d_model, d_model).
    engine::MatrixXfR typedX, typedWq, typedWk, typedWv;
    std::uint64_t typedVersion = 0; // bumped whenever one of them changes
    bool scale = true;
    float temperature = 1;
    bool causal = false;
    int pad = 0;
};
engine::AttentionInput makeAttentionInput(const AttentionSetup& setup);
// Only the switches (heads, scaling, temperature, masks), with X and the weights left empty.
engine::AttentionInput makeAttentionFlags(const AttentionSetup& setup);

class AttentionScene final : public Scene {
public:
    AttentionScene();

    std::string_view id() const override { return "attention"; }
    std::string_view title() const override { return "Attention"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return 0; }
    void update(double) override {}
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    void reset() override;

    // The computation behind the picture (recomputed only when an input parameter changed).
    const engine::AttentionResult* result();
    const AttentionSetup& setup() { return result(), m_good; }
    // Empty, or why the latest input was refused (the picture keeps the last good input).
    const std::string& problem() { return result(), m_problem; }
    // The cell the readout describes: the mouse's, else the `hover` parameter's.
    std::optional<std::pair<int, int>> hoveredCell() const;
    int selectedHead() const;

    struct CellReadout {
        int row = 0, col = 0;
        double dot = 0;    // Q_i · K_j
        double scaled = 0; // the score after √d_k (and temperature) scaling
        double weight = 0; // softmax weight
        double rowSum = 0; // of the weights in row i
        bool masked = false;
    };
    std::optional<CellReadout> readout();

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    void recompute();
    void rebuildHeatmaps(const Palette& pal);
    // Drawing, in attention_draw.cpp.
    void drawHeader(Canvas& canvas, const Palette& pal, float f, float y);
    float drawMatrixThumb(Canvas& canvas, const Palette& pal, float f, Vec2 at, float w, float h,
                          const Heatmap& map, const std::string& name, const std::string& rule);
    void drawReadout(Canvas& canvas, const Palette& pal, float f, const Rect& r, int columns);
    std::vector<std::string> labels() const;

    // Inputs (what the user set).
    std::string m_text;
    double m_seed = 1, m_dModel = 64, m_heads = 1, m_head = 1, m_temperature = 1, m_pad = 0;
    bool m_scale = true, m_causal = false, m_positional = true;
    std::optional<std::pair<int, int>> m_hoverParam;
    engine::MatrixXfR m_typedX, m_typedWq, m_typedWk, m_typedWv;
    std::uint64_t m_typedVersion = 0;

    // Derived, cached by m_inputVersion (only parameters that change the numbers bump it).
    std::uint64_t m_inputVersion = 1, m_computedVersion = 0, m_heatmapVersion = 0;
    const Palette* m_heatmapPalette = nullptr;
    int m_heatmapHead = -1;
    // X, Q, K, V change only with the inputs or the head count; a slider leaves their textures.
    std::uint64_t m_projectionVersion = 1, m_projectionBuilt = 0;
    int m_projectionHead = -1;
    AttentionSetup m_good;
    engine::AttentionInput m_input;
    engine::AttentionResult m_result;
    bool m_haveResult = false;
    std::string m_problem;

    // Pictures.
    Heatmap m_x, m_q, m_k, m_v, m_scores, m_weights, m_out;
    std::vector<Heatmap> m_headWeights;

    // Layout of the last frame, for hit-testing.
    Rect m_scoresRect, m_weightsRect;
    std::vector<Rect> m_headRects;
    std::optional<std::pair<int, int>> m_mouseHover;
    std::string m_editText; // the panel's text box
    widgets::MatrixEditorState m_xEditor, m_wEditors[3];
};

} // namespace linscape::scenes
