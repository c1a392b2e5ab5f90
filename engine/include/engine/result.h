// Errors with stable codes, and Result<T>: how every fallible engine call reports failure.
// Tests assert on codes; the message is for people and names what was wrong and what is allowed.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace linscape::engine {

enum class ErrorCode {
    ParseError,    // text that is not a matrix
    RaggedRows,    // rows of different lengths
    EmptyMatrix,   // no entries where some are needed
    NonFinite,     // NaN or Inf entry
    ShapeMismatch, // operands whose shapes do not fit the rule
    NotSquare,     // a square matrix was required
    Singular,      // no inverse / no unique solution
    TooLarge,      // a size that would not fit in memory or a limit
    InvalidArgument,
    Cancelled, // a job was cancelled before it finished
    Io,        // a file could not be read or written
};

// A stable identifier for each code, e.g. "E_SHAPE_MISMATCH"; logs and tests use these.
std::string_view errorId(ErrorCode code);

struct Error {
    ErrorCode code;
    std::string message;
    std::string describe() const; // "E_CODE: message"
};

// Either a value or an Error. Deliberately small: std::expected arrives only in C++23.
template <class T>
class Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return m_state.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & {
        assert(ok());
        return std::get<0>(m_state);
    }
    const T& value() const& {
        assert(ok());
        return std::get<0>(m_state);
    }
    T&& value() && {
        assert(ok());
        return std::get<0>(std::move(m_state));
    }
    const Error& error() const {
        assert(!ok());
        return std::get<1>(m_state);
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    std::variant<T, Error> m_state;
};

inline Error makeError(ErrorCode code, std::string message) {
    return Error{code, std::move(message)};
}

} // namespace linscape::engine
