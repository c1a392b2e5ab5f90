// The app's ImGui panels, one per file: the menu bar, the navigator (left), the inspector
// (right), the timeline (bottom), toasts and the viewport's status line. They read and change
// core::AppState; requests that need the platform (screenshot, fullscreen, quit) are returned.
#pragma once

#include "core/app_state.h"
#include "render/renderer.h"
#include "scenes/scene.h"

namespace linscape::ui {

struct Requests {
    bool screenshot = false;
    bool toggleFullscreen = false;
    bool quit = false;
    bool exportStills = false; // File > Export lesson stills
    bool togglePresentation = false;
};

// Panel rectangles for a display of the given logical size; the viewport is what is left.
struct Layout {
    render::ViewportRect menu, left, right, timeline, viewport;
    render::ViewportRect narration; // the lesson's text under the scene (empty: no lesson)
    float narrationFontScale = 1;   // < 1: a long step's type, shrunk to fit the band
    bool narrationFits = true;      // false: even the smallest type scrolls
};
// The band grows (up to half the height) and its type shrinks (never below 70 %, nor below 28 px
// at 1080 px high in presentation mode) until the current step's narration fits: measured with
// the ImGui fonts when a frame is being built, else the band keeps its usual height.
Layout computeLayout(const core::AppState& state, float width, float height, float fontSize);

// The rectangles of the fixed panels drawn this frame (menu bar, navigator, inspector, timeline,
// narration); call it only when the UI is shown. Their windows draw no background of their own: the
// renderer clears these with the panel colour first, because a blended panel-sized quad is the
// largest single cost of a frame on the software renderer.
std::vector<render::ViewportRect> panelBackdrops(const core::AppState& state, const Layout& layout);

void applyStyle(const style::Palette& pal, float scale);

void menuBar(core::AppState& state, const Layout& layout, Requests& requests);
void navigatorPanel(core::AppState& state, const Layout& layout);
void inspectorPanel(core::AppState& state, const Layout& layout, const scenes::SceneContext& ctx);
void timelinePanel(core::AppState& state, const Layout& layout);
// Lessons: the current step's narration, NumPy snippet, exercise and try-it goal; the list of
// lesson-file errors (file:line:col) with the last good version still in use.
void narrationPanel(core::AppState& state, const Layout& layout);
void lessonErrorsPanel(core::AppState& state, const Layout& layout);
void toastsOverlay(const core::AppState& state, const Layout& layout);
void statusOverlay(const core::AppState& state, const Layout& layout);

} // namespace linscape::ui
