// The speed lab scene: one product timed four ways on this machine (naive loop, blocked loop, the
// engine on one thread and on all threads) as a background job with progress and cancel, then on
// the GPU through a compute shader (on the GL thread, one bounded band per frame), shown as time,
// GFLOP/s and speed-up bars; results saved as CSV. The UI thread never waits on the run.
#pragma once

#include "engine/jobs.h"
#include "engine/speedlab.h"
#include "render/gpu_matmul.h"
#include "scenes/scene.h"

#include <memory>
#include <optional>
#include <string>

namespace linscape::scenes {

class SpeedLabScene final : public Scene {
public:
    SpeedLabScene();
    ~SpeedLabScene() override;

    std::string_view id() const override { return "speedlab"; }
    std::string_view title() const override { return "Speed lab"; }
    std::vector<ParamSpec> params() const override;
    std::optional<ParamValue> param(const std::string& name) const override;
    double duration() const override { return 0; }
    void update(double t) override;
    void draw(render::Canvas& canvas, const SceneContext& ctx) override;
    void panel(const SceneContext& ctx) override;
    std::string statusLine() const override;
    bool busy() const override { return running(); }
    void reset() override;

    // The product the next run measures; the error says why it cannot run (empty: it can).
    const engine::BenchShape& shape() const { return m_shape; }
    const std::string& shapeError() const { return m_shapeError; }
    // Starts the job (false, with the reason in message(), when the shape is refused or a run is
    // already going); cancel asks it to stop. The report arrives through update() (polling).
    bool startRun();
    void cancelRun();
    bool running() const { return (m_job.valid() && !m_delivered) || m_gpuRun != nullptr; }
    // The GPU row runs after the CPU methods; this is its phase (null when it is not running).
    const render::GpuMatmulRun* gpuRun() const { return m_gpuRun.get(); }
    // What the GL context offers (empty until a frame ran with a context current).
    const std::optional<render::GpuComputeInfo>& gpuInfo() const { return m_gpuInfo; }
    // GL time the GPU row may take per frame: the window stays responsive.
    static constexpr double kGpuBudgetSeconds = 0.006;
    const std::optional<engine::SpeedLabReport>& report() const { return m_report; }
    // Saves the last report as CSV to `csv` (default: linscape-speedlab.csv in the home folder).
    bool saveCsv();
    const std::string& message() const { return m_message; }
    std::string csvPath() const;

protected:
    std::string applyParam(const std::string& name, const ParamValue& value) override;

private:
    void setShapeFromPreset();
    void drawResults(render::Canvas& canvas, const SceneContext& ctx, float top);
    int methodCount() const { return m_gpu ? 5 : 4; }
    double overallProgress() const; // the CPU job, then the GPU row
    // speedlab_gpu.cpp: the GPU row.
    void queryGpu();
    void startGpuPhase();
    void stepGpu();
    void finishGpu();
    std::string gpuIdleLine() const;
    std::vector<std::string> gpuNotes() const;
    void gpuPanel(const SceneContext& ctx);

    // State
    std::string m_preset;
    std::string m_custom = "300,300,300";
    double m_cap = 3.0;
    std::string m_csv;
    bool m_gpu = true;           // race the GPU row too
    bool m_referenceCpu = false; // describe engine::ReferenceCpu before a run (goldens)

    // Derived and run state
    engine::BenchShape m_shape;
    std::string m_shapeError;
    std::optional<engine::SpeedLabReport> m_report;
    std::string m_message;
    bool m_messageIsError = false;
    engine::JobHandle m_job;
    bool m_delivered = true;
    engine::BenchShape m_runningShape;
    std::optional<render::GpuComputeInfo> m_gpuInfo;
    std::unique_ptr<render::GpuMatmulRun> m_gpuRun;
    engine::JobQueue m_jobs; // last member: destroyed (cancelled and joined) first
};

} // namespace linscape::scenes
