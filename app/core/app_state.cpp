// App state actions; see app_state.h.
#include "core/app_state.h"

#include "core/classroom.h"

#include <algorithm>

namespace linscape::core {

void Timeline::advance(double dt, double duration) {
    if (!playing) return;
    if (duration <= 0) {
        t = 0;
        playing = false;
        return;
    }
    t += dt * speed;
    if (t >= duration) {
        if (loop)
            t = 0;
        else {
            t = duration;
            playing = false;
        }
    }
}

bool AppState::selectScene(const std::string& id, std::string* error) {
    const scenes::SceneInfo* info = scenes::findScene(id);
    if (!info) {
        if (error) {
            std::string ids;
            for (const auto& s : scenes::sceneIds())
                ids += (ids.empty() ? "" : ", ") + s;
            *error = "no scene named '" + id + "'; available: " + ids;
        }
        return false;
    }
    scene = info->create();
    timeline = Timeline{};
    timeline.t = 0;
    timeline.playing = true;
    return true;
}

bool followSceneLink(AppState& state, std::string* error) {
    if (!state.scene || !state.scene->takeFollowLink()) return false;
    const std::optional<scenes::SceneLink> link = state.scene->link();
    if (!link) return false;
    const scenes::SceneInfo* info = scenes::findScene(link->sceneId);
    if (!info) {
        if (error) *error = "the link names no scene '" + link->sceneId + "'";
        return false;
    }
    // Every parameter is tried on a scratch scene first: a refused one leaves the current scene.
    std::unique_ptr<scenes::Scene> next = info->create();
    for (const auto& [name, value] : link->params)
        if (std::string why = next->setParam(name, value); !why.empty()) {
            if (error) *error = "cannot open " + link->sceneId + ": " + why;
            return false;
        }
    leaveLesson(state);
    state.scene = std::move(next);
    state.timeline = Timeline{};
    state.timeline.playing = true;
    return true;
}

void AppState::toast(std::string text, bool error) {
    toasts.push_back({std::move(text), error, error ? 7.0 : 4.0});
    if (toasts.size() > 5) toasts.erase(toasts.begin());
}

void AppState::updateToasts(double dt) {
    for (Toast& t : toasts)
        t.remaining -= dt;
    std::erase_if(toasts, [](const Toast& t) { return t.remaining <= 0; });
}

void AppState::setUiScale(float scale) {
    scale = std::clamp(scale, 0.5f, 3.0f);
    if (scale != uiScale) {
        uiScale = scale;
        fontsDirty = true;
    }
}

float AppState::presentationUiScale(float windowHeight) {
    // 16 px UI font x 1.8 = 28.8 px at 1080 px high; never smaller than the normal UI.
    return std::clamp(1.8f * windowHeight / 1080.0f, 1.0f, 3.0f);
}

void AppState::setPresentation(bool on, float windowHeight) {
    if (on == presentation) {
        if (on) setUiScale(presentationUiScale(windowHeight));
        return;
    }
    presentation = on;
    blank = false;
    if (on) {
        themeBeforePresentation = theme;
        uiScaleBeforePresentation = uiScale;
        theme = style::ThemeId::Contrast;
        setUiScale(presentationUiScale(windowHeight));
    } else {
        theme = themeBeforePresentation;
        setUiScale(uiScaleBeforePresentation);
    }
    fontsDirty = true; // the style (colours) follows the theme
}

} // namespace linscape::core
