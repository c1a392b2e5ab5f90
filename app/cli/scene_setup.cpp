// Scene and lesson-step resolution for the command line; see scene_setup.h.
#include "cli/scene_setup.h"

#include <cstdio>

namespace linscape::cli {

bool resolveScene(const std::string& name, SceneSetup& setup, std::string* error) {
    if (!scenes::findScene(name)) {
        if (error) {
            std::string ids;
            for (const auto& s : scenes::sceneIds())
                ids += (ids.empty() ? "" : ", ") + s;
            *error = "no scene named '" + name + "'; available: " + ids;
        }
        return false;
    }
    setup.sceneId = name;
    setup.description = "scene " + name;
    return true;
}

bool resolveLessonStep(const std::string& lessonId, int, SceneSetup&, std::string* error) {
    if (error) *error = "no lesson named '" + lessonId + "'; no lessons are installed yet";
    return false;
}

void printLessonList() {
    std::printf("lessons:\n  (none installed yet)\n");
}

bool addMatrixOverride(SceneSetup& setup, const std::string& text, std::string* error) {
    const scenes::SceneInfo* info = scenes::findScene(setup.sceneId);
    auto scene = info->create();
    for (const scenes::ParamSpec& spec : scene->params()) {
        if (spec.type != scenes::ParamType::Matrix) continue;
        scenes::ParamValue value;
        std::string why;
        if (!scenes::parseParamText(spec, text, value, &why)) {
            if (error) *error = "--matrix: " + why;
            return false;
        }
        setup.params.emplace_back(spec.name, std::move(value));
        return true;
    }
    if (error) *error = "--matrix: scene '" + setup.sceneId + "' takes no matrix";
    return false;
}

bool addSetOverride(SceneSetup& setup, const std::string& assignment, std::string* error) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos || eq == 0) {
        if (error)
            *error = "--set '" + assignment + "': use NAME=VALUE, e.g. --set show_grid=false";
        return false;
    }
    const std::string name = assignment.substr(0, eq);
    const std::string text = assignment.substr(eq + 1);
    auto scene = scenes::findScene(setup.sceneId)->create();
    const auto specs = scene->params();
    const scenes::ParamSpec* spec = scenes::findParam(specs, name);
    if (!spec) {
        std::string names;
        for (const auto& s : specs)
            names += (names.empty() ? "" : ", ") + s.name;
        if (error)
            *error = "--set: scene '" + setup.sceneId + "' has no parameter '" + name +
                     "' (it has: " + names + ")";
        return false;
    }
    scenes::ParamValue value;
    std::string why;
    if (!scenes::parseParamText(*spec, text, value, &why)) {
        if (error) *error = "--set: " + why;
        return false;
    }
    setup.params.emplace_back(name, std::move(value));
    return true;
}

bool validateSetup(const SceneSetup& setup, std::string* error) {
    auto scene = scenes::findScene(setup.sceneId)->create();
    for (const auto& [name, value] : setup.params) {
        const std::string why = scene->setParam(name, value);
        if (!why.empty()) {
            if (error) *error = why;
            return false;
        }
    }
    return true;
}

bool applySetup(core::AppState& state, const SceneSetup& setup, std::string* error) {
    if (!state.scene || state.scene->id() != setup.sceneId)
        if (!state.selectScene(setup.sceneId, error)) return false;
    for (const auto& [name, value] : setup.params) {
        const std::string why = state.scene->setParam(name, value);
        if (!why.empty()) {
            if (error) *error = why;
            return false;
        }
    }
    return true;
}

} // namespace linscape::cli
