// Reads one lesson file and validates it against the scenes that exist: every problem becomes a
// Diagnostic with file:line:column and what was expected. Nothing here throws or aborts on bad
// input (broken TOML, wrong types, huge or binary files): the tests and the fuzzer hold it to that.
#pragma once

#include "lessons/lesson.h"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace linscape::lessons {

// Reads a file a lesson refers to (narration_file), relative to the lesson's folder. nullopt
// when it does not exist.
using AssetReader = std::function<std::optional<std::string>(const std::string& relativePath)>;

struct LoadResult {
    std::optional<Lesson> lesson; // set only when there are no errors
    std::vector<Diagnostic> errors;
};

struct LoadOptions {
    bool checkClaims = true; // recompute every claim and exercise check with the engine
};

LoadResult parseLesson(std::string_view text, const std::string& file,
                       const AssetReader& readAsset = {}, const LoadOptions& options = {});

// Applies a step's scene parameters to a scene (already of the step's scene type), then the
// animation duration. Returns an empty string or the first refusal.
std::string applyStep(const Step& step, scenes::Scene& scene);

} // namespace linscape::lessons
