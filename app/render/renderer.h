// The renderer: the only code that talks to OpenGL. It owns the frame's framebuffer (optionally
// multisampled, resolved by blit), draws canvases into viewport rectangles and ImGui on top, and
// gives the frame back as pixels (capture) or blits it to the window (present). The window never
// draws anything itself, so the screen, the screenshot key and `linscape render` see the same
// pixels.
#pragma once

#include "imaging/image.h"
#include "render/canvas.h"
#include "style/color.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <unordered_map>

struct ImDrawData;

namespace linscape::render {

struct GlInfo {
    std::string vendor, renderer, version, glsl;
    int major = 0, minor = 0;
    bool computeShaders = false;   // GL 4.3 or ARB_compute_shader
    bool softwareRenderer() const; // llvmpipe, softpipe, swrast
};

struct ViewportRect {
    float x = 0, y = 0, width = 0, height = 0; // logical pixels, origin top-left of the frame
};

class Renderer {
public:
    Renderer();
    ~Renderer();
    Renderer(const Renderer&) = delete;
    Renderer& operator=(const Renderer&) = delete;

    // Needs a current GL 3.3+ context. On failure returns false with the reason.
    bool init(std::string* error);
    void shutdown();
    const GlInfo& info() const { return m_info; }

    // Multisampling of the frame buffer (0 = off: geometric anti-aliasing only, which is what the
    // software renderer can afford; goldens are made that way).
    void setMsaaSamples(int samples);
    int msaaSamples() const { return m_samples; }

    // Starts a frame of deviceWidth x deviceHeight pixels cleared to `clear`.
    void beginFrame(int deviceWidth, int deviceHeight, style::Color clear);
    // Draws a canvas recorded in logical pixels into `viewport`; pixelScale = device/logical.
    // Fills rectangles (logical pixels) with an opaque colour by scissored clears: the fixed UI
    // panels' backgrounds. A clear is a plain memory fill, where the same rectangle as blended
    // triangles costs the software renderer several milliseconds per frame.
    void fillRects(std::span<const ViewportRect> rects, style::Color color, float pixelScale);
    void drawCanvas(const Canvas& canvas, const ViewportRect& viewport, float pixelScale);
    void drawImGui(ImDrawData* data);
    void endFrame(); // resolves multisampling

    // Waits until the GPU finished every command (for frame timing in benchmarks only).
    void finish();
    // The last frame's pixels, top row first.
    imaging::Image readPixels();
    // Copies the last frame to the window's framebuffer.
    void present(int windowDeviceWidth, int windowDeviceHeight);

    // Prepares ImGui's renderer for a new frame (creates the font texture on first use).
    void newImGuiFrame();
    // Rebuilds the ImGui font texture after the atlas changed (UI scale, DPI).
    void recreateFontTexture();
    // Frees textures of canvas images not drawn for a while.
    void collectImageTextures();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
    GlInfo m_info;
    int m_samples = 0;
};

} // namespace linscape::render
