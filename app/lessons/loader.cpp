// Lesson loading and validation; see loader.h and lessons/FORMAT.md. toml++ gives every key and
// value a source position, so each Diagnostic points at the exact spot an author must fix.
#include "lessons/loader.h"

#include "engine/matrix_parse.h"
#include "lessons/expr.h"

#include <toml++/toml.h>

#include <cmath>
#include <set>

namespace linscape::lessons {
namespace {

SourcePos posOf(const toml::source_region& r) {
    return {int(r.begin.line), int(r.begin.column)};
}
SourcePos posOf(const toml::node& n) {
    return posOf(n.source());
}

class Checker {
public:
    Checker(const std::string& file, std::vector<Diagnostic>& out) : m_file(file), m_out(out) {}

    void error(SourcePos pos, std::string code, std::string message) {
        if (m_out.size() >= 50) return; // a hopeless file: enough to start fixing
        m_out.push_back({m_file, pos, std::move(code), std::move(message)});
    }

    // Unknown keys are typos far more often than intent: name the allowed ones.
    void keys(const toml::table& t, std::initializer_list<std::string_view> allowed,
              const std::string& where) {
        for (auto&& [k, v] : t) {
            bool ok = false;
            for (auto a : allowed)
                ok = ok || k.str() == a;
            if (ok) continue;
            std::string names;
            for (auto a : allowed)
                names += (names.empty() ? "" : ", ") + std::string(a);
            error(posOf(k.source()), "E_UNKNOWN_KEY",
                  "unknown key '" + std::string(k.str()) + "' in " + where + " (allowed: " + names +
                      ")");
        }
    }

    std::optional<std::string> string(const toml::table& t, std::string_view key, bool required,
                                      const std::string& where, SourcePos owner) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required)
                error(owner, "E_MISSING_FIELD",
                      where + " needs '" + std::string(key) + "' (a string)");
            return std::nullopt;
        }
        if (!n->is_string()) {
            error(posOf(*n), "E_WRONG_TYPE",
                  "'" + std::string(key) + "' must be a string, not " + typeName(*n));
            return std::nullopt;
        }
        return n->as_string()->get();
    }

    std::optional<double> number(const toml::table& t, std::string_view key, bool required,
                                 const std::string& where, SourcePos owner, double lo, double hi) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required)
                error(owner, "E_MISSING_FIELD",
                      where + " needs '" + std::string(key) + "' (a number)");
            return std::nullopt;
        }
        const std::optional<double> v = numberOf(*n);
        if (!v) {
            error(posOf(*n), "E_WRONG_TYPE",
                  "'" + std::string(key) + "' must be a number, not " + typeName(*n));
            return std::nullopt;
        }
        if (!std::isfinite(*v) || *v < lo || *v > hi) {
            error(posOf(*n), "E_OUT_OF_RANGE",
                  "'" + std::string(key) + "' is " + engine::formatNumber(*v) +
                      "; it must be from " + engine::formatNumber(lo) + " to " +
                      engine::formatNumber(hi));
            return std::nullopt;
        }
        return v;
    }

    std::optional<bool> boolean(const toml::table& t, std::string_view key) {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (!n->is_boolean()) {
            error(posOf(*n), "E_WRONG_TYPE",
                  "'" + std::string(key) + "' must be true or false, not " + typeName(*n));
            return std::nullopt;
        }
        return n->as_boolean()->get();
    }

    static std::optional<double> numberOf(const toml::node& n) {
        if (n.is_integer()) return double(n.as_integer()->get());
        if (n.is_floating_point()) return n.as_floating_point()->get();
        return std::nullopt;
    }

    static std::string typeName(const toml::node& n) {
        switch (n.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
        case toml::node_type::floating_point:
            return "a number";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::table:
            return "a table";
        default:
            return "a date/time";
        }
    }

private:
    std::string m_file;
    std::vector<Diagnostic>& m_out;
};

// A matrix from TOML: [[1,2],[3,4]] (rows), [1,2] (a column vector) or a string "[[1,2],[3,4]]".
std::optional<Eigen::MatrixXd> matrixOf(const toml::node& n, std::string* why, SourcePos* where) {
    *where = posOf(n);
    if (n.is_string()) {
        auto m = engine::parseMatrix(n.as_string()->get());
        if (!m.ok()) {
            *why = m.error().message;
            return std::nullopt;
        }
        return std::move(m).value();
    }
    const toml::array* rows = n.as_array();
    if (!rows) {
        *why = "expected a matrix such as [[1, 2], [3, 4]], not " + Checker::typeName(n);
        return std::nullopt;
    }
    if (rows->empty()) {
        *why = "a matrix needs at least one entry";
        return std::nullopt;
    }
    const bool nested = (*rows)[0].is_array();
    if (!nested) { // a flat list is a column vector
        Eigen::MatrixXd m(Eigen::Index(rows->size()), 1);
        for (size_t i = 0; i < rows->size(); ++i) {
            const auto v = Checker::numberOf((*rows)[i]);
            if (!v || !std::isfinite(*v)) {
                *where = posOf((*rows)[i]);
                *why = "entry " + std::to_string(i + 1) + " must be a finite number";
                return std::nullopt;
            }
            m(Eigen::Index(i), 0) = *v;
        }
        return m;
    }
    const toml::array* first = (*rows)[0].as_array();
    const size_t cols = first->size();
    if (cols == 0 || rows->size() > 4096 || cols > 4096) {
        *why = "a matrix needs 1 to 4096 rows and columns";
        return std::nullopt;
    }
    Eigen::MatrixXd m(Eigen::Index(rows->size()), Eigen::Index(cols));
    for (size_t r = 0; r < rows->size(); ++r) {
        const toml::array* row = (*rows)[r].as_array();
        if (!row) {
            *where = posOf((*rows)[r]);
            *why = "row " + std::to_string(r + 1) + " must be a list of numbers";
            return std::nullopt;
        }
        if (row->size() != cols) {
            *where = posOf(*row);
            *why = "row " + std::to_string(r + 1) + " has " + std::to_string(row->size()) +
                   " entries but row 1 has " + std::to_string(cols) + " (all rows must match)";
            return std::nullopt;
        }
        for (size_t c = 0; c < cols; ++c) {
            const auto v = Checker::numberOf((*row)[c]);
            if (!v || !std::isfinite(*v)) {
                *where = posOf((*row)[c]);
                *why = "entry (" + std::to_string(r + 1) + "," + std::to_string(c + 1) +
                       ") must be a finite number";
                return std::nullopt;
            }
            m(Eigen::Index(r), Eigen::Index(c)) = *v;
        }
    }
    return m;
}

std::optional<scenes::ParamValue> paramValueOf(const scenes::ParamSpec& spec, const toml::node& n,
                                               Checker& ck) {
    using scenes::ParamType;
    const std::string expected = "'" + spec.name + "' must be " + scenes::describeParamType(spec);
    scenes::ParamValue value;
    switch (spec.type) {
    case ParamType::Number: {
        const auto v = Checker::numberOf(n);
        if (!v) {
            ck.error(posOf(n), "E_WRONG_TYPE", expected + ", not " + Checker::typeName(n));
            return std::nullopt;
        }
        value = *v;
        break;
    }
    case ParamType::Bool:
        if (!n.is_boolean()) {
            ck.error(posOf(n), "E_WRONG_TYPE", expected + ", not " + Checker::typeName(n));
            return std::nullopt;
        }
        value = n.as_boolean()->get();
        break;
    case ParamType::Text:
    case ParamType::Choice:
        if (!n.is_string()) {
            ck.error(posOf(n), "E_WRONG_TYPE", expected + ", not " + Checker::typeName(n));
            return std::nullopt;
        }
        value = n.as_string()->get();
        break;
    case ParamType::Matrix: {
        std::string why;
        SourcePos where;
        auto m = matrixOf(n, &why, &where);
        if (!m) {
            ck.error(where, "E_WRONG_TYPE", expected + ": " + why);
            return std::nullopt;
        }
        value = std::move(*m);
        break;
    }
    }
    if (const std::string problem = scenes::validateParam(spec, value); !problem.empty()) {
        const bool shape =
            spec.type == ParamType::Matrix && problem.find("shape") != std::string::npos;
        ck.error(posOf(n), shape ? "E_WRONG_SHAPE" : "E_BAD_VALUE", problem);
        return std::nullopt;
    }
    return value;
}

std::string joined(const std::vector<double>& v) {
    std::string s;
    for (double x : v)
        s += (s.empty() ? "" : ", ") + engine::formatNumber(x, 6);
    return v.size() == 1 ? s : "[" + s + "]";
}

std::optional<Exercise> readExercise(const toml::table& t, Checker& ck, SourcePos pos) {
    ck.keys(t, {"kind", "prompt", "answer", "tolerance", "choices", "hint", "explanation", "check"},
            "an exercise");
    Exercise ex;
    ex.pos = pos;
    const auto kind = ck.string(t, "kind", true, "an exercise", pos);
    ex.prompt = ck.string(t, "prompt", true, "an exercise", pos).value_or("");
    ex.hint = ck.string(t, "hint", false, "", pos).value_or("");
    ex.explanation = ck.string(t, "explanation", false, "", pos).value_or("");
    ex.check = ck.string(t, "check", false, "", pos).value_or("");
    if (!kind) return std::nullopt;
    const toml::node* answer = t.get("answer");
    if (!answer) {
        ck.error(pos, "E_MISSING_FIELD", "an exercise needs 'answer'");
        return std::nullopt;
    }
    if (*kind == "number") {
        ex.kind = ExerciseKind::Number;
        const auto v = Checker::numberOf(*answer);
        if (!v || !std::isfinite(*v)) {
            ck.error(posOf(*answer), "E_WRONG_TYPE",
                     "a number exercise's 'answer' must be a finite number");
            return std::nullopt;
        }
        ex.answer = *v;
        ex.tolerance = ck.number(t, "tolerance", false, "", pos, 0, 1e12)
                           .value_or(1e-6 * std::max(1.0, std::abs(*v)));
    } else if (*kind == "shape") {
        ex.kind = ExerciseKind::Shape;
        const toml::array* a = answer->as_array();
        bool ok = a && !a->empty() && a->size() <= 4;
        if (ok)
            for (const toml::node& d : *a) {
                const auto v = Checker::numberOf(d);
                ok = ok && d.is_integer() && v && *v >= 1 && *v <= 1e9;
                if (ok) ex.shape.push_back(int(*v));
            }
        if (!ok) {
            ck.error(posOf(*answer), "E_WRONG_TYPE",
                     "a shape exercise's 'answer' must be a list of 1 to 4 positive whole "
                     "numbers, e.g. [2, 3]");
            return std::nullopt;
        }
    } else if (*kind == "choice") {
        ex.kind = ExerciseKind::Choice;
        const toml::node* choices = t.get("choices");
        const toml::array* a = choices ? choices->as_array() : nullptr;
        if (!a || a->size() < 2 || a->size() > 8) {
            ck.error(choices ? posOf(*choices) : pos, choices ? "E_WRONG_TYPE" : "E_MISSING_FIELD",
                     "a choice exercise needs 'choices': a list of 2 to 8 strings");
            return std::nullopt;
        }
        for (const toml::node& c : *a) {
            if (!c.is_string()) {
                ck.error(posOf(c), "E_WRONG_TYPE", "each choice must be a string");
                return std::nullopt;
            }
            ex.choices.push_back(c.as_string()->get());
        }
        if (!answer->is_string()) {
            ck.error(posOf(*answer), "E_WRONG_TYPE",
                     "a choice exercise's 'answer' must be the text of the right choice");
            return std::nullopt;
        }
        for (size_t i = 0; i < ex.choices.size(); ++i)
            if (ex.choices[i] == answer->as_string()->get()) ex.correctChoice = int(i);
        if (ex.correctChoice < 0) {
            ck.error(posOf(*answer), "E_BAD_VALUE",
                     "'answer' \"" + answer->as_string()->get() + "\" is not one of the choices");
            return std::nullopt;
        }
    } else {
        ck.error(posOf(*t.get("kind")), "E_BAD_VALUE",
                 "exercise kind '" + *kind + "' is unknown; use number, shape or choice");
        return std::nullopt;
    }
    if (!ex.check.empty() && ex.kind == ExerciseKind::Choice)
        ck.error(posOf(*t.get("check")), "E_BAD_VALUE",
                 "'check' applies to number and shape exercises, not choice");
    return ex;
}

std::optional<TryGoal> readTry(const toml::table& t, Checker& ck, SourcePos pos) {
    ck.keys(t, {"prompt", "expr", "target", "tolerance", "success"}, "a try-it goal");
    TryGoal g;
    g.pos = pos;
    g.prompt = ck.string(t, "prompt", true, "a try-it goal", pos).value_or("");
    const auto expr = ck.string(t, "expr", true, "a try-it goal", pos);
    const auto target = ck.number(t, "target", true, "a try-it goal", pos, -1e12, 1e12);
    g.tolerance = ck.number(t, "tolerance", false, "", pos, 0, 1e12).value_or(0.05);
    g.success = ck.string(t, "success", false, "", pos).value_or("Well done!");
    if (!expr || !target) return std::nullopt;
    g.expr = *expr;
    g.target = *target;
    return g;
}

void readClaims(const toml::node& n, Checker& ck, Step& step) {
    const toml::array* a = n.as_array();
    if (!a) {
        ck.error(posOf(n), "E_WRONG_TYPE",
                 "'claims' must be an array of tables ([[steps.claims]])");
        return;
    }
    for (const toml::node& c : *a) {
        const toml::table* t = c.as_table();
        if (!t) {
            ck.error(posOf(c), "E_WRONG_TYPE", "each claim must be a table with expr and value");
            continue;
        }
        ck.keys(*t, {"expr", "value", "tolerance"}, "a claim");
        Claim claim;
        claim.pos = posOf(c);
        const auto expr = ck.string(*t, "expr", true, "a claim", claim.pos);
        claim.tolerance = ck.number(*t, "tolerance", false, "", claim.pos, 0, 1e12).value_or(1e-6);
        const toml::node* v = t->get("value");
        if (!v) {
            ck.error(claim.pos, "E_MISSING_FIELD", "a claim needs 'value' (a number or a list)");
            continue;
        }
        bool ok = true;
        if (const auto single = Checker::numberOf(*v))
            claim.values.push_back(*single);
        else if (const toml::array* list = v->as_array(); list && !list->empty())
            for (const toml::node& e : *list) {
                const auto x = Checker::numberOf(e);
                ok = ok && x.has_value();
                if (x) claim.values.push_back(*x);
            }
        else
            ok = false;
        if (!ok) {
            ck.error(posOf(*v), "E_WRONG_TYPE",
                     "a claim's 'value' must be a number or a list of numbers");
            continue;
        }
        if (!expr) continue;
        claim.expr = *expr;
        step.claims.push_back(std::move(claim));
    }
}

bool close(const std::vector<double>& got, const std::vector<double>& want, double tol) {
    if (got.size() != want.size()) return false;
    for (size_t i = 0; i < got.size(); ++i)
        if (!(std::abs(got[i] - want[i]) <= tol * std::max(1.0, std::abs(want[i])))) return false;
    return true;
}

std::optional<Step> readStep(const toml::table& t, int index, Checker& ck, const AssetReader& read,
                             const LoadOptions& options) {
    const std::string where = "step " + std::to_string(index);
    Step step;
    step.pos = posOf(t);
    ck.keys(t,
            {"title", "narration", "narration_file", "scene", "params", "animation", "numpy",
             "exercise", "try", "claims"},
            where);
    step.title = ck.string(t, "title", true, where, step.pos).value_or("");
    const auto narration = ck.string(t, "narration", false, where, step.pos);
    const auto narrationFile = ck.string(t, "narration_file", false, where, step.pos);
    if (narration) step.narration = *narration;
    if (narrationFile) {
        std::optional<std::string> text;
        const bool escapes = narrationFile->find("..") != std::string::npos ||
                             (!narrationFile->empty() && narrationFile->front() == '/');
        if (!escapes && read) text = read(*narrationFile);
        if (escapes)
            ck.error(posOf(*t.get("narration_file")), "E_BAD_VALUE",
                     "'narration_file' must be a path inside the lesson folder, not '" +
                         *narrationFile + "'");
        else if (!text)
            ck.error(posOf(*t.get("narration_file")), "E_MISSING_ASSET",
                     "narration file '" + *narrationFile + "' not found next to the lesson");
        else if (text->size() > kMaxLessonBytes)
            ck.error(posOf(*t.get("narration_file")), "E_TOO_LARGE",
                     "narration file '" + *narrationFile + "' is larger than the limit of " +
                         std::to_string(kMaxLessonBytes) + " bytes");
        else
            step.narration += (step.narration.empty() ? "" : "\n\n") + *text;
    }
    if (!narration && !narrationFile)
        ck.error(step.pos, "E_MISSING_FIELD", where + " needs 'narration' (or 'narration_file')");
    step.numpy = ck.string(t, "numpy", false, where, step.pos).value_or("");

    const auto sceneId = ck.string(t, "scene", true, where, step.pos);
    std::unique_ptr<scenes::Scene> scene;
    if (sceneId) {
        const scenes::SceneInfo* info = scenes::findScene(*sceneId);
        if (!info) {
            std::string ids;
            for (const auto& s : scenes::sceneIds())
                ids += (ids.empty() ? "" : ", ") + s;
            ck.error(posOf(*t.get("scene")), "E_UNKNOWN_SCENE",
                     "no scene named '" + *sceneId + "' (available: " + ids + ")");
        } else {
            step.scene = *sceneId;
            scene = info->create();
        }
    }
    bool paramsOk = true;
    if (const toml::node* pn = t.get("params"); pn && scene) {
        const toml::table* pt = pn->as_table();
        if (!pt) {
            ck.error(posOf(*pn), "E_WRONG_TYPE", "'params' must be a table ([steps.params])");
            paramsOk = false;
        } else {
            const auto specs = scene->params();
            for (auto&& [k, v] : *pt) {
                const std::string name(k.str());
                const scenes::ParamSpec* spec = scenes::findParam(specs, name);
                if (!spec) {
                    std::string names;
                    for (const auto& s : specs)
                        names += (names.empty() ? "" : ", ") + s.name;
                    ck.error(posOf(k.source()), "E_UNKNOWN_PARAM",
                             "scene '" + step.scene + "' has no parameter '" + name +
                                 "' (it has: " + names + ")");
                    paramsOk = false;
                    continue;
                }
                auto value = paramValueOf(*spec, v, ck);
                if (!value) {
                    paramsOk = false;
                    continue;
                }
                if (const std::string why = scene->setParam(name, *value); !why.empty()) {
                    ck.error(posOf(v), "E_BAD_VALUE", why);
                    paramsOk = false;
                    continue;
                }
                step.params.emplace_back(name, std::move(*value));
            }
        }
    }
    if (const toml::node* an = t.get("animation")) {
        if (const toml::table* at = an->as_table()) {
            ck.keys(*at, {"duration", "autoplay"}, "an animation");
            step.duration = ck.number(*at, "duration", false, "", posOf(*an), 0, 60);
            step.autoplay = ck.boolean(*at, "autoplay").value_or(true);
            if (step.duration && scene) {
                const auto specs = scene->params();
                if (!scenes::findParam(specs, "duration"))
                    ck.error(posOf(*at->get("duration")), "E_BAD_VALUE",
                             "scene '" + step.scene + "' has no animation duration to set");
                else if (const std::string why = scene->setParam("duration", *step.duration);
                         !why.empty())
                    ck.error(posOf(*at->get("duration")), "E_BAD_VALUE", why);
            }
        } else {
            ck.error(posOf(*an), "E_WRONG_TYPE", "'animation' must be a table ([steps.animation])");
        }
    }
    const ParamLookup lookup =
        [&scene](const std::string& name) -> std::optional<scenes::ParamValue> {
        if (!scene) return std::nullopt;
        return scene->param(name);
    };
    if (const toml::node* en = t.get("exercise")) {
        if (const toml::table* et = en->as_table()) {
            step.exercise = readExercise(*et, ck, posOf(*en));
            if (step.exercise && !step.exercise->check.empty() && scene && paramsOk &&
                options.checkClaims) {
                std::vector<double> got;
                std::string why;
                const SourcePos at = posOf(*et->get("check"));
                if (!evaluateExpr(step.exercise->check, lookup, got, &why)) {
                    ck.error(at, "E_BAD_EXPR", why);
                } else {
                    std::vector<double> want;
                    if (step.exercise->kind == ExerciseKind::Number)
                        want = {step.exercise->answer};
                    else
                        for (int d : step.exercise->shape)
                            want.push_back(d);
                    const double tol = step.exercise->kind == ExerciseKind::Number
                                           ? std::max(step.exercise->tolerance, 1e-9)
                                           : 0.0;
                    bool ok = got.size() == want.size();
                    for (size_t i = 0; ok && i < got.size(); ++i)
                        ok = std::abs(got[i] - want[i]) <= tol;
                    if (!ok)
                        ck.error(at, "E_CLAIM_WRONG",
                                 "the exercise's answer " + joined(want) + " is not " +
                                     step.exercise->check + ", which is " + joined(got));
                }
            }
        } else {
            ck.error(posOf(*en), "E_WRONG_TYPE", "'exercise' must be a table ([steps.exercise])");
        }
    }
    if (const toml::node* tn = t.get("try")) {
        if (const toml::table* tt = tn->as_table()) {
            step.tryGoal = readTry(*tt, ck, posOf(*tn));
            if (step.tryGoal && scene && paramsOk) {
                std::vector<double> got;
                std::string why;
                if (!evaluateExpr(step.tryGoal->expr, lookup, got, &why))
                    ck.error(posOf(*tt->get("expr")), "E_BAD_EXPR", why);
                else if (got.size() != 1)
                    ck.error(posOf(*tt->get("expr")), "E_BAD_EXPR",
                             "a try-it 'expr' must give one number; '" + step.tryGoal->expr +
                                 "' gives " + std::to_string(got.size()));
            }
        } else {
            ck.error(posOf(*tn), "E_WRONG_TYPE", "'try' must be a table ([steps.try])");
        }
    }
    if (const toml::node* cn = t.get("claims")) readClaims(*cn, ck, step);
    if (scene && paramsOk && options.checkClaims)
        for (const Claim& c : step.claims) {
            std::vector<double> got;
            std::string why;
            if (!evaluateExpr(c.expr, lookup, got, &why))
                ck.error(c.pos, "E_BAD_EXPR", why);
            else if (!close(got, c.values, c.tolerance))
                ck.error(c.pos, "E_CLAIM_WRONG",
                         "the lesson says " + c.expr + " = " + joined(c.values) +
                             ", but the engine computes " + joined(got));
        }
    return step;
}

// Binary files and NULs make no sense in a lesson; say where the first one is.
bool findBinary(std::string_view text, SourcePos& pos) {
    int line = 1, col = 1;
    for (char c : text) {
        const unsigned char u = static_cast<unsigned char>(c);
        if (u == 0 || (u < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            pos = {line, col};
            return true;
        }
        if (c == '\n') {
            ++line;
            col = 1;
        } else {
            ++col;
        }
    }
    return false;
}

} // namespace

LoadResult parseLesson(std::string_view text, const std::string& file, const AssetReader& read,
                       const LoadOptions& options) {
    LoadResult result;
    Checker ck(file, result.errors);
    if (text.size() > kMaxLessonBytes) {
        ck.error({1, 1}, "E_TOO_LARGE",
                 "file is " + std::to_string(text.size()) + " bytes; a lesson may be at most " +
                     std::to_string(kMaxLessonBytes) + " bytes (1 MiB)");
        return result;
    }
    if (SourcePos at; findBinary(text, at)) {
        ck.error(at, "E_BINARY", "control character or binary data; a lesson is UTF-8 text (TOML)");
        return result;
    }
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        ck.error(posOf(e.source()), "E_TOML_SYNTAX", std::string(e.description()));
        return result;
    }
    Lesson lesson;
    lesson.file = file;
    const SourcePos top{1, 1};
    ck.keys(root, {"id", "title", "order", "summary", "prerequisites", "steps"}, "the lesson");
    lesson.id = ck.string(root, "id", true, "a lesson", top).value_or("");
    if (!lesson.id.empty()) {
        bool ok = lesson.id.size() <= 64;
        for (char c : lesson.id)
            ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_');
        if (!ok) {
            ck.error(posOf(*root.get("id")), "E_BAD_VALUE",
                     "id '" + lesson.id + "' must be 1 to 64 letters, digits, '-' or '_'");
            lesson.id.clear();
        }
    }
    lesson.title = ck.string(root, "title", true, "a lesson", top).value_or("");
    lesson.order = int(ck.number(root, "order", true, "a lesson", top, -1e6, 1e6).value_or(0));
    lesson.summary = ck.string(root, "summary", false, "", top).value_or("");
    if (const toml::node* pn = root.get("prerequisites")) {
        const toml::array* a = pn->as_array();
        if (!a)
            ck.error(posOf(*pn), "E_WRONG_TYPE", "'prerequisites' must be a list of lesson ids");
        else
            for (const toml::node& p : *a) {
                if (!p.is_string()) {
                    ck.error(posOf(p), "E_WRONG_TYPE", "each prerequisite must be a lesson id");
                    continue;
                }
                lesson.prerequisites.push_back(p.as_string()->get());
                lesson.prerequisitePos.push_back(posOf(p));
            }
    }
    const toml::node* sn = root.get("steps");
    const toml::array* steps = sn ? sn->as_array() : nullptr;
    if (!sn) {
        ck.error(top, "E_MISSING_FIELD", "a lesson needs at least one [[steps]] table");
    } else if (!steps || steps->empty()) {
        ck.error(posOf(*sn), "E_WRONG_TYPE", "'steps' must be one or more [[steps]] tables");
    } else if (int(steps->size()) > kMaxSteps) {
        ck.error(posOf(*sn), "E_OUT_OF_RANGE",
                 "a lesson may have at most " + std::to_string(kMaxSteps) + " steps, this has " +
                     std::to_string(steps->size()));
    } else {
        int index = 1;
        for (const toml::node& s : *steps) {
            const toml::table* st = s.as_table();
            if (!st) {
                ck.error(posOf(s), "E_WRONG_TYPE", "each step must be a [[steps]] table");
                continue;
            }
            if (auto step = readStep(*st, index++, ck, read, options))
                lesson.steps.push_back(std::move(*step));
        }
    }
    if (result.errors.empty()) result.lesson = std::move(lesson);
    return result;
}

std::string applyStep(const Step& step, scenes::Scene& scene) {
    for (const auto& [name, value] : step.params)
        if (std::string why = scene.setParam(name, value); !why.empty()) return why;
    if (step.duration)
        if (std::string why = scene.setParam("duration", *step.duration); !why.empty()) return why;
    return {};
}

} // namespace linscape::lessons
