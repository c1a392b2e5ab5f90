// The speed lab's GPU row (see speedlab_scene.h): after the CPU methods finish, the same A and B
// go through the compute-shader kernel on the GL thread, one band of rows per frame within
// kGpuBudgetSeconds, so the window stays responsive; the result is checked against the engine's C.
#include "scenes/speedlab_scene.h"

#include "widgets/widgets.h"

#include <imgui.h>

#include <cstdio>

namespace linscape::scenes {
namespace {

std::string sci(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1e", v);
    return text;
}

std::string gpuNote(const render::GpuComputeInfo& info) {
    return info.software ? "software renderer: " + info.renderer + " runs the shader on this CPU"
                         : info.renderer;
}

} // namespace

void SpeedLabScene::queryGpu() {
    // Asked once, on the first frame that has a context (never in CPU-only tests).
    if (!m_gpuInfo && render::glContextCurrent()) m_gpuInfo = render::queryGpuCompute();
}

void SpeedLabScene::startGpuPhase() {
    engine::SpeedResult skipped;
    skipped.method = engine::SpeedMethod::Gpu;
    skipped.label = "GPU compute shader";
    skipped.skipped = true;
    const render::GpuComputeInfo info = m_gpuInfo ? *m_gpuInfo : render::queryGpuCompute();
    const engine::BenchShape& s = m_report->shape;
    std::string why = render::checkGpuMatmulShape(info, s.m, s.k, s.n);
    if (why.empty() && !m_report->inputs) why = "the CPU run kept no inputs";
    if (!why.empty()) {
        skipped.note = why;
        engine::addSpeedResult(*m_report, skipped);
        m_report->inputs.reset();
        return;
    }
    const auto inputs = m_report->inputs;
    render::GpuMatmulInputs in;
    in.m = s.m;
    in.k = s.k;
    in.n = s.n;
    in.a = inputs->a.data();
    in.b = inputs->b.data();
    in.reference = inputs->reference.data();
    in.keepAlive = inputs;
    // The same cap as the slow CPU loops: past it the GPU row extrapolates from its bands.
    m_gpuRun = std::make_unique<render::GpuMatmulRun>(std::move(in), m_cap);
    touch();
}

void SpeedLabScene::stepGpu() {
    if (!m_gpuRun) return;
    if (!render::glContextCurrent()) return; // only the GL thread can advance it
    m_gpuRun->step(kGpuBudgetSeconds);
    if (m_gpuRun->finished()) finishGpu();
}

void SpeedLabScene::finishGpu() {
    if (!m_gpuRun || !m_report) {
        m_gpuRun.reset();
        return;
    }
    const render::GpuMatmulRun& run = *m_gpuRun;
    engine::SpeedResult r;
    r.method = engine::SpeedMethod::Gpu;
    r.label = "GPU compute shader";
    if (run.phase() == render::GpuMatmulRun::Phase::Done) {
        const render::GpuMatmulFigures& f = run.figures();
        r.seconds = f.seconds;
        r.measuredSeconds = f.gpuSeconds;
        r.extrapolated = f.extrapolated;
        r.fractionRun = f.fractionRun;
        r.maxRelError = f.maxRelError;
        r.note = (m_gpuInfo ? gpuNote(*m_gpuInfo) + "; " : std::string()) +
                 std::to_string(f.dispatches) + " bands of 16-row tiles, timed by " +
                 (f.timedByQueries ? "GL timer queries" : "wall time around glFinish");
        engine::addSpeedResult(*m_report, r);
    } else if (run.phase() == render::GpuMatmulRun::Phase::Cancelled) {
        m_report->cancelled = true;
        m_message = "cancelled: " + std::to_string(m_report->results.size()) + " of " +
                    std::to_string(methodCount()) + " methods finished (the GPU row was stopped)";
        m_messageIsError = false;
    } else {
        r.skipped = true;
        r.note = run.error();
        engine::addSpeedResult(*m_report, r);
    }
    m_report->inputs.reset(); // A, B and C can be large: free them once the GPU is done
    m_gpuRun.reset();
    touch();
}

std::string SpeedLabScene::gpuIdleLine() const {
    if (!m_gpu) return "GPU compute shader: off (gpu=false)";
    if (!m_gpuInfo) return "GPU compute shader: waits for the first frame with an OpenGL context";
    if (!m_gpuInfo->available) return "GPU compute shader: unavailable, " + m_gpuInfo->reason;
    const std::string why =
        render::checkGpuMatmulShape(*m_gpuInfo, m_shape.m, m_shape.k, m_shape.n);
    if (!why.empty() && m_shapeError.empty()) return "GPU compute shader: refused, " + why;
    // The renderer's name without its details: "llvmpipe (LLVM 15.0.6, 256 bits)" -> "llvmpipe".
    const std::string& r = m_gpuInfo->renderer;
    const std::string name = r.substr(0, r.find(" ("));
    return "GPU compute shader: 16 \u00d7 16 tiles in shared memory on " + name +
           (m_gpuInfo->software ? " (software: this CPU runs it)" : "");
}

std::vector<std::string> SpeedLabScene::gpuNotes() const {
    std::vector<std::string> notes;
    if (!m_report) return notes;
    for (const auto& r : m_report->results) {
        if (r.method != engine::SpeedMethod::Gpu || r.skipped) continue;
        std::string line = "GPU: checked against CPU: max rel err " + sci(r.maxRelError) + "; " +
                           (r.note.find("timer queries") != std::string::npos
                                ? "timed by GL timer queries. "
                                : "timed by wall time around glFinish. ");
        if (m_gpuInfo && m_gpuInfo->software)
            line += "Software renderer (" + m_gpuInfo->renderer +
                    "): the shader runs on this CPU's cores, so this row says nothing about a "
                    "graphics card.";
        else if (m_gpuInfo)
            line += "On " + m_gpuInfo->renderer + ".";
        notes.push_back(line);
    }
    return notes;
}

void SpeedLabScene::gpuPanel(const SceneContext& ctx) {
    const style::Palette& pal = *ctx.palette;
    ImGui::BeginDisabled(running());
    bool gpu = m_gpu;
    if (ImGui::Checkbox("GPU row (compute shader)", &gpu)) setParam("gpu", gpu);
    ImGui::EndDisabled();
    if (!m_gpuInfo) return;
    ImGui::PushTextWrapPos(0);
    if (m_gpuInfo->available) {
        ImGui::TextDisabled("%s", m_gpuInfo->label().c_str());
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text,
                              ImVec4(pal.warning.r, pal.warning.g, pal.warning.b, 1));
        ImGui::TextUnformatted(("GPU unavailable: " + m_gpuInfo->reason).c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopTextWrapPos();
}

} // namespace linscape::scenes
