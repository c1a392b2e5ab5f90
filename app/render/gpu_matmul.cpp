// The GPU matmul; see gpu_matmul.h. Each row band is dispatched, then finished (glFinish) before
// step() returns, so the UI thread holds the GPU for one bounded band at a time and the band's
// time is read from its GL_TIME_ELAPSED query without stalling; the band height adapts so that a
// frame spends about the budget. On llvmpipe the "GPU" is this CPU running the shader.
#include "render/gpu_matmul.h"

#include "render/shader.h"

#include <epoxy/gl.h>

#include <dlfcn.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace linscape::render {
namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point t0) {
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

std::string mib(double bytes) {
    char text[48];
    if (bytes >= 1024.0 * 1024 * 1024)
        std::snprintf(text, sizeof text, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    else if (bytes >= 1024.0 * 1024)
        std::snprintf(text, sizeof text, "%.0f MiB", bytes / (1024.0 * 1024));
    else
        std::snprintf(text, sizeof text, "%.0f KiB", bytes / 1024.0);
    return text;
}

std::string shapeLabel(std::int64_t m, std::int64_t k, std::int64_t n) {
    return "(" + std::to_string(m) + "," + std::to_string(k) + ")@(" + std::to_string(k) + "," +
           std::to_string(n) + ")";
}

// A library's symbol, only when the library is loaded already (RTLD_NOLOAD): a context of a kind
// whose library is not loaded cannot be current.
void* loadedSymbol(const char* library, const char* symbol) {
    void* handle = dlopen(library, RTLD_LAZY | RTLD_NOLOAD);
    if (!handle) return nullptr;
    void* sym = dlsym(handle, symbol);
    dlclose(handle);
    return sym;
}

// The GLSL 4.30 kernel, rewritten for a GL 3.3 context that has the two ARB extensions.
std::string kernelSource(bool viaExtension) {
    std::string src = shaderSource("matmul_tiled.comp");
    if (!viaExtension) return src;
    const std::string v430 = "#version 430 core";
    const auto at = src.find(v430);
    if (at != std::string::npos)
        src.replace(at, v430.size(),
                    "#version 330 core\n#extension GL_ARB_compute_shader : require\n"
                    "#extension GL_ARB_shader_storage_buffer_object : require");
    return src;
}

GLuint buildKernel(bool viaExtension, std::string* log) {
    if (!viaExtension) return buildComputeProgram("matmul_tiled.comp", log);
    const std::string src = kernelSource(true);
    GLuint cs = glCreateShader(GL_COMPUTE_SHADER);
    const char* text = src.c_str();
    glShaderSource(cs, 1, &text, nullptr);
    glCompileShader(cs);
    GLint ok = GL_FALSE;
    glGetShaderiv(cs, GL_COMPILE_STATUS, &ok);
    char info[2048] = {0};
    if (ok != GL_TRUE) {
        glGetShaderInfoLog(cs, sizeof info, nullptr, info);
        glDeleteShader(cs);
        *log = "shader 'matmul_tiled.comp' (via ARB_compute_shader) failed to compile:\n" +
               std::string(info);
        return 0;
    }
    GLuint program = glCreateProgram();
    glAttachShader(program, cs);
    glLinkProgram(program);
    glDeleteShader(cs);
    glGetProgramiv(program, GL_LINK_STATUS, &ok);
    if (ok != GL_TRUE) {
        glGetProgramInfoLog(program, sizeof info, nullptr, info);
        glDeleteProgram(program);
        *log = "program 'matmul_tiled.comp' failed to link:\n" + std::string(info);
        return 0;
    }
    return program;
}

// Row bands are whole tiles high; the last band may be shorter.
std::int64_t roundToTiles(double rows) {
    const auto tiles = std::int64_t(std::max(1.0, std::floor(rows / kGpuMatmulTile)));
    return tiles * kGpuMatmulTile;
}

} // namespace

std::string GpuComputeInfo::label() const {
    if (software) return "GPU compute shader (software renderer: " + renderer + ")";
    return "GPU compute shader (" + renderer + ")";
}

bool glContextCurrent() {
    using GetCurrent = void* (*)();
    const char* const sources[][2] = {{"libEGL.so.1", "eglGetCurrentContext"},
                                      {"libGLX.so.0", "glXGetCurrentContext"},
                                      {"libGL.so.1", "glXGetCurrentContext"}};
    for (const auto& [library, symbol] : sources)
        if (auto f = reinterpret_cast<GetCurrent>(loadedSymbol(library, symbol)); f && f())
            return true;
    return false;
}

GpuComputeInfo queryGpuCompute() {
    GpuComputeInfo info;
    if (!glContextCurrent()) {
        info.reason = "no OpenGL context on this thread (the GPU row runs in the window)";
        return info;
    }
    auto str = [](GLenum e) {
        const auto* s = reinterpret_cast<const char*>(glGetString(e));
        return std::string(s ? s : "");
    };
    info.renderer = str(GL_RENDERER);
    info.version = str(GL_VERSION);
    for (const char* soft : {"llvmpipe", "softpipe", "swrast", "Software Rasterizer"})
        if (info.renderer.find(soft) != std::string::npos) info.software = true;
    const int version = epoxy_gl_version();
    if (version < 43) {
        const bool ext = epoxy_has_gl_extension("GL_ARB_compute_shader") &&
                         epoxy_has_gl_extension("GL_ARB_shader_storage_buffer_object");
        if (!ext) {
            info.reason = "compute shaders need OpenGL 4.3 (or GL_ARB_compute_shader with "
                          "GL_ARB_shader_storage_buffer_object); this context is OpenGL " +
                          info.version + " on " + info.renderer;
            return info;
        }
        info.viaExtension = true;
    }
    for (GLuint i = 0; i < 3; ++i) {
        glGetIntegeri_v(GL_MAX_COMPUTE_WORK_GROUP_SIZE, i, &info.maxGroupSize[i]);
        glGetIntegeri_v(GL_MAX_COMPUTE_WORK_GROUP_COUNT, i, &info.maxGroupCount[i]);
    }
    glGetIntegerv(GL_MAX_COMPUTE_WORK_GROUP_INVOCATIONS, &info.maxInvocations);
    GLint64 shared = 0, block = 0;
    glGetInteger64v(GL_MAX_COMPUTE_SHARED_MEMORY_SIZE, &shared);
    glGetInteger64v(GL_MAX_SHADER_STORAGE_BLOCK_SIZE, &block);
    info.maxSharedBytes = shared;
    info.maxStorageBlockBytes = block;
    const int tile = kGpuMatmulTile;
    const std::int64_t needShared = 2 * tile * tile * std::int64_t(sizeof(float));
    if (info.maxGroupSize[0] < tile || info.maxGroupSize[1] < tile ||
        info.maxInvocations < tile * tile) {
        info.reason = "the kernel needs work groups of 16 x 16 = 256 invocations; " +
                      info.renderer + " allows " + std::to_string(info.maxGroupSize[0]) + " x " +
                      std::to_string(info.maxGroupSize[1]) + " and " +
                      std::to_string(info.maxInvocations) + " invocations";
        return info;
    }
    if (info.maxSharedBytes < needShared) {
        info.reason = "the kernel needs " + mib(double(needShared)) +
                      " of shared memory per work group; " + info.renderer + " offers " +
                      mib(double(info.maxSharedBytes));
        return info;
    }
    if (info.maxStorageBlockBytes <= 0) {
        info.reason = info.renderer + " reports no shader storage blocks";
        return info;
    }
    info.available = true;
    return info;
}

std::string checkGpuMatmulShape(const GpuComputeInfo& info, std::int64_t m, std::int64_t k,
                                std::int64_t n) {
    if (!info.available) return info.reason;
    const std::string shape = shapeLabel(m, k, n);
    if (m < 1 || k < 1 || n < 1) return shape + ": each of m, k, n must be at least 1";
    const double limit = double(info.maxStorageBlockBytes);
    const struct {
        const char* name;
        double elements;
    } buffers[] = {
        {"A", double(m) * double(k)}, {"B", double(k) * double(n)}, {"C", double(m) * double(n)}};
    for (const auto& buf : buffers) {
        const double bytes = buf.elements * sizeof(float);
        // The shader indexes with 32-bit unsigned ints.
        if (bytes > limit || buf.elements >= 4294967295.0)
            return shape + " on the GPU: " + buf.name + " needs about " + mib(bytes) +
                   ", more than GL_MAX_SHADER_STORAGE_BLOCK_SIZE (" + mib(limit) + ") on " +
                   info.renderer;
    }
    const double groupsX = std::ceil(double(n) / kGpuMatmulTile);
    if (groupsX > double(info.maxGroupCount[0]))
        return shape + " on the GPU: n = " + std::to_string(n) + " needs " +
               std::to_string(std::int64_t(groupsX)) + " work groups across, more than the " +
               std::to_string(info.maxGroupCount[0]) + " allowed";
    return {};
}

// ---- A stepped run ------------------------------------------------------------------------------

struct GpuMatmulRun::Gl {
    GpuComputeInfo info;
    GLuint program = 0;
    GLuint buffers[3] = {0, 0, 0}; // A, B, C
    GLuint query = 0;
    GLint uM = -1, uK = -1, uN = -1, uRowOffset = -1;
    bool created = false;
};

GpuMatmulRun::GpuMatmulRun(GpuMatmulInputs inputs, double capSeconds)
    : m_in(std::move(inputs)), m_cap(capSeconds) {}

GpuMatmulRun::~GpuMatmulRun() {
    // Deleting needs the context that made them; without one (shutdown) the driver frees them.
    if (m_gl && m_gl->created && glContextCurrent()) {
        glDeleteBuffers(3, m_gl->buffers);
        if (m_gl->query) glDeleteQueries(1, &m_gl->query);
        if (m_gl->program) glDeleteProgram(m_gl->program);
    }
}

void GpuMatmulRun::fail(std::string why) {
    m_error = std::move(why);
    m_phase = Phase::Failed;
}

void GpuMatmulRun::cancel() {
    if (!finished()) m_phase = Phase::Cancelled;
}

double GpuMatmulRun::progress() const {
    const double m = double(std::max<std::int64_t>(m_in.m, 1));
    const double bytes = double(m_in.m * m_in.k + m_in.k * m_in.n) * sizeof(float);
    switch (m_phase) {
    case Phase::Uploading:
        return 0.05 * double(m_uploaded) / std::max(bytes, 1.0);
    case Phase::Computing: {
        double share = double(m_dispatched) / m;
        if (m_cap > 0) share = std::max(share, m_figures.gpuSeconds / m_cap);
        return 0.05 + 0.9 * std::min(share, 1.0);
    }
    case Phase::Reading:
        return 0.95 + 0.05 * double(m_read) / double(std::max<std::int64_t>(m_figures.rowsDone, 1));
    default:
        return 1.0;
    }
}

std::string GpuMatmulRun::status() const {
    switch (m_phase) {
    case Phase::Uploading:
        return "GPU: uploading A and B";
    case Phase::Computing:
        return "GPU: " + std::to_string(int(100.0 * double(m_dispatched) / double(m_in.m))) +
               "% of the rows of C";
    case Phase::Reading:
        return "GPU: reading C back and checking it against the CPU";
    case Phase::Done:
        return "GPU: done";
    case Phase::Failed:
        return "GPU: failed";
    case Phase::Cancelled:
        return "GPU: cancelled";
    }
    return {};
}

void GpuMatmulRun::step(double budget) {
    if (finished()) return;
    if (!m_gl) {
        m_gl = std::make_unique<Gl>();
        Gl& g = *m_gl;
        g.info = queryGpuCompute();
        if (std::string why = checkGpuMatmulShape(g.info, m_in.m, m_in.k, m_in.n); !why.empty())
            return fail(why);
        if (!m_in.a || !m_in.b) return fail("no input matrices");
        std::string log;
        g.program = buildKernel(g.info.viaExtension, &log);
        if (!g.program) return fail(log);
        g.uM = glGetUniformLocation(g.program, "uM");
        g.uK = glGetUniformLocation(g.program, "uK");
        g.uN = glGetUniformLocation(g.program, "uN");
        g.uRowOffset = glGetUniformLocation(g.program, "uRowOffset");
        while (glGetError() != GL_NO_ERROR) {
        }
        glGenBuffers(3, g.buffers);
        glGenQueries(1, &g.query);
        g.created = true;
        const std::int64_t sizes[] = {m_in.m * m_in.k, m_in.k * m_in.n, m_in.m * m_in.n};
        for (int i = 0; i < 3; ++i) {
            glBindBuffer(GL_SHADER_STORAGE_BUFFER, g.buffers[i]);
            glBufferData(GL_SHADER_STORAGE_BUFFER, GLsizeiptr(sizes[i] * sizeof(float)), nullptr,
                         i == 2 ? GL_STREAM_READ : GL_STATIC_DRAW);
        }
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
        if (const GLenum e = glGetError(); e != GL_NO_ERROR)
            return fail(e == GL_OUT_OF_MEMORY
                            ? "the GPU has no room for " +
                                  mib(double(sizes[0] + sizes[1] + sizes[2]) * sizeof(float)) +
                                  " of buffers"
                            : "creating the GPU buffers failed (GL error " + std::to_string(e) +
                                  ")");
        m_c.assign(std::size_t(m_in.m * m_in.n), 0.0f);
    }
    switch (m_phase) {
    case Phase::Uploading:
        return stepUpload(budget);
    case Phase::Computing:
        return stepCompute(budget);
    case Phase::Reading:
        return stepRead(budget);
    default:
        return;
    }
}

// A and B go up in pieces of at most 32 MiB a step.
void GpuMatmulRun::stepUpload(double) {
    constexpr std::int64_t kPiece = 32 << 20;
    const std::int64_t bytesA = m_in.m * m_in.k * std::int64_t(sizeof(float));
    const std::int64_t bytesB = m_in.k * m_in.n * std::int64_t(sizeof(float));
    std::int64_t left = kPiece;
    while (left > 0 && m_uploaded < bytesA + bytesB) {
        const bool inA = m_uploaded < bytesA;
        const std::int64_t offset = inA ? m_uploaded : m_uploaded - bytesA;
        const std::int64_t size = std::min(left, (inA ? bytesA : bytesB) - offset);
        const auto* src = reinterpret_cast<const char*>(inA ? m_in.a : m_in.b) + offset;
        glBindBuffer(GL_SHADER_STORAGE_BUFFER, m_gl->buffers[inA ? 0 : 1]);
        glBufferSubData(GL_SHADER_STORAGE_BUFFER, GLintptr(offset), GLsizeiptr(size), src);
        m_uploaded += size;
        left -= size;
    }
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
    if (m_uploaded >= bytesA + bytesB) m_phase = Phase::Computing;
}

void GpuMatmulRun::stepCompute(double budget) {
    Gl& g = *m_gl;
    const auto t0 = Clock::now();
    glUseProgram(g.program);
    glUniform1ui(g.uM, GLuint(m_in.m));
    glUniform1ui(g.uK, GLuint(m_in.k));
    glUniform1ui(g.uN, GLuint(m_in.n));
    for (int i = 0; i < 3; ++i)
        glBindBufferBase(GL_SHADER_STORAGE_BUFFER, GLuint(i), g.buffers[i]);
    const auto groupsX = GLuint((m_in.n + kGpuMatmulTile - 1) / kGpuMatmulTile);
    bool capped = false;
    while (m_dispatched < m_in.m) {
        const std::int64_t rows = std::min(m_bandRows, m_in.m - m_dispatched);
        const auto band0 = Clock::now();
        glUniform1ui(g.uRowOffset, GLuint(m_dispatched));
        glBeginQuery(GL_TIME_ELAPSED, g.query);
        glDispatchCompute(groupsX, GLuint((rows + kGpuMatmulTile - 1) / kGpuMatmulTile), 1);
        glEndQuery(GL_TIME_ELAPSED);
        glFinish(); // the band is done: its query answers at once, and nothing piles up
        const double wall = secondsSince(band0);
        GLuint64 ns = 0;
        glGetQueryObjectui64v(g.query, GL_QUERY_RESULT, &ns);
        // A driver that does not time compute work in its queries reports ~0: then the band's
        // wall time around dispatch + glFinish is the honest measure.
        const double gpu = double(ns) * 1e-9;
        const bool byQuery = gpu > 0.05 * wall;
        const double seconds = byQuery ? gpu : wall;
        if (!byQuery) m_figures.timedByQueries = false;
        m_figures.gpuSeconds += seconds;
        m_dispatched += rows;
        ++m_figures.dispatches;
        // The next band fills about the budget at this band's rate.
        const double rowsPerSecond = double(rows) / std::max(seconds, 1e-6);
        m_bandRows = roundToTiles(rowsPerSecond * budget * 0.8);
        if (m_cap > 0 && m_figures.gpuSeconds >= m_cap) {
            capped = true;
            break;
        }
        if (secondsSince(t0) + seconds >= budget) break;
    }
    for (int i = 0; i < 3; ++i)
        glBindBufferBase(GL_SHADER_STORAGE_BUFFER, GLuint(i), 0);
    glUseProgram(0);
    if (m_dispatched >= m_in.m || capped) {
        m_figures.rowsDone = m_dispatched;
        m_figures.fractionRun = double(m_dispatched) / double(m_in.m);
        m_figures.extrapolated = m_dispatched < m_in.m;
        m_figures.seconds = m_figures.gpuSeconds / m_figures.fractionRun;
        glMemoryBarrier(GL_BUFFER_UPDATE_BARRIER_BIT);
        m_phase = Phase::Reading;
    }
}

// C comes back in pieces of about 16 MiB a step and is compared with the reference as it comes.
void GpuMatmulRun::stepRead(double) {
    const std::int64_t n = m_in.n;
    const std::int64_t rowsPerPiece = std::max<std::int64_t>(1, (16 << 20) / (n * 4));
    const std::int64_t rows = std::min(rowsPerPiece, m_figures.rowsDone - m_read);
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, m_gl->buffers[2]);
    float* dst = m_c.data() + m_read * n;
    glGetBufferSubData(GL_SHADER_STORAGE_BUFFER, GLintptr(m_read * n * 4), GLsizeiptr(rows * n * 4),
                       dst);
    glBindBuffer(GL_SHADER_STORAGE_BUFFER, 0);
    if (m_in.reference) {
        const float* ref = m_in.reference + m_read * n;
        for (std::int64_t i = 0; i < rows * n; ++i) {
            if (!std::isfinite(dst[i])) m_diff = INFINITY;
            m_diff = std::max(m_diff, double(std::abs(dst[i] - ref[i])));
            m_scale = std::max(m_scale, double(std::abs(ref[i])));
        }
    }
    m_read += rows;
    if (m_read >= m_figures.rowsDone) {
        m_c.resize(std::size_t(m_figures.rowsDone * n));
        if (m_in.reference) {
            m_figures.checked = true;
            m_figures.maxRelError = m_scale > 0 ? m_diff / m_scale : m_diff;
            if (!std::isfinite(m_figures.maxRelError))
                return fail("the GPU result has non-finite entries");
        }
        m_phase = Phase::Done;
    }
}

GpuMatmulOutcome gpuMatmul(const float* a, const float* b, std::int64_t m, std::int64_t k,
                           std::int64_t n, const float* reference) {
    GpuMatmulInputs in;
    in.m = m;
    in.k = k;
    in.n = n;
    in.a = a;
    in.b = b;
    in.reference = reference;
    GpuMatmulRun run(in);
    while (!run.finished())
        run.step(1e9);
    GpuMatmulOutcome out;
    out.ok = run.phase() == GpuMatmulRun::Phase::Done;
    out.error = run.error();
    out.c = run.result();
    out.figures = run.figures();
    return out;
}

} // namespace linscape::render
