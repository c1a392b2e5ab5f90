// The app shell: wires the platform context, the renderer, the UI panels and the app state into
// frames. One frame function serves the window and headless runs; one capture function serves the
// screenshot key, the render command, exports and the tests.
#pragma once

#include "core/app_state.h"
#include "engine/jobs.h"
#include "imaging/image.h"
#include "platform/context.h"
#include "render/canvas.h"
#include "render/fonts.h"
#include "render/renderer.h"
#include "shell/export_session.h"

#include <memory>
#include <string>

struct ImGuiContext;

namespace linscape::shell {

struct AppOptions {
    std::string backend = "window"; // or "headless"
    int width = 1280, height = 720; // logical
    std::string scene = "plane2d";
    style::ThemeId theme = style::ThemeId::Dark;
    float uiScale = 1.0f;
    bool showUi = true;
    bool fullscreen = false;
    int msaa = -1; // -1: automatic (off on software renderers, 4 on GPUs)
};

// Mouse state a test or the render command may inject into a headless frame.
struct SyntheticMouse {
    float x = -1e30f, y = -1e30f; // parked off-screen by default: no hover in captures
    bool down = false;
    float wheel = 0;
};

class App {
public:
    // Creates ImGui, the platform context and the renderer. Returns nullptr with *error set.
    static std::unique_ptr<App> create(const AppOptions& options, std::string* error);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    core::AppState& state() { return m_state; }
    render::Renderer& renderer() { return m_renderer; }
    platform::Context& context() { return *m_context; }

    // Runs the interactive loop until the window closes. Returns the exit code.
    int run();

    // One frame of `dt` seconds. In headless mode the frame is width x height logical pixels
    // (the last size given to capture or the creation size).
    void frame(double dt);

    // Renders `frames` frames at a fixed size with the clock stopped and returns the last one's
    // pixels. includeUi false: the viewport fills the image. Used by F12, render, export, tests.
    imaging::Image capture(int width, int height, bool includeUi, int frames = 2);

    // Headless input for tests (ignored by the window, which has real input).
    void setSyntheticMouse(const SyntheticMouse& mouse) { m_mouse = mouse; }
    void injectKey(const platform::KeyEvent& key) { m_injectedKeys.push_back(key); }

    // Presentation mode (F5, --present): fullscreen, projector-sized UI, high contrast, side
    // panels hidden; leaving restores the window and theme.
    void setPresentation(bool on);
    // File > Export: opens the dialog that asks what to export (the lesson's stills, or the
    // current step as GIF or MP4) and where.
    void openExportDialog();
    // Starts an export that runs alongside the window, one frame per UI frame (see
    // export_session.h); false with *error in plain words when it cannot start.
    bool startExport(const ExportRequest& request, std::string* error);
    ExportSession* exportSession() { return m_export.get(); }

    // Saves a screenshot of the current window to the user's Pictures folder in the background;
    // a toast reports the path.
    void screenshot();

private:
    friend class ExportSession;
    App() = default;
    void exportUi(); // the export dialog and progress window (export_dialog.cpp)
    void rebuildFontsIfNeeded(float contentScale);
    void handleKeys(const std::vector<platform::KeyEvent>& keys);
    void buildFrame(float width, float height, float pixelScale, double dt, bool includeUi,
                    bool interactiveInput);
    void renderFrame(int deviceWidth, int deviceHeight, float pixelScale);

    AppOptions m_options;
    ImGuiContext* m_imgui = nullptr;
    std::unique_ptr<platform::Context> m_context;
    render::Renderer m_renderer;
    render::FontLibrary m_fonts;
    render::Canvas m_canvas;
    render::ViewportRect m_viewport;
    std::vector<render::ViewportRect> m_panelBackdrops; // cleared with the panel colour
    double m_lastDuration = -1; // the scene's animation length last frame (interactive)
    core::AppState m_state;
    engine::JobQueue m_jobs;
    SyntheticMouse m_mouse;
    std::vector<platform::KeyEvent> m_injectedKeys;
    bool m_screenshotRequested = false;
    bool m_exportRequested = false;
    std::unique_ptr<ExportSession> m_export;
    ExportDialog m_exportDialog;
    bool m_wasFullscreen = false; // before presentation mode
    double m_wallDt = 0;          // unclamped seconds since the last frame (lesson folder watch)
    float m_fontScale = 0;        // content scale the atlas was built for
    int m_logSink = 0;
};

} // namespace linscape::shell
