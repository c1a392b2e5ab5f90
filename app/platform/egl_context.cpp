// The headless platform: an EGL context with no surface and no display (Mesa's surfaceless
// platform, or the EGL device platform as a fallback). Rendering goes to the renderer's own
// framebuffer, so no window system is involved at all.
#include "platform/context.h"

#include <epoxy/egl.h>
#include <imgui.h>

#include <cfloat>
#include <cstring>

namespace linscape::platform {
namespace {

std::string eglErrorName(EGLint code) {
    switch (code) {
    case EGL_NOT_INITIALIZED:
        return "EGL_NOT_INITIALIZED";
    case EGL_BAD_ACCESS:
        return "EGL_BAD_ACCESS";
    case EGL_BAD_ALLOC:
        return "EGL_BAD_ALLOC";
    case EGL_BAD_ATTRIBUTE:
        return "EGL_BAD_ATTRIBUTE";
    case EGL_BAD_CONFIG:
        return "EGL_BAD_CONFIG";
    case EGL_BAD_CONTEXT:
        return "EGL_BAD_CONTEXT";
    case EGL_BAD_DISPLAY:
        return "EGL_BAD_DISPLAY";
    case EGL_BAD_MATCH:
        return "EGL_BAD_MATCH";
    case EGL_BAD_PARAMETER:
        return "EGL_BAD_PARAMETER";
    default: {
        char buf[16];
        std::snprintf(buf, sizeof buf, "0x%04x", static_cast<unsigned>(code));
        return buf;
    }
    }
}

class EglContext final : public Context {
public:
    ~EglContext() override {
        if (m_display != EGL_NO_DISPLAY) {
            eglMakeCurrent(m_display, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
            if (m_context != EGL_NO_CONTEXT) eglDestroyContext(m_display, m_context);
            eglTerminate(m_display);
        }
    }

    bool create(const ContextOptions& o, std::string* error) {
        m_width = o.width;
        m_height = o.height;
        const char* clientExts = eglQueryString(EGL_NO_DISPLAY, EGL_EXTENSIONS);
        const bool hasPlatformBase =
            clientExts && std::strstr(clientExts, "EGL_EXT_platform_base") != nullptr;
        if (!hasPlatformBase) {
            if (error) *error = "headless rendering needs EGL_EXT_platform_base (Mesa's EGL)";
            return false;
        }
        std::string tried;
        if (std::strstr(clientExts, "EGL_MESA_platform_surfaceless")) {
            m_display = eglGetPlatformDisplayEXT(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY,
                                                 nullptr);
            if (m_display != EGL_NO_DISPLAY && !eglInitialize(m_display, nullptr, nullptr)) {
                tried += "surfaceless: " + eglErrorName(eglGetError()) + "; ";
                m_display = EGL_NO_DISPLAY;
            }
        }
        if (m_display == EGL_NO_DISPLAY && std::strstr(clientExts, "EGL_EXT_platform_device")) {
            EGLDeviceEXT devices[8];
            EGLint count = 0;
            if (eglQueryDevicesEXT(8, devices, &count) && count > 0) {
                for (EGLint i = 0; i < count && m_display == EGL_NO_DISPLAY; ++i) {
                    m_display =
                        eglGetPlatformDisplayEXT(EGL_PLATFORM_DEVICE_EXT, devices[i], nullptr);
                    if (m_display != EGL_NO_DISPLAY &&
                        !eglInitialize(m_display, nullptr, nullptr)) {
                        tried += "device " + std::to_string(i) + ": " +
                                 eglErrorName(eglGetError()) + "; ";
                        m_display = EGL_NO_DISPLAY;
                    }
                }
            }
        }
        if (m_display == EGL_NO_DISPLAY) {
            if (error)
                *error =
                    "no EGL display for headless rendering (" +
                    (tried.empty() ? std::string("no surfaceless or device platform") : tried) +
                    "); install libegl1 and libgl1-mesa-dri";
            return false;
        }
        if (!eglBindAPI(EGL_OPENGL_API)) {
            if (error) *error = "EGL cannot bind desktop OpenGL: " + eglErrorName(eglGetError());
            return false;
        }
        const EGLint configAttribs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_NONE};
        EGLConfig config = nullptr;
        EGLint numConfigs = 0;
        // Surfaceless contexts need no surface type; accept any GL-renderable config.
        if (!eglChooseConfig(m_display, configAttribs, &config, 1, &numConfigs) || numConfigs < 1)
            config = EGL_NO_CONFIG_KHR;
        const EGLint contextAttribs[] = {EGL_CONTEXT_MAJOR_VERSION,
                                         3,
                                         EGL_CONTEXT_MINOR_VERSION,
                                         3,
                                         EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                         EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                         EGL_NONE};
        m_context = eglCreateContext(m_display, config, EGL_NO_CONTEXT, contextAttribs);
        if (m_context == EGL_NO_CONTEXT) {
            if (error)
                *error =
                    "cannot create a GL 3.3 core context with EGL: " + eglErrorName(eglGetError());
            return false;
        }
        if (!eglMakeCurrent(m_display, EGL_NO_SURFACE, EGL_NO_SURFACE, m_context)) {
            if (error)
                *error = "cannot make the EGL context current: " + eglErrorName(eglGetError());
            return false;
        }
        return true;
    }

    std::string_view backendName() const override { return "headless"; }
    bool interactive() const override { return false; }
    bool shouldClose() const override { return m_close; }
    void requestClose() override { m_close = true; }
    void pollEvents(double) override {}
    void swapBuffers() override {}
    void windowSize(int& w, int& h) const override {
        w = m_width;
        h = m_height;
    }
    void framebufferSize(int& w, int& h) const override {
        w = m_width;
        h = m_height;
    }
    void setSize(int w, int h) override {
        m_width = w;
        m_height = h;
    }
    float contentScale() const override { return 1.0f; }
    void setFullscreen(bool) override {}
    bool fullscreen() const override { return false; }
    void setTitle(const std::string&) override {}
    void beginImGuiFrame(double deltaSeconds) override {
        // Deterministic input: fixed size and time step; the mouse is whatever the caller set
        // (parked off-screen unless a test drives it).
        ImGuiIO& io = ImGui::GetIO();
        io.DisplaySize = ImVec2(float(m_width), float(m_height));
        io.DisplayFramebufferScale = ImVec2(1, 1);
        io.DeltaTime = deltaSeconds > 0 ? float(deltaSeconds) : 1.0f / 60.0f;
    }
    std::vector<KeyEvent> takeKeyEvents() override { return {}; }
    std::vector<std::string> takeDroppedFiles() override { return {}; }

private:
    EGLDisplay m_display = EGL_NO_DISPLAY;
    EGLContext m_context = EGL_NO_CONTEXT;
    int m_width = 0, m_height = 0;
    bool m_close = false;
};

} // namespace

std::unique_ptr<Context> createGlfwContext(const ContextOptions& options, std::string* error);

std::unique_ptr<Context> createContext(std::string_view name, const ContextOptions& options,
                                       std::string* error) {
    if (name == "window") {
        if (!displayAvailable()) {
            if (error)
                *error = "no display found (DISPLAY is not set); use `linscape render` for "
                         "headless output, or run under a desktop or xvfb-run";
            return nullptr;
        }
        return createGlfwContext(options, error);
    }
    if (name == "headless") {
        auto ctx = std::make_unique<EglContext>();
        if (!ctx->create(options, error)) return nullptr;
        return ctx;
    }
    if (error)
        *error = "unknown platform backend '" + std::string(name) + "'; allowed: window, headless";
    return nullptr;
}

} // namespace linscape::platform
