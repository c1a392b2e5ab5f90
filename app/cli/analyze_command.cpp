// `linscape analyze`: every readout of a matrix, for people (default) or as one JSON object.
// NaN never appears as a number: what does not exist is null with a reason beside it.
#include "cli/commands.h"

#include "engine/analysis.h"
#include "engine/matrix_parse.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <iterator>
#include <sstream>

namespace linscape::cli {
namespace {

using json = nlohmann::ordered_json;

json matrixJson(const Eigen::MatrixXd& m) {
    json rows = json::array();
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        json row = json::array();
        for (Eigen::Index c = 0; c < m.cols(); ++c)
            row.push_back(m(r, c));
        rows.push_back(std::move(row));
    }
    return rows;
}

json vectorJson(const Eigen::VectorXd& v) {
    json a = json::array();
    for (Eigen::Index i = 0; i < v.size(); ++i)
        a.push_back(v(i));
    return a;
}

json toJson(const engine::Analysis& a) {
    json j;
    j["shape"] = {a.rows, a.cols};
    j["det"] = a.det ? json(*a.det) : json(nullptr);
    j["det_sign"] = a.square ? json(a.detSign) : json(nullptr);
    j["log_abs_det"] = a.square && std::isfinite(a.logAbsDet) ? json(a.logAbsDet) : json(nullptr);
    j["rank"] = a.rank;
    j["rank_tolerance"] = a.rankTolerance;
    j["trace"] = a.trace ? json(*a.trace) : json(nullptr);
    j["condition_number"] = a.conditionNumber ? json(*a.conditionNumber) : json(nullptr);
    j["near_singular"] = a.nearSingular;
    if (a.eigen) {
        json values = json::array();
        for (const auto& v : a.eigen->values)
            values.push_back({{"re", v.real()}, {"im", v.imag()}});
        j["eigenvalues"] = values;
        j["eigenvectors"] =
            a.eigen->kind == engine::EigenCase::Complex && a.eigen->vectors.cols() == 0
                ? json(nullptr)
                : matrixJson(a.eigen->vectors);
        j["eigenvector_values"] = a.eigen->realValues;
        j["eigen_case"] = std::string(engine::eigenCaseName(a.eigen->kind));
        j["eigen_explanation"] = a.eigen->explanation;
        j["symmetric"] = a.eigen->symmetric;
    } else {
        j["eigenvalues"] = nullptr;
        j["eigenvectors"] = nullptr;
    }
    j["singular_values"] = vectorJson(a.svd.singularValues);
    j["U"] = matrixJson(a.svd.U);
    j["S"] = vectorJson(a.svd.S);
    j["Vt"] = matrixJson(a.svd.Vt);
    j["svd_reflection"] = a.svd.reflection;
    j["svd_repeated"] = a.svd.repeated;
    j["inverse"] = a.inverse ? matrixJson(*a.inverse) : json(nullptr);
    j["inverse_error"] = a.inverse ? json(nullptr) : json(a.inverseError);
    j["pseudoinverse"] = matrixJson(a.pseudoinverse);
    j["qr"] = {{"Q", matrixJson(a.qr.Q)}, {"R", matrixJson(a.qr.R)}};
    j["polar"] = a.polar ? json{{"rotation", matrixJson(a.polar->rotation)},
                                {"stretch", matrixJson(a.polar->stretch)}}
                         : json(nullptr);
    j["column_space_projector"] = matrixJson(a.columnSpaceProjector);
    j["warnings"] = a.warnings;
    j["numpy"] = {
        {"det", "np.linalg.det(A)"},     {"rank", "np.linalg.matrix_rank(A)"},
        {"trace", "np.trace(A)"},        {"condition_number", "np.linalg.cond(A)"},
        {"eigen", "np.linalg.eig(A)"},   {"svd", "np.linalg.svd(A)"},
        {"inverse", "np.linalg.inv(A)"}, {"pseudoinverse", "np.linalg.pinv(A)"},
        {"qr", "np.linalg.qr(A)"},       {"slogdet", "np.linalg.slogdet(A)"},
    };
    return j;
}

std::string fmt(double v) {
    return engine::formatNumber(v, 6);
}

std::string matrixText(const Eigen::MatrixXd& m, const std::string& indent) {
    std::vector<std::vector<std::string>> cells(size_t(m.rows()));
    std::vector<size_t> width(size_t(m.cols()), 0);
    for (Eigen::Index r = 0; r < m.rows(); ++r)
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            cells[size_t(r)].push_back(fmt(m(r, c)));
            width[size_t(c)] = std::max(width[size_t(c)], cells[size_t(r)].back().size());
        }
    std::string out;
    for (Eigen::Index r = 0; r < m.rows(); ++r) {
        out += indent + (r == 0 ? "[" : " ");
        for (Eigen::Index c = 0; c < m.cols(); ++c) {
            const std::string& s = cells[size_t(r)][size_t(c)];
            out += std::string(width[size_t(c)] - s.size() + (c ? 2 : 0), ' ') + s;
        }
        out += r + 1 == m.rows() ? "]\n" : "\n";
    }
    return out;
}

void row(const char* name, const std::string& value, const char* numpy) {
    std::printf("  %-18s %-28s %s\n", name, value.c_str(), numpy);
}

void printHuman(const Eigen::MatrixXd& m, const engine::Analysis& a) {
    std::printf("A  (shape (%ld, %ld))\n%s\n", long(a.rows), long(a.cols),
                matrixText(m, "  ").c_str());
    if (a.square) {
        row("det", a.det ? fmt(*a.det) : "beyond a double's range", "np.linalg.det(A)");
        row("sign, log|det|",
            std::to_string(a.detSign) + ", " +
                (std::isfinite(a.logAbsDet) ? fmt(a.logAbsDet) : std::string("-inf")),
            "np.linalg.slogdet(A)");
    }
    row("rank", std::to_string(a.rank) + " (tol " + engine::formatNumber(a.rankTolerance, 3) + ")",
        "np.linalg.matrix_rank(A)");
    if (a.trace) row("trace", fmt(*a.trace), "np.trace(A)");
    row("condition number", a.conditionNumber ? fmt(*a.conditionNumber) : "infinite (singular)",
        "np.linalg.cond(A)");
    if (a.eigen) {
        std::string values;
        for (const auto& v : a.eigen->values) {
            if (!values.empty()) values += ", ";
            values += fmt(v.real());
            if (std::abs(v.imag()) > 0)
                values += (v.imag() < 0 ? " - " : " + ") + fmt(std::abs(v.imag())) + "i";
        }
        row("eigenvalues", values, "np.linalg.eigvals(A)");
        std::printf("  %-18s %s\n", "", a.eigen->explanation.c_str());
        if (a.eigen->vectors.cols() > 0)
            std::printf("  eigenvectors (columns)%s\n%s", a.eigen->symmetric ? ", orthonormal" : "",
                        matrixText(a.eigen->vectors, "    ").c_str());
    }
    std::string sv;
    for (Eigen::Index i = 0; i < a.svd.singularValues.size(); ++i)
        sv += (i ? ", " : "") + fmt(a.svd.singularValues(i));
    row("singular values", sv, "np.linalg.svd(A, compute_uv=False)");
    std::printf("  SVD  A = U diag(S) Vt%s\n", a.svd.reflection
                                                   ? "  (U, V rotations; the reflection is the "
                                                     "sign of the last S)"
                                                   : "");
    std::printf("  U\n%s  S = [", matrixText(a.svd.U, "    ").c_str());
    for (Eigen::Index i = 0; i < a.svd.S.size(); ++i)
        std::printf("%s%s", i ? ", " : "", fmt(a.svd.S(i)).c_str());
    std::printf("]\n  Vt\n%s", matrixText(a.svd.Vt, "    ").c_str());
    if (a.inverse)
        std::printf("  inverse%*s np.linalg.inv(A)\n%s", 40, "",
                    matrixText(*a.inverse, "    ").c_str());
    else if (a.square || !a.inverseError.empty())
        row("inverse", "none: " + a.inverseError, "np.linalg.inv(A)");
    std::printf("  pseudoinverse%*s np.linalg.pinv(A)\n%s", 34, "",
                matrixText(a.pseudoinverse, "    ").c_str());
    std::printf("  QR: Q%*s np.linalg.qr(A)\n%s  R\n%s", 42, "", matrixText(a.qr.Q, "    ").c_str(),
                matrixText(a.qr.R, "    ").c_str());
    if (a.polar)
        std::printf("  polar A = R P: R\n%s  P\n%s", matrixText(a.polar->rotation, "    ").c_str(),
                    matrixText(a.polar->stretch, "    ").c_str());
    for (const std::string& w : a.warnings)
        std::printf("  warning: %s\n", w.c_str());
}

} // namespace

void addAnalyzeOptions(CLI::App& cmd, AnalyzeArgs& a) {
    cmd.add_option("MATRIX", a.matrix,
                   "The matrix: \"[[3,1],[2,4]]\" or \"3 1; 2 4\", or - to read standard input")
        ->required();
    cmd.add_flag("--json", a.json, "Print one JSON object (keys documented in the README)");
    cmd.add_option("--tol", a.tolerance,
                   "Rank tolerance (default: max(rows, cols) * eps * largest singular value)");
}

int runAnalyze(const AnalyzeArgs& a) {
    std::string text = a.matrix;
    if (text == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        text = ss.str();
    }
    engine::ParseLimits limits;
    limits.maxRows = limits.maxCols = 512;
    auto m = engine::parseMatrix(text, limits);
    if (!m.ok()) {
        std::fprintf(stderr, "linscape analyze: error: %s\n", m.error().message.c_str());
        return 2;
    }
    engine::AnalysisOptions options;
    options.rankTolerance = a.tolerance;
    auto result = engine::analyze(*m, options);
    if (!result.ok()) {
        std::fprintf(stderr, "linscape analyze: error: %s\n", result.error().message.c_str());
        return 2;
    }
    if (a.json)
        std::printf("%s\n", toJson(*result).dump(2).c_str());
    else
        printHuman(*m, *result);
    return 0;
}

} // namespace linscape::cli
