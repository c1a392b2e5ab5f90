// Panel layout that adapts to the window: narrow windows drop the navigator first, then shrink
// the inspector; the viewport always keeps at least a third of the width.
#include "ui/ui.h"

#include "core/classroom.h"
#include "ui/narration_fit.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>

namespace linscape::ui {

namespace {

// The band's height for this step between its usual height and `maxH` (see ui.h).
float fitBand(const core::AppState& state, Layout& l, float width, float usualH, float maxH,
              float fontSize, float displayH) {
    if (!ImGui::GetCurrentContext() || !ImGui::GetIO().Fonts->IsBuilt()) return usualH;
    const float minPx = state.presentation ? 28.0f * displayH / 1080.0f : 0.0f;
    const NarrationFit fit = fitNarration(state, width, usualH, maxH, fontSize, minPx);
    l.narrationFontScale = fit.fontScale;
    l.narrationFits = fit.fits;
    return fit.height;
}

} // namespace

Layout computeLayout(const core::AppState& state, float width, float height, float fontSize) {
    Layout l;
    const bool lesson = !state.classroom.lessonId.empty();
    if (!state.showUi) {
        l.viewport = {0, 0, width, height};
        return l;
    }
    if (state.presentation) {
        // Projector: only the scene and, under it, the narration in large type.
        float bandH = lesson ? std::clamp(height * 0.38f, fontSize * 5.5f, height * 0.5f) : 0;
        if (lesson) bandH = fitBand(state, l, width, bandH, height * 0.5f, fontSize, height);
        l.viewport = {0, 0, width, std::max(1.0f, height - bandH)};
        if (lesson) l.narration = {0, height - bandH, width, bandH};
        return l;
    }
    const float menuH = fontSize + 10.0f;
    const float timelineH = fontSize * 3.4f;
    l.menu = {0, 0, width, menuH};
    float leftW = state.showLeftPanel ? std::clamp(width * 0.17f, fontSize * 12, fontSize * 18) : 0;
    float rightW =
        state.showRightPanel ? std::clamp(width * 0.25f, fontSize * 17, fontSize * 26) : 0;
    if (width - leftW - rightW < width * 0.4f) leftW = 0; // the navigator goes first
    if (width - rightW < width * 0.45f) rightW = std::max(0.0f, width * 0.55f - leftW);
    const float bodyTop = menuH;
    const float bodyH = std::max(0.0f, height - menuH - timelineH);
    l.left = {0, bodyTop, leftW, bodyH};
    l.right = {width - rightW, bodyTop, rightW, bodyH};
    l.timeline = {0, height - timelineH, width, timelineH};
    l.viewport = {leftW, bodyTop, std::max(1.0f, width - leftW - rightW), std::max(1.0f, bodyH)};
    if (lesson) {
        float bandH =
            std::clamp(bodyH * 0.34f, std::min(fontSize * 8, bodyH * 0.5f), fontSize * 16);
        bandH = fitBand(state, l, l.viewport.width, bandH, std::max(bandH, bodyH * 0.5f), fontSize,
                        height);
        l.narration = {l.viewport.x, bodyTop + bodyH - bandH, l.viewport.width, bandH};
        l.viewport.height = std::max(1.0f, bodyH - bandH);
    }
    return l;
}

std::vector<render::ViewportRect> panelBackdrops(const core::AppState& state,
                                                 const Layout& layout) {
    std::vector<render::ViewportRect> rects;
    // ImGui floors a window's position and size: the same pixels, whether or not it draws them.
    auto add = [&](const render::ViewportRect& r) {
        const render::ViewportRect f{std::floor(r.x), std::floor(r.y), std::floor(r.width),
                                     std::floor(r.height)};
        if (f.width > 0 && f.height > 0) rects.push_back(f);
    };
    const bool narration = core::currentLesson(state) && core::currentStep(state);
    if (state.presentation) {
        if (narration && !state.blank) add(layout.narration);
        return rects;
    }
    // ImGui's main menu bar is one frame high, whatever the layout reserved for it.
    add({layout.menu.x, layout.menu.y, layout.menu.width,
         layout.menu.height > 0 ? ImGui::GetFrameHeight() : 0.0f});
    add(layout.left);
    if (state.scene) {
        add(layout.right);
        add(layout.timeline);
    }
    if (narration) add(layout.narration);
    return rects;
}

} // namespace linscape::ui
