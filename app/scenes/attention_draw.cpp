// The attention scene's picture: header with the PyTorch line, the X/Q/K/V column, the scores and
// weights heatmaps with token labels and colour bars, the context vectors, the hovered cell's
// arithmetic, and every head's weights side by side. Layout scales with the viewport.
#include "scenes/attention_scene.h"

#include "scenes/draw2d.h"

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

std::string rule(long n, long k, long k2, long m) {
    auto s = [](long r, long c) { return "(" + std::to_string(r) + "," + std::to_string(c) + ")"; };
    return s(n, k) + " @ " + s(k2, m) + " \u2192 " + s(n, m);
}

std::string plural(long n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

void rangeOf(const HeatmapMatrix& m, float& lo, float& hi) {
    lo = m.size() ? m.minCoeff() : 0.0f;
    hi = m.size() ? m.maxCoeff() : 1.0f;
    if (!(hi > lo)) hi = lo + 1.0f;
}

} // namespace

void AttentionScene::rebuildHeatmaps(const Palette& pal) {
    const engine::AttentionResult& r = m_result;
    const int n = int(m_input.x.rows());
    // Blocked cells: what the masks hide (their weights are exactly 0; their scores do not count).
    HeatmapMask blocked = HeatmapMask::Constant(n, n, false);
    bool anyBlocked = false;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const bool b = (m_input.causal && j > i) ||
                           (!m_input.padding.empty() && m_input.padding[size_t(j)]);
            blocked(i, j) = b;
            anyBlocked |= b;
        }
    const Color maskColor = pal.panelAlt;
    const HeatmapMask* mask = anyBlocked ? &blocked : nullptr;
    auto setAuto = [](Heatmap& h, const HeatmapMatrix& m) {
        float lo, hi;
        rangeOf(m, lo, hi);
        h.set(m, lo, hi);
    };
    const engine::AttentionHead& h = r.heads[size_t(selectedHead())];
    if (m_projectionBuilt != m_projectionVersion || m_projectionHead != selectedHead() ||
        m_heatmapPalette != &pal) {
        setAuto(m_x, m_input.x);
        setAuto(m_q, h.q);
        setAuto(m_k, h.k);
        setAuto(m_v, h.v);
        m_projectionBuilt = m_projectionVersion;
        m_projectionHead = selectedHead();
    }
    setAuto(m_out, r.output);
    // The scores' range counts only what softmax sees.
    float lo = 0, hi = 1;
    bool first = true;
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            if (mask && blocked(i, j)) continue;
            const float v = h.scores(i, j);
            lo = first ? v : std::min(lo, v);
            hi = first ? v : std::max(hi, v);
            first = false;
        }
    if (!(hi > lo)) hi = lo + 1;
    m_scores.set(h.scores, lo, hi, mask, maskColor);
    // Weights from 0 to the largest weight, so a saturated head shows one bright cell per row.
    float wmax = h.weights.size() ? h.weights.maxCoeff() : 1.0f;
    if (!(wmax > 0)) wmax = 1;
    m_weights.set(h.weights, 0, wmax, mask, maskColor);
    m_headWeights.resize(r.heads.size());
    if (r.heads.size() > 1)
        for (size_t k = 0; k < r.heads.size(); ++k) {
            float mx = r.heads[k].weights.maxCoeff();
            m_headWeights[k].set(r.heads[k].weights, 0, mx > 0 ? mx : 1.0f, mask, maskColor);
        }
    m_heatmapPalette = &pal;
}

void AttentionScene::drawHeader(Canvas& canvas, const Palette& pal, float f, float y) {
    const float x = std::round(std::max(8.0f, canvas.width() * 0.012f));
    const AttentionSetup& s = m_good;
    const int dk = s.heads > 0 ? s.dModel / s.heads : 0;
    std::string info = plural(long(s.tokens.size()), "token") + " \u00b7 d_model " +
                       std::to_string(s.dModel) + " \u00b7 " + plural(s.heads, "head") +
                       " \u00b7 d_k " + std::to_string(dk);
    if (s.heads > 1) info += " \u00b7 showing head " + std::to_string(selectedHead() + 1);
    const std::string title = "Attention  softmax(QK\u1d40/\u221Ad_k) V";
    canvas.text({x, y}, title, f * 1.1f, pal.text);
    const float tw = canvas.measureText(title, f * 1.1f).x();
    canvas.text({x + tw + f * 1.2f, y + f * 0.1f}, info, f * 0.9f, pal.textDim);
    std::string scores = "Q @ K.T";
    if (s.scale) scores += " / np.sqrt(d_k)";
    if (s.temperature != 1.0f) scores += " / " + prettyNumber(s.temperature, 3);
    std::string code = "torch.softmax(" + scores + ", dim=-1) @ V";
    if (s.causal || s.pad > 0) code += "    # masked scores = -inf before softmax";
    canvas.text({x, y + f * 1.55f}, code, f * 0.88f, pal.accent);
}

float AttentionScene::drawMatrixThumb(Canvas& canvas, const Palette& pal, float f, Vec2 at, float w,
                                      float h, const Heatmap& map, const std::string& name,
                                      const std::string& ruleText) {
    canvas.text(at, fitText(canvas, name, f, w), f, pal.text);
    float y = at.y() + f * 1.25f;
    if (!ruleText.empty()) {
        // A rule that does not fit loses its spaces before it loses characters.
        std::string text = ruleText;
        if (canvas.measureText(text, f * 0.82f).x() > w)
            for (const char* spaced : {" @ ", " \u2192 "})
                for (size_t pos = text.find(spaced); pos != std::string::npos;
                     pos = text.find(spaced))
                    text.replace(pos, std::string(spaced).size(),
                                 std::string(spaced).substr(1, std::string(spaced).size() - 2));
        canvas.text({at.x(), y}, fitText(canvas, text, f * 0.82f, w), f * 0.82f, pal.textDim);
        y += f * 1.15f;
    }
    drawHeatmap(canvas, map, {{at.x(), y + 2}, {at.x() + w, y + 2 + h}}, pal);
    return y + 2 + h;
}

void AttentionScene::drawReadout(Canvas& canvas, const Palette& pal, float f, const Rect& r,
                                 int columns) {
    const auto c = readout();
    // Lines flow down, then into the next column (`columns` of them, side by side).
    const float line = f * 1.35f;
    const int perColumn = std::max(1, int(std::ceil(6.0f / float(columns))));
    const float colW = r.width() / float(columns);
    int index = 0;
    auto put = [&](const std::string& s, Color color, float size) {
        const int col = index / perColumn, row = index % perColumn;
        ++index;
        const float y = r.min.y() + line * row;
        if (y + size > r.max.y()) return;
        const float x = r.min.x() + colW * col;
        canvas.text({x, y}, fitText(canvas, s, size, colW - 8), size, color);
    };
    if (!c) {
        float y = r.min.y();
        for (const std::string& l :
             wrapText(canvas,
                      "Hover a cell of the scores or the weights: its dot product, scaled score, "
                      "weight and row sum",
                      f * 0.9f, r.width() - 8)) {
            if (y + f > r.max.y()) break;
            canvas.text({r.min.x(), y}, l, f * 0.9f, pal.textDim);
            y += line;
        }
        return;
    }
    const auto& tok = m_good.tokens;
    const std::string i = std::to_string(c->row), j = std::to_string(c->col);
    put("weights[" + i + ", " + j + "]", pal.highlight, f);
    put("'" + tok[size_t(c->row)] + "' \u2192 '" + tok[size_t(c->col)] + "'", pal.textDim,
        f * 0.9f);
    put("Q[" + i + "]\u00b7K[" + j + "] = " + prettyNumber(c->dot, 4), pal.text, f * 0.9f);
    const int dk = m_good.dModel / m_good.heads;
    std::string div;
    if (m_good.scale) div = "\u00f7 \u221A" + std::to_string(dk);
    if (m_good.temperature != 1.0f)
        div += (div.empty() ? "\u00f7 " : " \u00f7 ") + prettyNumber(m_good.temperature, 3);
    put((div.empty() ? std::string("unscaled") : div) + " = " + prettyNumber(c->scaled, 4),
        pal.text, f * 0.9f);
    if (c->masked)
        put("masked: \u2212\u221E \u2192 weight 0", pal.warning, f * 0.9f);
    else
        put("softmax \u2192 " + prettyNumber(c->weight, 4), pal.text, f * 0.9f);
    put("row " + i + " sums to " + prettyNumber(c->rowSum, 4), pal.success, f * 0.9f);
}

void AttentionScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const engine::AttentionResult* r = result();
    if (!r) return;
    if (m_heatmapVersion != m_computedVersion || m_heatmapPalette != &pal ||
        m_heatmapHead != selectedHead()) {
        rebuildHeatmaps(pal);
        m_heatmapVersion = m_computedVersion;
        m_heatmapHead = selectedHead();
    }
    const float W = canvas.width(), H = canvas.height();
    const float ts = ctx.textScale;
    const float f = std::clamp(std::min(W / 52.0f, H / 29.0f), 10.5f, 16.0f) * ts;
    const float fs = std::max(10.0f, f * 0.86f);
    const float m = std::round(std::max(8.0f, W * 0.012f));
    const float gap = std::round(std::max(10.0f, W * 0.02f));
    const AttentionSetup& s = m_good;
    const int n = int(s.tokens.size());
    const int dk = s.dModel / s.heads;
    const int hsel = selectedHead();
    const auto hover = hoveredCell();
    const std::vector<std::string> tokens = labels();
    const bool multi = r->heads.size() > 1;

    drawHeader(canvas, pal, f, m);
    float top = m + f * 3.0f;
    if (!m_problem.empty()) {
        const std::string why =
            fitText(canvas, m_problem + " \u00b7 showing the last good input", f, W - 2 * m - 10);
        const Vec2 ext = canvas.measureText(why, f);
        canvas.fillRoundedRect({m - 4, top - 2}, {m + ext.x() + 8, top + ext.y() + 4}, 4,
                               pal.error.withAlpha(0.16f));
        canvas.text({m + 2, top}, why, f, pal.error);
        top += f * 1.7f;
    }

    // A tall viewport (the window with its panels) moves the context vectors into the bottom
    // row and the readout under the maps, so the two maps can grow; a wide one keeps a column.
    const bool tall = H > W * 0.62f;
    const float thumbLines = f * 1.25f + fs * 1.15f + 2;
    const float thumbH = std::floor(std::clamp(H * 0.13f, 22.0f, 110.0f));
    const float rowB = thumbLines + thumbH;
    const float headsRowH = multi && tall ? std::clamp(H * 0.17f, 56.0f, 160.0f) : 0.0f;
    const float yB = H - m - rowB - (headsRowH > 0 ? headsRowH + gap * 0.6f : 0.0f);
    const float bottom = yB - gap * 0.8f;

    // Every head's weights, in `avail` x `room` at (x0, y0).
    m_headRects.clear();
    auto drawHeads = [&](float x0, float y0, float avail, float room) {
        const int heads = int(r->heads.size());
        canvas.text({x0, y0}, "every head's weights (click to enlarge)", f * 0.9f, pal.text);
        const float cellGap = std::max(5.0f, f * 0.45f);
        room -= f * 1.3f + fs * 1.2f;
        // One row while the thumbnails stay readable, else two.
        int perRow = heads;
        float t = std::min(room, (avail - cellGap * (heads - 1)) / heads);
        if (t < room * 0.55f && heads > 2) {
            perRow = (heads + 1) / 2;
            t = std::min((room - fs * 1.2f) * 0.5f, (avail - cellGap * (perRow - 1)) / perRow);
        }
        t = std::floor(std::max(t, 6.0f));
        for (int k = 0; k < heads; ++k) {
            const float x = x0 + (k % perRow) * (t + cellGap);
            const float y = y0 + f * 1.3f + (k / perRow) * (t + fs * 1.2f);
            const Rect rect{{x, y}, {x + t, y + t}};
            m_headRects.push_back(rect);
            drawHeatmap(canvas, m_headWeights[size_t(k)], rect, pal);
            if (k == hsel)
                canvas.rectOutline(rect.min - Vec2(2, 2), rect.max + Vec2(2, 2), 2.0f, pal.accent);
            canvas.text({x + t * 0.5f, rect.max.y() + 1},
                        (t > fs * 3.2f ? "head " : "") + std::to_string(k + 1), fs * 0.9f,
                        k == hsel ? pal.accent : pal.textDim, render::Anchor::Top);
        }
    };
    // A thumbnail of (n, cols) with the hovered row outlined.
    auto outlineRow = [&](float x, float y0, float w, float h, int row) {
        const float ch = h / float(n);
        canvas.rectOutline({x - 1, y0 + ch * row - 1}, {x + w + 1, y0 + ch * (row + 1) + 1}, 1.5f,
                           pal.highlight);
    };
    const std::string outName = "out = weights V " + shapeText(n, s.dModel);
    const std::string outRule =
        multi ? "each head " + rule(n, n, n, dk) + ", then concat" : rule(n, n, n, dk);

    // Bottom row: X and the shown head's Q, K, V (and the context vectors, or the heads).
    {
        const int count = tall ? 5 : 4;
        const float rowW = multi && !tall ? (W - 2 * m) * 0.62f : W - 2 * m;
        const float tgap = multi && !tall ? std::round(gap * 0.6f) : gap;
        const float tw = std::floor((rowW - (count - 1) * tgap) / count);
        const std::string cols =
            multi ? "[:, " + std::to_string(hsel * dk) + ":" + std::to_string((hsel + 1) * dk) + "]"
                  : std::string();
        drawMatrixThumb(canvas, pal, f, {m, yB}, tw, thumbH, m_x, "X " + shapeText(n, s.dModel),
                        "tokens \u00d7 d_model");
        const char* names[3] = {"Q", "K", "V"};
        const Heatmap* maps[3] = {&m_q, &m_k, &m_v};
        for (int k = 0; k < 3; ++k) {
            const float x = m + (k + 1) * (tw + tgap);
            const std::string name = names[k];
            drawMatrixThumb(canvas, pal, f, {x, yB}, tw, thumbH, *maps[k],
                            name + (multi ? "" : " = X W_" + name) + " " + shapeText(n, dk) +
                                (multi ? " = X W_" + name + cols : ""),
                            rule(n, s.dModel, s.dModel, dk));
            // The hovered query's row of Q and key's row of K.
            if (hover && k < 2)
                outlineRow(x, yB + thumbLines, tw, thumbH, k == 0 ? hover->first : hover->second);
        }
        if (tall) {
            const float x = m + 4 * (tw + tgap);
            drawMatrixThumb(canvas, pal, f, {x, yB}, tw, thumbH, m_out, outName, outRule);
            if (hover) outlineRow(x, yB + thumbLines, tw, thumbH, hover->first);
        }
        if (multi && !tall) drawHeads(m + rowW + gap, yB, W - m - (m + rowW + gap), rowB);
        if (multi && tall) drawHeads(m, H - m - headsRowH, W - 2 * m, headsRowH);
    }

    // Main row: scores and weights side by side, then the context vectors and the readout.
    const float colD = tall ? 0.0f : std::round(std::clamp(W * 0.2f, 130.0f, 300.0f));
    const float half = (W - 2 * m - (tall ? 0.0f : colD + gap) - gap) * 0.5f;
    const float barW = std::max(7.0f, f * 0.6f);
    const float barLabels = canvas.measureText("\u22120.000", fs).x() + 6;
    const float rowLabelW = std::clamp(half * 0.2f, 34.0f, 84.0f);
    const float colLabelH = 2 * fs * 1.15f + 4;
    const bool masked = s.causal || s.pad > 0;
    const float captionH = f * 1.3f + fs * 1.3f + 4 + (masked ? fs * 1.5f : 0.0f) + fs * 1.5f;
    const float readoutH = tall ? f * 1.35f * 3 + 6 : 0.0f;
    const float side =
        std::floor(std::max(24.0f, std::min(half - rowLabelW - barW - barLabels - 10,
                                            bottom - top - colLabelH - captionH - readoutH)));
    const float mapTop = top + colLabelH;
    auto drawMap = [&](float x0, const Heatmap& map, Rect& out, const std::string& name,
                       const std::string& ruleText) {
        const Rect rect{{x0 + rowLabelW, mapTop}, {x0 + rowLabelW + side, mapTop + side}};
        out = rect;
        drawHeatmap(canvas, map, rect, pal);
        drawRowLabels(canvas, rect, tokens, fs, rowLabelW - 6, pal.textDim,
                      hover ? hover->first : -1, pal.highlight);
        drawColumnLabels(canvas, rect, tokens, fs, pal.textDim, hover ? hover->second : -1,
                         pal.highlight);
        const Rect bar{{rect.max.x() + 6, rect.min.y()}, {rect.max.x() + 6 + barW, rect.max.y()}};
        drawColorBar(canvas, bar, map.lo(), map.hi(), pal, fs);
        if (hover) {
            const Rect cell = heatmapCellRect(map, rect, hover->first, hover->second);
            const Rect rowR = heatmapCellRect(map, rect, hover->first, 0);
            canvas.rectOutline({rect.min.x(), rowR.min.y()}, {rect.max.x(), rowR.max.y()}, 1.0f,
                               pal.highlight.withAlpha(0.45f));
            canvas.rectOutline(cell.min - Vec2(1, 1), cell.max + Vec2(1, 1), 2.0f, pal.highlight);
        }
        canvas.text({rect.min.x(), rect.max.y() + 4}, name, f, pal.text);
        canvas.text({rect.min.x(), rect.max.y() + 4 + f * 1.3f},
                    fitText(canvas, ruleText, fs, half - rowLabelW), fs, pal.textDim);
        // Axis names in the corner the labels leave free.
        canvas.text({x0, top}, "query \u2193", fs * 0.92f, pal.textDim);
        canvas.text({x0, top + fs * 1.15f}, "key \u2192", fs * 0.92f, pal.textDim);
    };
    const float xB = m, xC = m + half + gap;
    drawMap(xB, m_scores, m_scoresRect,
            s.scale ? "scores = QK\u1d40 / \u221Ad_k" : "scores = QK\u1d40 (unscaled)",
            rule(n, dk, dk, n));
    drawMap(xC, m_weights, m_weightsRect, "weights = softmax(scores)",
            "softmax(dim=-1): each row sums to 1");
    float below = mapTop + side + 4 + f * 1.3f + fs * 1.4f;
    if (masked) {
        // What the grey cells are.
        const float x = xB + rowLabelW;
        canvas.fillRect({x, below + 1}, {x + fs, below + fs}, pal.panelAlt);
        canvas.rectOutline({x, below + 1}, {x + fs, below + fs}, 1, pal.border);
        canvas.text({x + fs * 1.5f, below},
                    fitText(canvas,
                            std::string("masked: ") + (s.causal ? "a later token" : "") +
                                (s.causal && s.pad ? ", " : "") + (s.pad ? "a [PAD] key" : "") +
                                "; its score becomes \u2212\u221E, its weight 0",
                            fs, W - m - x - fs * 1.5f),
                    fs, pal.textDim);
        below += fs * 1.5f;
    }

    {
        // How peaked the softmax is: the mean over rows of the largest weight (1/n is uniform,
        // 1 is one token taking everything), the number the √d_k switch and temperature move.
        const auto& w = r->heads[size_t(hsel)].weights;
        double peak = 0;
        int rows = 0;
        for (Eigen::Index i = 0; i < w.rows(); ++i) {
            const double mx = double(w.row(i).maxCoeff());
            if (mx > 0) {
                peak += mx;
                ++rows;
            }
        }
        peak = rows ? peak / rows : 0;
        const bool saturated = peak > 0.9 && n > 1;
        const std::string text = "mean largest weight per row: " + prettyNumber(peak, 3) +
                                 " (uniform: 1/" + std::to_string(n) + ")" +
                                 (saturated ? ": saturated, one token takes nearly all" : "");
        if (below + fs < bottom) {
            canvas.text({xB + rowLabelW, below},
                        fitText(canvas, text, fs, W - m - colD - xB - rowLabelW - gap), fs,
                        saturated ? pal.warning : pal.textDim);
            below += fs * 1.5f;
        }
    }
    if (tall) {
        // The readout in three columns of two lines under the maps.
        drawReadout(canvas, pal, f, {{xB + rowLabelW, below + 4}, {W - m, bottom}}, 3);
    } else {
        const float x = W - m - colD;
        const float th = std::floor(std::clamp((bottom - top) * 0.32f, 16.0f, 130.0f));
        const float y =
            drawMatrixThumb(canvas, pal, f, {x, top}, colD, th, m_out, outName, outRule);
        if (hover) outlineRow(x, top + thumbLines, colD, th, hover->first);
        canvas.text({x, y + 3}, fitText(canvas, "one row per token", fs, colD), fs, pal.textDim);
        drawReadout(canvas, pal, f, {{x, y + f * 2.0f}, {x + colD, bottom}}, 1);
    }
}

} // namespace linscape::scenes
