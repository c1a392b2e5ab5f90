// The low-rank scene; see lowrank_scene.h. The image's SVD is computed once per size and shared
// (decomp::imageModel); a new k costs one k*n*n product with the engine's matmul, well inside a
// frame even at 256x256, so the slider never waits on a job.
#include "scenes/lowrank_scene.h"

#include "engine/interpolation.h"
#include "engine/matmul.h"
#include "engine/matrix_parse.h"
#include "scenes/decomp_draw.h"
#include "scenes/draw2d.h"
#include "widgets/widgets.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace linscape::scenes {
namespace {

std::string percent(double f, int digits = 3) {
    return prettyNumber(100.0 * f, digits) + " %";
}

std::string sub(int v) {
    static const char* const kSub[] = {"\u2080", "\u2081", "\u2082", "\u2083", "\u2084",
                                       "\u2085", "\u2086", "\u2087", "\u2088", "\u2089"};
    std::string s;
    for (char c : std::to_string(v))
        s += kSub[c - '0'];
    return s;
}

// Small views: the plate's type shrinks (to 70 % at most) until the plate fits `maxH`, so every
// line stays inside the view instead of running under the narration band; if that is not enough,
// the explanatory lines whose text starts with one of `droppable` go (numbers and NumPy stay).
float fitPlate(const render::Canvas& canvas, std::vector<PlateLine>& lines, float base, float maxH,
               std::initializer_list<const char*> droppable = {}) {
    const std::vector<PlateLine> full = lines;
    float f = 1.0f;
    auto tooTall = [&] { return measureTextPlate(canvas, lines, base * f).y() > maxH; };
    while (f > 0.71f && tooTall()) {
        f -= 0.05f;
        for (size_t i = 0; i < lines.size(); ++i)
            lines[i].size = full[i].size > 0 ? full[i].size * f : 0;
    }
    for (const char* prefix : droppable) {
        if (!tooTall()) break;
        std::erase_if(lines, [&](const PlateLine& l) { return l.text.rfind(prefix, 0) == 0; });
    }
    return base * f;
}

// A caption centred at x that stays within `room` (the width its column owns): smaller type
// first (to 70 %), then the short form, so neighbouring captions never overlap.
void caption(render::Canvas& canvas, Vec2 at, const std::string& text, const std::string& shortText,
             float size, float room, Color color) {
    std::string t = text;
    float s = size;
    float w = canvas.measureText(t, s).x();
    if (w > room) s = std::max(size * 0.7f, size * room / w);
    if (canvas.measureText(t, s).x() > room) {
        t = shortText;
        s = size;
        w = canvas.measureText(t, s).x();
        if (w > room) s = std::max(size * 0.6f, size * room / w);
    }
    canvas.text(at, t, s, color, render::Anchor::Center);
}

} // namespace

LowRankScene::LowRankScene() {
    m_original.id = render::nextCanvasImageId();
    m_recon.id = render::nextCanvasImageId();
    m_deltaImage.id = render::nextCanvasImageId();
    m_bImage.id = render::nextCanvasImageId();
    m_aImage.id = render::nextCanvasImageId();
    m_original.nearest = m_recon.nearest = false;
    reset();
}

void LowRankScene::reset() {
    m_mode = Mode::Image;
    m_k = 5;
    m_size = 128;
    m_loraD = 768;
    m_loraR = 8;
    m_duration = 3.0;
    m_t = m_duration;
    m_shownK = m_k;
    m_showHud = true;
    touch();
}

std::vector<ParamSpec> LowRankScene::params() const {
    std::vector<ParamSpec> p;
    ParamSpec mode;
    mode.name = "mode";
    mode.type = ParamType::Choice;
    mode.choices = {"image", "lora"};
    mode.help = "rank-k approximation of an image, or a LoRA update dW = BA";
    p.push_back(mode);
    ParamSpec k;
    k.name = "rank";
    k.type = ParamType::Number;
    k.minValue = 1;
    k.maxValue = 256;
    k.help = "k, the number of singular values kept (at most the image size)";
    p.push_back(k);
    ParamSpec size;
    size.name = "image_size";
    size.type = ParamType::Choice;
    size.choices = {"64", "128", "256"};
    size.help = "the side of the square image in pixels";
    p.push_back(size);
    ParamSpec d;
    d.name = "lora_d";
    d.type = ParamType::Number;
    d.minValue = 2;
    d.maxValue = 8192;
    d.help = "LoRA: the layer width d (dW is d x d)";
    p.push_back(d);
    ParamSpec r;
    r.name = "lora_r";
    r.type = ParamType::Number;
    r.minValue = 1;
    r.maxValue = 8192;
    r.help = "LoRA: the rank r of the update (B is d x r, A is r x d); at most d";
    p.push_back(r);
    ParamSpec dur;
    dur.name = "duration";
    dur.type = ParamType::Number;
    dur.minValue = 0;
    dur.maxValue = 60;
    dur.help = "animation length in seconds (k grows from 1 to rank)";
    p.push_back(dur);
    ParamSpec hud;
    hud.name = "show_hud";
    hud.type = ParamType::Bool;
    p.push_back(hud);
    return p;
}

std::optional<ParamValue> LowRankScene::param(const std::string& name) const {
    if (name == "mode") return ParamValue(std::string(m_mode == Mode::Image ? "image" : "lora"));
    if (name == "rank") return ParamValue(double(m_k));
    if (name == "image_size") return ParamValue(std::to_string(m_size));
    if (name == "lora_d") return ParamValue(double(m_loraD));
    if (name == "lora_r") return ParamValue(double(m_loraR));
    if (name == "duration") return ParamValue(m_duration);
    if (name == "show_hud") return ParamValue(m_showHud);
    return std::nullopt;
}

std::string LowRankScene::applyParam(const std::string& name, const ParamValue& value) {
    auto whole = [&](double v, const char* what) -> std::string {
        if (v != std::round(v))
            return std::string("'") + what + "' must be a whole number, not " +
                   engine::formatNumber(v, 6);
        return {};
    };
    if (name == "mode") {
        m_mode = std::get<std::string>(value) == "image" ? Mode::Image : Mode::Lora;
    } else if (name == "rank") {
        const double v = std::get<double>(value);
        if (auto e = whole(v, "rank"); !e.empty()) return e;
        if (int(v) > m_size)
            return "'rank' must be at most " + std::to_string(m_size) + " for a " +
                   std::to_string(m_size) + "x" + std::to_string(m_size) +
                   " image (its number of singular values)";
        m_k = int(v);
    } else if (name == "image_size") {
        m_size = std::stoi(std::get<std::string>(value));
        m_k = std::min(m_k, m_size);
    } else if (name == "lora_d" || name == "lora_r") {
        const double v = std::get<double>(value);
        if (auto e = whole(v, name.c_str()); !e.empty()) return e;
        const int d = name == "lora_d" ? int(v) : m_loraD;
        const int r = name == "lora_r" ? int(v) : m_loraR;
        if (r > d)
            return "LoRA rank r = " + std::to_string(r) + " is more than d = " + std::to_string(d) +
                   ": a rank-r update of a d x d matrix needs r <= d";
        m_loraD = d;
        m_loraR = r;
    } else if (name == "duration") {
        m_duration = std::get<double>(value);
    } else if (name == "show_hud") {
        m_showHud = std::get<bool>(value);
    }
    return {};
}

const decomp::LowRankModel& LowRankScene::model() const {
    if (!m_model || m_model->maxRank() != m_size) m_model = decomp::imageModel(m_size);
    return *m_model;
}

void LowRankScene::update(double t) {
    m_t = std::clamp(t, 0.0, m_duration);
    // k grows geometrically from 1 to rank: the low ranks, where the picture changes most, get
    // most of the time.
    const double s = m_duration > 0 ? engine::easeInOut(m_t / m_duration) : 1.0;
    m_shownK = std::clamp(int(std::lround(std::pow(double(m_k), s))), 1, m_k);
}

void LowRankScene::ensureReconstruction() {
    const decomp::LowRankModel& mdl = model();
    if (m_builtSize != m_size) {
        m_original.pixels = grayImage(mdl.matrix());
        ++m_original.version;
        m_builtK = -1;
    }
    if (m_builtK == m_shownK && m_builtSize == m_size) return;
    const Eigen::MatrixXd ak = mdl.reconstruct(m_shownK);
    m_measuredError = (mdl.matrix() - ak).norm();
    m_recon.pixels = grayImage(ak);
    ++m_recon.version;
    m_builtK = m_shownK;
    m_builtSize = m_size;
}

void LowRankScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    if (m_mode == Mode::Image)
        drawImageMode(canvas, ctx);
    else
        drawLoraMode(canvas, ctx);
}

void LowRankScene::drawImageMode(render::Canvas& canvas, const SceneContext& ctx) {
    ensureReconstruction();
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const float base = 14 * ts, small = 12.5f * ts;
    const decomp::LowRankModel& mdl = model();
    const int k = m_shownK, p = mdl.maxRank(), n = m_size;
    const Eigen::VectorXd& sv = mdl.singularValues();
    const double tail = mdl.tailNorm(k);
    const double aNorm = std::sqrt(mdl.totalEnergy());
    const bool full = k >= p;

    std::vector<PlateLine> lines;
    lines.push_back({"rank-k approximation,  k = " + std::to_string(k), pal.accent, 16 * ts});
    lines.push_back({"A: " + std::to_string(n) + "\u00d7" + std::to_string(n) + " image, rank " +
                         std::to_string(mdl.numericalRank()),
                     pal.textDim});
    std::string err = prettyNumber(m_measuredError, 4);
    if (m_measuredError <= 1e-9 * aNorm) err += " (rounding)";
    lines.push_back({"\u2016A \u2212 A" + sub(k) + "\u2016_F = " + err, pal.kHat, 0, 0.4f});
    lines.push_back({full ? std::string("\u221a(nothing dropped) = 0")
                          : "\u221a(\u03c3" + sub(k + 1) + "\u00b2 + \u2026 + \u03c3" + sub(p) +
                                "\u00b2) = " + prettyNumber(tail, 4),
                     pal.kHat});
    lines.push_back({"Eckart-Young: the error is exactly the", pal.text});
    lines.push_back({"dropped \u03c3s; no rank-k matrix is closer", pal.text});
    lines.push_back({"energy kept  " + percent(mdl.energyKept(k), 4), pal.accent, 0, 0.4f});
    lines.push_back({"= (\u03c3\u2081\u00b2 + \u2026 + \u03c3\u2096\u00b2) / \u03a3 \u03c3\u00b2",
                     pal.textDim});
    const long long stored = (long long)k * (2LL * n + 1);
    lines.push_back(
        {"numbers stored: k(2n + 1) = " + decomp::groupThousands(stored), pal.text, 0, 0.4f});
    lines.push_back({"of " + decomp::groupThousands((long long)n * n) + " pixels (" +
                         percent(double(stored) / double(n * n), 3) + ")",
                     pal.textDim});
    lines.push_back({"U, S, Vt = np.linalg.svd(A)", pal.textDim, small, 0.5f});
    lines.push_back({"A_k = U[:, :k] * S[:k] @ Vt[:k]", pal.textDim, small});
    lines.push_back({"np.linalg.norm(A - A_k)", pal.textDim, small});
    lines.push_back({"np.sqrt(np.sum(S[k:] ** 2))", pal.textDim, small});

    // Layout: the plate beside the pictures, or below them beside the spectrum, whichever
    // leaves the images larger.
    const float pad = 14, gap = 14, bottom = 44 * ts; // clear of the status line
    const float plateBase = fitPlate(canvas, lines, base, canvas.height() - pad * 2,
                                     {"Eckart-Young", "dropped \u03c3s", "= ("});
    const Vec2 plate =
        m_showHud && ctx.showHud ? measureTextPlate(canvas, lines, plateBase) : Vec2(0, 0);
    const float W = canvas.width(), H = canvas.height();
    const float capH = base * 1.6f, specMin = std::max(70.0f, H * 0.22f);
    const float plateGap = plate.x() > 0 ? plate.x() + gap : 0;
    const float leftA = W - pad * 2 - plateGap;
    const float sA = std::min((leftA - gap) * 0.5f, H - pad * 2 - capH - specMin - gap - bottom);
    const float sB = std::min((W - pad * 2 - gap) * 0.5f,
                              H - pad * 2 - capH - gap - std::max(plate.y(), specMin) - bottom);
    const bool side = sA >= sB;
    const float S = std::max(16.0f, side ? sA : sB);
    const float rowW = side ? leftA : W - pad * 2;
    const float x0 = pad + std::max(0.0f, (rowW - (2 * S + gap)) * 0.5f);
    const float y0 = pad + capH;
    const float sx0 = pad, sx1 = side ? pad + leftA : W - pad - plateGap;
    const Vec2 plateAt = side ? Vec2(W - pad, pad) : Vec2(W - pad, y0 + S + gap);

    // The two images with captions.
    const float room = S + gap - 6; // each caption owns its image's width and half the gap
    caption(canvas, {x0 + S * 0.5f, pad + capH * 0.45f}, "A (original)", "A", base, room, pal.text);
    caption(canvas, {x0 + S * 1.5f + gap, pad + capH * 0.45f},
            full ? "A" + sub(k) + " = A  (full rank)"
                 : "A" + sub(k) + " = U" + sub(k) + "\u03a3" + sub(k) + "V" + sub(k) + "\u1d40",
            "A" + sub(k), base, room, pal.accent);
    canvas.image(m_original, {x0, y0}, {x0 + S, y0 + S});
    canvas.image(m_recon, {x0 + S + gap, y0}, {x0 + 2 * S + gap, y0 + S});
    canvas.rectOutline({x0 - 1, y0 - 1}, {x0 + S + 1, y0 + S + 1}, 1.0f, pal.border);
    canvas.rectOutline({x0 + S + gap - 1, y0 - 1}, {x0 + 2 * S + gap + 1, y0 + S + 1}, 1.5f,
                       pal.accent.withAlpha(0.8f));

    // The spectrum: bars on a log scale, kept ones highlighted.
    const float sy1 = H - bottom, sy0 = y0 + S + gap + base * 1.2f;
    std::string specTitle = "singular values \u03c3\u2081 \u2265 \u03c3\u2082 \u2265 \u2026 (log "
                            "scale); the first k are kept";
    if (canvas.measureText(specTitle, small).x() > sx1 - sx0)
        specTitle = "singular values (log scale); first k kept";
    canvas.text({sx0, sy0 - base * 1.15f}, specTitle, small, pal.textDim);
    if (p > 0 && sv(0) > 0 && sy1 - sy0 > 10) {
        const double top = std::log10(sv(0)), floorLog = top - 5.0;
        const float bw = (sx1 - sx0) / float(p);
        canvas.line({sx0, sy1}, {sx1, sy1}, 1.0f, pal.axis.withAlpha(0.6f));
        for (int i = 0; i < p; ++i) {
            const double lv = sv(i) > 0 ? std::log10(sv(i)) : floorLog;
            const float h =
                float(std::clamp((lv - floorLog) / (top - floorLog), 0.0, 1.0)) * (sy1 - sy0);
            const float bx = sx0 + bw * float(i);
            const Color c = i < k ? pal.accent : pal.textDim.withAlpha(0.45f);
            canvas.fillRect({bx + (bw > 3 ? 0.5f : 0.0f), sy1 - std::max(h, 1.0f)},
                            {bx + bw - (bw > 3 ? 0.5f : 0.0f), sy1}, c);
        }
        const float kx = sx0 + bw * float(k);
        canvas.line({kx, sy0 - 2}, {kx, sy1 + 2}, 1.5f, pal.kHat);
        const std::string kl = "k = " + std::to_string(k);
        const bool right = kx + canvas.measureText(kl, small).x() + 8 < sx1;
        canvas.text({kx + (right ? 5.0f : -5.0f), sy0}, kl, small, pal.kHat,
                    right ? render::Anchor::TopLeft : render::Anchor::TopRight, pal.background);
        canvas.text({sx0, sy1 + 2}, "1", 11 * ts, pal.textDim);
        canvas.text({sx1, sy1 + 2}, std::to_string(p), 11 * ts, pal.textDim,
                    render::Anchor::TopRight);
    }
    if (plate.x() > 0) drawTextPlate(canvas, plateAt, lines, plateBase, pal, true);
}

void LowRankScene::ensureLora(bool light) {
    if (m_loraBuiltD == m_loraD && m_loraBuiltR == m_loraR && m_loraBuiltLight == int(light))
        return;
    const int d = m_loraD, r = m_loraR;
    // Seeded factors whose columns (of B) and rows (of A) are smooth random curves over the d
    // indices, so dW = BA shows its structure: a sum of r outer products. Column j depends only
    // on j, so raising r adds terms and changing d resamples the same curves. Only the sampled
    // rows and columns of dW are computed.
    m_sampled = std::min(d, 192);
    Eigen::MatrixXd bs(m_sampled, r), as(r, m_sampled);
    for (int j = 0; j < r; ++j) {
        for (int which = 0; which < 2; ++which) {
            decomp::SeededNormal rng(0x51afd7ed558ccd1full + std::uint64_t(j) * 2 +
                                     std::uint64_t(which));
            double amp[3], freq[3], phase[3];
            for (int m = 0; m < 3; ++m) {
                amp[m] = rng.next();
                freq[m] = 0.5 + 3.5 * rng.uniform();
                phase[m] = 2 * M_PI * rng.uniform();
            }
            for (int i = 0; i < m_sampled; ++i) {
                const double t = double((long long)i * d / m_sampled) / d;
                double v = 0;
                for (int m = 0; m < 3; ++m)
                    v += amp[m] * std::sin(2 * M_PI * freq[m] * t + phase[m]);
                (which == 0 ? bs(i, j) : as(j, i)) = v / std::sqrt(double(r));
            }
        }
    }
    auto dw = engine::multiply(bs, as);
    const Eigen::MatrixXd delta =
        dw.ok() ? std::move(dw).value() : Eigen::MatrixXd::Zero(m_sampled, m_sampled);
    m_deltaImage.pixels = divergingImage(delta, delta.cwiseAbs().maxCoeff(), light);
    m_bImage.pixels = divergingImage(bs, bs.cwiseAbs().maxCoeff(), light);
    m_aImage.pixels = divergingImage(as, as.cwiseAbs().maxCoeff(), light);
    ++m_deltaImage.version;
    ++m_bImage.version;
    ++m_aImage.version;
    m_loraBuiltD = d;
    m_loraBuiltR = r;
    m_loraBuiltLight = int(light);
}

void LowRankScene::drawLoraMode(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const bool light = pal.background.r > 0.5f;
    ensureLora(light);
    const float ts = ctx.textScale;
    const float base = 14 * ts, small = 12.5f * ts;
    const int d = m_loraD, r = m_loraR;
    const decomp::LoraCounts c = decomp::loraCounts(d, r);
    const std::string ds = std::to_string(d), rs = std::to_string(r);

    std::vector<PlateLine> lines;
    lines.push_back({"LoRA:  \u0394W = B A", pal.accent, 16 * ts});
    if (2LL * r >= d) {
        lines.push_back({"r \u2265 d/2: B and A hold at least as many", pal.warning});
        lines.push_back({"numbers as \u0394W itself: no saving.", pal.warning});
    }
    lines.push_back(
        {"B is d\u00d7r = " + ds + "\u00d7" + rs + ",  A is r\u00d7d = " + rs + "\u00d7" + ds,
         pal.text});
    lines.push_back({"full \u0394W:  d\u00b2 = " + decomp::groupThousands(c.full) + " parameters",
                     pal.textDim, 0, 0.4f});
    lines.push_back(
        {"B and A:  2\u00b7d\u00b7r = " + decomp::groupThousands(c.lowRank) + " parameters",
         pal.accent});
    lines.push_back({"= " + percent(c.fraction, 3) + " of the full update", pal.accent});
    lines.push_back(
        {"rank(\u0394W) \u2264 r = " + rs + ": every column of \u0394W", pal.text, 0, 0.4f});
    lines.push_back({"is a mix of the " + rs + " columns of B", pal.text});
    lines.push_back({"W' = W + BA: W stays frozen, B and A train", pal.textDim});
    lines.push_back({"dW = B @ A   # (" + ds + ", " + rs + ") @ (" + rs + ", " + ds + ")",
                     pal.textDim, small, 0.5f});
    lines.push_back({"np.linalg.matrix_rank(dW)   # " + rs, pal.textDim, small});
    lines.push_back({"B.size + A.size, dW.size   # " + decomp::groupThousands(c.lowRank) + ", " +
                         decomp::groupThousands(c.full),
                     pal.textDim, small});

    const float pad = 14, gap = 14, bottom = 22 * ts;
    const float plateBase =
        fitPlate(canvas, lines, base, canvas.height() - pad * 2, {"W' = W + BA"});
    const Vec2 plate =
        m_showHud && ctx.showHud ? measureTextPlate(canvas, lines, plateBase) : Vec2(0, 0);
    const float W = canvas.width(), H = canvas.height();
    const float barsH = base * 3.4f, capH = base * 1.5f, labW = base * 2.6f;
    const float plateGap = plate.x() > 0 ? plate.x() + gap : 0;
    // The product laid out as in a matmul diagram: B (d x r) left of dW, A (r x d) above it, so
    // entry (i, j) of dW sits where row i of B meets column j of A. r is to scale, with a 3 px
    // minimum so r = 1 shows.
    const float ratio = float(r) / float(d);
    const float leftA = W - pad * 2 - plateGap;
    auto fit = [&](float availW, float availH) {
        return std::min((availW - labW - 6) / (1 + ratio), (availH - capH - 6) / (1 + ratio));
    };
    const float sA = fit(leftA, H - pad * 2 - barsH - gap - bottom);
    const float sB = fit(W - pad * 2, H - pad * 2 - gap - std::max(plate.y(), barsH) - bottom);
    const bool side = sA >= sB;
    const float S = std::max(24.0f, side ? sA : sB);
    const float rowW = side ? leftA : W - pad * 2;
    const float w = std::max(3.0f, S * ratio);
    const float total = labW + w + 6 + S;
    const float bx = pad + std::max(0.0f, (rowW - total) * 0.5f) + labW;
    const float x0 = bx + w + 6; // dW's left edge
    const float ay = pad + capH; // A's top edge
    const float y0 = ay + w + 6; // dW's top edge
    canvas.image(m_aImage, {x0, ay}, {x0 + S, ay + w});
    canvas.rectOutline({x0 - 1, ay - 1}, {x0 + S + 1, ay + w + 1}, 1.0f, pal.accent);
    canvas.text({x0 + S * 0.5f, ay - 4}, "A  (r\u00d7d = " + rs + "\u00d7" + ds + ")", base,
                pal.accent, render::Anchor::Bottom);
    canvas.image(m_bImage, {bx, y0}, {bx + w, y0 + S});
    canvas.rectOutline({bx - 1, y0 - 1}, {bx + w + 1, y0 + S + 1}, 1.0f, pal.accent);
    canvas.text({bx - 6, y0 + S * 0.5f - base * 0.7f}, "B", base, pal.accent,
                render::Anchor::Right);
    canvas.text({bx - 6, y0 + S * 0.5f + base * 0.7f}, ds + "\u00d7" + rs, small, pal.accent,
                render::Anchor::Right);
    canvas.image(m_deltaImage, {x0, y0}, {x0 + S, y0 + S});
    canvas.rectOutline({x0 - 1, y0 - 1}, {x0 + S + 1, y0 + S + 1}, 1.0f, pal.border);
    canvas.text({x0 + S * 0.5f, y0 + S * 0.5f}, "\u0394W = BA", 20 * ts, pal.text,
                render::Anchor::Center, pal.background);
    std::string note = S * ratio >= 3 ? "r to scale" : "r drawn 3 px wide";
    if (m_sampled < d)
        note += ";  every " + prettyNumber(double(d) / m_sampled, 3) + "th row and column shown";
    canvas.text({x0 + S * 0.5f, y0 + S + 4}, note, 11 * ts, pal.textDim, render::Anchor::Top);

    // Parameter counts as bars to scale.
    const float by = y0 + S + gap + base * 0.9f;
    const float barsW = side ? leftA : W - pad * 2 - plateGap;
    const float bh = base * 1.1f;
    const float lx = pad;
    // Both bars on one scale (the larger count fills the width).
    const double most = double(std::max(c.full, c.lowRank));
    const float fw = std::max(2.0f, float(double(c.full) / most) * barsW);
    canvas.fillRect({lx, by}, {lx + fw, by + bh}, pal.textDim.withAlpha(0.35f));
    canvas.text({lx + 6, by + bh * 0.5f}, "d\u00b2 = " + decomp::groupThousands(c.full), small,
                pal.text, render::Anchor::Left);
    const float lw = std::max(2.0f, float(double(c.lowRank) / most) * barsW);
    canvas.fillRect({lx, by + bh + 6}, {lx + lw, by + 2 * bh + 6}, pal.accent);
    const std::string lowText = "2dr = " + decomp::groupThousands(c.lowRank);
    if (lw + 12 + canvas.measureText(lowText, small).x() < barsW)
        canvas.text({lx + lw + 6, by + bh * 1.5f + 6}, lowText, small, pal.accent,
                    render::Anchor::Left);
    else
        canvas.text({lx + 6, by + bh * 1.5f + 6}, lowText, small, pal.background,
                    render::Anchor::Left);
    const Vec2 plateAt = side ? Vec2(W - pad, pad) : Vec2(W - pad, y0 + S + gap);
    if (plate.x() > 0) drawTextPlate(canvas, plateAt, lines, plateBase, pal, true);
}

std::string LowRankScene::statusLine() const {
    if (m_mode == Mode::Lora) return "Move d and r in the panel: the counts follow";
    return "Move the rank slider in the panel: A_k rebuilds from the cached SVD at once";
}

void LowRankScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    int mode = m_mode == Mode::Image ? 0 : 1;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (ImGui::Combo("mode", &mode, "image (rank k)\0LoRA (dW = BA)\0"))
        setParam("mode", std::string(mode == 0 ? "image" : "lora"));
    if (m_mode == Mode::Image) {
        widgets::sectionHeader("Rank", pal);
        int k = m_k;
        if (ImGui::SliderInt("k", &k, 1, m_size)) setParam("rank", double(k));
        int size = m_size == 64 ? 0 : (m_size == 128 ? 1 : 2);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        if (ImGui::Combo("image size", &size,
                         "64\0"
                         "128\0"
                         "256\0"))
            setParam("image_size", std::string(size == 0 ? "64" : (size == 1 ? "128" : "256")));
        // A person reaching for the sizes gets them computed meanwhile.
        if (ImGui::IsItemHovered())
            for (int n : {64, 128, 256})
                decomp::prefetchImageModel(n);
        const decomp::LowRankModel& mdl = model();
        widgets::sectionHeader("Readouts", pal);
        widgets::readoutRow("\u2016A \u2212 A_k\u2016_F", prettyNumber(m_measuredError, 5),
                            "np.linalg.norm(A - A_k)", pal);
        widgets::readoutRow("\u221a\u03a3 dropped \u03c3\u00b2",
                            prettyNumber(mdl.tailNorm(m_shownK), 5), "np.sqrt(np.sum(S[k:] ** 2))",
                            pal);
        widgets::readoutRow("energy kept", percent(mdl.energyKept(m_shownK), 5),
                            "np.sum(S[:k] ** 2) / np.sum(S ** 2)", pal);
        widgets::readoutRow("\u03c3\u2081", prettyNumber(mdl.singularValues()(0), 5),
                            "np.linalg.svd(A, compute_uv=False)[0]", pal);
    } else {
        widgets::sectionHeader("LoRA", pal);
        int d = m_loraD, r = m_loraR;
        if (ImGui::SliderInt("d", &d, 2, 8192, "%d", ImGuiSliderFlags_Logarithmic)) {
            if (r > d) setParam("lora_r", double(d)); // keep r <= d while d shrinks
            setParam("lora_d", double(d));
        }
        if (ImGui::SliderInt("r", &r, 1, std::min(m_loraD, 1024), "%d",
                             ImGuiSliderFlags_Logarithmic))
            setParam("lora_r", double(r));
        const decomp::LoraCounts c = decomp::loraCounts(m_loraD, m_loraR);
        widgets::readoutRow("full d\u00b2", decomp::groupThousands(c.full), "dW.size", pal);
        widgets::readoutRow("B + A: 2dr", decomp::groupThousands(c.lowRank), "B.size + A.size",
                            pal);
        widgets::readoutRow("fraction", percent(c.fraction, 4), nullptr, pal);
    }
}

} // namespace linscape::scenes
