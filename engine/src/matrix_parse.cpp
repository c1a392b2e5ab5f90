// Matrix text parser: two accepted notations, precise error positions, limits checked before
// anything is allocated.
#include "engine/matrix_parse.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace linscape::engine {
namespace {

class Reader {
public:
    explicit Reader(std::string_view text) : m_text(text) {}

    void skipSpace() {
        while (m_pos < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_pos])))
            ++m_pos;
    }
    bool atEnd() {
        skipSpace();
        return m_pos >= m_text.size();
    }
    char peek() {
        skipSpace();
        return m_pos < m_text.size() ? m_text[m_pos] : '\0';
    }
    bool accept(char c) {
        if (peek() == c) {
            ++m_pos;
            return true;
        }
        return false;
    }
    size_t column() const { return m_pos + 1; }
    size_t pos() const { return m_pos; }

    Error error(const std::string& expected) {
        skipSpace();
        std::string found;
        if (m_pos >= m_text.size())
            found = "end of text";
        else {
            size_t end = m_pos;
            while (end < m_text.size() && end - m_pos < 12 &&
                   !std::isspace(static_cast<unsigned char>(m_text[end])))
                ++end;
            found.assign(1, '\'');
            found.append(m_text.substr(m_pos, end - m_pos));
            found.push_back('\'');
        }
        return makeError(ErrorCode::ParseError, "column " + std::to_string(column()) +
                                                    ": expected " + expected + ", found " + found);
    }

    // Reads a number token; on failure returns false and leaves the position at the token.
    bool number(double& out) {
        skipSpace();
        size_t start = m_pos;
        size_t end = start;
        while (end < m_text.size()) {
            char c = m_text[end];
            if (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '+' || c == '-')
                ++end;
            else
                break;
        }
        if (end == start) return false;
        std::string token(m_text.substr(start, end - start));
        // Accept a leading '+', which from_chars does not.
        const char* first = token.c_str();
        if (*first == '+') ++first;
        const char* last = token.c_str() + token.size();
        auto [ptr, ec] = std::from_chars(first, last, out);
        if (ec == std::errc::result_out_of_range) {
            out = HUGE_VAL;
            ptr = last;
        } else if (ec != std::errc() || ptr != last)
            return false;
        m_pos = end;
        return true;
    }

private:
    std::string_view m_text;
    size_t m_pos = 0;
};

Result<Eigen::MatrixXd> buildMatrix(const std::vector<std::vector<double>>& rows,
                                    const std::vector<size_t>& rowColumns,
                                    const ParseLimits& limits) {
    if (rows.empty() || rows.front().empty())
        return makeError(ErrorCode::EmptyMatrix, "the matrix has no entries; type at least one "
                                                 "number, e.g. [[1, 0], [0, 1]]");
    const size_t cols = rows.front().size();
    for (size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() != cols)
            return makeError(ErrorCode::RaggedRows,
                             "column " + std::to_string(rowColumns[r]) + ": row " +
                                 std::to_string(r + 1) + " has " + std::to_string(rows[r].size()) +
                                 " entries but row 1 has " + std::to_string(cols) +
                                 "; every row needs the same number of entries");
    }
    if (static_cast<Eigen::Index>(rows.size()) > limits.maxRows ||
        static_cast<Eigen::Index>(cols) > limits.maxCols)
        return makeError(ErrorCode::TooLarge, "a " + std::to_string(rows.size()) + "x" +
                                                  std::to_string(cols) +
                                                  " matrix is larger than allowed (at most " +
                                                  std::to_string(limits.maxRows) + "x" +
                                                  std::to_string(limits.maxCols) + ")");
    Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(cols));
    for (size_t r = 0; r < rows.size(); ++r)
        for (size_t c = 0; c < cols; ++c)
            m(Eigen::Index(r), Eigen::Index(c)) = rows[r][c];
    return m;
}

Error nonFinite(size_t column, double v) {
    return makeError(ErrorCode::NonFinite, "column " + std::to_string(column) + ": " +
                                               (std::isnan(v) ? "NaN" : "an infinite value") +
                                               " is not allowed; entries must be finite numbers");
}

Result<Eigen::MatrixXd> parseBracketed(Reader& rd, const ParseLimits& limits) {
    std::vector<std::vector<double>> rows;
    std::vector<size_t> rowColumns;
    if (!rd.accept('[')) return rd.error("'['");
    if (rd.peek() != '[') {
        // A single bracketed row: "[1, 2, 3]" is a 1xN matrix.
        rowColumns.push_back(rd.column());
        rows.emplace_back();
        if (!rd.accept(']')) {
            for (;;) {
                size_t col = rd.column();
                double v = 0;
                if (!rd.number(v)) return rd.error("a number");
                if (!limits.allowNonFinite && !std::isfinite(v)) return nonFinite(col, v);
                rows.back().push_back(v);
                if (static_cast<Eigen::Index>(rows.back().size()) > limits.maxCols)
                    return makeError(ErrorCode::TooLarge,
                                     "more than " + std::to_string(limits.maxCols) + " columns");
                if (rd.accept(']')) break;
                if (!rd.accept(',')) return rd.error("',' or ']'");
            }
        }
    } else {
        for (;;) {
            rowColumns.push_back(rd.column());
            if (!rd.accept('[')) return rd.error("'[' to start a row");
            rows.emplace_back();
            if (!rd.accept(']')) {
                for (;;) {
                    size_t col = rd.column();
                    double v = 0;
                    if (!rd.number(v)) return rd.error("a number");
                    if (!limits.allowNonFinite && !std::isfinite(v)) return nonFinite(col, v);
                    rows.back().push_back(v);
                    if (static_cast<Eigen::Index>(rows.back().size()) > limits.maxCols)
                        return makeError(ErrorCode::TooLarge, "more than " +
                                                                  std::to_string(limits.maxCols) +
                                                                  " columns");
                    if (rd.accept(']')) break;
                    if (!rd.accept(',')) return rd.error("',' or ']'");
                }
            }
            if (static_cast<Eigen::Index>(rows.size()) > limits.maxRows)
                return makeError(ErrorCode::TooLarge,
                                 "more than " + std::to_string(limits.maxRows) + " rows");
            if (rd.accept(']')) break;
            if (!rd.accept(',')) return rd.error("',' or ']'");
        }
    }
    if (!rd.atEnd()) return rd.error("end of text after the closing ']'");
    return buildMatrix(rows, rowColumns, limits);
}

Result<Eigen::MatrixXd> parsePlain(Reader& rd, const ParseLimits& limits) {
    std::vector<std::vector<double>> rows(1);
    std::vector<size_t> rowColumns{rd.column()};
    while (!rd.atEnd()) {
        if (rd.accept(';')) {
            rows.emplace_back();
            rowColumns.push_back(rd.column());
            if (static_cast<Eigen::Index>(rows.size()) > limits.maxRows)
                return makeError(ErrorCode::TooLarge,
                                 "more than " + std::to_string(limits.maxRows) + " rows");
            continue;
        }
        if (rd.accept(',')) continue;
        size_t col = rd.column();
        double v = 0;
        if (!rd.number(v)) return rd.error("a number, ',' or ';'");
        if (!limits.allowNonFinite && !std::isfinite(v)) return nonFinite(col, v);
        rows.back().push_back(v);
        if (static_cast<Eigen::Index>(rows.back().size()) > limits.maxCols)
            return makeError(ErrorCode::TooLarge,
                             "more than " + std::to_string(limits.maxCols) + " columns");
    }
    // A trailing ';' ends the last row rather than starting an empty one.
    if (rows.size() > 1 && rows.back().empty()) {
        rows.pop_back();
        rowColumns.pop_back();
    }
    return buildMatrix(rows, rowColumns, limits);
}

} // namespace

Result<Eigen::MatrixXd> parseMatrix(std::string_view text, const ParseLimits& limits) {
    Reader rd(text);
    if (rd.atEnd())
        return makeError(ErrorCode::EmptyMatrix,
                         "no matrix given; write it as [[3,1],[2,4]] or as 3 1; 2 4");
    if (rd.peek() == '[') return parseBracketed(rd, limits);
    return parsePlain(rd, limits);
}

Result<double> parseScalar(std::string_view text) {
    Reader rd(text);
    if (rd.atEnd())
        return makeError(ErrorCode::ParseError, "empty entry; type a number such as 1.5");
    double v = 0;
    if (!rd.number(v) || !rd.atEnd())
        return makeError(ErrorCode::ParseError, "'" + std::string(text) +
                                                    "' is not a number; type a number such as "
                                                    "-2, 0.5 or 1e3");
    if (!std::isfinite(v)) return nonFinite(1, v);
    return v;
}

std::string formatNumber(double value, int digits) {
    if (std::isnan(value)) return "NaN";
    if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
    if (value == 0.0) return "0"; // also folds -0 into 0, which only confuses a reader
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, value);
    return buf;
}

std::string formatMatrix(const Eigen::MatrixXd& m, int digits) {
    std::string out = "[";
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        out += r ? ", [" : "[";
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            if (c) out += ", ";
            out += formatNumber(m(r, c), digits);
        }
        out += "]";
    }
    return out + "]";
}

} // namespace linscape::engine
