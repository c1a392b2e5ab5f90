// OpenGL implementation of the renderer: frame buffers, the canvas program, canvas-image textures,
// ImGui's OpenGL3 backend, capture and present.
#include "render/renderer.h"

#include "common/log.h"
#include "render/shader.h"

#include <backends/imgui_impl_opengl3.h>
#include <epoxy/gl.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace linscape::render {

struct Renderer::Impl {
    GLuint program = 0;
    bool fallbackProgram = false;
    GLint uViewport = -1, uPixelScale = -1, uTexture = -1;
    GLuint vao = 0, vbo = 0, ibo = 0;
    GLuint whiteTexture = 0;

    // Frame targets: `resolveFbo` always exists (texture colour); `msaaFbo` when samples > 0.
    GLuint resolveFbo = 0, resolveTexture = 0;
    GLuint msaaFbo = 0, msaaColor = 0;
    int width = 0, height = 0, samples = 0;

    struct ImageTexture {
        GLuint texture = 0;
        std::uint64_t version = 0;
        int width = 0, height = 0;
        int unusedFrames = 0;
    };
    std::unordered_map<std::uint64_t, ImageTexture> images;
    bool imguiReady = false;

    void destroyTargets() {
        if (resolveFbo) glDeleteFramebuffers(1, &resolveFbo);
        if (resolveTexture) glDeleteTextures(1, &resolveTexture);
        if (msaaFbo) glDeleteFramebuffers(1, &msaaFbo);
        if (msaaColor) glDeleteRenderbuffers(1, &msaaColor);
        resolveFbo = resolveTexture = msaaFbo = msaaColor = 0;
        width = height = 0;
    }

    void ensureTargets(int w, int h, int wantSamples) {
        if (w == width && h == height && wantSamples == samples && resolveFbo) return;
        destroyTargets();
        width = w;
        height = h;
        samples = wantSamples;
        glGenTextures(1, &resolveTexture);
        glBindTexture(GL_TEXTURE_2D, resolveTexture);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
        glGenFramebuffers(1, &resolveFbo);
        glBindFramebuffer(GL_FRAMEBUFFER, resolveFbo);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, resolveTexture,
                               0);
        if (samples > 0) {
            glGenRenderbuffers(1, &msaaColor);
            glBindRenderbuffer(GL_RENDERBUFFER, msaaColor);
            glRenderbufferStorageMultisample(GL_RENDERBUFFER, samples, GL_RGBA8, w, h);
            glGenFramebuffers(1, &msaaFbo);
            glBindFramebuffer(GL_FRAMEBUFFER, msaaFbo);
            glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER,
                                      msaaColor);
        }
        if (glCheckFramebufferStatus(GL_FRAMEBUFFER) != GL_FRAMEBUFFER_COMPLETE)
            common::error("E_GL_FRAMEBUFFER", "the frame buffer of " + std::to_string(w) + "x" +
                                                  std::to_string(h) + " is incomplete");
    }

    GLuint drawFbo() const { return msaaFbo ? msaaFbo : resolveFbo; }

    GLuint textureFor(const CanvasImage& img) {
        ImageTexture& t = images[img.id];
        t.unusedFrames = 0;
        const imaging::Image& px = *img.pixels;
        if (t.texture && t.version == img.version) return t.texture;
        if (!t.texture) glGenTextures(1, &t.texture);
        glBindTexture(GL_TEXTURE_2D, t.texture);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        if (t.width == px.width && t.height == px.height)
            glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, px.width, px.height, GL_RGBA, GL_UNSIGNED_BYTE,
                            px.rgba.data());
        else
            glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, px.width, px.height, 0, GL_RGBA,
                         GL_UNSIGNED_BYTE, px.rgba.data());
        const GLint filter = img.nearest ? GL_NEAREST : GL_LINEAR;
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        t.version = img.version;
        t.width = px.width;
        t.height = px.height;
        return t.texture;
    }
};

bool GlInfo::softwareRenderer() const {
    return renderer.find("llvmpipe") != std::string::npos ||
           renderer.find("softpipe") != std::string::npos ||
           renderer.find("swrast") != std::string::npos;
}

Renderer::Renderer() : m_impl(std::make_unique<Impl>()) {}
Renderer::~Renderer() {
    shutdown();
}

bool Renderer::init(std::string* error) {
    auto str = [](GLenum e) {
        const auto* s = reinterpret_cast<const char*>(glGetString(e));
        return std::string(s ? s : "");
    };
    m_info.vendor = str(GL_VENDOR);
    m_info.renderer = str(GL_RENDERER);
    m_info.version = str(GL_VERSION);
    m_info.glsl = str(GL_SHADING_LANGUAGE_VERSION);
    m_info.major = epoxy_gl_version() / 10;
    m_info.minor = epoxy_gl_version() % 10;
    if (epoxy_gl_version() < 33) {
        if (error)
            *error = "OpenGL 3.3 or newer is needed; this context offers '" + m_info.version +
                     "' (" + m_info.renderer + ")";
        return false;
    }
    m_info.computeShaders =
        epoxy_gl_version() >= 43 || epoxy_has_gl_extension("GL_ARB_compute_shader");

    Impl& d = *m_impl;
    std::string log;
    d.program = buildProgram("canvas.vert", "canvas.frag", &log);
    if (!d.program) {
        common::error("E_SHADER_COMPILE", log + "\nFalling back to flat colours.");
        d.program = buildProgram("fallback.vert", "fallback.frag", &log);
        d.fallbackProgram = true;
        if (!d.program) {
            if (error) *error = log;
            return false;
        }
    }
    d.uViewport = glGetUniformLocation(d.program, "u_viewportSize");
    d.uPixelScale = glGetUniformLocation(d.program, "u_pixelScale");
    d.uTexture = glGetUniformLocation(d.program, "u_texture");

    glGenVertexArrays(1, &d.vao);
    glGenBuffers(1, &d.vbo);
    glGenBuffers(1, &d.ibo);
    glBindVertexArray(d.vao);
    glBindBuffer(GL_ARRAY_BUFFER, d.vbo);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, d.ibo);
    const GLsizei stride = sizeof(CanvasVertex);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<void*>(offsetof(CanvasVertex, x)));
    glEnableVertexAttribArray(1);
    glVertexAttribPointer(1, 2, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<void*>(offsetof(CanvasVertex, u)));
    glEnableVertexAttribArray(2);
    glVertexAttribPointer(2, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride,
                          reinterpret_cast<void*>(offsetof(CanvasVertex, rgba)));
    glEnableVertexAttribArray(3);
    glVertexAttribPointer(3, 3, GL_FLOAT, GL_FALSE, stride,
                          reinterpret_cast<void*>(offsetof(CanvasVertex, mode)));
    glBindVertexArray(0);

    const std::uint32_t white = 0xffffffffu;
    glGenTextures(1, &d.whiteTexture);
    glBindTexture(GL_TEXTURE_2D, d.whiteTexture);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 1, 1, 0, GL_RGBA, GL_UNSIGNED_BYTE, &white);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);

    if (!ImGui_ImplOpenGL3_Init("#version 330 core")) {
        if (error) *error = "Dear ImGui's OpenGL 3 renderer failed to start";
        return false;
    }
    d.imguiReady = true;
    return true;
}

void Renderer::shutdown() {
    if (!m_impl) return;
    Impl& d = *m_impl;
    if (d.imguiReady) {
        ImGui_ImplOpenGL3_Shutdown();
        d.imguiReady = false;
    }
    if (!d.program) return;
    for (auto& [id, t] : d.images)
        glDeleteTextures(1, &t.texture);
    d.images.clear();
    d.destroyTargets();
    glDeleteTextures(1, &d.whiteTexture);
    glDeleteBuffers(1, &d.vbo);
    glDeleteBuffers(1, &d.ibo);
    glDeleteVertexArrays(1, &d.vao);
    glDeleteProgram(d.program);
    d.program = 0;
}

void Renderer::setMsaaSamples(int samples) {
    GLint maxSamples = 0;
    glGetIntegerv(GL_MAX_SAMPLES, &maxSamples);
    m_samples = std::clamp(samples, 0, static_cast<int>(maxSamples));
}

void Renderer::beginFrame(int deviceWidth, int deviceHeight, style::Color clear) {
    Impl& d = *m_impl;
    d.ensureTargets(std::max(deviceWidth, 1), std::max(deviceHeight, 1), m_samples);
    glBindFramebuffer(GL_FRAMEBUFFER, d.drawFbo());
    glViewport(0, 0, d.width, d.height);
    glDisable(GL_SCISSOR_TEST);
    glClearColor(clear.r, clear.g, clear.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    for (auto& [id, t] : d.images)
        ++t.unusedFrames;
}

void Renderer::fillRects(std::span<const ViewportRect> rects, style::Color color,
                         float pixelScale) {
    Impl& d = *m_impl;
    glBindFramebuffer(GL_FRAMEBUFFER, d.drawFbo());
    glEnable(GL_SCISSOR_TEST);
    glClearColor(color.r, color.g, color.b, 1.0f);
    for (const ViewportRect& r : rects) {
        // The same pixel-centre rule as a rasterised rectangle: device edges round to nearest.
        const int x0 = static_cast<int>(std::lround(r.x * pixelScale));
        const int x1 = static_cast<int>(std::lround((r.x + r.width) * pixelScale));
        const int y0 = static_cast<int>(std::lround(r.y * pixelScale));
        const int y1 = static_cast<int>(std::lround((r.y + r.height) * pixelScale));
        if (x1 <= x0 || y1 <= y0) continue;
        glScissor(x0, d.height - y1, x1 - x0, y1 - y0);
        glClear(GL_COLOR_BUFFER_BIT);
    }
    glDisable(GL_SCISSOR_TEST);
}

void Renderer::drawCanvas(const Canvas& canvas, const ViewportRect& viewport, float pixelScale) {
    Impl& d = *m_impl;
    if (canvas.empty() || viewport.width <= 0 || viewport.height <= 0) return;
    // Device-pixel rectangle, GL's origin at the bottom left.
    const int x = static_cast<int>(viewport.x * pixelScale + 0.5f);
    const int w = static_cast<int>(viewport.width * pixelScale + 0.5f);
    const int h = static_cast<int>(viewport.height * pixelScale + 0.5f);
    const int y = d.height - static_cast<int>(viewport.y * pixelScale + 0.5f) - h;
    glBindFramebuffer(GL_FRAMEBUFFER, d.drawFbo());
    glViewport(x, y, w, h);
    glEnable(GL_SCISSOR_TEST);
    glScissor(x, y, w, h);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFunc(GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glUseProgram(d.program);
    glUniform2f(d.uViewport, viewport.width, viewport.height);
    if (d.uPixelScale >= 0) glUniform1f(d.uPixelScale, pixelScale);
    if (d.uTexture >= 0) glUniform1i(d.uTexture, 0);
    glActiveTexture(GL_TEXTURE0);
    glBindVertexArray(d.vao);
    glBindBuffer(GL_ARRAY_BUFFER, d.vbo);
    glBufferData(GL_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(canvas.vertices().size() * sizeof(CanvasVertex)),
                 canvas.vertices().data(), GL_STREAM_DRAW);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, d.ibo);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(canvas.indices().size() * sizeof(std::uint32_t)),
                 canvas.indices().data(), GL_STREAM_DRAW);
    for (const CanvasBatch& batch : canvas.batches()) {
        if (batch.indexCount == 0) continue;
        GLuint texture = d.whiteTexture;
        if (batch.imageId) {
            for (const CanvasImage& img : canvas.images())
                if (img.id == batch.imageId) texture = d.textureFor(img);
        } else if (batch.texture) {
            texture = static_cast<GLuint>(batch.texture);
        }
        glBindTexture(GL_TEXTURE_2D, texture);
        glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(batch.indexCount), GL_UNSIGNED_INT,
                       reinterpret_cast<void*>(std::uintptr_t(batch.firstIndex) * 4u));
    }
    glBindVertexArray(0);
    glDisable(GL_SCISSOR_TEST);
    glViewport(0, 0, d.width, d.height);
}

void Renderer::drawImGui(ImDrawData* data) {
    if (!data) return;
    glBindFramebuffer(GL_FRAMEBUFFER, m_impl->drawFbo());
    ImGui_ImplOpenGL3_RenderDrawData(data);
}

void Renderer::endFrame() {
    Impl& d = *m_impl;
    if (d.msaaFbo) {
        glBindFramebuffer(GL_READ_FRAMEBUFFER, d.msaaFbo);
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, d.resolveFbo);
        glBlitFramebuffer(0, 0, d.width, d.height, 0, 0, d.width, d.height, GL_COLOR_BUFFER_BIT,
                          GL_NEAREST);
    }
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void Renderer::finish() {
    glFinish();
}

imaging::Image Renderer::readPixels() {
    Impl& d = *m_impl;
    imaging::Image img(d.width, d.height);
    if (img.empty()) return img;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, d.resolveFbo);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, d.width, d.height, GL_RGBA, GL_UNSIGNED_BYTE, img.rgba.data());
    glBindFramebuffer(GL_READ_FRAMEBUFFER, 0);
    // GL rows run bottom-up; images top-down.
    const size_t row = static_cast<size_t>(d.width) * 4;
    std::vector<std::uint8_t> tmp(row);
    for (int y = 0; y < d.height / 2; ++y) {
        std::uint8_t* a = img.rgba.data() + row * static_cast<size_t>(y);
        std::uint8_t* b = img.rgba.data() + row * static_cast<size_t>(d.height - 1 - y);
        std::memcpy(tmp.data(), a, row);
        std::memcpy(a, b, row);
        std::memcpy(b, tmp.data(), row);
    }
    return img;
}

void Renderer::present(int windowDeviceWidth, int windowDeviceHeight) {
    Impl& d = *m_impl;
    glBindFramebuffer(GL_READ_FRAMEBUFFER, d.resolveFbo);
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, 0);
    glViewport(0, 0, windowDeviceWidth, windowDeviceHeight);
    glClearColor(0, 0, 0, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    glBlitFramebuffer(0, 0, d.width, d.height, 0, windowDeviceHeight - d.height, d.width,
                      windowDeviceHeight, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    glBindFramebuffer(GL_FRAMEBUFFER, 0);
}

void Renderer::newImGuiFrame() {
    if (m_impl->imguiReady) ImGui_ImplOpenGL3_NewFrame();
}

void Renderer::recreateFontTexture() {
    if (!m_impl->imguiReady) return;
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
}

void Renderer::collectImageTextures() {
    Impl& d = *m_impl;
    for (auto it = d.images.begin(); it != d.images.end();) {
        if (it->second.unusedFrames > 120) {
            glDeleteTextures(1, &it->second.texture);
            it = d.images.erase(it);
        } else
            ++it;
    }
}

} // namespace linscape::render
