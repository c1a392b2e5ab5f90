// The app shell's frame: input, panels, scene, render; and the capture path every export uses.
#include "shell/app.h"

#include "common/log.h"
#include "core/classroom.h"
#include "imaging/image.h"
#include "ui/ui.h"

#include <imgui.h>

#include <cfloat>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <thread>

namespace linscape::shell {
namespace {

// Warnings and errors logged on any thread become toasts on the UI thread.
struct PendingToasts {
    std::mutex mutex;
    std::vector<common::LogMessage> messages;
};
PendingToasts& pendingToasts() {
    static PendingToasts p;
    return p;
}

} // namespace

std::unique_ptr<App> App::create(const AppOptions& options, std::string* error) {
    std::unique_ptr<App> app(new App());
    app->m_options = options;
    IMGUI_CHECKVERSION();
    app->m_imgui = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr; // panels are laid out by the app; nothing to persist, no stray files
    io.LogFilename = nullptr;
    io.ConfigWindowsMoveFromTitleBarOnly = true;

    platform::ContextOptions co;
    co.width = options.width;
    co.height = options.height;
    co.fullscreen = options.fullscreen;
    app->m_context = platform::createContext(options.backend, co, error);
    if (!app->m_context) return nullptr;
    std::string glError;
    if (!app->m_renderer.init(&glError)) {
        if (error) *error = glError;
        return nullptr;
    }
    const bool software = app->m_renderer.info().softwareRenderer();
    app->m_renderer.setMsaaSamples(options.msaa >= 0 ? options.msaa : (software ? 0 : 4));
    app->m_state.theme = options.theme;
    app->m_state.uiScale = options.uiScale;
    app->m_state.showUi = options.showUi;
    std::string sceneError;
    if (!app->m_state.selectScene(options.scene, &sceneError)) {
        if (error) *error = sceneError;
        return nullptr;
    }
    app->m_canvas = render::Canvas(&app->m_fonts, 1.0f);
    if (app->m_context->interactive())
        app->m_logSink = common::addLogSink([](const common::LogMessage& m) {
            if (m.level == common::Level::Info) return;
            auto& p = pendingToasts();
            std::lock_guard lock(p.mutex);
            p.messages.push_back(m);
        });
    return app;
}

App::~App() {
    if (m_logSink) common::removeLogSink(m_logSink);
    m_export.reset(); // its ImGui context and GL objects go while the GL context is alive
    m_jobs.waitAll();
    if (m_context) {
        m_renderer.shutdown();
        m_context.reset(); // shuts the ImGui platform backend down
    }
    if (m_imgui) ImGui::DestroyContext(m_imgui);
}

void App::rebuildFontsIfNeeded(float contentScale) {
    if (!m_state.fontsDirty && contentScale == m_fontScale) return;
    const std::string warning = m_fonts.build(16.0f * m_state.uiScale, contentScale);
    if (!warning.empty()) common::warn("W_FONT_FALLBACK", warning);
    m_renderer.recreateFontTexture();
    ui::applyStyle(m_state.palette(), m_state.uiScale);
    m_fontScale = contentScale;
    m_state.fontsDirty = false;
}

void App::handleKeys(const std::vector<platform::KeyEvent>& keys) {
    using platform::Key;
    const bool typing = ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput;
    core::Timeline& tl = m_state.timeline;
    const double duration = m_state.duration();
    for (const platform::KeyEvent& k : keys) {
        if (typing && k.key != Key::F11 && k.key != Key::F12 && k.key != Key::Escape &&
            k.key != Key::F5)
            continue;
        // While blanked, any key but B brings the picture back before doing anything else.
        if (m_state.blank && k.key != Key::B) {
            m_state.blank = false;
            if (k.key != Key::Escape) continue;
        }
        switch (k.key) {
        case Key::F5:
            setPresentation(!m_state.presentation);
            break;
        case Key::Right:
        case Key::PageDown:
            core::nextStep(m_state);
            break;
        case Key::Left:
        case Key::PageUp:
            core::previousStep(m_state);
            break;
        case Key::B:
            if (m_state.presentation) m_state.blank = !m_state.blank;
            break;
        case Key::Space:
            if (!tl.playing && tl.t >= duration) tl.t = 0;
            tl.playing = !tl.playing;
            break;
        case Key::Home:
            tl.t = 0;
            tl.playing = false;
            break;
        case Key::End:
            tl.t = duration;
            tl.playing = false;
            break;
        case Key::R:
            tl.restart();
            break;
        case Key::F11:
            m_context->setFullscreen(!m_context->fullscreen());
            break;
        case Key::F12:
            screenshot();
            break;
        case Key::Escape:
            if (m_state.presentation)
                setPresentation(false);
            else if (m_context->fullscreen())
                m_context->setFullscreen(false);
            break;
        case Key::Plus:
            if (k.ctrl) m_state.setUiScale(m_state.uiScale + 0.25f);
            break;
        case Key::Minus:
            if (k.ctrl) m_state.setUiScale(m_state.uiScale - 0.25f);
            break;
        case Key::Q:
            if (k.ctrl) m_state.quitRequested = true;
            break;
        default:
            break;
        }
    }
}

void App::buildFrame(float width, float height, float pixelScale, double dt, bool includeUi,
                     bool interactiveInput) {
    core::AppState& st = m_state;
    {
        auto& p = pendingToasts();
        std::lock_guard lock(p.mutex);
        for (const auto& m : p.messages)
            st.toast(m.text, m.level == common::Level::Error);
        p.messages.clear();
    }
    st.updateToasts(dt);
    // The lesson folder is watched in real time: an idle window runs few, clamped frames.
    core::updateClassroom(st, interactiveInput ? std::max(dt, m_wallDt) : dt);
    const bool showUiNow = includeUi && st.showUi;
    const bool savedShowUi = st.showUi;
    st.showUi = showUiNow;
    const ui::Layout layout = ui::computeLayout(st, width, height, ImGui::GetFontSize());
    st.showUi = savedShowUi;
    m_viewport = layout.viewport;

    scenes::SceneContext ctx;
    ctx.palette = &st.palette();
    ctx.textScale = st.uiScale;
    ctx.presentation = st.presentation;

    ui::Requests requests;
    const bool blank = st.presentation && st.blank;
    if (showUiNow && st.presentation && !blank) {
        ui::narrationPanel(st, layout);
        if (interactiveInput) ui::toastsOverlay(st, layout);
    } else if (showUiNow && !blank) {
        ui::menuBar(st, layout, requests);
        ui::navigatorPanel(st, layout);
        ui::inspectorPanel(st, layout, ctx);
        ui::timelinePanel(st, layout);
        ui::narrationPanel(st, layout);
        ui::lessonErrorsPanel(st, layout);
        ui::statusOverlay(st, layout);
        if (interactiveInput) ui::toastsOverlay(st, layout);
    }
    m_panelBackdrops.clear();
    if (showUiNow) m_panelBackdrops = ui::panelBackdrops(st, layout);
    if (interactiveInput) exportUi();
    if (requests.quit) st.quitRequested = true;
    if (requests.togglePresentation) setPresentation(!st.presentation);
    if (requests.exportStills) m_exportRequested = true;
    if (requests.toggleFullscreen) m_context->setFullscreen(!m_context->fullscreen());

    // Scene input: the mouse belongs to the scene when no panel or widget has it.
    const ImGuiIO& io = ImGui::GetIO();
    scenes::ViewportInput in;
    in.mouse = {io.MousePos.x - layout.viewport.x, io.MousePos.y - layout.viewport.y};
    const bool inside = io.MousePos.x >= layout.viewport.x && io.MousePos.y >= layout.viewport.y &&
                        io.MousePos.x < layout.viewport.x + layout.viewport.width &&
                        io.MousePos.y < layout.viewport.y + layout.viewport.height;
    in.hovered =
        inside && !ImGui::IsWindowHovered(ImGuiHoveredFlags_AnyWindow) && !ImGui::IsAnyItemActive();
    for (int b = 0; b < 3; ++b) {
        in.down[b] = io.MouseDown[b];
        in.pressed[b] = in.hovered && ImGui::IsMouseClicked(b);
        in.released[b] = ImGui::IsMouseReleased(b);
    }
    in.wheel = in.hovered ? io.MouseWheel : 0.0f;
    in.shift = io.KeyShift;
    in.ctrl = io.KeyCtrl;
    in.alt = io.KeyAlt;
    if (st.scene) st.scene->input(in, ctx);

    // A change that alters the animation's length (a scene mode with more stages, an inverse that
    // becomes impossible) replays it from the start when the timeline rested at the old end, so
    // the new animation is seen instead of a paused stage boundary. Interactive only: renders set
    // their time explicitly.
    if (interactiveInput && st.scene) {
        const double d = st.duration();
        if (m_lastDuration >= 0 && d != m_lastDuration && !st.timeline.playing &&
            st.timeline.t >= m_lastDuration - 1e-9 && !st.scene->dragging())
            st.timeline.restart();
        m_lastDuration = d;
    }

    if (st.scene && st.scene->dragging()) {
        st.timeline.t = st.duration();
        st.timeline.playing = false;
    } else {
        st.timeline.advance(dt, st.duration());
    }
    if (st.timeline.t > st.duration()) st.timeline.t = st.duration();

    m_canvas.reset(layout.viewport.width, layout.viewport.height, pixelScale);
    if (st.scene && !blank) {
        st.scene->update(st.timeline.t);
        st.scene->draw(m_canvas, ctx);
    }
    if (requests.screenshot) m_screenshotRequested = true;
}

void App::renderFrame(int deviceWidth, int deviceHeight, float pixelScale) {
    ImGui::Render();
    m_renderer.beginFrame(deviceWidth, deviceHeight, m_state.palette().background);
    m_renderer.fillRects(m_panelBackdrops, m_state.palette().panel, pixelScale);
    m_renderer.drawCanvas(m_canvas, m_viewport, pixelScale);
    m_renderer.drawImGui(ImGui::GetDrawData());
    m_renderer.endFrame();
}

void App::frame(double dt) {
    std::vector<platform::KeyEvent> keys = m_context->takeKeyEvents();
    keys.insert(keys.end(), m_injectedKeys.begin(), m_injectedKeys.end());
    m_injectedKeys.clear();
    handleKeys(keys);
    rebuildFontsIfNeeded(m_context->contentScale());
    if (m_state.fontsDirty) rebuildFontsIfNeeded(m_context->contentScale());

    int winW = 0, winH = 0, fbW = 0, fbH = 0;
    m_context->windowSize(winW, winH);
    m_context->framebufferSize(fbW, fbH);
    if (winW <= 0 || winH <= 0 || fbW <= 0 || fbH <= 0) return; // minimised
    if (m_state.presentation) {
        m_state.setPresentation(true, float(winH)); // follows the window (fullscreen arrives late)
        rebuildFontsIfNeeded(m_context->contentScale());
    }
    const float pixelScale = float(fbW) / float(winW);
    m_context->beginImGuiFrame(dt);
    if (!m_context->interactive()) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(m_mouse.x, m_mouse.y);
        io.MouseDown[0] = m_mouse.down;
        io.MouseWheel = m_mouse.wheel;
    }
    m_renderer.newImGuiFrame();
    ImGui::NewFrame();
    buildFrame(float(winW), float(winH), pixelScale, dt, true, m_context->interactive());
    renderFrame(fbW, fbH, pixelScale);
    if (m_screenshotRequested) {
        m_screenshotRequested = false;
        screenshot();
    }
    if (m_exportRequested) {
        m_exportRequested = false;
        openExportDialog();
    }
    if (m_context->interactive()) {
        m_renderer.present(fbW, fbH);
        m_context->swapBuffers();
    }
    // After the frame is on screen: the export renders its next frame offscreen.
    if (m_export && m_export->active()) {
        m_export->tick(*this);
        if (!m_export->active())
            m_state.toast(m_export->message(), m_export->phase() == ExportSession::Phase::Failed);
    }
    m_jobs.poll();
}

imaging::Image App::capture(int width, int height, bool includeUi, int frames) {
    rebuildFontsIfNeeded(m_context->interactive() ? m_context->contentScale() : 1.0f);
    if (!m_context->interactive()) m_context->setSize(width, height);
    const auto frame = [&] {
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(float(width), float(height));
        io.DisplayFramebufferScale = ImVec2(1, 1);
        io.DeltaTime = 1.0f / 60.0f;
        io.MousePos = ImVec2(m_mouse.x, m_mouse.y);
        io.MouseDown[0] = m_mouse.down;
        io.MouseWheel = m_mouse.wheel;
        m_renderer.newImGuiFrame();
        ImGui::NewFrame();
        buildFrame(float(width), float(height), 1.0f, 0.0, includeUi, false);
        renderFrame(width, height, 1.0f);
    };
    for (int i = 0; i < std::max(frames, 2); ++i)
        frame();
    if (!m_context->interactive() && m_state.scene && m_state.scene->busy()) {
        // A headless picture shows the result of the scene's background work (the tile schedule
        // of a large product), not its progress: frames poll the scene's jobs until it is done.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(2);
        while (m_state.scene->busy() && std::chrono::steady_clock::now() < deadline) {
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
            frame();
        }
        if (m_state.scene->busy())
            common::warn("W_CAPTURE_BUSY",
                         "the scene's background work did not finish within 2 minutes; the "
                         "picture shows it still in progress");
        for (int i = 0; i < 2; ++i)
            frame();
    }
    m_screenshotRequested = false;
    return m_renderer.readPixels();
}

void App::setPresentation(bool on) {
    if (on == m_state.presentation) return;
    int w = 0, h = 0;
    if (on) {
        m_wasFullscreen = m_context->fullscreen();
        m_context->setFullscreen(true);
    } else if (!m_wasFullscreen) {
        m_context->setFullscreen(false);
    }
    m_context->windowSize(w, h);
    // A window manager may resize a moment later; the scale is checked again each frame.
    m_state.setPresentation(on, float(h));
}

void App::screenshot() {
    auto image = std::make_shared<imaging::Image>(m_renderer.readPixels());
    char stamp[64];
    const std::time_t now = std::time(nullptr);
    std::strftime(stamp, sizeof stamp, "linscape-%Y%m%d-%H%M%S.png", std::localtime(&now));
    const std::filesystem::path dir = picturesFolder();
    const std::string path = (dir / stamp).string();
    auto result = std::make_shared<std::string>();
    // Encoding a PNG takes ~70 ms: never on the UI thread.
    m_jobs.start(
        "screenshot",
        [image, dir, path, result](engine::JobContext&) {
            std::error_code ec;
            std::filesystem::create_directories(dir, ec);
            std::string error;
            if (!imaging::savePng(*image, path, &error)) *result = error;
        },
        [this, path, result](bool) {
            if (result->empty()) {
                m_state.lastScreenshot = path;
                m_state.toast("Screenshot saved: " + path);
            } else {
                m_state.toast("Screenshot failed: " + *result, true);
            }
        });
}

int App::run() {
    using Clock = std::chrono::steady_clock;
    auto last = Clock::now();
    while (!m_context->shouldClose() && !m_state.quitRequested) {
        const bool busy = m_state.timeline.playing || m_jobs.running() > 0 ||
                          (m_export && m_export->active()) || !m_state.toasts.empty() ||
                          (m_state.scene && (m_state.scene->dragging() || m_state.scene->busy()));
        // Idle: sleep until input arrives (or 4 Hz for housekeeping) instead of spinning.
        m_context->pollEvents(busy ? 0.0 : 0.25);
        const auto now = Clock::now();
        double dt = std::chrono::duration<double>(now - last).count();
        last = now;
        m_wallDt = dt;
        dt = std::clamp(dt, 1e-4, 0.1); // a stall must not jump an animation to its end
        frame(dt);
    }
    m_jobs.waitAll();
    m_jobs.poll();
    return 0;
}

} // namespace linscape::shell
