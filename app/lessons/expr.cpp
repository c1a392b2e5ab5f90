// Readout expressions; see expr.h. A tiny recursive-descent parser over calls, names, numbers and
// matrix literals; every value is a matrix (a scalar is 1x1, a flat list is a column vector).
#include "lessons/expr.h"

#include "engine/analysis.h"
#include "engine/matrix_parse.h"

#include <Eigen/Dense>

#include <cctype>
#include <cmath>
#include <stdexcept>

namespace linscape::lessons {
namespace {

using Eigen::MatrixXd;

struct ExprError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::string shapeText(const MatrixXd& m) {
    return "(" + std::to_string(m.rows()) + "," + std::to_string(m.cols()) + ")";
}

MatrixXd asMatrix(const scenes::ParamValue& v, const std::string& name) {
    if (const auto* m = std::get_if<MatrixXd>(&v)) return *m;
    if (const auto* d = std::get_if<double>(&v)) return MatrixXd::Constant(1, 1, *d);
    if (const auto* b = std::get_if<bool>(&v)) return MatrixXd::Constant(1, 1, *b ? 1.0 : 0.0);
    throw ExprError("'" + name + "' is text, not a number or matrix");
}

double scalar(const MatrixXd& m, const std::string& fn) {
    if (m.size() != 1) throw ExprError(fn + ": expected a number, got shape " + shapeText(m));
    return m(0, 0);
}

int wholeNumber(const MatrixXd& m, const std::string& fn) {
    const double v = scalar(m, fn);
    if (v < 0 || v > 1e9 || v != std::floor(v))
        throw ExprError(fn + ": expected a whole number from 0 to 1e9, got " +
                        engine::formatNumber(v));
    return int(v);
}

engine::Analysis analysisOf(const MatrixXd& m, const std::string& fn) {
    auto r = engine::analyze(m);
    if (!r.ok()) throw ExprError(fn + ": " + r.error().message);
    return std::move(r).value();
}

void needSquare(const MatrixXd& m, const std::string& fn) {
    if (m.rows() != m.cols())
        throw ExprError(fn + " needs a square matrix, got shape " + shapeText(m));
}

void needVector(const MatrixXd& m, const std::string& fn) {
    if (m.cols() != 1 && m.rows() != 1)
        throw ExprError(fn + " needs a vector, got shape " + shapeText(m));
}

Eigen::VectorXd vec(const MatrixXd& m) {
    return Eigen::Map<const Eigen::VectorXd>(m.data(), m.size());
}

MatrixXd column(const std::vector<double>& v) {
    MatrixXd m(Eigen::Index(v.size()), 1);
    for (size_t i = 0; i < v.size(); ++i)
        m(Eigen::Index(i), 0) = v[i];
    return m;
}

MatrixXd call(const std::string& fn, const std::vector<MatrixXd>& a) {
    auto arity = [&](size_t n) {
        if (a.size() != n)
            throw ExprError(fn + " takes " + std::to_string(n) + " argument" + (n == 1 ? "" : "s") +
                            ", got " + std::to_string(a.size()));
    };
    auto one = [](double v) { return MatrixXd::Constant(1, 1, v); };
    if (fn == "det") {
        arity(1);
        needSquare(a[0], fn);
        const auto an = analysisOf(a[0], fn);
        if (!an.det) throw ExprError("det: the determinant overflows a double");
        return one(*an.det);
    }
    if (fn == "rank") {
        arity(1);
        return one(analysisOf(a[0], fn).rank);
    }
    if (fn == "trace") {
        arity(1);
        needSquare(a[0], fn);
        return one(*analysisOf(a[0], fn).trace);
    }
    if (fn == "cond") {
        arity(1);
        const auto an = analysisOf(a[0], fn);
        if (!an.conditionNumber) throw ExprError("cond: the matrix is singular");
        return one(*an.conditionNumber);
    }
    if (fn == "eig") {
        arity(1);
        needSquare(a[0], fn);
        const auto an = analysisOf(a[0], fn);
        if (!an.eigen || an.eigen->kind == engine::EigenCase::Complex)
            throw ExprError("eig: the eigenvalues are complex; eig() lists real ones only");
        std::vector<double> v;
        for (const auto& z : an.eigen->values)
            v.push_back(z.real());
        return column(v); // descending, repeated values listed once each time they occur
    }
    if (fn == "sv") {
        arity(1);
        const auto an = analysisOf(a[0], fn);
        return an.svd.singularValues;
    }
    if (fn == "inv") {
        arity(1);
        needSquare(a[0], fn);
        const auto an = analysisOf(a[0], fn);
        if (!an.inverse) throw ExprError("inv: " + an.inverseError);
        return *an.inverse;
    }
    if (fn == "transpose") {
        arity(1);
        return a[0].transpose();
    }
    if (fn == "gram") {
        arity(1);
        return a[0].transpose() * a[0];
    }
    if (fn == "shape") {
        arity(1);
        return column({double(a[0].rows()), double(a[0].cols())});
    }
    if (fn == "product") {
        arity(2);
        if (a[0].cols() != a[1].rows())
            throw ExprError("product: shapes " + shapeText(a[0]) + " and " + shapeText(a[1]) +
                            " do not fit (inner sizes differ)");
        return a[0] * a[1];
    }
    if (fn == "solve") {
        arity(2);
        auto r = engine::solve(a[0], a[1]);
        if (!r.ok()) throw ExprError("solve: " + r.error().message);
        return std::move(r).value();
    }
    if (fn == "lstsq") {
        arity(2);
        needVector(a[1], fn);
        auto r = engine::leastSquares(a[0], vec(a[1]));
        if (!r.ok()) throw ExprError("lstsq: " + r.error().message);
        return r.value().coefficients;
    }
    if (fn == "proj") { // projection of b onto the column space of U
        arity(2);
        needVector(a[1], fn);
        const engine::Projection p = engine::projectionOnto(a[0]);
        if (p.projector.rows() != a[1].size())
            throw ExprError("proj: b has " + std::to_string(a[1].size()) +
                            " entries, the columns of U have " + std::to_string(a[0].rows()));
        return p.projector * vec(a[1]);
    }
    if (fn == "dot" || fn == "cos") {
        arity(2);
        needVector(a[0], fn);
        needVector(a[1], fn);
        if (a[0].size() != a[1].size())
            throw ExprError(fn + ": vectors of different lengths (" + std::to_string(a[0].size()) +
                            " and " + std::to_string(a[1].size()) + ")");
        const double d = vec(a[0]).dot(vec(a[1]));
        if (fn == "dot") return one(d);
        const double n = vec(a[0]).norm() * vec(a[1]).norm();
        if (n == 0) throw ExprError("cos: a zero vector has no direction");
        return one(d / n);
    }
    if (fn == "norm") {
        arity(1);
        return one(a[0].norm());
    }
    if (fn == "softmax") {
        arity(1);
        needVector(a[0], fn);
        Eigen::VectorXd v = vec(a[0]);
        v = (v.array() - v.maxCoeff()).exp();
        return v / v.sum();
    }
    if (fn == "flops") { // multiply-adds of (n,k)@(k,m)
        arity(3);
        return one(double(wholeNumber(a[0], fn)) * wholeNumber(a[1], fn) * wholeNumber(a[2], fn));
    }
    if (fn == "lora") { // parameters of B (d x r) and A (r x k)
        arity(3);
        const double d = wholeNumber(a[0], fn), k = wholeNumber(a[1], fn),
                     r = wholeNumber(a[2], fn);
        return one(r * (d + k));
    }
    if (fn == "sqrt") {
        arity(1);
        const double v = scalar(a[0], fn);
        if (v < 0) throw ExprError("sqrt of a negative number");
        return one(std::sqrt(v));
    }
    if (fn == "mul") { // number x number, or number x matrix
        arity(2);
        if (a[0].size() == 1) return a[0](0, 0) * a[1];
        if (a[1].size() == 1) return a[1](0, 0) * a[0];
        throw ExprError("mul: one argument must be a number (use product() for matrices)");
    }
    if (fn == "div") {
        arity(2);
        const double d = scalar(a[1], fn);
        if (d == 0) throw ExprError("div: division by zero");
        return a[0] / d;
    }
    if (fn == "add" || fn == "sub") {
        arity(2);
        if (a[0].rows() != a[1].rows() || a[0].cols() != a[1].cols())
            throw ExprError(fn + ": shapes " + shapeText(a[0]) + " and " + shapeText(a[1]) +
                            " differ");
        return fn == "add" ? MatrixXd(a[0] + a[1]) : MatrixXd(a[0] - a[1]);
    }
    if (fn == "at") { // 1-based, row-major
        arity(2);
        const int i = wholeNumber(a[1], fn);
        if (i < 1 || i > a[0].size())
            throw ExprError("at: index " + std::to_string(i) + " outside 1.." +
                            std::to_string(a[0].size()));
        const Eigen::Index r = (i - 1) / a[0].cols(), c = (i - 1) % a[0].cols();
        return one(a[0](r, c));
    }
    if (fn == "ones") {
        arity(2);
        const int r = wholeNumber(a[0], fn), c = wholeNumber(a[1], fn);
        if (r < 1 || c < 1 || r > 4096 || c > 4096)
            throw ExprError("ones: sizes must be 1 to 4096");
        return MatrixXd::Ones(r, c);
    }
    std::string names;
    for (const auto& [name, help] : exprFunctions())
        names += (names.empty() ? "" : ", ") + name;
    throw ExprError("unknown function '" + fn + "' (known: " + names + ")");
}

class Parser {
public:
    Parser(const std::string& text, const ParamLookup& lookup) : m_s(text), m_lookup(lookup) {}

    MatrixXd parseAll() {
        MatrixXd v = value();
        skip();
        if (m_i != m_s.size()) fail("unexpected '" + std::string(1, m_s[m_i]) + "'");
        return v;
    }

private:
    [[noreturn]] void fail(const std::string& what) {
        throw ExprError("in '" + m_s + "' at character " + std::to_string(m_i + 1) + ": " + what);
    }
    void skip() {
        while (m_i < m_s.size() && std::isspace(static_cast<unsigned char>(m_s[m_i])))
            ++m_i;
    }
    MatrixXd value() {
        if (++m_depth > 32) fail("nested too deeply");
        skip();
        if (m_i >= m_s.size()) fail("expected a value");
        const char c = m_s[m_i];
        MatrixXd result;
        if (c == '[') {
            result = literal();
        } else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' ||
                   c == '.') {
            const size_t start = m_i;
            ++m_i;
            while (m_i < m_s.size() &&
                   (std::isalnum(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '.' ||
                    ((m_s[m_i] == '-' || m_s[m_i] == '+') &&
                     (m_s[m_i - 1] == 'e' || m_s[m_i - 1] == 'E'))))
                ++m_i;
            auto v = engine::parseScalar(m_s.substr(start, m_i - start));
            if (!v.ok()) fail("'" + m_s.substr(start, m_i - start) + "' is not a number");
            result = MatrixXd::Constant(1, 1, *v);
        } else if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            const size_t start = m_i;
            while (m_i < m_s.size() &&
                   (std::isalnum(static_cast<unsigned char>(m_s[m_i])) || m_s[m_i] == '_'))
                ++m_i;
            const std::string name = m_s.substr(start, m_i - start);
            skip();
            if (m_i < m_s.size() && m_s[m_i] == '(') {
                ++m_i;
                std::vector<MatrixXd> args;
                skip();
                if (m_i < m_s.size() && m_s[m_i] == ')') {
                    ++m_i;
                } else {
                    for (;;) {
                        args.push_back(value());
                        skip();
                        if (m_i < m_s.size() && m_s[m_i] == ',') {
                            ++m_i;
                            continue;
                        }
                        if (m_i < m_s.size() && m_s[m_i] == ')') {
                            ++m_i;
                            break;
                        }
                        fail("expected ',' or ')'");
                    }
                }
                result = call(name, args);
            } else {
                const auto v = m_lookup ? m_lookup(name) : std::nullopt;
                if (!v) fail("no parameter named '" + name + "' in this step's scene");
                result = asMatrix(*v, name);
            }
        } else {
            fail("unexpected '" + std::string(1, c) + "'");
        }
        --m_depth;
        return result;
    }
    MatrixXd literal() {
        const size_t start = m_i;
        int depth = 0;
        for (; m_i < m_s.size(); ++m_i) {
            if (m_s[m_i] == '[') ++depth;
            if (m_s[m_i] == ']' && --depth == 0) break;
        }
        if (depth != 0) fail("unclosed '['");
        ++m_i;
        const std::string text = m_s.substr(start, m_i - start);
        auto m = engine::parseMatrix(text);
        if (!m.ok()) fail(m.error().message);
        MatrixXd out = std::move(m).value();
        if (text.find('[', 1) == std::string::npos) out.transposeInPlace(); // flat list: column
        return out;
    }

    std::string m_s;
    const ParamLookup& m_lookup;
    size_t m_i = 0;
    int m_depth = 0;
};

} // namespace

const std::vector<std::pair<std::string, std::string>>& exprFunctions() {
    static const std::vector<std::pair<std::string, std::string>> fns = {
        {"det", "det(A): determinant (np.linalg.det)"},
        {"rank", "rank(A): numerical rank (np.linalg.matrix_rank)"},
        {"trace", "trace(A): sum of the diagonal (np.trace)"},
        {"cond", "cond(A): condition number sigma_max/sigma_min (np.linalg.cond)"},
        {"eig", "eig(A): real eigenvalues, descending (np.linalg.eigvals)"},
        {"sv", "sv(A): singular values, descending (np.linalg.svd(A, compute_uv=False))"},
        {"inv", "inv(A): inverse, row-major (np.linalg.inv)"},
        {"transpose", "transpose(A): Aᵀ (A.T)"},
        {"gram", "gram(X): XᵀX (X.T @ X)"},
        {"shape", "shape(A): rows, columns (A.shape)"},
        {"product", "product(A, B): AB (A @ B)"},
        {"solve", "solve(A, b): x with Ax = b (np.linalg.solve)"},
        {"lstsq", "lstsq(X, y): least-squares coefficients (np.linalg.lstsq)"},
        {"proj", "proj(U, b): projection of b onto the column space of U"},
        {"dot", "dot(u, v): dot product (u @ v)"},
        {"cos", "cos(u, v): cosine similarity"},
        {"norm", "norm(x): Euclidean / Frobenius norm (np.linalg.norm)"},
        {"softmax", "softmax(v): exp(v) / sum(exp(v))"},
        {"flops", "flops(n, k, m): multiply-adds of (n,k)@(k,m)"},
        {"lora", "lora(d, k, r): parameters of B (d x r) and A (r x k): r(d + k)"},
        {"sqrt", "sqrt(x)"},
        {"mul", "mul(x, y): x times y (either may be a matrix)"},
        {"div", "div(x, y): x divided by the number y"},
        {"add", "add(A, B): A + B"},
        {"sub", "sub(A, B): A - B"},
        {"at", "at(M, i): the i-th entry, 1-based, row by row (M.flat[i-1])"},
        {"ones", "ones(r, c): an r x c matrix of ones (np.ones)"},
    };
    return fns;
}

bool evaluateExpr(const std::string& expr, const ParamLookup& lookup, std::vector<double>& out,
                  std::string* error) {
    try {
        Parser p(expr, lookup);
        const MatrixXd m = p.parseAll();
        out.clear();
        for (Eigen::Index r = 0; r < m.rows(); ++r)
            for (Eigen::Index c = 0; c < m.cols(); ++c)
                out.push_back(m(r, c));
        for (double v : out)
            if (!std::isfinite(v)) throw ExprError("'" + expr + "' is not finite");
        return true;
    } catch (const ExprError& e) {
        if (error) *error = e.what();
        return false;
    }
}

std::string numpyFor(const std::string& expr) {
    const auto paren = expr.find('(');
    if (paren == std::string::npos) return expr;
    const std::string fn = expr.substr(0, paren);
    const std::string args = expr.substr(paren + 1, expr.size() - paren - 2);
    if (fn == "det") return "np.linalg.det(" + args + ")";
    if (fn == "rank") return "np.linalg.matrix_rank(" + args + ")";
    if (fn == "trace") return "np.trace(" + args + ")";
    if (fn == "cond") return "np.linalg.cond(" + args + ")";
    if (fn == "eig") return "np.linalg.eigvals(" + args + ")";
    if (fn == "sv") return "np.linalg.svd(" + args + ", compute_uv=False)";
    if (fn == "inv") return "np.linalg.inv(" + args + ")";
    if (fn == "norm") return "np.linalg.norm(" + args + ")";
    if (fn == "solve") return "np.linalg.solve(" + args + ")";
    return expr;
}

} // namespace linscape::lessons
