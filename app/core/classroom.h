// Teaching actions on the app state: open a lesson step (a fresh scene with the step's parameters,
// so a step always looks the same however it was reached), step forward and back (a step key
// during an animation first jumps to its end state), check answers, notice "try it" goals, follow
// live edits of the lesson files, remember progress. No ImGui, no GL: tests drive it directly.
#pragma once

#include "core/app_state.h"

namespace linscape::core {

const lessons::Lesson* currentLesson(const AppState& state);
const lessons::Step* currentStep(const AppState& state);

// Opens step `step` (0-based) of lesson `id`. False with *error when there is no such lesson/step.
bool openLessonStep(AppState& state, const std::string& id, int step, std::string* error);
// Opens the lesson the student was last on, else the first lesson. False when there are none.
bool openStartLesson(AppState& state);
// Forward/back. During an animation the first press shows the end state instead. Returns true
// when something changed.
bool nextStep(AppState& state);
bool previousStep(AppState& state);
// Leaves the lesson for free exploration of a scene.
void leaveLesson(AppState& state);

// Checks the answer in state.classroom (answerText / answerChoice) against the step's exercise.
void checkAnswer(AppState& state);
// Parses "2x3", "(2, 3)", "2,3" or "[2 3]" into dimensions.
bool parseShapeAnswer(const std::string& text, std::vector<int>& out);

// Per frame: polls the lesson folder (about every 0.5 s of app time), re-applies the current step
// when its lesson changed on disk, and evaluates the try-it goal on the live scene.
void updateClassroom(AppState& state, double dt);

// Saves progress (atomically) when a path is set; a failure becomes a toast.
void saveProgress(AppState& state);

} // namespace linscape::core
