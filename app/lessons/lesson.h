// A lesson as loaded from a TOML file: metadata and ordered steps (narration, a scene and its
// parameters, an animation, a NumPy snippet, an exercise, a "try it" goal, claims a test checks).
// Plain data: no ImGui, no GL, so the loader, the validator and the tests run anywhere.
#pragma once

#include "scenes/scene.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace linscape::lessons {

// Where something is in a lesson file (1-based; 0 when unknown).
struct SourcePos {
    int line = 0, column = 0;
};

// One problem found while loading. `code` is stable (tests assert on it); `message` says what was
// wrong and what is expected.
struct Diagnostic {
    std::string file;
    SourcePos pos;
    std::string code; // E_TOML_SYNTAX, E_UNKNOWN_KEY, E_WRONG_TYPE, E_UNKNOWN_SCENE, ...
    std::string message;
    std::string format() const; // "file:line:col: error [CODE]: message"
};

// Narration: paragraphs of spans; a span is plain or *emphasised*.
struct Span {
    std::string text;
    bool emphasis = false;
};
using Paragraph = std::vector<Span>;
std::vector<Paragraph> parseNarration(const std::string& text);

enum class ExerciseKind { Number, Shape, Choice };

struct Exercise {
    ExerciseKind kind = ExerciseKind::Number;
    std::string prompt;
    double answer = 0;                // Number
    double tolerance = 0;             // Number: |given - answer| <= tolerance
    std::vector<int> shape;           // Shape: e.g. {2, 3}
    std::vector<std::string> choices; // Choice
    int correctChoice = -1;           // Choice: index into choices
    std::string hint;
    std::string explanation; // shown once answered correctly
    std::string check;       // optional expression the answer must equal, e.g. "det(A)"
    SourcePos pos;
};

// "Try it": the student takes over; success when expr evaluates within tolerance of target.
struct TryGoal {
    std::string prompt;
    std::string expr; // e.g. "det(A)", evaluated on the live scene's parameters
    double target = 0;
    double tolerance = 0.05;
    std::string success; // message when reached
    SourcePos pos;
};

// A number the narration states; a test (and check-lessons) recomputes it with the engine.
struct Claim {
    std::string expr;           // "det(A)", "eig([[2,1],[1,2]])", "flops(256,512,1024)"
    std::vector<double> values; // one value, or a list (eigenvalues, singular values, a shape)
    double tolerance = 1e-9;
    SourcePos pos;
};

struct Step {
    std::string title;
    std::string narration; // raw text (paragraphs separated by blank lines, *emphasis*)
    std::string scene;
    std::vector<std::pair<std::string, scenes::ParamValue>> params; // validated, in file order
    std::optional<double> duration; // animation length (the scene's `duration` parameter)
    bool autoplay = true;
    std::string numpy;
    std::optional<Exercise> exercise;
    std::optional<TryGoal> tryGoal;
    std::vector<Claim> claims;
    SourcePos pos;
};

struct Lesson {
    std::string id;
    std::string title;
    int order = 0;
    std::string summary;
    std::vector<std::string> prerequisites;
    std::vector<SourcePos> prerequisitePos;
    std::vector<Step> steps;
    std::string file; // the file it came from (for messages)
};

// The most a lesson file may hold; larger files are refused with this limit in the message.
constexpr std::size_t kMaxLessonBytes = 1u << 20; // 1 MiB
constexpr int kMaxSteps = 100;

} // namespace linscape::lessons
