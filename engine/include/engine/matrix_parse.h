// Reads a matrix typed by a person: "[[3,1],[2,4]]" (NumPy/JSON style) or "3 1; 2 4" (MATLAB
// style). Errors say where (1-based column in the text) and what was expected; NaN and Inf are
// refused.
#pragma once

#include "engine/result.h"

#include <Eigen/Core>
#include <string>
#include <string_view>

namespace linscape::engine {

struct ParseLimits {
    Eigen::Index maxRows = 4096;
    Eigen::Index maxCols = 4096;
    bool allowNonFinite = false;
};

Result<Eigen::MatrixXd> parseMatrix(std::string_view text, const ParseLimits& limits = {});

// Parses one number as typed in an entry field ("1.5", "-2e3", " 3 "); refuses NaN, Inf and junk.
Result<double> parseScalar(std::string_view text);

// Formats a matrix as "[[a, b], [c, d]]" with up to `digits` significant digits (round-trips
// through parseMatrix).
std::string formatMatrix(const Eigen::MatrixXd& m, int digits = 6);

// Shortest readable form of a number: "2", "-0.5", "1.23e+08"; NaN/Inf spelled out as text.
std::string formatNumber(double value, int digits = 4);

} // namespace linscape::engine
