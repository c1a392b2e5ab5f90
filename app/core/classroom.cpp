// Teaching actions; see classroom.h.
#include "core/classroom.h"

#include "engine/matrix_parse.h"
#include "lessons/expr.h"

#include <cmath>
#include <sstream>

namespace linscape::core {

const lessons::Lesson* currentLesson(const AppState& state) {
    if (state.classroom.lessonId.empty()) return nullptr;
    return state.classroom.library.find(state.classroom.lessonId);
}

const lessons::Step* currentStep(const AppState& state) {
    const lessons::Lesson* l = currentLesson(state);
    if (!l || state.classroom.step < 0 || state.classroom.step >= int(l->steps.size()))
        return nullptr;
    return &l->steps[size_t(state.classroom.step)];
}

void saveProgress(AppState& state) {
    if (state.classroom.progressPath.empty()) return;
    std::string error;
    if (!state.classroom.progress.save(state.classroom.progressPath, &error))
        state.toast("Progress not saved: " + error, true);
}

namespace {

// Builds the step's scene and shows it; keeps the student's answer when `keepAnswer`.
bool applyCurrentStep(AppState& state, bool keepAnswer, bool restartAnimation) {
    Classroom& c = state.classroom;
    const lessons::Step* step = currentStep(state);
    if (!step) return false;
    const scenes::SceneInfo* info = scenes::findScene(step->scene);
    if (!info) {
        c.stepError = "scene '" + step->scene + "' does not exist";
        return false;
    }
    auto scene = info->create();
    c.stepError = lessons::applyStep(*step, *scene);
    state.scene = std::move(scene);
    if (restartAnimation) {
        state.timeline = Timeline{};
        state.timeline.t = step->autoplay ? 0.0 : state.scene->duration();
        state.timeline.playing = step->autoplay && state.scene->duration() > 0;
    } else {
        state.timeline.t = std::min(state.timeline.t, state.scene->duration());
    }
    if (!keepAnswer) {
        c.answerText.clear();
        c.answerChoice = -1;
        c.feedback = Classroom::Feedback::None;
        c.feedbackText.clear();
        c.showHint = false;
        const auto& lp = c.progress.lessons[c.lessonId];
        if (auto it = lp.answers.find(c.step); it != lp.answers.end() && step->exercise) {
            if (step->exercise->kind == lessons::ExerciseKind::Choice) {
                for (size_t i = 0; i < step->exercise->choices.size(); ++i)
                    if (step->exercise->choices[i] == it->second) c.answerChoice = int(i);
            } else {
                c.answerText = it->second;
            }
            if (lp.solved.count(c.step)) c.feedback = Classroom::Feedback::Correct;
        }
    }
    c.tryReached = c.progress.lessons[c.lessonId].solved.count(c.step) && step->tryGoal;
    c.tryVersion = ~0ull;
    c.tryBaseline = state.scene->version();
    return true;
}

bool animating(const AppState& state) {
    return state.timeline.playing && state.timeline.t < state.duration();
}

} // namespace

bool openLessonStep(AppState& state, const std::string& id, int step, std::string* error) {
    Classroom& c = state.classroom;
    const lessons::Lesson* l = c.library.find(id);
    if (!l) {
        if (error) {
            std::string ids;
            for (const lessons::Lesson* x : c.library.lessons())
                ids += (ids.empty() ? "" : ", ") + x->id;
            *error = "no lesson named '" + id + "'" +
                     (ids.empty() ? std::string("; no lessons loaded") : "; available: " + ids);
        }
        return false;
    }
    if (step < 0 || step >= int(l->steps.size())) {
        if (error)
            *error = "lesson '" + id + "' has steps 1 to " + std::to_string(l->steps.size()) +
                     ", not " + std::to_string(step + 1);
        return false;
    }
    c.lessonId = id;
    c.step = step;
    c.libraryVersion = c.library.version();
    applyCurrentStep(state, false, true);
    lessons::LessonProgress& lp = c.progress.lessons[id];
    lp.lastStep = step;
    lp.seen.insert(step);
    c.progress.lastLesson = id;
    saveProgress(state);
    return true;
}

bool openStartLesson(AppState& state) {
    const auto all = state.classroom.library.lessons();
    if (all.empty()) return false;
    const std::string& last = state.classroom.progress.lastLesson;
    if (const lessons::Lesson* l = state.classroom.library.find(last)) {
        const auto it = state.classroom.progress.lessons.find(last);
        const int step = it == state.classroom.progress.lessons.end() ? 0 : it->second.lastStep;
        return openLessonStep(state, l->id, std::min(step, int(l->steps.size()) - 1), nullptr);
    }
    return openLessonStep(state, all.front()->id, 0, nullptr);
}

bool nextStep(AppState& state) {
    const lessons::Lesson* l = currentLesson(state);
    if (!l) return false;
    if (animating(state)) { // skip the running animation to its end state first
        state.timeline.t = state.duration();
        state.timeline.playing = false;
        return true;
    }
    if (state.classroom.step + 1 < int(l->steps.size()))
        return openLessonStep(state, l->id, state.classroom.step + 1, nullptr);
    // Past the last step: on to the next lesson, if any.
    const auto all = state.classroom.library.lessons();
    for (size_t i = 0; i + 1 < all.size(); ++i)
        if (all[i] == l) return openLessonStep(state, all[i + 1]->id, 0, nullptr);
    return false;
}

bool previousStep(AppState& state) {
    const lessons::Lesson* l = currentLesson(state);
    if (!l) return false;
    if (animating(state)) {
        state.timeline.t = state.duration();
        state.timeline.playing = false;
        return true;
    }
    if (state.classroom.step > 0)
        return openLessonStep(state, l->id, state.classroom.step - 1, nullptr);
    const auto all = state.classroom.library.lessons();
    for (size_t i = 1; i < all.size(); ++i)
        if (all[i] == l)
            return openLessonStep(state, all[i - 1]->id, int(all[i - 1]->steps.size()) - 1,
                                  nullptr);
    return false;
}

void leaveLesson(AppState& state) {
    state.classroom.lessonId.clear();
    state.classroom.step = 0;
}

bool parseShapeAnswer(const std::string& text, std::vector<int>& out) {
    out.clear();
    std::string cleaned;
    for (char ch : text) {
        if (ch == '(' || ch == ')' || ch == '[' || ch == ']' || ch == ',' || ch == 'x' ||
            ch == 'X' || ch == '*')
            cleaned += ' ';
        else
            cleaned += ch;
    }
    // "×" (U+00D7) is two bytes: C3 97.
    for (size_t p; (p = cleaned.find("\xC3\x97")) != std::string::npos;)
        cleaned.replace(p, 2, " ");
    std::istringstream in(cleaned);
    std::string word;
    while (in >> word) {
        char* end = nullptr;
        const long v = std::strtol(word.c_str(), &end, 10);
        if (!end || *end != 0 || v < 1 || v > 1000000000) return false;
        out.push_back(int(v));
    }
    return !out.empty() && out.size() <= 4;
}

void checkAnswer(AppState& state) {
    Classroom& c = state.classroom;
    const lessons::Step* step = currentStep(state);
    if (!step || !step->exercise) return;
    const lessons::Exercise& ex = *step->exercise;
    bool correct = false;
    std::string given;
    switch (ex.kind) {
    case lessons::ExerciseKind::Number: {
        auto v = engine::parseScalar(c.answerText);
        if (!v.ok()) {
            c.feedback = Classroom::Feedback::Invalid;
            c.feedbackText = "Type a number, e.g. 10 or -0.5 (" + v.error().message + ")";
            return;
        }
        correct = std::abs(*v - ex.answer) <= ex.tolerance;
        given = c.answerText;
        break;
    }
    case lessons::ExerciseKind::Shape: {
        std::vector<int> dims;
        if (!parseShapeAnswer(c.answerText, dims)) {
            c.feedback = Classroom::Feedback::Invalid;
            c.feedbackText = "Type a shape such as (2, 3) or 2x3";
            return;
        }
        correct = dims == ex.shape;
        given = c.answerText;
        break;
    }
    case lessons::ExerciseKind::Choice:
        if (c.answerChoice < 0 || c.answerChoice >= int(ex.choices.size())) {
            c.feedback = Classroom::Feedback::Invalid;
            c.feedbackText = "Pick one of the choices first";
            return;
        }
        correct = c.answerChoice == ex.correctChoice;
        given = ex.choices[size_t(c.answerChoice)];
        break;
    }
    c.feedback = correct ? Classroom::Feedback::Correct : Classroom::Feedback::Wrong;
    c.feedbackText = correct ? (ex.explanation.empty() ? "Correct!" : "Correct! " + ex.explanation)
                             : "Not quite. Try again, or show the hint.";
    lessons::LessonProgress& lp = c.progress.lessons[c.lessonId];
    lp.answers[c.step] = given;
    if (correct) lp.solved.insert(c.step);
    saveProgress(state);
}

void updateClassroom(AppState& state, double dt) {
    Classroom& c = state.classroom;
    if (c.library.tick(dt) || c.library.version() != c.libraryVersion) {
        c.libraryVersion = c.library.version();
        if (!c.lessonId.empty()) {
            const lessons::Lesson* l = currentLesson(state);
            if (!l) {
                // The lesson vanished (renamed or deleted): stay on the scene, say why.
                state.toast("Lesson '" + c.lessonId + "' is no longer available", true);
                leaveLesson(state);
            } else {
                c.step = std::min(c.step, int(l->steps.size()) - 1);
                applyCurrentStep(state, true, false); // an edit shows at once, animation kept
            }
        }
    }
    const lessons::Step* step = currentStep(state);
    if (!step || !step->tryGoal || !state.scene || c.tryReached) return;
    if (state.scene->version() == c.tryVersion) return;
    c.tryVersion = state.scene->version();
    const scenes::Scene* scene = state.scene.get();
    std::vector<double> v;
    if (!lessons::evaluateExpr(
            step->tryGoal->expr, [scene](const std::string& n) { return scene->param(n); }, v,
            nullptr) ||
        v.size() != 1)
        return;
    c.tryValue = v[0];
    // The goal counts only once the student has changed something (the step's own setting may
    // already be near the target when the lesson starts from it).
    if (std::abs(v[0] - step->tryGoal->target) <= step->tryGoal->tolerance &&
        c.tryVersion != c.tryBaseline) {
        c.tryReached = true;
        c.progress.lessons[c.lessonId].solved.insert(c.step);
        state.toast(step->tryGoal->success);
        saveProgress(state);
    }
}

} // namespace linscape::core
