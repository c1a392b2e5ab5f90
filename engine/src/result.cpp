// Stable identifiers for engine error codes.
#include "engine/result.h"

namespace linscape::engine {

std::string_view errorId(ErrorCode code) {
    switch (code) {
    case ErrorCode::ParseError:
        return "E_PARSE";
    case ErrorCode::RaggedRows:
        return "E_RAGGED_ROWS";
    case ErrorCode::EmptyMatrix:
        return "E_EMPTY";
    case ErrorCode::NonFinite:
        return "E_NONFINITE";
    case ErrorCode::ShapeMismatch:
        return "E_SHAPE_MISMATCH";
    case ErrorCode::NotSquare:
        return "E_NOT_SQUARE";
    case ErrorCode::Singular:
        return "E_SINGULAR";
    case ErrorCode::TooLarge:
        return "E_TOO_LARGE";
    case ErrorCode::InvalidArgument:
        return "E_INVALID_ARGUMENT";
    case ErrorCode::Cancelled:
        return "E_CANCELLED";
    case ErrorCode::Io:
        return "E_IO";
    }
    return "E_UNKNOWN";
}

std::string Error::describe() const {
    return std::string(errorId(code)) + ": " + message;
}

} // namespace linscape::engine
