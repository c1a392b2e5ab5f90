// Heatmap textures, the viridis colour map, colour bars and thinned axis labels; see heatmap.h.
#include "scenes/heatmap.h"

#include "imaging/image.h"
#include "scenes/draw2d.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace linscape::scenes {
namespace {

// viridis sampled at 10 evenly spaced points (matplotlib's data); linear interpolation between
// neighbours stays within a few units of the full 256-entry table.
constexpr std::array<std::array<float, 3>, 10> kViridis = {{
    {0x44, 0x01, 0x54},
    {0x48, 0x28, 0x78},
    {0x3E, 0x4A, 0x89},
    {0x31, 0x68, 0x8E},
    {0x26, 0x82, 0x8E},
    {0x1F, 0x9E, 0x89},
    {0x35, 0xB7, 0x79},
    {0x6D, 0xCD, 0x59},
    {0xB4, 0xDE, 0x2C},
    {0xFD, 0xE7, 0x25},
}};

std::array<std::uint8_t, 4> toBytes(Color c) {
    auto b = [](float v) { return std::uint8_t(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f); };
    return {b(c.r), b(c.g), b(c.b), b(c.a)};
}

// A 256-entry byte table, so filling a 512x512 texture is one lookup per texel.
const std::array<std::array<std::uint8_t, 4>, 256>& viridisTable() {
    static const auto table = [] {
        std::array<std::array<std::uint8_t, 4>, 256> t{};
        for (int i = 0; i < 256; ++i)
            t[size_t(i)] = toBytes(viridis(float(i) / 255.0f));
        return t;
    }();
    return table;
}

} // namespace

Color viridis(float t) {
    if (!(t >= 0)) t = 0; // NaN too
    t = std::min(t, 1.0f);
    const float x = t * float(kViridis.size() - 1);
    const int i = std::min(int(x), int(kViridis.size()) - 2);
    const float f = x - float(i);
    const auto& a = kViridis[size_t(i)];
    const auto& b = kViridis[size_t(i + 1)];
    return {(a[0] + (b[0] - a[0]) * f) / 255.0f, (a[1] + (b[1] - a[1]) * f) / 255.0f,
            (a[2] + (b[2] - a[2]) * f) / 255.0f, 1.0f};
}

Heatmap::Heatmap() {
    m_image.id = render::nextCanvasImageId();
    m_image.nearest = true;
}

void Heatmap::set(const HeatmapMatrix& values, float lo, float hi, const HeatmapMask* blocked,
                  Color blockedColor) {
    m_rows = int(values.rows());
    m_cols = int(values.cols());
    m_lo = lo;
    m_hi = hi;
    if (m_rows == 0 || m_cols == 0) {
        m_image.pixels.reset();
        ++m_image.version;
        return;
    }
    // Reuse the pixel buffer when no texture still holds it (the canvas copies the shared_ptr
    // only for the frame it is drawn in).
    std::shared_ptr<imaging::Image> img;
    if (m_image.pixels && m_image.pixels.use_count() == 1 && m_image.pixels->width == m_cols &&
        m_image.pixels->height == m_rows)
        img = std::const_pointer_cast<imaging::Image>(m_image.pixels);
    else
        img = std::make_shared<imaging::Image>(m_cols, m_rows);
    const auto& table = viridisTable();
    const float span = hi > lo ? hi - lo : 1.0f;
    const float k = 255.0f / span;
    const bool useMask = blocked && blocked->rows() == m_rows && blocked->cols() == m_cols;
    const auto maskBytes = toBytes(blockedColor);
    std::uint8_t* out = img->rgba.data();
    for (int r = 0; r < m_rows; ++r) {
        const float* row = values.data() + size_t(r) * size_t(m_cols);
        for (int c = 0; c < m_cols; ++c, out += 4) {
            const std::array<std::uint8_t, 4>* px = &maskBytes;
            if (!useMask || !(*blocked)(r, c)) {
                float v = (row[c] - lo) * k;
                v = v >= 0 ? (v <= 255.0f ? v : 255.0f) : 0.0f; // NaN goes to 0
                px = &table[size_t(v + 0.5f)];
            }
            std::copy(px->begin(), px->end(), out);
        }
    }
    m_image.pixels = std::move(img);
    // Past a few hundred cells a side the map is shown smaller than one pixel per cell: blend
    // neighbours rather than let nearest sampling skip whole rows and columns.
    m_image.nearest = m_rows <= 256 && m_cols <= 256;
    ++m_image.version;
}

void drawHeatmap(Canvas& canvas, const Heatmap& map, const Rect& r, const Palette& pal) {
    if (map.empty()) return;
    // Snap to whole pixels so nearest sampling gives cells of even width.
    const Vec2 a(std::round(r.min.x()), std::round(r.min.y()));
    const Vec2 b(std::round(r.max.x()), std::round(r.max.y()));
    canvas.image(map.image(), a, b);
    canvas.rectOutline(a - Vec2(0.5f, 0.5f), b + Vec2(0.5f, 0.5f), 1.0f, pal.border);
}

std::optional<std::pair<int, int>> heatmapCellAt(const Heatmap& map, const Rect& r, Vec2 p) {
    if (map.empty() || !r.contains(p)) return std::nullopt;
    const int col =
        std::clamp(int((p.x() - r.min.x()) / r.width() * map.cols()), 0, map.cols() - 1);
    const int row =
        std::clamp(int((p.y() - r.min.y()) / r.height() * map.rows()), 0, map.rows() - 1);
    return std::make_pair(row, col);
}

Rect heatmapCellRect(const Heatmap& map, const Rect& r, int row, int col) {
    const float cw = r.width() / float(std::max(1, map.cols()));
    const float ch = r.height() / float(std::max(1, map.rows()));
    return {{r.min.x() + cw * col, r.min.y() + ch * row},
            {r.min.x() + cw * (col + 1), r.min.y() + ch * (row + 1)}};
}

void drawColorBar(Canvas& canvas, const Rect& r, float lo, float hi, const Palette& pal,
                  float textSize) {
    const int steps = 48;
    const float h = r.height() / steps;
    for (int i = 0; i < steps; ++i) {
        const float t0 = float(i) / steps;
        const float y1 = r.max.y() - h * i;
        canvas.fillRect({r.min.x(), y1 - h - 0.5f}, {r.max.x(), y1}, viridis(t0 + 0.5f / steps));
    }
    canvas.rectOutline(r.min, r.max, 1.0f, pal.border);
    const float x = r.max.x() + 4;
    canvas.text({x, r.min.y()}, prettyNumber(hi, 3), textSize, pal.textDim, render::Anchor::Left);
    canvas.text({x, r.max.y()}, prettyNumber(lo, 3), textSize, pal.textDim, render::Anchor::Left);
    if (r.height() > textSize * 4)
        canvas.text({x, (r.min.y() + r.max.y()) * 0.5f}, prettyNumber((lo + hi) * 0.5f, 3),
                    textSize, pal.textDim, render::Anchor::Left);
}

std::string fitText(const Canvas& canvas, const std::string& text, float size, float maxWidth) {
    if (canvas.measureText(text, size).x() <= maxWidth) return text;
    // Cut on UTF-8 boundaries, longest prefix first.
    std::vector<size_t> cuts;
    for (size_t i = 1; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) cuts.push_back(i);
    for (auto it = cuts.rbegin(); it != cuts.rend(); ++it) {
        std::string s = text.substr(0, *it) + "\u2026";
        if (canvas.measureText(s, size).x() <= maxWidth) return s;
    }
    return text.empty() ? text : text.substr(0, cuts.empty() ? text.size() : cuts.front());
}

int drawRowLabels(Canvas& canvas, const Rect& map, const std::vector<std::string>& labels,
                  float textSize, float maxWidth, Color color, int highlight,
                  Color highlightColor) {
    const int n = int(labels.size());
    if (n == 0) return 1;
    const float cell = map.height() / n;
    const int step = std::max(1, int(std::ceil(textSize * 1.1f / cell)));
    const float x = map.min.x() - 5;
    for (int i = 0; i < n; i += step) {
        if (highlight >= 0 && std::abs(i - highlight) < step) continue;
        const float cy = map.min.y() + cell * (i + 0.5f);
        canvas.text({x - (step > 1 ? 2 : 0), cy},
                    fitText(canvas, labels[size_t(i)], textSize, maxWidth), textSize, color,
                    render::Anchor::Right);
        if (step > 1) canvas.line({map.min.x() - 3.5f, cy}, {map.min.x(), cy}, 1.0f, color);
    }
    if (highlight >= 0 && highlight < n)
        canvas.text({x, map.min.y() + cell * (highlight + 0.5f)},
                    fitText(canvas, labels[size_t(highlight)], textSize, maxWidth), textSize,
                    highlightColor, render::Anchor::Right);
    return step;
}

int drawColumnLabels(Canvas& canvas, const Rect& map, const std::vector<std::string>& labels,
                     float textSize, Color color, int highlight, Color highlightColor) {
    const int n = int(labels.size());
    if (n == 0) return 1;
    const float cell = map.width() / n;
    const float line = textSize * 1.15f;
    // Labels get about five characters (longer ones are shortened); shorter ones keep their width.
    float want = 0;
    for (const auto& l : labels)
        want = std::max(want, canvas.measureText(l, textSize).x());
    want = std::min(want, canvas.measureText("abcde", textSize).x()) + 4;
    const bool oneLine = cell >= want;
    const int step = oneLine ? 1 : std::max(1, int(std::ceil(want / (2 * cell))));
    const float room = oneLine ? cell - 3 : 2 * cell * step - 4;
    int k = 0;
    for (int j = 0; j < n; j += step, ++k) {
        const bool lower = oneLine || k % 2 == 0;
        // The highlighted label sits on the lower line: drop the lower labels it would cover.
        if (highlight >= 0 && (j == highlight || (lower && std::abs(j - highlight) * cell < want)))
            continue;
        const float y = map.min.y() - 3 - (lower ? 0 : line);
        const float cx = map.min.x() + cell * (j + 0.5f);
        canvas.text({cx, y}, fitText(canvas, labels[size_t(j)], textSize, room), textSize, color,
                    render::Anchor::Bottom);
        if (step > 1) canvas.line({cx, map.min.y() - 2.5f}, {cx, map.min.y()}, 1.0f, color);
    }
    if (highlight >= 0 && highlight < n)
        canvas.text({map.min.x() + cell * (highlight + 0.5f), map.min.y() - 3},
                    fitText(canvas, labels[size_t(highlight)], textSize,
                            std::max(room, canvas.measureText("mmmm\u2026", textSize).x())),
                    textSize, highlightColor, render::Anchor::Bottom);
    return step;
}

std::vector<std::string> wrapHeatmapText(const Canvas& canvas, const std::string& text, float size,
                                  float maxWidth) {
    std::vector<std::string> lines;
    std::string cur;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        const std::string joined = cur.empty() ? word : cur + " " + word;
        if (!cur.empty() && canvas.measureText(joined, size).x() > maxWidth) {
            lines.push_back(cur);
            cur = word;
        } else {
            cur = joined;
        }
        start = end + 1;
    }
    if (!cur.empty()) lines.push_back(cur);
    for (auto& l : lines)
        l = fitText(canvas, l, size, maxWidth);
    return lines;
}

std::string shapeText(long rows, long cols) {
    return "(" + std::to_string(rows) + ", " + std::to_string(cols) + ")";
}

} // namespace linscape::scenes
