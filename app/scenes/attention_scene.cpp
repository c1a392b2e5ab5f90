// The attention scene's state, parameters, computation (cached per input version), input and
// panel; the drawing is in attention_draw.cpp. See attention_scene.h.
#include "scenes/attention_scene.h"

#include "scenes/draw2d.h"
#include "widgets/widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <sstream>

namespace linscape::scenes {
namespace {

constexpr const char* kDefaultText = "the cat sat on the mat";
constexpr const char* kPadToken = "[PAD]";

// splitmix64: a tiny, well-mixed generator whose output is the same on every platform (the
// standard distributions are not), so seeded pictures are reproducible everywhere.
struct SplitMix {
    std::uint64_t s;
    std::uint64_t next() {
        std::uint64_t z = (s += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double uniform() { return (double(next() >> 11) + 0.5) * (1.0 / 9007199254740992.0); }
    // Box-Muller; one of the pair is enough here.
    double normal() {
        const double u = uniform(), v = uniform();
        return std::sqrt(-2.0 * std::log(u)) * std::cos(6.283185307179586 * v);
    }
};

std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

void fillNormal(engine::MatrixXfR& m, SplitMix& rng, double sigma) {
    for (Eigen::Index i = 0; i < m.size(); ++i)
        m.data()[i] = float(rng.normal() * sigma);
}

bool parseCell(const std::string& text, std::optional<std::pair<int, int>>& out) {
    if (text.find_first_not_of(" \t") == std::string::npos) {
        out.reset();
        return true;
    }
    std::string t = text;
    std::replace(t.begin(), t.end(), ',', ' ');
    std::istringstream in(t);
    long i = -1, j = -1;
    std::string rest;
    if (!(in >> i >> j) || (in >> rest) || i < 0 || j < 0 || i > 100000 || j > 100000) return false;
    out = std::make_pair(int(i), int(j));
    return true;
}

std::string plural(long n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

} // namespace

std::vector<std::string> tokenize(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            if (!cur.empty()) out.push_back(std::move(cur));
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) out.push_back(std::move(cur));
    return out;
}

engine::AttentionInput makeAttentionFlags(const AttentionSetup& s) {
    engine::AttentionInput in;
    in.heads = s.heads;
    in.scale = s.scale;
    in.temperature = s.temperature;
    in.causal = s.causal;
    const int n = int(s.tokens.size());
    if (s.pad > 0) {
        in.padding.assign(size_t(n), false);
        for (int i = std::max(0, n - s.pad); i < n; ++i)
            in.padding[size_t(i)] = true;
    }
    return in;
}

engine::AttentionInput makeAttentionInput(const AttentionSetup& s) {
    engine::AttentionInput in = makeAttentionFlags(s);
    const int n = int(s.tokens.size()), d = s.dModel;
    in.x.resize(n, d);
    for (int i = 0; i < n; ++i) {
        SplitMix rng{fnv1a(s.tokens[size_t(i)]) ^ (std::uint64_t(s.seed) * 0x9E3779B97F4A7C15ull)};
        for (int c = 0; c < d; ++c) {
            double v = rng.normal();
            if (s.positional) {
                // The sinusoidal code of "Attention is all you need", at half strength so the
                // word still dominates its row.
                const double freq = std::pow(10000.0, -double(c - c % 2) / double(d));
                v += 0.5 * (c % 2 == 0 ? std::sin(i * freq) : std::cos(i * freq));
            }
            in.x(i, c) = float(v);
        }
    }
    SplitMix rng{0xA77E57ull + std::uint64_t(s.seed) * 0x2545F4914F6CDD1Dull};
    const double sigma = 1.0 / std::sqrt(double(d));
    for (engine::MatrixXfR* w : {&in.wq, &in.wk, &in.wv}) {
        w->resize(d, d);
        fillNormal(*w, rng, sigma);
    }
    // Typed matrices win over seeded ones (the caller checked their shapes).
    if (s.typedX.size()) in.x = s.typedX;
    if (s.typedWq.size()) in.wq = s.typedWq;
    if (s.typedWk.size()) in.wk = s.typedWk;
    if (s.typedWv.size()) in.wv = s.typedWv;
    return in;
}

AttentionScene::AttentionScene() {
    reset();
}

void AttentionScene::reset() {
    m_text = kDefaultText;
    m_editText = m_text;
    m_seed = 1;
    m_dModel = 64;
    m_heads = 1;
    m_head = 1;
    m_temperature = 1;
    m_pad = 0;
    m_scale = true;
    m_causal = false;
    m_positional = true;
    m_hoverParam.reset();
    m_mouseHover.reset();
    m_typedX.resize(0, 0);
    m_typedWq.resize(0, 0);
    m_typedWk.resize(0, 0);
    m_typedWv.resize(0, 0);
    ++m_typedVersion;
    ++m_inputVersion;
    recompute(); // so that a first bad input already has a good state to keep
    touch();
}

std::vector<ParamSpec> AttentionScene::params() const {
    std::vector<ParamSpec> p;
    auto add = [&](const char* name, ParamType type, const char* help, double lo = 0,
                   double hi = 0) {
        ParamSpec s;
        s.name = name;
        s.type = type;
        s.help = help;
        if (type == ParamType::Number) {
            s.minValue = lo;
            s.maxValue = hi;
        }
        p.push_back(s);
    };
    add("text", ParamType::Text, "the sentence; split into tokens at whitespace");
    add("seed", ParamType::Number, "seed of the embeddings and W_Q, W_K, W_V", 0, 4294967295.0);
    add("d_model", ParamType::Number, "embedding width (1 to 512)", 1, kAttentionMaxDModel);
    add("heads", ParamType::Number, "number of heads; must divide d_model", 1, kAttentionMaxHeads);
    add("head", ParamType::Number, "the head shown large (1-based)", 1, kAttentionMaxHeads);
    add("scale", ParamType::Bool, "divide the scores by √d_k");
    add("temperature", ParamType::Number, "extra divisor on the scores (0.05 to 100)", 0.05, 100);
    add("causal", ParamType::Bool, "causal mask: token i sees only tokens 0..i");
    add("pad", ParamType::Number, "number of [PAD] tokens appended (masked as keys)", 0,
        kAttentionMaxTokens);
    add("positional", ParamType::Bool, "add a sinusoidal position code to X");
    add("hover", ParamType::Text, "the cell described, as \"row,col\" (0-based); empty: none");
    for (const char* m : {"X", "W_Q", "W_K", "W_V"}) {
        ParamSpec spec;
        spec.name = m;
        spec.type = ParamType::Matrix;
        spec.maxRows = spec.maxCols = 32;
        spec.help = std::string(m) == "X" ? "typed embeddings, (tokens, d_model), instead of seeded"
                                          : "typed weights, (d_model, d_model), instead of seeded";
        p.push_back(spec);
    }
    return p;
}

std::optional<ParamValue> AttentionScene::param(const std::string& name) const {
    if (name == "text") return ParamValue(m_text);
    if (name == "seed") return ParamValue(m_seed);
    if (name == "d_model") return ParamValue(m_dModel);
    if (name == "heads") return ParamValue(m_heads);
    if (name == "head") return ParamValue(m_head);
    if (name == "scale") return ParamValue(m_scale);
    if (name == "temperature") return ParamValue(m_temperature);
    if (name == "causal") return ParamValue(m_causal);
    if (name == "pad") return ParamValue(m_pad);
    if (name == "positional") return ParamValue(m_positional);
    if (name == "X" || name == "W_Q" || name == "W_K" || name == "W_V") {
        if (!m_haveResult) return std::nullopt;
        const engine::MatrixXfR& v = name == "X"     ? m_input.x
                                     : name == "W_Q" ? m_input.wq
                                     : name == "W_K" ? m_input.wk
                                                     : m_input.wv;
        return ParamValue(Eigen::MatrixXd(v.cast<double>()));
    }
    if (name == "hover")
        return ParamValue(m_hoverParam ? std::to_string(m_hoverParam->first) + "," +
                                             std::to_string(m_hoverParam->second)
                                       : std::string());
    return std::nullopt;
}

std::string AttentionScene::applyParam(const std::string& name, const ParamValue& value) {
    auto integer = [&](double& slot) -> std::string {
        const double v = std::get<double>(value);
        if (v != std::floor(v))
            return "'" + name + "' must be a whole number, not " + prettyNumber(v, 6);
        slot = v;
        return {};
    };
    std::string err;
    if (name == "text") {
        m_text = std::get<std::string>(value);
        m_editText = m_text;
    } else if (name == "seed") {
        err = integer(m_seed);
    } else if (name == "d_model") {
        err = integer(m_dModel);
    } else if (name == "heads") {
        err = integer(m_heads);
    } else if (name == "head") {
        err = integer(m_head);
        return err; // only which head is large: nothing to recompute
    } else if (name == "pad") {
        err = integer(m_pad);
    } else if (name == "temperature") {
        m_temperature = std::get<double>(value);
    } else if (name == "scale") {
        m_scale = std::get<bool>(value);
    } else if (name == "causal") {
        m_causal = std::get<bool>(value);
    } else if (name == "positional") {
        m_positional = std::get<bool>(value);
    } else if (name == "X" || name == "W_Q" || name == "W_K" || name == "W_V") {
        engine::MatrixXfR& slot = name == "X"     ? m_typedX
                                  : name == "W_Q" ? m_typedWq
                                  : name == "W_K" ? m_typedWk
                                                  : m_typedWv;
        slot = std::get<Eigen::MatrixXd>(value).cast<float>();
        ++m_typedVersion;
    } else if (name == "hover") {
        std::optional<std::pair<int, int>> cell;
        if (!parseCell(std::get<std::string>(value), cell))
            return "'hover' must be \"row,col\" (two whole numbers from 0), e.g. 2,3, not '" +
                   std::get<std::string>(value) + "'";
        m_hoverParam = cell;
        return {};
    }
    if (err.empty()) ++m_inputVersion;
    return err;
}

void AttentionScene::recompute() {
    m_computedVersion = m_inputVersion;
    // Check what the user asked for; on a problem keep the last good input and say why.
    AttentionSetup s;
    s.tokens = tokenize(m_text);
    const long words = long(s.tokens.size());
    s.pad = int(m_pad);
    for (int i = 0; i < s.pad && long(s.tokens.size()) <= kAttentionMaxTokens; ++i)
        s.tokens.push_back(kPadToken);
    s.dModel = int(m_dModel);
    s.heads = int(m_heads);
    s.seed = unsigned(m_seed);
    s.positional = m_positional;
    s.scale = m_scale;
    s.temperature = float(m_temperature);
    s.causal = m_causal;
    s.typedX = m_typedX;
    s.typedWq = m_typedWq;
    s.typedWk = m_typedWk;
    s.typedWv = m_typedWv;
    s.typedVersion = m_typedVersion;
    std::string problem;
    const long total = words + s.pad;
    if (words == 0)
        problem = "The sentence is empty: type at least one word (tokens are split at spaces)";
    else if (total > kAttentionMaxTokens)
        problem = plural(total, "token") + (s.pad ? " (with padding)" : "") +
                  " is more than the limit of " + std::to_string(kAttentionMaxTokens) +
                  ": shorten the sentence";
    else if (s.dModel % s.heads != 0)
        problem = "heads = " + std::to_string(s.heads) +
                  " does not divide d_model = " + std::to_string(s.dModel) +
                  ": each head takes d_model / heads columns";
    else if (s.typedX.size() && (s.typedX.rows() != total || s.typedX.cols() != s.dModel))
        problem = "X is " + shapeText(s.typedX.rows(), s.typedX.cols()) + " but the sentence has " +
                  plural(total, "token") + " and d_model = " + std::to_string(s.dModel) +
                  ": X must be " + shapeText(total, s.dModel) + " (tokens, d_model)";
    if (problem.empty()) {
        const std::pair<const char*, const engine::MatrixXfR*> ws[] = {
            {"W_Q", &s.typedWq}, {"W_K", &s.typedWk}, {"W_V", &s.typedWv}};
        for (auto [wname, w] : ws)
            if (w->size() && (w->rows() != s.dModel || w->cols() != s.dModel)) {
                problem = std::string(wname) + " is " + shapeText(w->rows(), w->cols()) +
                          " but X @ " + wname + " needs " + shapeText(s.dModel, s.dModel) +
                          " (d_model, d_model): X is " + shapeText(total, s.dModel);
                break;
            }
    }
    if (problem.empty()) {
        // X and the weights depend only on the words, d_model, seed and positions: a slider that
        // moves the temperature or a mask toggle reuses them (and every buffer) as they are.
        const bool sameInputs = m_haveResult && s.tokens == m_good.tokens &&
                                s.dModel == m_good.dModel && s.seed == m_good.seed &&
                                s.positional == m_good.positional &&
                                s.typedVersion == m_good.typedVersion;
        if (!sameInputs || s.heads != m_good.heads) ++m_projectionVersion;
        if (!sameInputs) {
            m_input = makeAttentionInput(s);
        } else {
            const engine::AttentionInput flags = makeAttentionFlags(s);
            m_input.heads = flags.heads;
            m_input.scale = flags.scale;
            m_input.temperature = flags.temperature;
            m_input.causal = flags.causal;
            m_input.padding = flags.padding;
        }
        engine::GemmOptions opts; // every thread: the frame budget needs both cores at seq 512
        if (auto e = engine::attentionInto(m_input, m_result, opts)) {
            problem = e->message;
            if (m_haveResult) { // back to the last good state
                ++m_projectionVersion;
                m_input = makeAttentionInput(m_good);
                engine::attentionInto(m_input, m_result, opts);
            }
        } else {
            m_good = std::move(s);
            m_haveResult = true;
        }
    }
    m_problem = problem;
}

const engine::AttentionResult* AttentionScene::result() {
    if (m_computedVersion != m_inputVersion) recompute();
    return m_haveResult ? &m_result : nullptr;
}

int AttentionScene::selectedHead() const {
    return std::clamp(int(m_head) - 1, 0, std::max(0, m_good.heads - 1));
}

std::optional<std::pair<int, int>> AttentionScene::hoveredCell() const {
    auto cell = m_mouseHover ? m_mouseHover : m_hoverParam;
    const int n = int(m_good.tokens.size());
    if (!cell || cell->first >= n || cell->second >= n) return std::nullopt;
    return cell;
}

std::optional<AttentionScene::CellReadout> AttentionScene::readout() {
    const engine::AttentionResult* r = result();
    const auto cell = hoveredCell();
    if (!r || !cell || r->heads.empty()) return std::nullopt;
    const engine::AttentionHead& h = r->heads[size_t(selectedHead())];
    const auto [i, j] = *cell;
    CellReadout c;
    c.row = i;
    c.col = j;
    c.dot = h.q.row(i).cast<double>().dot(h.k.row(j).cast<double>());
    c.scaled = h.scores(i, j);
    c.weight = h.weights(i, j);
    c.rowSum = h.weights.row(i).cast<double>().sum();
    c.masked =
        (m_input.causal && j > i) || (!m_input.padding.empty() && m_input.padding[size_t(j)]);
    return c;
}

std::vector<std::string> AttentionScene::labels() const {
    return m_good.tokens;
}

void AttentionScene::input(const ViewportInput& in, const SceneContext&) {
    m_mouseHover.reset();
    if (!in.hovered) return;
    for (const Rect* r : {&m_scoresRect, &m_weightsRect}) {
        const int n = int(m_good.tokens.size());
        if (r->contains(in.mouse) && n > 0) {
            const int col = std::clamp(int((in.mouse.x() - r->min.x()) / r->width() * n), 0, n - 1);
            const int row =
                std::clamp(int((in.mouse.y() - r->min.y()) / r->height() * n), 0, n - 1);
            m_mouseHover = std::make_pair(row, col);
        }
    }
    if (in.pressed[0])
        for (size_t h = 0; h < m_headRects.size(); ++h)
            if (m_headRects[h].contains(in.mouse)) setParam("head", double(h + 1));
}

std::string AttentionScene::statusLine() const {
    return {}; // the hint lives in the readout, where the status line would cover the thumbnails
}

void AttentionScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Sentence", pal);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextMultiline("##text", &m_editText,
                                  ImVec2(-1, ImGui::GetTextLineHeight() * 3.5f)))
        setParam("text", m_editText);
    const std::string& why = problem();
    if (!why.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text,
                              ImVec4(pal.error.r, pal.error.g, pal.error.b, pal.error.a));
        ImGui::TextWrapped("%s", why.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::TextDisabled("%d tokens (limit %d)", int(m_good.tokens.size()), kAttentionMaxTokens);

    widgets::sectionHeader("Model", pal);
    auto intSlider = [&](const char* label, const char* name, double value, int lo, int hi) {
        int v = int(value);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
        if (ImGui::SliderInt(label, &v, lo, hi, "%d", ImGuiSliderFlags_AlwaysClamp))
            setParam(name, double(v));
    };
    intSlider("d_model", "d_model", m_dModel, 1, kAttentionMaxDModel);
    intSlider("heads", "heads", m_heads, 1, kAttentionMaxHeads);
    if (m_good.heads > 1) intSlider("shown head", "head", m_head, 1, m_good.heads);
    intSlider("seed", "seed", m_seed, 0, 1000);
    bool b = m_positional;
    if (ImGui::Checkbox("position code", &b)) setParam("positional", b);

    widgets::sectionHeader("Embeddings X", pal);
    const int n = int(m_good.tokens.size());
    if (m_haveResult && n * m_good.dModel <= 64) {
        Eigen::MatrixXd x = m_input.x.cast<double>();
        const float cell = std::max(28.0f, ImGui::GetContentRegionAvail().x / float(x.cols()) -
                                               ImGui::GetStyle().ItemSpacing.x);
        if (widgets::matrixEditor("X", x, m_xEditor, {}, pal, std::min(cell, 64.0f)))
            setParam("X", x);
    } else {
        ImGui::TextDisabled(
            "%d x %d: small enough to type at\ntokens x d_model <= 64 (e.g. d_model 8)", n,
            m_good.dModel);
    }
    if (m_haveResult && m_good.dModel <= 8) {
        const std::pair<const char*, const engine::MatrixXfR*> ws[] = {
            {"W_Q", &m_input.wq}, {"W_K", &m_input.wk}, {"W_V", &m_input.wv}};
        for (size_t k = 0; k < 3; ++k)
            if (ImGui::TreeNode(ws[k].first)) {
                Eigen::MatrixXd w = ws[k].second->cast<double>();
                const float cell =
                    std::max(28.0f, ImGui::GetContentRegionAvail().x / float(w.cols()) -
                                        ImGui::GetStyle().ItemSpacing.x);
                if (widgets::matrixEditor(ws[k].first, w, m_wEditors[k], {}, pal,
                                          std::min(cell, 64.0f)))
                    setParam(ws[k].first, w);
                ImGui::TreePop();
            }
    }
    if (m_typedX.size() || m_typedWq.size() || m_typedWk.size() || m_typedWv.size()) {
        if (ImGui::Button("use seeded X and W")) {
            m_typedX.resize(0, 0);
            m_typedWq.resize(0, 0);
            m_typedWk.resize(0, 0);
            m_typedWv.resize(0, 0);
            ++m_typedVersion;
            ++m_inputVersion;
            touch();
        }
    }

    widgets::sectionHeader("Scores and masks", pal);
    b = m_scale;
    if (ImGui::Checkbox("divide by \u221Ad_k", &b)) setParam("scale", b);
    widgets::helpMarker("Without it, scores grow like \u221Ad_k and softmax saturates: each row "
                        "puts almost all its weight on one token and gradients vanish.");
    float temp = float(m_temperature);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
    if (ImGui::SliderFloat("temperature", &temp, 0.05f, 100.0f, "%.2f",
                           ImGuiSliderFlags_Logarithmic | ImGuiSliderFlags_AlwaysClamp))
        setParam("temperature", double(temp));
    b = m_causal;
    if (ImGui::Checkbox("causal mask", &b)) setParam("causal", b);
    intSlider("padding", "pad", m_pad, 0, 16);

    if (auto c = readout()) {
        widgets::sectionHeader("Hovered cell", pal);
        widgets::readoutRow("Q[i]\u00b7K[j]", prettyNumber(c->dot, 4), "Q[i] @ K[j]", pal);
        widgets::readoutRow("scaled", prettyNumber(c->scaled, 4), "Q[i] @ K[j] / np.sqrt(d_k)",
                            pal);
        widgets::readoutRow("weight", prettyNumber(c->weight, 4), "weights[i, j]", pal);
        widgets::readoutRow("row sum", prettyNumber(c->rowSum, 4), "weights[i].sum()", pal);
    }
}

} // namespace linscape::scenes
