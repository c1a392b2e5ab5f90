// The app's state and the actions on it, free of ImGui and GL so it can be driven and tested
// directly: the current scene, the timeline clock, the theme, UI scale, panels and toasts.
#pragma once

#include "lessons/library.h"
#include "lessons/progress.h"
#include "scenes/scene.h"
#include "style/theme.h"

#include <memory>
#include <string>
#include <vector>

namespace linscape::core {

// The animation clock. Time is an input: real time when interactive, fixed in renders and tests.
struct Timeline {
    double t = 0; // seconds into the current animation
    bool playing = false;
    double speed = 1.0; // 0.25 .. 4
    bool loop = false;

    // Advances by dt seconds of real time; stops at the end unless looping.
    void advance(double dt, double duration);
    void restart() {
        t = 0;
        playing = true;
    }
};

struct Toast {
    std::string text;
    bool error = false;
    double remaining = 4.0; // seconds of app time left on screen
};

// The lesson being taught: which step, the student's answer in progress, feedback.
struct Classroom {
    lessons::LessonLibrary library;
    lessons::Progress progress;
    std::filesystem::path progressPath; // empty: progress is not saved (renders, tests)
    std::string lessonId;               // empty: exploring a scene freely
    int step = 0;                       // 0-based
    std::string answerText;             // number / shape typed so far
    int answerChoice = -1;
    enum class Feedback { None, Correct, Wrong, Invalid } feedback = Feedback::None;
    std::string feedbackText;
    bool showHint = false;
    bool tryReached = false;
    std::uint64_t tryVersion = ~0ull; // scene version the goal was last evaluated at
    double tryValue = 0;
    std::uint64_t tryBaseline = 0; // scene version as the step set it up
    std::string stepError; // a step that could not be applied (never expected after validation)
    std::uint64_t libraryVersion = 0;
    bool showErrors = false; // the errors panel
};

struct AppState {
    std::unique_ptr<scenes::Scene> scene;
    Timeline timeline;
    style::ThemeId theme = style::ThemeId::Dark;
    float uiScale = 1.0f; // user's UI scale on top of the monitor's content scale
    bool showUi = true;   // panels around the viewport
    bool showLeftPanel = true;
    bool showRightPanel = true;
    bool presentation = false;
    bool blank = false;     // presentation: B blanks the screen
    bool fontsDirty = true; // UI scale or DPI changed: rebuild the atlas before a frame
    bool quitRequested = false;
    std::vector<Toast> toasts;
    std::string lastScreenshot; // path of the last F12 capture
    Classroom classroom;
    bool exportRequested = false; // File > Export: the shell writes the lesson's stills

    const style::Palette& palette() const { return style::palette(theme); }

    // Switches scenes; false with *error naming the allowed ids when `id` is unknown.
    bool selectScene(const std::string& id, std::string* error);
    double duration() const { return scene ? scene->duration() : 0.0; }
    void toast(std::string text, bool error = false);
    void updateToasts(double dt);
    void setUiScale(float scale);

    // Presentation mode: high-contrast theme and a UI scaled for a projector (narration at
    // least 28 px on a 1080-pixel-high screen); the layout hides the side panels. Leaving
    // restores the theme and scale from before.
    void setPresentation(bool on, float windowHeight);
    static float presentationUiScale(float windowHeight);
    style::ThemeId themeBeforePresentation = style::ThemeId::Dark;
    float uiScaleBeforePresentation = 1.0f;
};

// When the scene's link was taken (Scene::followLink), leaves any lesson and opens the linked
// scene with its parameters, playing from the start. False when nothing was asked; false with
// *error when the link could not be opened (the current scene stays).
bool followSceneLink(AppState& state, std::string* error);

} // namespace linscape::core
