// The matrix multiplication scene: C = AB on small editable A and B, laid out so that row i of A
// and column j of B meet at C[i, j]; C fills cell by cell (or tile by tile) over the animation,
// the hovered, animated or chosen cell shows its dot product term by term, and mismatched shapes
// get a message naming both shapes and the rule. Indices are 0-based, as in NumPy's C[i, j].
#pragma once

#include "scenes/scene.h"
#include "widgets/widgets.h"

#include <Eigen/Core>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace linscape::scenes {

// The dot product behind one entry of C: sum over p of A[i, p] * B[p, j].
struct DotProduct {
    int i = 0, j = 0;
    std::vector<std::pair<double, double>> terms; // (A[i, p], B[p, j])
    double value = 0;
    std::string text(int shownTerms = -1) const; // "C[0, 1] = 1·8 + 2·10 + 3·12 = 64"
};

class MatmulScene final : public Scene {
public:
    static constexpr int kMaxDim = 6;
    enum class Mode { Cells, Tiles };

    MatmulScene();

    std::string_view id() const override { return "matmul"; }
    std::string_view title() const override { return "Matrix multiplication"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override;
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void input(const ViewportInput& in, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    void reset() override;
    // With 2x2 A and B: plane2d in compose mode, "first B, then A", whose end matrix is AB.
    std::optional<SceneLink> link() const override;

    const Eigen::MatrixXd& a() const { return m_a; }
    const Eigen::MatrixXd& b() const { return m_b; }
    // C = AB computed by the engine, or nothing when the shapes do not fit.
    const std::optional<Eigen::MatrixXd>& product() const { return m_c; }
    // The shape rule "(2,3) @ (3,4) -> (2,4)", or the mismatch message naming both shapes.
    const std::string& shapeMessage() const { return m_shapeMessage; }
    std::optional<DotProduct> dotProduct(int i, int j) const;
    // Cells of C (row-major) or tiles in the order the animation fills them.
    int stepCount() const;
    // The cell whose dot product is shown now: the `cell` parameter, else the hovered cell, else
    // the one being filled.
    std::optional<std::pair<int, int>> focusCell() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    struct Layout {
        float cell = 40, x0 = 0, y0 = 0; // cell size; top-left of the whole arrangement
        Vec2 aPos, bPos, cPos;           // top-left of each grid
        float font = 16;
    };
    void recompute();
    Layout layoutFor(float width, float height, float textScale) const;
    // Rows [r0, r1) and columns [c0, c1) of C filled by step `s`.
    void stepRange(int s, int& r0, int& r1, int& c0, int& c1) const;
    enum class GridPass { Fill, Lines, Numbers };
    void drawGrid(render::Canvas& canvas, Vec2 pos, const Eigen::MatrixXd& m, float cell,
                  float font, const style::Palette& pal, const std::vector<bool>* shown,
                  GridPass pass) const;
    void drawMismatch(render::Canvas& canvas, const SceneContext& ctx);

    // State
    Eigen::MatrixXd m_a, m_b;
    Mode m_mode = Mode::Cells;
    int m_tile = 2;
    double m_step = 0.6; // seconds per cell or tile
    std::optional<std::pair<int, int>> m_cellParam;
    double m_t = 0;

    // Derived
    std::optional<Eigen::MatrixXd> m_c;
    std::string m_shapeMessage;

    // Interaction
    Layout m_layout;
    std::optional<std::pair<int, int>> m_hover;
    widgets::MatrixEditorState m_editA, m_editB;
};

} // namespace linscape::scenes
