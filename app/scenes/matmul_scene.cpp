// The matrix multiplication scene; see matmul_scene.h. B sits above C and A to its left, so the
// row of A and the column of B that make C[i, j] line up with that cell.
#include "scenes/matmul_scene.h"

#include "engine/matmul.h"
#include "engine/matrix_parse.h"
#include "scenes/draw2d.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace linscape::scenes {
namespace {

constexpr float kGap = 0.6f; // between A and C, and B and C, in cells

std::string shapeText(Eigen::Index r, Eigen::Index c) {
    return "(" + std::to_string(r) + "," + std::to_string(c) + ")";
}

// A factor in a product: negative numbers in parentheses, so "3·(−1)" reads unambiguously.
std::string factor(double v) {
    const std::string s = prettyNumber(v, 4);
    return v < 0 ? "(" + s + ")" : s;
}

Eigen::MatrixXd resized(const Eigen::MatrixXd& m, int rows, int cols) {
    Eigen::MatrixXd out = Eigen::MatrixXd::Zero(rows, cols);
    const int r = std::min<int>(rows, int(m.rows())), c = std::min<int>(cols, int(m.cols()));
    out.topLeftCorner(r, c) = m.topLeftCorner(r, c);
    return out;
}

bool parseCell(const std::string& text, int& i, int& j) {
    char extra = 0;
    return std::sscanf(text.c_str(), " %d , %d %c", &i, &j, &extra) == 2;
}

} // namespace

std::string DotProduct::text(int shownTerms) const {
    const int n = shownTerms < 0 ? int(terms.size()) : std::min<int>(shownTerms, int(terms.size()));
    std::string s;
    for (int p = 0; p < n; ++p)
        s += (p ? " + " : "") + factor(terms[size_t(p)].first) + "\u00b7" +
             factor(terms[size_t(p)].second);
    if (n < int(terms.size())) return s + (n ? " + \u2026" : "\u2026");
    return s + " = " + prettyNumber(value, 4);
}

MatmulScene::MatmulScene() {
    reset();
}

void MatmulScene::reset() {
    m_a.resize(3, 3);
    m_a << 1, 2, 0, 0, 1, 3, 2, -1, 1;
    m_b.resize(3, 4);
    m_b << 1, 0, 2, 1, 3, 1, 0, 2, 0, 2, 1, -1;
    m_mode = Mode::Cells;
    m_tile = 2;
    m_step = 0.6;
    m_cellParam.reset();
    m_hover.reset();
    recompute();
    m_t = duration();
    touch();
}

std::vector<ParamSpec> MatmulScene::params() const {
    std::vector<ParamSpec> p;
    for (const char* name : {"matrix_a", "matrix_b"}) {
        ParamSpec s;
        s.name = name;
        s.type = ParamType::Matrix;
        s.maxRows = s.maxCols = kMaxDim;
        s.help = name[7] == 'a'
                     ? "A, the left factor (1x1 to 6x6)"
                     : "B, the right factor (1x1 to 6x6); its rows must match A's columns";
        p.push_back(s);
    }
    ParamSpec cell;
    cell.name = "cell";
    cell.type = ParamType::Text;
    cell.help = "the cell of C whose dot product is shown, \"i,j\" counted from 0 as in C[i, j] "
                "(empty: the hovered or animated cell)";
    p.push_back(cell);
    ParamSpec mode;
    mode.name = "mode";
    mode.type = ParamType::Choice;
    mode.choices = {"cells", "tiles"};
    mode.help = "fill C one cell at a time, or one tile (a block of cells) at a time";
    p.push_back(mode);
    ParamSpec tile;
    tile.name = "tile";
    tile.type = ParamType::Number;
    tile.minValue = 1;
    tile.maxValue = kMaxDim;
    tile.help = "tile size in tiles mode (1 to 6)";
    p.push_back(tile);
    ParamSpec step;
    step.name = "step";
    step.type = ParamType::Number;
    step.minValue = 0.1;
    step.maxValue = 5;
    step.help = "seconds per cell or tile";
    p.push_back(step);
    return p;
}

std::optional<ParamValue> MatmulScene::param(const std::string& name) const {
    if (name == "matrix_a") return ParamValue(m_a);
    if (name == "matrix_b") return ParamValue(m_b);
    if (name == "cell")
        return ParamValue(m_cellParam ? std::to_string(m_cellParam->first) + "," +
                                            std::to_string(m_cellParam->second)
                                      : std::string());
    if (name == "mode") return ParamValue(std::string(m_mode == Mode::Cells ? "cells" : "tiles"));
    if (name == "tile") return ParamValue(double(m_tile));
    if (name == "step") return ParamValue(m_step);
    return std::nullopt;
}

std::string MatmulScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "matrix_a" || name == "matrix_b") {
        (name == "matrix_a" ? m_a : m_b) = std::get<Eigen::MatrixXd>(value);
        recompute();
    } else if (name == "cell") {
        const std::string& text = std::get<std::string>(value);
        if (text.empty()) {
            m_cellParam.reset();
            return {};
        }
        int i = 0, j = 0;
        if (!parseCell(text, i, j))
            return "'cell' must be \"i,j\" (row and column of C, counted from 0), not '" + text +
                   "'";
        if (!m_c) return "'cell': there is no C to pick from: " + m_shapeMessage;
        if (i < 0 || j < 0 || i >= m_c->rows() || j >= m_c->cols())
            return "'cell' " + std::to_string(i) + "," + std::to_string(j) +
                   " is outside C, which is " + shapeText(m_c->rows(), m_c->cols()) + ": rows 0.." +
                   std::to_string(m_c->rows() - 1) + ", columns 0.." +
                   std::to_string(m_c->cols() - 1);
        m_cellParam = std::make_pair(i, j);
    } else if (name == "mode") {
        m_mode = std::get<std::string>(value) == "tiles" ? Mode::Tiles : Mode::Cells;
    } else if (name == "tile") {
        const double v = std::get<double>(value);
        if (v != std::round(v)) return "'tile' must be a whole number from 1 to 6";
        m_tile = int(v);
    } else if (name == "step") {
        m_step = std::get<double>(value);
    }
    return {};
}

void MatmulScene::recompute() {
    auto r = engine::multiply(m_a, m_b);
    m_shapeMessage = engine::shapeRule(m_a.rows(), m_a.cols(), m_b.rows(), m_b.cols());
    if (r.ok()) {
        m_c = std::move(r).value();
    } else {
        m_c.reset();
        m_shapeMessage = r.error().message;
    }
    if (m_cellParam &&
        (!m_c || m_cellParam->first >= m_c->rows() || m_cellParam->second >= m_c->cols()))
        m_cellParam.reset();
    m_hover.reset();
}

int MatmulScene::stepCount() const {
    if (!m_c) return 0;
    const int rows = int(m_c->rows()), cols = int(m_c->cols());
    if (m_mode == Mode::Cells) return rows * cols;
    return ((rows + m_tile - 1) / m_tile) * ((cols + m_tile - 1) / m_tile);
}

void MatmulScene::stepRange(int s, int& r0, int& r1, int& c0, int& c1) const {
    const int rows = int(m_c->rows()), cols = int(m_c->cols());
    const int t = m_mode == Mode::Cells ? 1 : m_tile;
    const int tilesPerRow = (cols + t - 1) / t;
    r0 = (s / tilesPerRow) * t;
    c0 = (s % tilesPerRow) * t;
    r1 = std::min(rows, r0 + t);
    c1 = std::min(cols, c0 + t);
}

double MatmulScene::duration() const {
    return stepCount() * m_step;
}

void MatmulScene::update(double t) {
    m_t = std::clamp(t, 0.0, duration());
}

std::optional<DotProduct> MatmulScene::dotProduct(int i, int j) const {
    if (!m_c || i < 0 || j < 0 || i >= m_c->rows() || j >= m_c->cols()) return std::nullopt;
    DotProduct d;
    d.i = i;
    d.j = j;
    for (Eigen::Index p = 0; p < m_a.cols(); ++p)
        d.terms.emplace_back(m_a(i, p), m_b(p, j));
    d.value = (*m_c)(i, j); // the engine's value, which the terms must add up to
    return d;
}

std::optional<std::pair<int, int>> MatmulScene::focusCell() const {
    if (!m_c) return std::nullopt;
    if (m_cellParam) return m_cellParam;
    if (m_hover) return m_hover;
    const int s = int(std::floor(m_t / m_step));
    if (m_mode == Mode::Cells && s < stepCount()) {
        int r0, r1, c0, c1;
        stepRange(s, r0, r1, c0, c1);
        return std::make_pair(r0, c0);
    }
    return std::nullopt;
}

MatmulScene::Layout MatmulScene::layoutFor(float width, float height, float ts) const {
    Layout l;
    const float top = 56 * ts, bottom = 84 * ts, label = 90 * ts;
    const float cols = float(m_a.cols() + m_b.cols()) + kGap;
    const float rows = float(m_b.rows() + m_a.rows()) + kGap;
    l.cell = std::min((width - 40 - label) / cols, (height - top - bottom) / rows);
    l.cell = std::clamp(l.cell, 22.0f, 76.0f * ts);
    l.font = std::clamp(l.cell * 0.4f, 11.0f, 26.0f * ts);
    const float w = cols * l.cell + label;
    l.x0 = std::max(20.0f, (width - w) * 0.5f);
    l.y0 = top + std::max(0.0f, (height - top - bottom - rows * l.cell) * 0.5f);
    const float cx = l.x0 + (float(m_a.cols()) + kGap) * l.cell;
    const float cy = l.y0 + (float(m_b.rows()) + kGap) * l.cell;
    l.aPos = {l.x0, cy};
    l.bPos = {cx, l.y0};
    l.cPos = {cx, cy};
    return l;
}

void MatmulScene::drawGrid(render::Canvas& canvas, Vec2 pos, const Eigen::MatrixXd& m, float cell,
                           float font, const Palette& pal, const std::vector<bool>* shown,
                           GridPass pass) const {
    const Vec2 size(float(m.cols()) * cell, float(m.rows()) * cell);
    if (pass == GridPass::Fill) {
        canvas.fillRect(pos, pos + size, pal.panel.withAlpha(0.55f));
        return;
    }
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            const Vec2 p0 = pos + Vec2(float(c) * cell, float(r) * cell);
            if (pass == GridPass::Lines) {
                canvas.rectOutline(p0, p0 + Vec2(cell, cell), 1.0f, pal.grid);
                continue;
            }
            if (shown && !(*shown)[size_t(r * m.cols() + c)]) continue;
            const std::string s = prettyNumber(m(r, c), 3);
            float f = font;
            const float w = canvas.measureText(s, f).x();
            if (w > cell * 0.88f) f *= cell * 0.88f / w;
            canvas.text(p0 + Vec2(cell * 0.5f, cell * 0.5f), s, f, pal.text,
                        render::Anchor::Center);
        }
    if (pass == GridPass::Lines) canvas.rectOutline(pos, pos + size, 1.6f, pal.border);
}

void MatmulScene::drawMismatch(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float cols = float(m_a.cols() + m_b.cols()) + 1.5f;
    const float rows = float(std::max(m_a.rows(), m_b.rows()));
    const float cell =
        std::clamp(std::min((canvas.width() - 60) / cols, (canvas.height() - 200 * ts) / rows),
                   22.0f, 64.0f * ts);
    const float font = std::clamp(cell * 0.36f, 11.0f, 24.0f * ts);
    const float x0 = (canvas.width() - cols * cell) * 0.5f;
    const float y0 = 110 * ts;
    const Vec2 aPos(x0, y0), bPos(x0 + (float(m_a.cols()) + 1.5f) * cell, y0);
    for (GridPass pass : {GridPass::Fill, GridPass::Lines, GridPass::Numbers}) {
        drawGrid(canvas, aPos, m_a, cell, font, pal, nullptr, pass);
        drawGrid(canvas, bPos, m_b, cell, font, pal, nullptr, pass);
    }
    // The two dimensions that disagree, outlined in the error colour.
    canvas.rectOutline(
        {aPos.x() - 3, aPos.y() - 3},
        {aPos.x() + float(m_a.cols()) * cell + 3, aPos.y() + float(m_a.rows()) * cell + 3}, 2.0f,
        pal.error);
    canvas.rectOutline(
        {bPos.x() - 3, bPos.y() - 3},
        {bPos.x() + float(m_b.cols()) * cell + 3, bPos.y() + float(m_b.rows()) * cell + 3}, 2.0f,
        pal.error);
    canvas.text({x0 + (float(m_a.cols()) + 0.75f) * cell, y0 + rows * cell * 0.5f}, "@", 24 * ts,
                pal.textDim, render::Anchor::Center);
    canvas.text(aPos - Vec2(0, 6),
                "A " + shapeText(m_a.rows(), m_a.cols()) + ": " + std::to_string(m_a.cols()) +
                    " columns",
                15 * ts, pal.text, render::Anchor::BottomLeft);
    canvas.text(bPos - Vec2(0, 6),
                "B " + shapeText(m_b.rows(), m_b.cols()) + ": " + std::to_string(m_b.rows()) +
                    " rows",
                15 * ts, pal.text, render::Anchor::BottomLeft);
    // The engine's message, one clause per line ("...: 3 vs 2", then the rule), each shrunk to
    // fit the width rather than clipped.
    auto fitted = [&](const std::string& text, float size, float y, Color color) {
        const float w = canvas.measureText(text, size).x();
        if (w > canvas.width() - 32) size *= (canvas.width() - 32) / w;
        canvas.text({canvas.width() * 0.5f, y}, text, size, color, render::Anchor::Top);
    };
    const auto split = m_shapeMessage.find("; ");
    const std::string first = m_shapeMessage.substr(0, split);
    const std::string rule = split == std::string::npos ? "" : m_shapeMessage.substr(split + 2);
    fitted("Shapes do not fit: " + first, 18 * ts, 14, pal.error);
    if (!rule.empty()) fitted("the rule: " + rule, 15 * ts, 14 + 26 * ts, pal.text);
    fitted("A @ B needs A's columns to equal B's rows: each entry of C pairs a row of A with a "
           "column of B",
           14 * ts, canvas.height() - 40 * ts, pal.textDim);
}

void MatmulScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    if (!m_c) {
        drawMismatch(canvas, ctx);
        return;
    }
    const Eigen::MatrixXd& c = *m_c;
    m_layout = layoutFor(canvas.width(), canvas.height(), ts);
    const Layout& l = m_layout;
    const float cs = l.cell;

    // Which cells of C are filled at time t, and the step in progress.
    const int steps = stepCount();
    const int current = std::min(steps, int(std::floor(m_t / m_step + 1e-9)));
    const double frac = current < steps ? m_t / m_step - current : 1.0;
    std::vector<bool> shown(size_t(c.size()), false);
    for (int s = 0; s < std::min(current + 1, steps); ++s) {
        int r0, r1, c0, c1;
        stepRange(s, r0, r1, c0, c1);
        const bool done = s < current || frac >= (m_mode == Mode::Cells ? 0.8 : 0.5);
        for (int r = r0; r < r1; ++r)
            for (int q = c0; q < c1; ++q)
                shown[size_t(r * c.cols() + q)] = done;
    }

    // Highlights: the focus cell's row and column, or the tile in progress.
    const auto focus = focusCell();
    int hr0 = -1, hr1 = -1, hc0 = -1, hc1 = -1;
    if (focus) {
        hr0 = focus->first, hr1 = hr0 + 1, hc0 = focus->second, hc1 = hc0 + 1;
    } else if (m_mode == Mode::Tiles && current < steps) {
        stepRange(current, hr0, hr1, hc0, hc1);
    }
    // A cell picked by hand shows its value at once, whatever the animation has filled.
    if (focus && (m_cellParam || m_hover))
        shown[size_t(focus->first * c.cols() + focus->second)] = true;
    // The term being added while a cell animates (all terms once it is done).
    int activeTerm = -1, shownTerms = -1;
    if (focus && !m_cellParam && !m_hover && m_mode == Mode::Cells && current < steps) {
        const int k = int(m_a.cols());
        shownTerms = std::min(k, 1 + int(frac / 0.8 * k));
        activeTerm = frac < 0.8 ? shownTerms - 1 : -1;
    }

    // Solid geometry first and all text last: switching between the two starts a new draw
    // call, and the software renderer pays for every one.
    drawGrid(canvas, l.aPos, m_a, cs, l.font, pal, nullptr, GridPass::Fill);
    drawGrid(canvas, l.bPos, m_b, cs, l.font, pal, nullptr, GridPass::Fill);
    drawGrid(canvas, l.cPos, c, cs, l.font, pal, &shown, GridPass::Fill);
    const Color rowC = pal.iHat, colC = pal.jHat;
    Vec2 a0, a1, b0, b1, c0, c1;
    if (hr0 >= 0) {
        a0 = l.aPos + Vec2(0, float(hr0) * cs);
        a1 = l.aPos + Vec2(float(m_a.cols()) * cs, float(hr1) * cs);
        b0 = l.bPos + Vec2(float(hc0) * cs, 0);
        b1 = l.bPos + Vec2(float(hc1) * cs, float(m_b.rows()) * cs);
        c0 = l.cPos + Vec2(float(hc0) * cs, float(hr0) * cs);
        c1 = l.cPos + Vec2(float(hc1) * cs, float(hr1) * cs);
        canvas.fillRect(a0, a1, rowC.withAlpha(0.30f));
        canvas.fillRect(b0, b1, colC.withAlpha(0.30f));
        if (activeTerm >= 0) {
            const Vec2 ta = l.aPos + Vec2(float(activeTerm) * cs, float(hr0) * cs);
            const Vec2 tb = l.bPos + Vec2(float(hc0) * cs, float(activeTerm) * cs);
            canvas.fillRect(ta, ta + Vec2(cs, cs), rowC.withAlpha(0.45f));
            canvas.fillRect(tb, tb + Vec2(cs, cs), colC.withAlpha(0.45f));
        }
        // Faint bands across C: the row and column of the cell, continuing the guides.
        canvas.fillRect(l.cPos + Vec2(0, float(hr0) * cs),
                        l.cPos + Vec2(float(c.cols()) * cs, float(hr1) * cs),
                        rowC.withAlpha(0.08f));
        canvas.fillRect(l.cPos + Vec2(float(hc0) * cs, 0),
                        l.cPos + Vec2(float(hc1) * cs, float(c.rows()) * cs),
                        colC.withAlpha(0.08f));
        canvas.fillRect(c0, c1, pal.accent.withAlpha(0.18f));
    }
    drawGrid(canvas, l.aPos, m_a, cs, l.font, pal, nullptr, GridPass::Lines);
    drawGrid(canvas, l.bPos, m_b, cs, l.font, pal, nullptr, GridPass::Lines);
    drawGrid(canvas, l.cPos, c, cs, l.font, pal, &shown, GridPass::Lines);
    if (hr0 >= 0) {
        canvas.rectOutline(a0, a1, 2.2f, rowC);
        canvas.rectOutline(b0, b1, 2.2f, colC);
        canvas.rectOutline(c0, c1, 2.6f, pal.accent);
        // Guides from the row and the column to where they meet in C.
        const float ym = l.cPos.y() + (float(hr0 + hr1) * 0.5f) * cs;
        const float xm = l.cPos.x() + (float(hc0 + hc1) * 0.5f) * cs;
        canvas.dashedLine({a1.x() + 3, ym}, {l.cPos.x() - 3, ym}, 1.5f, rowC.withAlpha(0.8f), 5, 4);
        canvas.dashedLine({xm, b1.y() + 3}, {xm, l.cPos.y() - 3}, 1.5f, colC.withAlpha(0.8f), 5, 4);
    }
    drawGrid(canvas, l.aPos, m_a, cs, l.font, pal, nullptr, GridPass::Numbers);
    drawGrid(canvas, l.bPos, m_b, cs, l.font, pal, nullptr, GridPass::Numbers);
    drawGrid(canvas, l.cPos, c, cs, l.font, pal, &shown, GridPass::Numbers);

    // Labels with shapes.
    const float lf = 15 * ts;
    canvas.text(l.aPos - Vec2(0, 5), "A " + shapeText(m_a.rows(), m_a.cols()), lf, pal.iHat,
                render::Anchor::BottomLeft);
    // B's label in the empty corner to its left, where the row of A and column of B meet.
    canvas.text(l.bPos + Vec2(-8, float(m_b.rows()) * cs * 0.5f),
                "B " + shapeText(m_b.rows(), m_b.cols()), lf, pal.jHat, render::Anchor::Right);
    canvas.text(l.cPos + Vec2(float(c.cols()) * cs + 10, float(c.rows()) * cs * 0.5f),
                "C " + shapeText(c.rows(), c.cols()), lf, pal.accent, render::Anchor::Left);

    // The shape rule and the NumPy line.
    canvas.text({16, 14}, m_shapeMessage, 18 * ts, pal.text);
    canvas.text({16, 14 + 24 * ts},
                "(n,k) @ (k,m) \u2192 (n,m): inner dimensions " + std::to_string(m_a.cols()) +
                    " = " + std::to_string(m_b.rows()),
                13 * ts, pal.textDim);
    canvas.text({canvas.width() - 16, 14}, "NumPy:  C = A @ B", 16 * ts, pal.textDim,
                render::Anchor::TopRight);

    // The dot product (or the tile's block product) along the bottom.
    const float bottomY = canvas.height() - 36 * ts; // clear of the status line
    std::string line1, line2;
    if (focus) {
        const auto d = dotProduct(focus->first, focus->second);
        const std::string ij = std::to_string(d->i) + ", " + std::to_string(d->j);
        line1 = "C[" + ij + "] = A[" + std::to_string(d->i) + ", :] \u00b7 B[:, " +
                std::to_string(d->j) + "]";
        line2 = "= " + d->text(shownTerms);
    } else if (m_mode == Mode::Tiles && hr0 >= 0) {
        auto range = [](int a, int b) { return std::to_string(a) + ":" + std::to_string(b); };
        line1 = "C[" + range(hr0, hr1) + ", " + range(hc0, hc1) + "] = A[" + range(hr0, hr1) +
                ", :] @ B[:, " + range(hc0, hc1) + "]";
        line2 = "a " + shapeText(hr1 - hr0, m_a.cols()) + " block times a " +
                shapeText(m_b.rows(), hc1 - hc0) +
                " block: " + std::to_string((hr1 - hr0) * (hc1 - hc0)) +
                " dot products, rows of A and "
                "columns of B reused across the tile";
    } else {
        line1 = "Hover a cell of C to see its dot product";
    }
    float f2 = 19 * ts;
    if (!line2.empty()) {
        const float w = canvas.measureText(line2, f2).x();
        if (w > canvas.width() - 32) f2 = std::max(10.0f, f2 * (canvas.width() - 32) / w);
        canvas.text({16, bottomY}, line2, f2, pal.text, render::Anchor::BottomLeft, pal.background);
    }
    canvas.text({16, bottomY - (line2.empty() ? 0 : f2 * 1.35f)}, line1, 15 * ts,
                line2.empty() ? pal.textDim : pal.accent, render::Anchor::BottomLeft,
                pal.background);
}

void MatmulScene::input(const ViewportInput& in, const SceneContext&) {
    m_hover.reset();
    if (!in.hovered || !m_c) return;
    const Vec2 rel = (in.mouse - m_layout.cPos) / m_layout.cell;
    const int r = int(std::floor(rel.y())), q = int(std::floor(rel.x()));
    if (r >= 0 && q >= 0 && r < m_c->rows() && q < m_c->cols()) m_hover = std::make_pair(r, q);
}

std::string MatmulScene::statusLine() const {
    if (!m_c) return "Shapes do not fit: make A's columns equal B's rows";
    return "Hover a cell of C for its dot product \u00b7 Space plays the fill";
}

void MatmulScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Shapes", pal);
    ImGui::PushStyleColor(ImGuiCol_Text, m_c ? ImVec4(pal.text.r, pal.text.g, pal.text.b, 1)
                                             : ImVec4(pal.error.r, pal.error.g, pal.error.b, 1));
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(m_shapeMessage.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::TextDisabled("NumPy: C = A @ B");

    auto editor = [&](const char* label, const char* param, Eigen::MatrixXd m,
                      widgets::MatrixEditorState& state, style::Color color) {
        widgets::sectionHeader(label, pal);
        ImGui::PushID(param);
        int rows = int(m.rows()), cols = int(m.cols());
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
        bool reshape = ImGui::InputInt("rows", &rows);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
        reshape |= ImGui::InputInt("columns", &cols);
        rows = std::clamp(rows, 1, kMaxDim);
        cols = std::clamp(cols, 1, kMaxDim);
        if (reshape && (rows != m.rows() || cols != m.cols())) {
            setParam(param, resized(m, rows, cols));
        } else if (widgets::matrixEditor(param, m, state,
                                         std::vector<style::Color>(size_t(cols), color), pal,
                                         52.0f)) {
            setParam(param, m);
        }
        ImGui::PopID();
    };
    editor("Matrix A", "matrix_a", m_a, m_editA, pal.iHat);
    editor("Matrix B", "matrix_b", m_b, m_editB, pal.jHat);

    widgets::sectionHeader("Animation", pal);
    int mode = int(m_mode);
    bool modeChanged = ImGui::RadioButton("cell by cell", &mode, 0);
    ImGui::SameLine();
    modeChanged |= ImGui::RadioButton("tile by tile", &mode, 1);
    if (modeChanged) setParam("mode", std::string(mode == 0 ? "cells" : "tiles"));
    if (m_mode == Mode::Tiles) {
        int tile = m_tile;
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        if (ImGui::SliderInt("tile size", &tile, 1, kMaxDim)) setParam("tile", double(tile));
    }
    float step = float(m_step);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::SliderFloat("seconds per step", &step, 0.1f, 5.0f, "%.1f"))
        setParam("step", double(step));
    if (m_cellParam && ImGui::Button("follow the animation again")) setParam("cell", std::string());

    if (m_c) {
        widgets::sectionHeader("Result C", pal);
        ImGui::TextUnformatted(engine::formatMatrix(*m_c, 4).c_str());
    }

    // Composition: a 2x2 product is two maps of the plane applied in turn.
    widgets::sectionHeader("As maps of the plane", pal);
    ImGui::PushTextWrapPos(0);
    if (const auto l = link()) {
        ImGui::TextUnformatted("A and B are 2x2, so each is a map of the plane, and C = AB is "
                               "the map 'first B, then A'.");
        if (ImGui::Button(l->label.c_str())) followLink();
        ImGui::TextDisabled("opens Linear maps in 2D in compose mode with these A and B");
    } else {
        ImGui::TextDisabled("With 2x2 A and B, AB opens as a composition of maps of the plane "
                            "(Linear maps in 2D).");
    }
    ImGui::PopTextWrapPos();
}

std::optional<SceneLink> MatmulScene::link() const {
    if (m_a.rows() != 2 || m_a.cols() != 2 || m_b.rows() != 2 || m_b.cols() != 2) return {};
    SceneLink l;
    l.sceneId = "plane2d";
    l.label = "Open AB as maps: first B, then A";
    l.params = {{"A", m_a}, {"matrix_b", m_b}, {"mode", std::string("compose")}};
    return l;
}

} // namespace linscape::scenes
