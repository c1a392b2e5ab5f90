// Parameter validation shared by all scenes, and the registry of scenes.
#include "scenes/scene.h"

#include "engine/matrix_parse.h"

#include <cmath>

namespace linscape::scenes {

std::string describeParamType(const ParamSpec& spec) {
    switch (spec.type) {
    case ParamType::Number:
        return "a number";
    case ParamType::Bool:
        return "true or false";
    case ParamType::Text:
        return "text";
    case ParamType::Choice: {
        std::string s = "one of";
        for (size_t i = 0; i < spec.choices.size(); ++i)
            s += (i ? ", " : " ") + spec.choices[i];
        return s;
    }
    case ParamType::Matrix:
        if (spec.rows > 0 && spec.cols > 0)
            return "a " + std::to_string(spec.rows) + "x" + std::to_string(spec.cols) + " matrix";
        if (spec.square)
            return "a square matrix (" + std::to_string(spec.minRows) + "x" +
                   std::to_string(spec.minRows) + " to " + std::to_string(spec.maxRows) + "x" +
                   std::to_string(spec.maxRows) + ")";
        return "a matrix (" + std::to_string(spec.minRows) + ".." + std::to_string(spec.maxRows) +
               " rows, " + std::to_string(spec.minCols) + ".." + std::to_string(spec.maxCols) +
               " columns)";
    }
    return "a value";
}

std::string validateParam(const ParamSpec& spec, const ParamValue& value) {
    const std::string expected = "'" + spec.name + "' must be " + describeParamType(spec);
    switch (spec.type) {
    case ParamType::Number: {
        const double* v = std::get_if<double>(&value);
        if (!v) return expected;
        if (!std::isfinite(*v)) return "'" + spec.name + "' must be a finite number";
        if (*v < spec.minValue || *v > spec.maxValue)
            return "'" + spec.name + "' must be between " + engine::formatNumber(spec.minValue, 6) +
                   " and " + engine::formatNumber(spec.maxValue, 6);
        return {};
    }
    case ParamType::Bool:
        return std::holds_alternative<bool>(value) ? std::string() : expected;
    case ParamType::Text:
        return std::holds_alternative<std::string>(value) ? std::string() : expected;
    case ParamType::Choice: {
        const std::string* s = std::get_if<std::string>(&value);
        if (!s) return expected;
        for (const auto& c : spec.choices)
            if (c == *s) return {};
        return expected + ", not '" + *s + "'";
    }
    case ParamType::Matrix: {
        const Eigen::MatrixXd* m = std::get_if<Eigen::MatrixXd>(&value);
        if (!m) return expected;
        const auto shape = "(" + std::to_string(m->rows()) + "," + std::to_string(m->cols()) + ")";
        if (spec.rows > 0 && spec.cols > 0 && (m->rows() != spec.rows || m->cols() != spec.cols))
            return expected + ", got shape " + shape;
        if (spec.square && m->rows() != m->cols()) return expected + ", got shape " + shape;
        if (m->rows() < spec.minRows || m->rows() > spec.maxRows || m->cols() < spec.minCols ||
            m->cols() > spec.maxCols)
            return expected + ", got shape " + shape;
        if (!m->allFinite()) return "'" + spec.name + "' has a NaN or infinite entry";
        return {};
    }
    }
    return expected;
}

bool parseParamText(const ParamSpec& spec, const std::string& text, ParamValue& out,
                    std::string* error) {
    switch (spec.type) {
    case ParamType::Matrix: {
        auto m = engine::parseMatrix(text);
        if (!m.ok()) {
            if (error) *error = "'" + spec.name + "': " + m.error().message;
            return false;
        }
        out = std::move(m).value();
        break;
    }
    case ParamType::Number: {
        auto v = engine::parseScalar(text);
        if (!v.ok()) {
            if (error) *error = "'" + spec.name + "': " + v.error().message;
            return false;
        }
        out = *v;
        break;
    }
    case ParamType::Bool:
        if (text == "true" || text == "1" || text == "on" || text == "yes")
            out = true;
        else if (text == "false" || text == "0" || text == "off" || text == "no")
            out = false;
        else {
            if (error) *error = "'" + spec.name + "' must be true or false, not '" + text + "'";
            return false;
        }
        break;
    case ParamType::Text:
    case ParamType::Choice:
        out = text;
        break;
    }
    const std::string problem = validateParam(spec, out);
    if (!problem.empty()) {
        if (error) *error = problem;
        return false;
    }
    return true;
}

const ParamSpec* findParam(const std::vector<ParamSpec>& specs, const std::string& name) {
    for (const ParamSpec& s : specs)
        if (s.name == name) return &s;
    return nullptr;
}

std::string Scene::setParam(const std::string& name, const ParamValue& value) {
    for (const ParamSpec& spec : params()) {
        if (spec.name != name) continue;
        if (std::string err = validateParam(spec, value); !err.empty()) return err;
        std::string err = applyParam(name, value);
        if (err.empty()) touch();
        return err;
    }
    std::string known;
    for (const ParamSpec& spec : params())
        known += (known.empty() ? "" : ", ") + spec.name;
    return "scene '" + std::string(id()) + "' has no parameter '" + name + "' (it has: " + known +
           ")";
}

const SceneInfo* findScene(std::string_view id) {
    for (const SceneInfo& info : sceneRegistry())
        if (info.id == id) return &info;
    return nullptr;
}

std::vector<std::string> sceneIds() {
    std::vector<std::string> ids;
    for (const SceneInfo& info : sceneRegistry())
        ids.push_back(info.id);
    return ids;
}

} // namespace linscape::scenes
