// The speed lab scene; see speedlab_scene.h. The measurements are engine::runSpeedLab in a job
// on the scene's own queue (so a run never outlives the scene); the scene draws only what the
// last finished run reported, never made-up numbers.
#include "scenes/speedlab_scene.h"

#include "engine/thread_pool.h"
#include "scenes/draw2d.h"
#include "widgets/widgets.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <vector>

namespace linscape::scenes {
namespace {

struct Preset {
    const char* id;
    engine::BenchShape shape;
};
const Preset kPresets[] = {
    {"64", {64, 64, 64}},         {"256x512x1024", {256, 512, 1024}},
    {"512", {512, 512, 512}},     {"1024", {1024, 1024, 1024}},
    {"2048", {2048, 2048, 2048}}, {"1024x4096x4096", {1024, 4096, 4096}},
};

// A number with a fixed count of decimals, and an optional unit after it.
std::string fmt(double v, int decimals, const char* unit = "") {
    char text[64];
    std::snprintf(text, sizeof text, "%.*f%s", decimals, v, unit);
    return text;
}

// "134M", "17.2G": multiply-adds in words a student can compare.
std::string countText(double v) {
    if (v >= 1e12) return fmt(v / 1e12, 1, "T");
    if (v >= 1e9) return fmt(v / 1e9, 1, "G");
    if (v >= 1e6) return fmt(v / 1e6, 0, "M");
    if (v >= 1e3) return fmt(v / 1e3, 0, "k");
    return fmt(v, 0);
}

std::string sci(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1e", v);
    return text;
}

std::string secondsText(double s) {
    if (s < 1e-3) return fmt(s * 1e6, 0, " \u00b5s");
    if (s < 1) return fmt(s * 1e3, 1, " ms");
    if (s < 120) return fmt(s, 2, " s");
    return fmt(s, 0, " s");
}

std::string memoryText(double bytes) {
    if (bytes >= 1024.0 * 1024 * 1024) return fmt(bytes / (1024.0 * 1024 * 1024), 1, " GiB");
    if (bytes >= 1024.0 * 1024) return fmt(bytes / (1024.0 * 1024), 0, " MiB");
    return fmt(bytes / 1024.0, 0, " KiB");
}

bool parseShape(const std::string& text, engine::BenchShape& out) {
    long long m = 0, k = 0, n = 0;
    char extra = 0;
    if (std::sscanf(text.c_str(), " %lld , %lld , %lld %c", &m, &k, &n, &extra) != 3) return false;
    out = {engine::Index(m), engine::Index(k), engine::Index(n)};
    return true;
}

} // namespace

SpeedLabScene::SpeedLabScene() {
    reset();
}

SpeedLabScene::~SpeedLabScene() = default;

void SpeedLabScene::reset() {
    m_preset = "256x512x1024";
    m_custom = "300,300,300";
    m_cap = 3.0;
    m_csv.clear();
    m_gpu = true;
    m_referenceCpu = false;
    setShapeFromPreset();
    touch();
}

std::vector<ParamSpec> SpeedLabScene::params() const {
    ParamSpec preset;
    preset.name = "preset";
    preset.type = ParamType::Choice;
    for (const Preset& p : kPresets)
        preset.choices.push_back(p.id);
    preset.choices.push_back("custom");
    preset.help = "the product to race: (m,k) @ (k,n) presets, or custom (see shape)";
    ParamSpec shape;
    shape.name = "shape";
    shape.type = ParamType::Text;
    shape.help = "m,k,n for the custom preset: (m,k) @ (k,n)";
    ParamSpec cap;
    cap.name = "cap";
    cap.type = ParamType::Number;
    cap.minValue = 0.2;
    cap.maxValue = 120;
    cap.help = "seconds after which the naive and blocked loops stop and extrapolate";
    ParamSpec csv;
    csv.name = "csv";
    csv.type = ParamType::Text;
    csv.help = "where Save CSV writes (default: linscape-speedlab.csv in the home folder)";
    ParamSpec gpu;
    gpu.name = "gpu";
    gpu.type = ParamType::Bool;
    gpu.help = "race the GPU compute shader too (after the CPU methods, on the GL thread)";
    ParamSpec machine;
    machine.name = "machine";
    machine.type = ParamType::Choice;
    machine.choices = {"this", "reference"};
    machine.help = "whose kernels and threads the text before a run describes: this CPU's, or a "
                   "fixed reference CPU (portable kernels, 2 threads) so that pictures are the "
                   "same on every machine; runs always measure this machine";
    return {preset, shape, cap, csv, gpu, machine};
}

std::optional<ParamValue> SpeedLabScene::param(const std::string& name) const {
    if (name == "preset") return ParamValue(m_preset);
    if (name == "shape") return ParamValue(m_custom);
    if (name == "cap") return ParamValue(m_cap);
    if (name == "csv") return ParamValue(m_csv);
    if (name == "gpu") return ParamValue(m_gpu);
    if (name == "machine") return ParamValue(std::string(m_referenceCpu ? "reference" : "this"));
    return std::nullopt;
}

std::string SpeedLabScene::applyParam(const std::string& name, const ParamValue& value) {
    if (name == "preset") {
        m_preset = std::get<std::string>(value);
    } else if (name == "shape") {
        engine::BenchShape s;
        const std::string& text = std::get<std::string>(value);
        if (!parseShape(text, s))
            return "'shape' must be m,k,n (three whole numbers), not '" + text + "'";
        m_custom = text;
        m_preset = "custom";
    } else if (name == "cap") {
        m_cap = std::get<double>(value);
    } else if (name == "csv") {
        m_csv = std::get<std::string>(value);
    } else if (name == "gpu") {
        if (running()) return "'gpu' cannot change during a run; cancel it first";
        m_gpu = std::get<bool>(value);
    } else if (name == "machine") {
        m_referenceCpu = std::get<std::string>(value) == "reference";
    }
    setShapeFromPreset();
    return {};
}

void SpeedLabScene::setShapeFromPreset() {
    m_shape = {};
    for (const Preset& p : kPresets)
        if (m_preset == p.id) m_shape = p.shape;
    if (m_preset == "custom") parseShape(m_custom, m_shape);
    m_shapeError = engine::checkSpeedLabShape(m_shape);
}

std::string SpeedLabScene::csvPath() const {
    if (!m_csv.empty()) return m_csv;
    const char* home = std::getenv("HOME");
    const std::filesystem::path dir = home && *home ? home : std::filesystem::current_path();
    return (dir / "linscape-speedlab.csv").string();
}

bool SpeedLabScene::startRun() {
    if (running()) {
        m_message = "a run is already going; cancel it first";
        m_messageIsError = true;
        return false;
    }
    if (!m_shapeError.empty()) {
        m_message = "not run: " + m_shapeError;
        m_messageIsError = true;
        return false;
    }
    engine::SpeedLabConfig config;
    config.shape = m_shape;
    config.capSeconds = m_cap;
    config.keepInputs = m_gpu; // the GPU row reuses A, B and checks against the engine's C
    auto result = std::make_shared<std::optional<engine::Result<engine::SpeedLabReport>>>();
    m_delivered = false;
    m_runningShape = m_shape;
    m_message.clear();
    m_job = m_jobs.start(
        "speed lab",
        [config, result](engine::JobContext& ctx) {
            result->emplace(engine::runSpeedLab(config, &ctx));
        },
        [this, result](bool cancelled) {
            m_delivered = true;
            if (!result->has_value()) {
                m_message = "the run failed: " + m_job.error();
                m_messageIsError = true;
            } else if (!(*result)->ok()) {
                m_message = (*result)->error().message;
                m_messageIsError = true;
            } else {
                engine::SpeedLabReport report = std::move(**result).value();
                m_messageIsError = false;
                m_message.clear();
                if (cancelled || report.cancelled) {
                    m_message = "cancelled: " + std::to_string(report.results.size()) + " of " +
                                std::to_string(methodCount()) + " methods finished";
                    // A run cancelled before any method finished keeps the last results.
                    if (report.results.empty() && m_report)
                        m_message += "; showing the previous run";
                }
                const bool finished = !cancelled && !report.cancelled;
                if (!report.results.empty() || !m_report) m_report = std::move(report);
                if (finished && m_gpu) startGpuPhase();
            }
            touch();
        });
    touch();
    return true;
}

void SpeedLabScene::cancelRun() {
    if (m_gpuRun) {
        m_gpuRun->cancel();
        finishGpu();
    } else if (running()) {
        m_job.cancel();
    }
}

bool SpeedLabScene::saveCsv() {
    if (!m_report || m_report->results.empty()) {
        m_message = "nothing to save yet: run the lab first";
        m_messageIsError = true;
        return false;
    }
    const std::string path = csvPath();
    auto saved = engine::saveSpeedLabCsv(*m_report, path);
    m_messageIsError = !saved.ok();
    m_message = saved.ok()
                    ? "saved " + std::to_string(m_report->results.size()) + " rows to " + path
                    : saved.error().message;
    return saved.ok();
}

double SpeedLabScene::overallProgress() const {
    // The CPU methods fill the bar up to 4/5 when the GPU row follows them.
    const double cpuShare = m_gpu ? 0.8 : 1.0;
    if (m_gpuRun) return cpuShare + (1 - cpuShare) * m_gpuRun->progress();
    return cpuShare * m_job.progress();
}

void SpeedLabScene::update(double) {
    queryGpu();
    m_jobs.poll();
    stepGpu();
}

void SpeedLabScene::drawResults(render::Canvas& canvas, const SceneContext& ctx, float top) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const auto& results = m_report->results;
    const float f = 14 * ts;
    const float labelW = 150 * ts;
    const float x0 = 20 + labelW;
    const float panelW = (canvas.width() - x0 - 20) / 3.0f;
    // The GPU row while it is measured: a placeholder row with its progress.
    const size_t rows = results.size() + (m_gpuRun ? 1 : 0);
    const float rowH = std::min(34.0f * ts, (canvas.height() - top - 90 * ts) / float(rows));
    const float barH = rowH * 0.6f;
    double tMin = 1e300, tMax = 0, gMax = 0, sMax = 1;
    const engine::SpeedResult* base = nullptr;
    for (const auto& r : results) {
        if (r.skipped) continue;
        if (!base) base = &r;
        tMin = std::min(tMin, r.seconds);
        tMax = std::max(tMax, r.seconds);
        gMax = std::max(gMax, r.gflops);
        sMax = std::max(sMax, r.speedup);
    }
    if (!base) tMin = tMax = 1;
    const std::string heads[] = {
        "time (log scale)", "GFLOP/s",
        "speed-up vs the " + (base ? base->label : std::string("first row")) + " (log scale)"};
    for (int c = 0; c < 3; ++c) {
        float size = f;
        const float room = (c == 2 ? canvas.width() - 8 - x0 - 2 * panelW : panelW - 8);
        const float w = canvas.measureText(heads[c], size).x();
        if (w > room) size *= room / w;
        canvas.text({x0 + float(c) * panelW, top}, heads[c], size, pal.textDim);
    }
    const float y0 = top + f * 1.6f;
    const Color barColors[] = {pal.textDim, pal.jHat, pal.iHat, pal.success, pal.kHat};
    for (size_t i = 0; i < rows; ++i) {
        const float y = y0 + float(i) * rowH;
        if (i == results.size()) { // the GPU row being measured
            canvas.text({20, y + barH * 0.5f}, "GPU compute shader", f, pal.text,
                        render::Anchor::Left);
            canvas.text({x0, y + barH * 0.5f},
                        "measuring: " + m_gpuRun->status() + " (one band of rows per frame)", f,
                        pal.textDim, render::Anchor::Left);
            continue;
        }
        const auto& r = results[i];
        canvas.text({20, y + barH * 0.5f}, r.label, f, pal.text, render::Anchor::Left);
        if (r.skipped) {
            const std::string why = "not run: " + r.note;
            float size = f;
            const float w = canvas.measureText(why, size).x();
            const float room = canvas.width() - x0 - 20;
            if (w > room) size = std::max(f * 0.6f, size * room / w);
            canvas.text({x0, y + barH * 0.5f}, why, size, pal.warning, render::Anchor::Left);
            continue;
        }
        const Color col = r.method == engine::SpeedMethod::Gpu
                              ? barColors[4]
                              : barColors[std::min<size_t>(size_t(r.method), 3)];
        const float w = panelW - 10;
        // Time on a log axis from a tenth of the fastest to the slowest.
        const double lo = std::log10(tMin / 10), hi = std::log10(std::max(tMax, tMin * 10));
        const float tw = float((std::log10(r.seconds) - lo) / (hi - lo)) * w * 0.62f;
        const float gw = float(r.gflops / std::max(gMax, 1e-12)) * w * 0.62f;
        const float sw =
            float(std::log10(std::max(r.speedup, 1.0)) / std::max(std::log10(sMax), 1e-9)) * w *
            0.62f;
        const float widths[] = {std::max(tw, 2.0f), std::max(gw, 2.0f), std::max(sw, 2.0f)};
        const std::string texts[] = {(r.extrapolated ? "\u2248 " : "") + secondsText(r.seconds),
                                     fmt(r.gflops, r.gflops >= 10 ? 1 : 2),
                                     "\u00d7" + fmt(r.speedup, r.speedup >= 10 ? 0 : 2)};
        for (int c = 0; c < 3; ++c) {
            const float bx = x0 + float(c) * panelW;
            const Color bc = c == 0 && r.extrapolated ? col.withAlpha(0.45f) : col;
            canvas.fillRect({bx, y}, {bx + widths[c], y + barH}, bc);
            canvas.text({bx + widths[c] + 6, y + barH * 0.5f}, texts[c], f,
                        c == 0 && r.extrapolated ? pal.warning : pal.text, render::Anchor::Left);
        }
    }
    float y = y0 + float(rows) * rowH + 6;
    for (const auto& r : results)
        if (r.extrapolated && !r.skipped) {
            canvas.text({20, y},
                        "\u2248 " + r.label + ": extrapolated, it ran " +
                            fmt(r.fractionRun * 100, 0) + "% of the rows of C in " +
                            secondsText(r.measuredSeconds) +
                            " (the cap) and every row costs the same",
                        13 * ts, pal.warning);
            y += 18 * ts;
        }
    double worst = 0;
    for (const auto& r : results)
        if (r.method != engine::SpeedMethod::Gpu) worst = std::max(worst, r.maxRelError);
    canvas.text({20, y},
                "Every CPU result checked against the engine's C: largest relative difference " +
                    sci(worst) + " (float rounding)",
                13 * ts, pal.textDim);
    y += 18 * ts;
    for (const std::string& line : gpuNotes()) {
        for (const std::string& l : wrapText(canvas, line, 13 * ts, canvas.width() - 40)) {
            canvas.text({20, y}, l, 13 * ts, pal.textDim);
            y += 18 * ts;
        }
    }
}

void SpeedLabScene::draw(render::Canvas& canvas, const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    const float ts = ctx.textScale;
    const engine::BenchShape& s = running() ? m_runningShape : m_shape;
    const double macs = s.flops() / 2;
    const std::string title =
        "Speed lab: C = A @ B, " + s.label() + " = " + countText(macs) + " multiply-adds (float)";
    float titleSize = 18 * ts;
    const float titleW = canvas.measureText(title, titleSize).x();
    if (titleW > canvas.width() - 32) titleSize *= (canvas.width() - 32) / titleW;
    canvas.text({16, 12}, title, titleSize, pal.text);
    canvas.text(
        {16, 12 + 24 * ts},
        "NumPy: C = A @ B (NumPy calls a BLAS, the kind of library the engine competes with)",
        13 * ts, pal.textDim);
    float y = 64 * ts;
    if (!m_shapeError.empty() && !running()) {
        for (const std::string& line :
             wrapText(canvas, "Refused: " + m_shapeError, 15 * ts, canvas.width() - 40)) {
            canvas.text({20, y}, line, 15 * ts, pal.error);
            y += 20 * ts;
        }
        y += 8 * ts;
    }
    if (running()) {
        const float w = canvas.width() - 40;
        const float p = float(overallProgress());
        canvas.fillRoundedRect({20, y}, {20 + w, y + 14 * ts}, 4, pal.panel);
        canvas.fillRoundedRect({20, y}, {20 + std::max(8.0f, w * p), y + 14 * ts}, 4, pal.accent);
        canvas.text({20, y + 20 * ts},
                    fmt(p * 100, 0, "%  ") + (m_gpuRun ? m_gpuRun->status() : m_job.status()) +
                        "  (Cancel in the panel stops it within a moment)",
                    14 * ts, pal.text);
        y += 50 * ts;
    }
    if (m_report && (!m_report->results.empty() || m_gpuRun)) {
        const auto& rep = *m_report;
        canvas.text({20, y},
                    "Last run: " + rep.shape.label() + ", kernels " + rep.isa + ", " +
                        std::to_string(rep.threads) + " threads" +
                        (rep.cancelled ? " (cancelled: partial)" : ""),
                    15 * ts, rep.cancelled ? pal.warning : pal.text);
        drawResults(canvas, ctx, y + 26 * ts);
        return;
    }
    if (running()) return;

    // Before any run: the presets and what each method is.
    const float f = 14 * ts, lh = f * 1.38f;
    canvas.text({20, y}, "Presets ((m,k) @ (k,n), memory for A, B and two copies of C):", 15 * ts,
                pal.text);
    y += lh * 1.2f;
    for (const Preset& p : kPresets) {
        const bool sel = m_preset == p.id;
        const std::string line = p.shape.label() + "  " + countText(p.shape.flops() / 2) +
                                 " multiply-adds, " +
                                 memoryText(engine::speedLabMemoryBytes(p.shape));
        if (sel)
            canvas.fillRoundedRect({14, y - 2}, {28 + canvas.measureText(line, f).x(), y + f + 3},
                                   4, pal.accent.withAlpha(0.22f));
        canvas.text({20, y}, line, f, sel ? pal.text : pal.textDim);
        y += lh;
    }
    y += lh * 0.4f;
    // The reference CPU keeps pictures (goldens) the same on every machine.
    const unsigned threads =
        m_referenceCpu ? engine::ReferenceCpu::threads : engine::ThreadPool::shared().size() + 1;
    const std::string isa(engine::kernelIsaName(m_referenceCpu ? engine::ReferenceCpu::isa
                                                               : engine::detectKernelIsa()));
    const std::string lines[] = {
        "naive loop: the i-j-k triple loop; B is read down its columns, so most loads miss the "
        "cache",
        "blocked loop: the same sums in 64 \u00d7 64 blocks that stay in cache",
        "engine, 1 thread: packed panels and a " + isa + " micro-kernel (see the tile schedule)",
        "engine, " + std::to_string(threads) +
            " threads: the same, row blocks spread over the cores",
        "The slow loops stop after the cap (" + secondsText(m_cap) +
            ") and extrapolate from the rows they finished.",
        gpuIdleLine(),
        "Press Run in the panel; the window stays responsive and Cancel stops the run.",
    };
    // Rows 0-3 and 5 are the methods, with their bar colours; 4 and 6 are notes.
    const Color swatches[] = {pal.textDim, pal.jHat, pal.iHat, pal.success, {}, pal.kHat};
    for (size_t i = 0; i < std::size(lines); ++i) {
        const std::string& l = lines[i];
        const bool method = i < 4 || i == 5;
        if (method) canvas.fillRoundedRect({20, y + 2}, {20 + f, y + 2 + f}, 3, swatches[i]);
        const float x = method ? 20 + f * 1.6f : 20;
        float size = f;
        const float w = canvas.measureText(l, size).x();
        if (w > canvas.width() - x - 8) size *= (canvas.width() - x - 8) / w;
        canvas.text({x, y}, l, size, i == 6 ? pal.accent : pal.textDim);
        y += lh;
    }
}

std::string SpeedLabScene::statusLine() const {
    if (m_gpuRun) return "Measuring on the GPU, a band per frame: " + m_gpuRun->status();
    if (running()) return "Measuring in the background: " + m_job.status();
    return "Pick a preset and press Run in the panel";
}

void SpeedLabScene::panel(const SceneContext& ctx) {
    const Palette& pal = *ctx.palette;
    widgets::sectionHeader("Product", pal);
    ImGui::BeginDisabled(running());
    for (const Preset& p : kPresets) {
        const std::string label = p.shape.label() + "##" + p.id;
        if (ImGui::RadioButton(label.c_str(), m_preset == p.id))
            setParam("preset", std::string(p.id));
    }
    ImGui::RadioButton("custom m,k,n", m_preset == "custom");
    ImGui::SameLine();
    std::string custom = m_custom;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::InputText("##shape", &custom, ImGuiInputTextFlags_EnterReturnsTrue)) {
        const std::string why = setParam("shape", custom);
        m_message = why;
        m_messageIsError = !why.empty();
    }
    float cap = float(m_cap);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (ImGui::SliderFloat("cap (s)", &cap, 0.5f, 30.0f, "%.1f")) setParam("cap", double(cap));
    ImGui::EndDisabled();
    if (!m_shapeError.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(pal.error.r, pal.error.g, pal.error.b, 1));
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(m_shapeError.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("needs about %s",
                            memoryText(engine::speedLabMemoryBytes(m_shape)).c_str());
    }

    widgets::sectionHeader("Run", pal);
    if (running()) {
        ImGui::ProgressBar(float(overallProgress()));
        if (ImGui::Button("Cancel")) cancelRun();
    } else {
        ImGui::BeginDisabled(!m_shapeError.empty());
        if (ImGui::Button("Run")) startRun();
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(!m_report || m_report->results.empty());
        if (ImGui::Button("Save CSV")) saveCsv();
        ImGui::EndDisabled();
    }
    gpuPanel(ctx);
    std::string csv = m_csv;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputTextWithHint("##csv", csvPath().c_str(), &csv)) setParam("csv", csv);
    if (!m_message.empty()) {
        const style::Color c = m_messageIsError                       ? pal.error
                               : m_message.rfind("cancelled", 0) == 0 ? pal.warning
                                                                      : pal.success;
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(c.r, c.g, c.b, 1));
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(m_message.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    }
}

} // namespace linscape::scenes
