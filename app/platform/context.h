// The platform layer: a GL context either in a real window (GLFW, interactive) or headless (EGL
// surfaceless, no display needed), behind one small interface picked by name. Nothing here draws;
// the renderer does, and the window only shows what it drew.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace linscape::platform {

// Keys the app reacts to beyond what ImGui handles itself.
enum class Key {
    Unknown,
    Left,
    Right,
    Up,
    Down,
    PageUp,
    PageDown,
    Home,
    End,
    Space,
    Escape,
    Enter,
    F5,
    F11,
    F12,
    B,
    Q,
    R,
    Plus,
    Minus,
};

struct KeyEvent {
    Key key = Key::Unknown;
    bool shift = false, ctrl = false, alt = false;
};

struct ContextOptions {
    int width = 1280; // window size in logical pixels (headless: the initial frame size)
    int height = 720;
    std::string title = "Linscape";
    bool fullscreen = false;
    bool vsync = true;
    bool installImGui = true; // hook ImGui's platform backend to the window's input
};

class Context {
public:
    virtual ~Context() = default;
    virtual std::string_view backendName() const = 0; // "window" or "headless"
    virtual bool interactive() const = 0;

    // Window state. Headless contexts never close and have no events.
    virtual bool shouldClose() const = 0;
    virtual void requestClose() = 0;
    virtual void pollEvents(double timeoutSeconds) = 0; // waits up to timeout for input
    virtual void swapBuffers() = 0;
    virtual void windowSize(int& width, int& height) const = 0;      // logical
    virtual void framebufferSize(int& width, int& height) const = 0; // device pixels
    virtual void setSize(int width, int height) = 0;                 // logical
    // Device pixels per logical pixel on the current monitor (HiDPI), 1 headless.
    virtual float contentScale() const = 0;
    virtual void setFullscreen(bool on) = 0;
    virtual bool fullscreen() const = 0;
    virtual void setTitle(const std::string& title) = 0;

    // Starts an ImGui frame with this context's input (window) or none (headless).
    virtual void beginImGuiFrame(double deltaSeconds) = 0;
    // Keys pressed since the last call.
    virtual std::vector<KeyEvent> takeKeyEvents() = 0;
    // Files dropped onto the window since the last call.
    virtual std::vector<std::string> takeDroppedFiles() = 0;
};

// name: "window" (needs a display) or "headless" (EGL surfaceless, falling back to the EGL device
// platform). Returns nullptr with *error set to one line naming the problem.
std::unique_ptr<Context> createContext(std::string_view name, const ContextOptions& options,
                                       std::string* error);

// Whether a display seems reachable (DISPLAY or WAYLAND_DISPLAY set).
bool displayAvailable();

} // namespace linscape::platform
