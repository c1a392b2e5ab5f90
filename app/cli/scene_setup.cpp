// Scene and lesson-step resolution for the command line; see scene_setup.h.
#include "cli/scene_setup.h"

#include "core/classroom.h"

#include <cstdio>

namespace linscape::cli {
namespace {

size_t currentStepParamCount(const core::AppState& state) {
    const lessons::Step* s = core::currentStep(state);
    return s ? s->params.size() + (s->duration ? 1 : 0) : 0;
}

} // namespace

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

const lessons::LessonLibrary& cliLessons() {
    static const lessons::LessonLibrary library = [] {
        lessons::LessonLibrary l;
        l.load(lessons::LessonLibrary::defaultFolder());
        return l;
    }();
    return library;
}

bool resolveLessonStep(const std::string& lessonId, int step, SceneSetup& setup,
                       std::string* error) {
    const lessons::LessonLibrary& lib = cliLessons();
    const lessons::Lesson* lesson = lib.find(lessonId);
    if (!lesson) {
        if (error) {
            std::string ids;
            for (const lessons::Lesson* l : lib.lessons())
                ids += (ids.empty() ? "" : ", ") + l->id;
            *error = "no lesson named '" + lessonId + "'" +
                     (ids.empty() ? std::string("; no lessons loaded") : "; available: " + ids);
            for (const auto& f : lib.files())
                if (!f.errors.empty() && f.path.find(lessonId) != std::string::npos)
                    *error += "\n" + f.errors.front().format() + " (run check-lessons)";
        }
        return false;
    }
    if (step < 1 || step > int(lesson->steps.size())) {
        if (error)
            *error = "lesson '" + lessonId + "' has steps 1 to " +
                     std::to_string(lesson->steps.size()) + ", not " + std::to_string(step);
        return false;
    }
    const lessons::Step& s = lesson->steps[size_t(step - 1)];
    setup.sceneId = s.scene;
    setup.params = s.params;
    if (s.duration) setup.params.emplace_back("duration", *s.duration);
    setup.lessonId = lessonId;
    setup.step = step;
    setup.description = "lesson " + lessonId + " step " + std::to_string(step);
    return true;
}

void printLessonList() {
    const lessons::LessonLibrary& lib = cliLessons();
    std::printf("lessons: (%s)\n", lib.fromDisk() ? lib.folder().c_str() : "embedded");
    for (const lessons::Lesson* l : lib.lessons()) {
        std::printf("  %-14s %-44s %zu steps:", l->id.c_str(), l->title.c_str(), l->steps.size());
        for (size_t i = 0; i < l->steps.size(); ++i)
            std::printf(" %zu=%s", i + 1, l->steps[i].scene.c_str());
        std::printf("\n");
    }
    if (lib.lessons().empty()) std::printf("  (none)\n");
    if (const auto errors = lib.errors(); !errors.empty())
        std::printf("  (%zu lesson error%s: run 'linscape check-lessons')\n", errors.size(),
                    errors.size() == 1 ? "" : "s");
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
    size_t first = 0;
    if (!setup.lessonId.empty()) {
        core::Classroom& c = state.classroom;
        if (c.library.lessons().empty()) c.library = cliLessons();
        if (!core::openLessonStep(state, setup.lessonId, setup.step - 1, error)) return false;
        first = currentStepParamCount(state); // the step's own parameters are applied already
    } else if (!state.scene || state.scene->id() != setup.sceneId) {
        if (!state.selectScene(setup.sceneId, error)) return false;
    }
    for (size_t i = first; i < setup.params.size(); ++i) {
        const auto& [name, value] = setup.params[i];
        const std::string why = state.scene->setParam(name, value);
        if (!why.empty()) {
            if (error) *error = why;
            return false;
        }
    }
    return true;
}

} // namespace linscape::cli
