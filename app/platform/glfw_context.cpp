// The interactive platform: a GLFW window with a GL 3.3 core context, vsync, HiDPI and ImGui's
// GLFW backend. The only file in Linscape that includes GLFW.
#include "platform/context.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <epoxy/gl.h>
#include <imgui.h>

#include <cstdlib>
#include <string>
#include <utility>

namespace linscape::platform {
namespace {

std::string g_lastGlfwError;

void onGlfwError(int code, const char* description) {
    g_lastGlfwError = std::string(description ? description : "unknown") + " (GLFW error " +
                      std::to_string(code) + ")";
}

Key translateKey(int key) {
    switch (key) {
    case GLFW_KEY_LEFT:
        return Key::Left;
    case GLFW_KEY_RIGHT:
        return Key::Right;
    case GLFW_KEY_UP:
        return Key::Up;
    case GLFW_KEY_DOWN:
        return Key::Down;
    case GLFW_KEY_PAGE_UP:
        return Key::PageUp;
    case GLFW_KEY_PAGE_DOWN:
        return Key::PageDown;
    case GLFW_KEY_HOME:
        return Key::Home;
    case GLFW_KEY_END:
        return Key::End;
    case GLFW_KEY_SPACE:
        return Key::Space;
    case GLFW_KEY_ESCAPE:
        return Key::Escape;
    case GLFW_KEY_ENTER:
        return Key::Enter;
    case GLFW_KEY_F5:
        return Key::F5;
    case GLFW_KEY_F11:
        return Key::F11;
    case GLFW_KEY_F12:
        return Key::F12;
    case GLFW_KEY_B:
        return Key::B;
    case GLFW_KEY_Q:
        return Key::Q;
    case GLFW_KEY_R:
        return Key::R;
    case GLFW_KEY_EQUAL:
    case GLFW_KEY_KP_ADD:
        return Key::Plus;
    case GLFW_KEY_MINUS:
    case GLFW_KEY_KP_SUBTRACT:
        return Key::Minus;
    default:
        return Key::Unknown;
    }
}

class GlfwContext final : public Context {
public:
    ~GlfwContext() override {
        if (m_imgui) ImGui_ImplGlfw_Shutdown();
        if (m_window) glfwDestroyWindow(m_window);
        glfwTerminate();
    }

    bool create(const ContextOptions& o, std::string* error) {
        glfwSetErrorCallback(onGlfwError);
        if (!glfwInit()) {
            if (error)
                *error =
                    "cannot open a window: " +
                    (g_lastGlfwError.empty() ? std::string("glfwInit failed") : g_lastGlfwError);
            return false;
        }
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
        glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
        glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
        glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
        glfwWindowHint(GLFW_SAMPLES, 0); // the renderer owns anti-aliasing in its own buffer
        m_window = glfwCreateWindow(o.width, o.height, o.title.c_str(), nullptr, nullptr);
        if (!m_window) {
            if (error) *error = "cannot create a GL 3.3 window: " + g_lastGlfwError;
            return false;
        }
        m_windowedW = o.width;
        m_windowedH = o.height;
        glfwMakeContextCurrent(m_window);
        glfwSwapInterval(o.vsync ? 1 : 0);
        glfwSetWindowUserPointer(m_window, this);
        // Our callbacks go in first; ImGui's backend chains to them.
        glfwSetKeyCallback(m_window, [](GLFWwindow* w, int key, int, int action, int mods) {
            if (action != GLFW_PRESS && action != GLFW_REPEAT) return;
            auto* self = static_cast<GlfwContext*>(glfwGetWindowUserPointer(w));
            const Key k = translateKey(key);
            if (k != Key::Unknown)
                self->m_keys.push_back({k, (mods & GLFW_MOD_SHIFT) != 0,
                                        (mods & GLFW_MOD_CONTROL) != 0,
                                        (mods & GLFW_MOD_ALT) != 0});
        });
        glfwSetDropCallback(m_window, [](GLFWwindow* w, int count, const char** paths) {
            auto* self = static_cast<GlfwContext*>(glfwGetWindowUserPointer(w));
            for (int i = 0; i < count; ++i)
                self->m_drops.emplace_back(paths[i]);
        });
        if (o.installImGui) {
            ImGui_ImplGlfw_InitForOpenGL(m_window, true);
            m_imgui = true;
        }
        if (o.fullscreen) setFullscreen(true);
        return true;
    }

    std::string_view backendName() const override { return "window"; }
    bool interactive() const override { return true; }
    bool shouldClose() const override { return glfwWindowShouldClose(m_window); }
    void requestClose() override { glfwSetWindowShouldClose(m_window, GLFW_TRUE); }
    void pollEvents(double timeoutSeconds) override {
        if (timeoutSeconds > 0)
            glfwWaitEventsTimeout(timeoutSeconds);
        else
            glfwPollEvents();
    }
    void swapBuffers() override { glfwSwapBuffers(m_window); }
    void windowSize(int& w, int& h) const override { glfwGetWindowSize(m_window, &w, &h); }
    void framebufferSize(int& w, int& h) const override {
        glfwGetFramebufferSize(m_window, &w, &h);
    }
    void setSize(int w, int h) override { glfwSetWindowSize(m_window, w, h); }
    float contentScale() const override {
        float x = 1, y = 1;
        glfwGetWindowContentScale(m_window, &x, &y);
        return x > 0 ? x : 1.0f;
    }
    void setFullscreen(bool on) override {
        if (on == fullscreen()) return;
        if (on) {
            glfwGetWindowPos(m_window, &m_windowedX, &m_windowedY);
            glfwGetWindowSize(m_window, &m_windowedW, &m_windowedH);
            GLFWmonitor* monitor = glfwGetPrimaryMonitor();
            const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
            if (!mode) return;
            glfwSetWindowMonitor(m_window, monitor, 0, 0, mode->width, mode->height,
                                 mode->refreshRate);
        } else {
            glfwSetWindowMonitor(m_window, nullptr, m_windowedX, m_windowedY, m_windowedW,
                                 m_windowedH, 0);
        }
    }
    bool fullscreen() const override { return glfwGetWindowMonitor(m_window) != nullptr; }
    void setTitle(const std::string& title) override {
        glfwSetWindowTitle(m_window, title.c_str());
    }
    void beginImGuiFrame(double) override {
        if (m_imgui) ImGui_ImplGlfw_NewFrame();
    }
    std::vector<KeyEvent> takeKeyEvents() override { return std::exchange(m_keys, {}); }
    std::vector<std::string> takeDroppedFiles() override { return std::exchange(m_drops, {}); }

private:
    GLFWwindow* m_window = nullptr;
    bool m_imgui = false;
    std::vector<KeyEvent> m_keys;
    std::vector<std::string> m_drops;
    int m_windowedX = 100, m_windowedY = 100, m_windowedW = 1280, m_windowedH = 720;
};

} // namespace

std::unique_ptr<Context> createGlfwContext(const ContextOptions& options, std::string* error) {
    auto ctx = std::make_unique<GlfwContext>();
    if (!ctx->create(options, error)) return nullptr;
    return ctx;
}

bool displayAvailable() {
    const char* x = std::getenv("DISPLAY");
    const char* wl = std::getenv("WAYLAND_DISPLAY");
    return (x && *x) || (wl && *wl);
}

} // namespace linscape::platform
