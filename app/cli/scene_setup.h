// What to show, resolved from the command line before any GL work: a scene or a lesson step,
// plus parameter overrides (--matrix, --set), validated against the scene's parameter specs.
#pragma once

#include "core/app_state.h"
#include "lessons/library.h"
#include "scenes/scene.h"

#include <string>
#include <utility>
#include <vector>

namespace linscape::cli {

struct SceneSetup {
    std::string sceneId;
    std::vector<std::pair<std::string, scenes::ParamValue>> params; // applied in order
    std::string description; // for messages: "scene plane2d", "lesson basics step 2"
    std::string lessonId;
    int step = 0; // 1-based; 0 when not a lesson
};

// The lessons the command line uses (loaded once: the lessons folder on disk, else embedded).
const lessons::LessonLibrary& cliLessons();

bool resolveScene(const std::string& name, SceneSetup& setup, std::string* error);
bool resolveLessonStep(const std::string& lessonId, int step, SceneSetup& setup,
                       std::string* error);
// --matrix: the scene's first matrix parameter.
bool addMatrixOverride(SceneSetup& setup, const std::string& text, std::string* error);
// --set NAME=VALUE
bool addSetOverride(SceneSetup& setup, const std::string& assignment, std::string* error);
// Applies everything to a scratch scene: every problem is found before a context exists.
bool validateSetup(const SceneSetup& setup, std::string* error);
// For a lesson step, also opens the step in the app's classroom (narration, exercise), so a
// render with the UI shows what the window shows.
bool applySetup(core::AppState& state, const SceneSetup& setup, std::string* error);
void printLessonList();

} // namespace linscape::cli
