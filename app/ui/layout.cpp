// Panel layout that adapts to the window: narrow windows drop the navigator first, then shrink
// the inspector; the viewport always keeps at least a third of the width.
#include "ui/ui.h"

#include <algorithm>

namespace linscape::ui {

Layout computeLayout(const core::AppState& state, float width, float height, float fontSize) {
    Layout l;
    if (!state.showUi) {
        l.viewport = {0, 0, width, height};
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
    return l;
}

} // namespace linscape::ui
