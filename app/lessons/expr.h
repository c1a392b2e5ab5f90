// Readout expressions a lesson states or tests: "det(A)", "eig([[2,1],[1,2]])",
// "flops(256,512,1024)". Evaluated with the compute engine on a step's parameters (or literals), so
// every number a lesson claims, every exercise answer and every "try it" goal is recomputed, never
// copied.
#pragma once

#include "scenes/scene.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace linscape::lessons {

// Resolves a name used in an expression (a scene parameter such as A or v).
using ParamLookup = std::function<std::optional<scenes::ParamValue>(const std::string& name)>;

// Evaluates `expr`; the result is flattened row-major (a scalar is one value). False with *error
// naming the problem (unknown function, unknown name, wrong shape, singular matrix, ...).
bool evaluateExpr(const std::string& expr, const ParamLookup& lookup, std::vector<double>& out,
                  std::string* error);

// The functions expressions may call, with one line of help each (for FORMAT.md and errors).
const std::vector<std::pair<std::string, std::string>>& exprFunctions();

// The NumPy spelling of a readout expression, for the narration panel ("np.linalg.det(A)").
std::string numpyFor(const std::string& expr);

} // namespace linscape::lessons
