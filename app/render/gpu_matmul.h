// Matrix multiplication on the GPU through an OpenGL 4.3 compute shader (shaders/matmul_tiled.comp:
// 16x16 tiles of A and B in shared memory, float32). No GL types cross this header: scenes drive a
// run step by step from the GL thread, a bounded slice of work per frame, so the window never
// freezes; everything GL stays in gpu_matmul.cpp. Storage is row-major, C = A @ B, (m,k) @ (k,n).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace linscape::render {

constexpr int kGpuMatmulTile = 16; // the shader's tile edge and work-group size

// What the current GL context offers for compute. Without a current context nothing GL is
// called and `reason` says so.
struct GpuComputeInfo {
    bool available = false;
    std::string reason;            // why not, when unavailable
    std::string renderer, version; // GL_RENDERER, GL_VERSION
    bool software = false;         // llvmpipe, softpipe or swrast: the "GPU" is this CPU
    bool viaExtension = false;     // GL < 4.3 with ARB_compute_shader + ARB_ssbo
    int maxGroupSize[3] = {0, 0, 0};
    int maxGroupCount[3] = {0, 0, 0};
    int maxInvocations = 0;
    std::int64_t maxSharedBytes = 0;
    std::int64_t maxStorageBlockBytes = 0; // GL_MAX_SHADER_STORAGE_BLOCK_SIZE

    // "GPU compute shader (software renderer: llvmpipe)" or "GPU compute shader (NVIDIA ...)".
    std::string label() const;
};

// Whether a GL context (EGL or GLX) is current on this thread, asked of the loaded libraries
// without calling GL.
bool glContextCurrent();
// The capability check: GL 4.3 or ARB_compute_shader (with SSBOs), work groups of 16 x 16 = 256
// invocations and 2 KiB of shared memory.
GpuComputeInfo queryGpuCompute();

// Empty when (m,k) @ (k,n) can run with `info`; otherwise the reason: not available, a size out
// of range, or a buffer over GL_MAX_SHADER_STORAGE_BLOCK_SIZE (naming the estimate and the limit).
std::string checkGpuMatmulShape(const GpuComputeInfo& info, std::int64_t m, std::int64_t k,
                                std::int64_t n);

// The inputs of one run. The pointers must stay valid for the run's life (keepAlive may own them);
// reference (may be null) is the CPU's C that the GPU result is checked against.
struct GpuMatmulInputs {
    std::int64_t m = 0, k = 0, n = 0;
    const float* a = nullptr;
    const float* b = nullptr;
    const float* reference = nullptr;
    std::shared_ptr<const void> keepAlive;
};

struct GpuMatmulFigures {
    double gpuSeconds = 0; // GL timer queries summed over the dispatched row bands
    double seconds = 0;    // for the whole product: gpuSeconds, or extrapolated past the cap
    std::int64_t rowsDone = 0;
    double fractionRun = 1; // share of C's rows computed
    bool extrapolated = false;
    int dispatches = 0;
    double maxRelError = 0; // max |C_gpu - C_ref| / max |C_ref| over the computed rows
    bool checked = false;   // a reference was given and compared
    // Every band timed by its GL_TIME_ELAPSED query; false: at least one query reported ~0
    // (a driver that does not time compute work) and its band's wall time was used.
    bool timedByQueries = true;
};

// One product, advanced by step() on the GL thread with the context current. Phases: uploading
// A and B, computing row bands (each timed by a GL_TIME_ELAPSED query), reading C back and
// comparing it, then Done; Failed or Cancelled end it early. Must be destroyed on the GL thread.
class GpuMatmulRun {
public:
    enum class Phase { Uploading, Computing, Reading, Done, Failed, Cancelled };

    // capSeconds > 0: stop dispatching once that much GPU time is spent and extrapolate (every
    // row band costs the same), as the speed lab's slow CPU loops do.
    GpuMatmulRun(GpuMatmulInputs inputs, double capSeconds = 0);
    ~GpuMatmulRun();
    GpuMatmulRun(const GpuMatmulRun&) = delete;
    GpuMatmulRun& operator=(const GpuMatmulRun&) = delete;

    // Does about budgetSeconds of work (at least one unit: a buffer piece, a band, a read).
    void step(double budgetSeconds);
    void cancel();

    Phase phase() const { return m_phase; }
    bool finished() const {
        return m_phase == Phase::Done || m_phase == Phase::Failed || m_phase == Phase::Cancelled;
    }
    double progress() const; // 0..1 over the whole run
    std::string status() const;
    const std::string& error() const { return m_error; }
    const GpuMatmulFigures& figures() const { return m_figures; }
    // C's computed rows (rowsDone x n), once Done.
    const std::vector<float>& result() const { return m_c; }

private:
    struct Gl;
    void fail(std::string why);
    void stepUpload(double budget);
    void stepCompute(double budget);
    void stepRead(double budget);

    GpuMatmulInputs m_in;
    double m_cap = 0;
    Phase m_phase = Phase::Uploading;
    std::string m_error;
    GpuMatmulFigures m_figures;
    std::vector<float> m_c;
    std::unique_ptr<Gl> m_gl;
    std::int64_t m_uploaded = 0;   // bytes of A then B
    std::int64_t m_dispatched = 0; // rows dispatched
    std::int64_t m_bandRows = kGpuMatmulTile;
    std::int64_t m_read = 0; // rows read back and compared
    double m_diff = 0, m_scale = 0;
};

// Runs a whole product at once (tests, small sizes): C (m x n), or the error. The same steps as a
// stepped run, with no budget.
struct GpuMatmulOutcome {
    bool ok = false;
    std::string error;
    std::vector<float> c;
    GpuMatmulFigures figures;
};
GpuMatmulOutcome gpuMatmul(const float* a, const float* b, std::int64_t m, std::int64_t k,
                           std::int64_t n, const float* reference = nullptr);

} // namespace linscape::render
